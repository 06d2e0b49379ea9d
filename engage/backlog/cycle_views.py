"""Pages for an item's PDSA cycles and measures: add, edit, record data, import CSV files.

Staff and the lead edit; everyone who can read the item sees its cycles and run charts
(the item page's section is registered with :func:`item_section`). Every refusal answers
400 with the reason and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response as BaseResponse

from engage.auth.roles import Role
from engage.backlog import bp, cycles, measures, services
from engage.backlog.cycle_forms import (
    CycleForm,
    DeletePointForm,
    ImportForm,
    MeasureForm,
    PointForm,
)
from engage.backlog.labels import DECISION_LABELS, DIRECTION_LABELS
from engage.backlog.measure_charts import chart_view
from engage.backlog.models import Direction, ImprovementItem, Measure, PdsaCycle
from engage.backlog.pdsa_files import CYCLES_EXAMPLE, POINTS_EXAMPLE, CycleRecord
from engage.backlog.views import item_section
from engage.core.access import roles_required
from engage.core.uploads import file_or_pasted_rows
from engage.extensions import db

EDITORS = (Role.ADMIN, Role.STAFF)


def point_form(measure: Measure) -> PointForm:
    # One form per measure on the item page, so each gets its own field ids.
    return PointForm(prefix=f"m{measure.id}")


@item_section
def pdsa_section(item: ImprovementItem) -> dict[str, Any]:
    """The item page's cycles and measures, each measure with its run chart."""
    return {
        "decision_labels": DECISION_LABELS,
        "direction_labels": DIRECTION_LABELS,
        "measure_views": [chart_view(measure) for measure in item.measures],
        "point_forms": {measure.id: point_form(measure) for measure in item.measures},
    }


def _item(item_id: int) -> ImprovementItem:
    return services.find_item(item_id) or abort(404)


def _measure(item: ImprovementItem, measure_id: int) -> Measure:
    return measures.find_measure(item, measure_id) or abort(404)


def _back(item: ImprovementItem, anchor: str) -> BaseResponse:
    return redirect(url_for("backlog.show", item_id=item.id) + anchor)


def _submit(
    form: FlaskForm,
    item: ImprovementItem,
    change: Callable[[], tuple[str, str]],
    invalid: str | None = None,
) -> BaseResponse | None:
    """Apply a posted form's ``change`` as this request's unit of work, then go back.

    ``change`` returns what to tell the editor and where on the item page to go back to.
    Invalid fields (``invalid`` says so at the top) or a refusal, rolled back, leave the
    form to be shown again: None.
    """
    if not form.validate_on_submit():
        if request.method == "POST":
            form.form_errors.append(invalid or _("Correct the fields marked below."))
        return None
    try:
        done, anchor = change()
    except services.BacklogRefused as refused:
        db.session.rollback()
        form.form_errors.append(str(refused))
        return None
    db.session.commit()
    flash(done, "success")
    return _back(item, anchor)


# ---- PDSA cycles ----------------------------------------------------------------------


def _record(form: CycleForm) -> CycleRecord:
    return CycleRecord(
        question=form.question.data or "",
        prediction=form.prediction.data or "",
        plan_on=form.plan_on.data,
        done=form.done.data or "",
        done_on=form.done_on.data,
        study=form.study.data or "",
        decision=form.decision.data or None,
        decided_on=form.decided_on.data,
    )


def _cycle_page(form: CycleForm, item: ImprovementItem, cycle: PdsaCycle | None) -> tuple[str, int]:
    status = 400 if form.errors or form.form_errors else 200
    return render_template("backlog/cycle_form.html", form=form, item=item, cycle=cycle), status


@bp.route("/<int:item_id>/cycles/new", methods=["GET", "POST"])
@roles_required(*EDITORS)
def new_cycle(item_id: int) -> tuple[str, int] | BaseResponse:
    item = _item(item_id)
    form = CycleForm()

    def add() -> tuple[str, str]:
        cycle = cycles.add_cycle(item, _record(form), current_user.id)
        return _("PDSA cycle %(number)d added.", number=cycle.number), f"#cycle-{cycle.number}"

    saved = _submit(form, item, add)
    return saved if saved is not None else _cycle_page(form, item, None)


@bp.route("/<int:item_id>/cycles/<int:number>/edit", methods=["GET", "POST"])
@roles_required(*EDITORS)
def edit_cycle(item_id: int, number: int) -> tuple[str, int] | BaseResponse:
    item = _item(item_id)
    cycle = cycles.find_cycle(item, number) or abort(404)
    form = CycleForm(obj=cycle) if request.method == "GET" else CycleForm()
    if request.method == "GET":
        form.decision.data = cycle.decision.value if cycle.decision else ""

    def save() -> tuple[str, str]:
        cycles.update_cycle(cycle, _record(form), current_user.id)
        return _("PDSA cycle %(number)d saved.", number=cycle.number), f"#cycle-{cycle.number}"

    saved = _submit(form, item, save)
    return saved if saved is not None else _cycle_page(form, item, cycle)


