"""The engagement lead's side of training: write modules and quizzes, assign them, and
read and export completion. Every page here is for admins only.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date

import sqlalchemy as sa
from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse

from engage.auth.models import User
from engage.auth.roles import ROLE_LABELS, Role
from engage.core.access import roles_required
from engage.core.i18n import LANGUAGE_NAMES, offered_languages
from engage.extensions import db
from engage.people.services import list_sites
from engage.training import assignments, bp, reports, services
from engage.training.forms import (
    AssignmentForm,
    ConfirmForm,
    ModuleForm,
    QuestionForm,
    module_form_class,
    question_form_class,
)
from engage.training.models import Assignment, QuizQuestion, TrainingModule

ADMIN = Role.ADMIN
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _languages() -> list[str]:
    return offered_languages()


def _put_error(
    form: ModuleForm | QuestionForm | AssignmentForm, refused: services.TrainingRefused
) -> None:
    """The refusal goes on the field it concerns (English texts on the English fieldset)."""
    name = refused.field_name or ""
    target = None
    if name in ("title", "summary", "body", "text", "explanation") and "texts_en" in form:
        target = form["texts_en"][name]
    elif name and name != "choices" and name in form:
        target = form[name]
    # Answers' problems, and those of no one field, go at the top of the form.
    (target.errors if target is not None else form.form_errors).append(str(refused))


def _module_or_404(slug: str) -> TrainingModule:
    return services.find_module(slug) or abort(404)


@bp.route("/manage")
@roles_required(ADMIN)
def manage() -> str:
    modules = services.list_modules(published_only=False)
    return render_template("training/manage.html", modules=modules)


def _module_form_page(form: ModuleForm, module: TrainingModule | None) -> tuple[str, int]:
    status = 400 if form.errors or form.form_errors else 200
    return render_template(
        "training/module_form.html",
        form=form,
        module=module,
        languages=_languages(),
        language_names=LANGUAGE_NAMES,
    ), status


def _submit(
    form: ModuleForm | QuestionForm | AssignmentForm, change: Callable[[], tuple[str, str]]
) -> BaseResponse | None:
    """Apply a posted form's ``change`` as this request's unit of work, then move on.

    ``change`` returns what to tell the lead and the page to go to next. Invalid fields or
    a refusal (rolled back, and put on the field it concerns) leave the form to be shown
    again: None.
    """
    if not form.validate_on_submit():
        return None
    try:
        done, next_url = change()
    except services.TrainingRefused as refused:
        db.session.rollback()
        _put_error(form, refused)
        return None
    db.session.commit()
    flash(done, "success")
    return redirect(next_url)


def _module_url(module: TrainingModule) -> str:
    return url_for("training.edit_module", slug=module.slug)


@bp.route("/new", methods=["GET", "POST"])
@roles_required(ADMIN)
def new_module() -> tuple[str, int] | BaseResponse:
    languages = _languages()
    form = module_form_class(tuple(languages))()

    def create() -> tuple[str, str]:
        module = services.create_module(form.module_input(languages))
        return _("Module created. Now add its quiz questions."), _module_url(module)

    saved = _submit(form, create)
    return saved if saved is not None else _module_form_page(form, None)


@bp.route("/<slug>/edit", methods=["GET", "POST"])
@roles_required(ADMIN)
def edit_module(slug: str) -> tuple[str, int] | BaseResponse:
    module = _module_or_404(slug)
    languages = _languages()
    form = module_form_class(tuple(languages))()
    if request.method == "GET":
        form.fill_from(module, languages)

    def save() -> tuple[str, str]:
        services.update_module(module, form.module_input(languages))
        # The module's address as saved: the edit may have just changed it.
        return _("Module saved."), _module_url(module)

    saved = _submit(form, save)
    return saved if saved is not None else _module_form_page(form, module)


def _questions_url(module: TrainingModule) -> str:
    return url_for("training.edit_module", slug=module.slug, _anchor="questions")


def _question_page(
    module: TrainingModule,
    question: QuizQuestion | None,
    save: Callable[[services.QuestionInput], object],
    done: str,
) -> tuple[str, int] | BaseResponse:
    """Adding a question (``question`` is None) and editing one share form, checks and page."""
    languages = _languages()
    form = question_form_class(tuple(languages))()
    if request.method == "GET":
        form.fill_from(question, languages)

    def apply() -> tuple[str, str]:
        save(form.question_input(languages))
        return done, _questions_url(module)

    saved = _submit(form, apply)
    if saved is not None:
        return saved
    status = 400 if form.errors or form.form_errors else 200
    return render_template(
        "training/question_form.html",
        form=form,
        module=module,
        question_id=question.id if question else None,
        languages=languages,
        language_names=LANGUAGE_NAMES,
    ), status


@bp.route("/<slug>/questions/new", methods=["GET", "POST"])
@roles_required(ADMIN)
def new_question(slug: str) -> tuple[str, int] | BaseResponse:
    module = _module_or_404(slug)
    return _question_page(
        module,
        None,
        lambda details: services.add_question(module, details),
        _("Question added."),
    )


@bp.route("/<slug>/questions/<int:question_id>", methods=["GET", "POST"])
@roles_required(ADMIN)
def edit_question(slug: str, question_id: int) -> tuple[str, int] | BaseResponse:
    module = _module_or_404(slug)
    question = services.find_question(module, question_id) or abort(404)
    return _question_page(
        module,
        question,
        lambda details: services.update_question(question, details),
        _("Question saved."),
    )


@bp.route("/<slug>/questions/<int:question_id>/delete", methods=["GET", "POST"])
@roles_required(ADMIN)
def delete_question(slug: str, question_id: int) -> tuple[str, int] | BaseResponse:
    module = _module_or_404(slug)
    question = services.find_question(module, question_id) or abort(404)
    form = ConfirmForm()
    message = None
    if form.validate_on_submit():
        try:
            services.delete_question(question)
        except services.TrainingRefused as refused:
            db.session.rollback()
            message = str(refused)
        else:
            db.session.commit()
            flash(_("Question deleted."), "success")
            return redirect(_questions_url(module))
    return render_template(
        "training/delete_question.html",
        module=module,
        question=question,
        form=form,
        message=message,
    ), 400 if message else 200


# --- assignments ----------------------------------------------------------------------------


def _assignment_form() -> AssignmentForm:
    form = AssignmentForm()
    blank = [("", "—")]
    form.module_id.choices = [("", _("Choose a module"))] + [
        (str(m.id), m.title_in(str(get_locale() or "en"))) for m in services.list_modules()
    ]
    form.role.choices = blank + [(role.value, str(label)) for role, label in ROLE_LABELS.items()]
    form.site_id.choices = blank + [(str(site.id), site.name) for site in list_sites()]
    people = db.session.scalars(sa.select(User).where(User.active.is_(True)).order_by(User.name))
    form.user_id.choices = blank + [(str(u.id), f"{u.name} ({u.email})") for u in people]
    return form


def _assignment_input(form: AssignmentForm) -> assignments.AssignmentInput:
    def number(value: str | None) -> int | None:
        return int(value) if value else None

    return assignments.AssignmentInput(
        module_id=number(form.module_id.data),
        due_on=form.due_on.data,
        role=Role(form.role.data) if form.role.data else None,
        site_id=number(form.site_id.data),
        user_id=number(form.user_id.data),
    )


@bp.route("/assignments", methods=["GET", "POST"])
@roles_required(ADMIN)
def assignment_list() -> tuple[str, int] | BaseResponse:
    form = _assignment_form()

    def assign() -> tuple[str, str]:
        assignments.add_assignment(_assignment_input(form))
        return _("Training assigned."), url_for("training.assignment_list")

    saved = _submit(form, assign)
    if saved is not None:
        return saved
    status = 400 if form.errors or form.form_errors else 200
    return render_template(
        "training/assignments.html",
        form=form,
        assignments=assignments.list_assignments(),
        remove_form=ConfirmForm(),
        today=assignments.clinic_today(),
    ), status


@bp.route("/assignments/<int:assignment_id>/delete", methods=["POST"])
@roles_required(ADMIN)
def remove_assignment(assignment_id: int) -> BaseResponse:
    assignment = db.session.get(Assignment, assignment_id) or abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    assignments.remove_assignment(assignment)
    db.session.commit()
    flash(_("Assignment removed."), "success")
    return redirect(url_for("training.assignment_list"))


# --- the report -----------------------------------------------------------------------------


def _report(today: date | None = None) -> reports.CompletionReport:
    return reports.completion_report(str(get_locale() or "en"), today or assignments.clinic_today())


@bp.route("/report")
@roles_required(ADMIN)
def report() -> str:
    return render_template("training/report.html", report=_report())


@bp.route("/report.csv")
@roles_required(ADMIN)
def report_csv() -> Response:
    report = _report()
    reports.record_export("csv", len(report.rows))
    db.session.commit()
    return Response(
        reports.write_csv(report),
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=training-completion.csv"},
    )


@bp.route("/report.xlsx")
@roles_required(ADMIN)
def report_xlsx() -> Response:
    report = _report()
    reports.record_export("xlsx", len(report.rows))
    db.session.commit()
    target = io.BytesIO()
    reports.write_xlsx(report, target)
    return Response(
        target.getvalue(),
        mimetype=XLSX_MIMETYPE,
        headers={"Content-Disposition": "attachment; filename=training-completion.xlsx"},
    )
