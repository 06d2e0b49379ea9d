"""The priority list, patients' ideas tagged to it, and the clinic's panel.

The lead keeps the list and the panel; staff tag ideas; the board reads the list.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response as BaseResponse

from engage.auth.roles import Role
from engage.core.access import roles_required
from engage.core.i18n import LANGUAGE_NAMES, offered_languages
from engage.core.uploads import file_or_pasted_rows
from engage.extensions import db
from engage.priorities import bp, items, panel
from engage.priorities.forms import (
    ConfirmForm,
    IdeaItemForm,
    IdeaTagForm,
    ImportanceForm,
    PanelForm,
    item_form,
)
from engage.priorities.labels import ORIGIN_LABELS
from engage.priorities.models import PriorityItem, PriorityOrigin
from engage.priorities.panel_file import EXAMPLE
from engage.surveys.models import Question, Survey
from engage.surveys.services import find_survey

EVERYONE = (Role.ADMIN, Role.STAFF, Role.BOARD)
STAFF_AND_ADMIN = (Role.ADMIN, Role.STAFF)
IDEAS_PER_PAGE = 50


def _language() -> str:
    return str(get_locale() or "en")


@bp.route("/items", endpoint="items")
@roles_required(*EVERYONE)
def items_page() -> str:
    return render_template(
        "priorities/items.html",
        items=items.list_items(),
        surveys=items.priority_surveys(),
        ideas=items.tagged_idea_counts(),
        origins=ORIGIN_LABELS,
        confirm=ConfirmForm(),
        language=_language(),
    )


@bp.route("/items/from-survey/<slug>", methods=["POST"])
@roles_required(Role.ADMIN)
def add_survey_choices(slug: str) -> BaseResponse:
    survey = find_survey(slug) or abort(404)
    if not ConfirmForm().validate_on_submit() or not survey.is_priority_setting:
        abort(400)
    created = items.add_survey_choices(survey, current_user.id)
    db.session.commit()
    flash(_("%(count)d priorities added from the survey.", count=len(created)), "success")
    return redirect(url_for("priorities.items"))


def _texts(form: object, prefix: str, languages: list[str]) -> dict[str, str]:
    return {code: getattr(form, f"{prefix}_{code}").data or "" for code in languages}


def _question_label(survey: Survey, question: Question) -> str:
    language = _language()
    wording = question.text.get(language) or question.text.get("en") or question.key
    return f"{survey.title(language)}: {wording}"


def _item_page(form: object, item: PriorityItem | None, status: int) -> tuple[str, int]:
    importance = None
    if item is not None:
        importance = ImportanceForm()
        importance.question.choices = [
            (f"{survey.slug}:{question.key}", _question_label(survey, question))
            for survey in items.priority_surveys()
            for question in items.likert_questions(survey)
        ]
    return render_template(
        "priorities/item_form.html",
        form=form,
        item=item,
        importance=importance,
        languages=offered_languages(),
        language_names=LANGUAGE_NAMES,
        language=_language(),
    ), status


@bp.route("/items/new", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def new_item() -> tuple[str, int] | BaseResponse:
    languages = offered_languages()
    form = item_form(languages)
    if form.validate_on_submit():
        try:
            item = items.create_item(
                _texts(form, "title", languages),
                _texts(form, "description", languages),
                PriorityOrigin.BOARD_PROPOSAL,
                user_id=current_user.id,
            )
        except items.PriorityRefused as refused:
            db.session.rollback()
            form.form_errors.append(str(refused))
        else:
            db.session.commit()
            flash(_("Priority added."), "success")
            return redirect(url_for("priorities.edit_item", item_id=item.id))
    return _item_page(form, None, 400 if form.errors or form.form_errors else 200)


@bp.route("/items/<int:item_id>", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def edit_item(item_id: int) -> tuple[str, int] | BaseResponse:
    item = items.find_item(item_id) or abort(404)
    languages = offered_languages()
    data = {f"title_{code}": item.title.get(code, "") for code in languages}
    data |= {f"description_{code}": item.description.get(code, "") for code in languages}
    form = item_form(languages, data=None if request.method == "POST" else data)
    if form.validate_on_submit():
        try:
            items.update_item(
                item, _texts(form, "title", languages), _texts(form, "description", languages)
            )
        except items.PriorityRefused as refused:
            db.session.rollback()
            form.form_errors.append(str(refused))
        else:
            db.session.commit()
            flash(_("Priority saved."), "success")
            return redirect(url_for("priorities.items"))
    return _item_page(form, item, 400 if form.errors or form.form_errors else 200)


@bp.route("/items/<int:item_id>/importance", methods=["POST"])
@roles_required(Role.ADMIN)
def link_importance(item_id: int) -> tuple[str, int] | BaseResponse:
    item = items.find_item(item_id) or abort(404)
    form = ImportanceForm()
    slug, _sep, key = (form.question.data or "").partition(":")
    survey = find_survey(slug)
    if not ConfirmForm().validate_on_submit() or survey is None:
        abort(400)
    try:
        items.link_importance(item, survey, key)
    except items.PriorityRefused as refused:
        db.session.rollback()
        flash(str(refused), "error")
    else:
        db.session.commit()
        flash(_("The rating question now measures this priority's importance."), "success")
    return redirect(url_for("priorities.edit_item", item_id=item.id))


# ---- patients' ideas ---------------------------------------------------------------------


@bp.route("/ideas")
@roles_required(*STAFF_AND_ADMIN)
def ideas() -> str:
    surveys = items.priority_surveys()
    slug = request.args.get("survey")
    survey = next((s for s in surveys if s.slug == slug), surveys[0] if surveys else None)
    if slug and (survey is None or survey.slug != slug):
        abort(404)
    all_items = items.list_items()
    answers = items.idea_answers(survey) if survey else []
    untagged_only = request.args.get("untagged") == "1"
    if untagged_only:
        answers = [(answer, tags) for answer, tags in answers if not tags]
    page = max(1, request.args.get("page", 1, type=int))
    shown = answers[(page - 1) * IDEAS_PER_PAGE : page * IDEAS_PER_PAGE]
    tag_form = IdeaTagForm()
    tag_form.priority.choices = [(str(item.id), item.label(_language())) for item in all_items]
    return render_template(
        "priorities/ideas.html",
        survey=survey,
        surveys=surveys,
        answers=shown,
        total=len(answers),
        page=page,
        pages=max(1, -(-len(answers) // IDEAS_PER_PAGE)),
        untagged_only=untagged_only,
        items={item.id: item for item in all_items},
        tag_form=tag_form,
        new_form=IdeaItemForm(),
        confirm=ConfirmForm(),
        language=_language(),
    )


def _back_to_ideas() -> BaseResponse:
    target = request.form.get("next") or ""
    if not target.startswith("/priorities/ideas"):
        target = url_for("priorities.ideas")
    return redirect(target)


@bp.route("/ideas/tag", methods=["POST"])
@roles_required(*STAFF_AND_ADMIN)
def tag_idea() -> BaseResponse:
    form = IdeaTagForm()
    form.priority.choices = [(str(item.id), item.key) for item in items.list_items()]
    if not form.validate_on_submit():
        flash(_("Choose a priority to tag the idea with."), "error")
        return _back_to_ideas()
    item = items.find_item(int(form.priority.data)) or abort(404)
    try:
        items.tag_idea(form.answer_id.data or 0, item, current_user.id)
    except items.PriorityRefused as refused:
        db.session.rollback()
        flash(str(refused), "error")
    else:
        db.session.commit()
        flash(_("Idea tagged to “%(priority)s”.", priority=item.label(_language())), "success")
    return _back_to_ideas()


@bp.route("/ideas/<int:answer_id>/untag/<int:item_id>", methods=["POST"])
@roles_required(*STAFF_AND_ADMIN)
def untag_idea(answer_id: int, item_id: int) -> BaseResponse:
    item = items.find_item(item_id) or abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    items.untag_idea(answer_id, item)
    db.session.commit()
    flash(_("Tag removed."), "success")
    return _back_to_ideas()


@bp.route("/ideas/new-priority", methods=["POST"])
@roles_required(Role.ADMIN)
def idea_to_priority() -> BaseResponse:
    form = IdeaItemForm()
    if not form.validate_on_submit():
        flash(_("Give the new priority a title."), "error")
        return _back_to_ideas()
    try:
        item = items.item_from_idea(
            form.answer_id.data or 0, {"en": form.title.data or ""}, current_user.id
        )
    except items.PriorityRefused as refused:
        db.session.rollback()
        flash(str(refused), "error")
        return _back_to_ideas()
    db.session.commit()
    flash(_("New priority made from the idea. Add its translations."), "success")
    return redirect(url_for("priorities.edit_item", item_id=item.id))


# ---- the clinic's panel ------------------------------------------------------------------


@bp.route("/panel", methods=["GET", "POST"], endpoint="panel")
@roles_required(Role.ADMIN)
def panel_page() -> tuple[str, int] | BaseResponse:
    form = PanelForm()
    problems: list[str] = []
    if (
        form.validate_on_submit()
        and (raw := file_or_pasted_rows(form.file, form.text, form.file.errors)) is not None
    ):
        try:
            plan = panel.replace_panel(raw)
        except panel.PanelRefused as refused:
            db.session.rollback()
            form.form_errors.append(str(refused))
            problems = refused.problems
        else:
            db.session.commit()
            flash(
                _(
                    "Panel saved: %(strata)d strata, %(patients)d patients.",
                    strata=len(plan.strata),
                    patients=plan.total,
                ),
                "success",
            )
            return redirect(url_for("priorities.panel"))
    strata = panel.panel_strata()
    status = 400 if form.errors or form.form_errors else 200
    return render_template(
        "priorities/panel.html",
        form=form,
        problems=problems,
        strata=strata,
        total=sum(stratum.count for stratum in strata),
        example=EXAMPLE,
    ), status