def _import_page(
    item_id: int, kind: str, run: Callable[[ImprovementItem, bytes], str]
) -> tuple[str, int] | BaseResponse:
    """Import cycles or data points from a CSV file or pasted rows: all of them, or none.

    ``run`` imports and returns what to tell the editor; a refused file shows its problems.
    """
    item = _item(item_id)
    form = ImportForm()
    problems: list[str] = []
    if (
        form.validate_on_submit()
        and (raw := file_or_pasted_rows(form.file, form.text, form.form_errors)) is not None
    ):
        try:
            done = run(item, raw)
        except measures.ImportRefused as refused:
            db.session.rollback()
            form.form_errors.append(str(refused))
            problems = refused.problems
        else:
            db.session.commit()
            flash(done, "success")
            return _back(item, "#cycles" if kind == "cycles" else "#measures")
    status = 400 if form.errors or form.form_errors else 200
    example = CYCLES_EXAMPLE if kind == "cycles" else POINTS_EXAMPLE
    return render_template(
        "backlog/import.html", form=form, item=item, kind=kind, problems=problems, example=example
    ), status


@bp.route("/<int:item_id>/cycles/import", methods=["GET", "POST"])
@roles_required(*EDITORS)
def import_cycles(item_id: int) -> tuple[str, int] | BaseResponse:
    def run(item: ImprovementItem, raw: bytes) -> str:
        added = cycles.import_cycles(item, raw, current_user.id)
        return ngettext("%(num)d PDSA cycle imported.", "%(num)d PDSA cycles imported.", len(added))

    return _import_page(item_id, "cycles", run)


# ---- measures and data points ---------------------------------------------------------


def _measure_input(form: MeasureForm) -> measures.MeasureInput:
    return measures.MeasureInput(
        name=form.name.data or "",
        unit=form.unit.data or "",
        direction=Direction(form.direction.data),
        baseline=form.baseline.data,
    )


def _measure_page(
    form: MeasureForm, item: ImprovementItem, measure: Measure | None
) -> tuple[str, int]:
    status = 400 if form.errors or form.form_errors else 200
    return render_template(
        "backlog/measure_form.html", form=form, item=item, measure=measure
    ), status


@bp.route("/<int:item_id>/measures/new", methods=["GET", "POST"])
@roles_required(*EDITORS)
def new_measure(item_id: int) -> tuple[str, int] | BaseResponse:
    item = _item(item_id)
    form = MeasureForm()

    def add() -> tuple[str, str]:
        measure = measures.add_measure(item, _measure_input(form))
        return _("Measure added. Record its first data points."), f"#measure-{measure.id}"

    saved = _submit(form, item, add)
    return saved if saved is not None else _measure_page(form, item, None)


@bp.route("/<int:item_id>/measures/<int:measure_id>/edit", methods=["GET", "POST"])
@roles_required(*EDITORS)
def edit_measure(item_id: int, measure_id: int) -> tuple[str, int] | BaseResponse:
    item = _item(item_id)
    measure = _measure(item, measure_id)
    form = MeasureForm(obj=measure) if request.method == "GET" else MeasureForm()
    if request.method == "GET":
        form.direction.data = measure.direction.value

    def save() -> tuple[str, str]:
        measures.update_measure(measure, _measure_input(form))
        return _("Measure saved."), f"#measure-{measure.id}"

    saved = _submit(form, item, save)
    return saved if saved is not None else _measure_page(form, item, measure)


@bp.route("/<int:item_id>/measures/<int:measure_id>/points", methods=["GET", "POST"])
@roles_required(*EDITORS)
def add_point(item_id: int, measure_id: int) -> tuple[str, int] | BaseResponse:
    """Record one data point; the item page posts here, and a refusal shows this page."""
    item = _item(item_id)
    measure = _measure(item, measure_id)
    form = point_form(measure)

    def record() -> tuple[str, str]:
        point, updated = measures.record_point(measure, form.on.data or "", form.value.data or "")
        if updated:
            message = _(
                "%(date)s was already recorded; its value is now %(value)s.",
                date=point.on.isoformat(),
                value=form.value.data,
            )
        else:
            message = _("Data point added.")
        return message, f"#measure-{measure.id}"

    saved = _submit(form, item, record, invalid=_("Give a date and a value."))
    if saved is not None:
        return saved
    status = 400 if form.errors or form.form_errors else 200
    return render_template(
        "backlog/points.html",
        form=form,
        item=item,
        measure=measure,
        view=chart_view(measure),
        delete_form=DeletePointForm(),
    ), status


@bp.route("/<int:item_id>/measures/<int:measure_id>/points/<int:point_id>/delete", methods=["POST"])
@roles_required(*EDITORS)
def delete_point(item_id: int, measure_id: int, point_id: int) -> BaseResponse:
    item = _item(item_id)
    measure = _measure(item, measure_id)
    if not DeletePointForm().validate_on_submit():
        abort(400)
    try:
        point = measures.delete_point(measure, point_id)
    except services.BacklogRefused:
        db.session.rollback()
        abort(404)
    db.session.commit()
    flash(_("The data point of %(date)s was removed.", date=point.on.isoformat()), "success")
    return redirect(url_for("backlog.add_point", item_id=item.id, measure_id=measure.id))


@bp.route("/<int:item_id>/measures/import", methods=["GET", "POST"])
@roles_required(*EDITORS)
def import_points(item_id: int) -> tuple[str, int] | BaseResponse:
    def run(item: ImprovementItem, raw: bytes) -> str:
        result = measures.import_points(item, raw)
        return _(
            "Data points imported: %(added)d added, %(updated)d dates updated.",
            added=result.added,
            updated=result.updated,
        )

    return _import_page(item_id, "points", run)
