"""The builder's question screens: add and edit a question, move it, delete it.

The form carries the base-language texts; ``services`` checks the rest (codes, the
type's settings, conditions on earlier questions) and refuses with a message that is
shown on the form, with nothing written.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse

from engage.auth.roles import Role
from engage.core.access import roles_required
from engage.extensions import db
from engage.surveys import builder_bp, services
from engage.surveys.builder_forms import QuestionForm
from engage.surveys.builder_views import editor_page, find_survey_or_404
from engage.surveys.models import Question, Survey, pick
from engage.surveys.question_types import question_type
from engage.surveys.services import SurveyRefused

# How far the select of earlier questions quotes each one.
QUOTE_LENGTH = 60


def _find_question_or_404(survey: Survey, key: str) -> Question:
    for question in survey.current.questions:
        if question.key == key:
            return question
    abort(404)


def _earlier_questions(survey: Survey, question: Question | None) -> list[Question]:
    """The questions a condition may depend on: those above this one."""
    questions = survey.current.questions
    if question is None:
        return list(questions)
    return [q for q in questions if q.position < question.position]


def _question_form(survey: Survey, question: Question | None) -> QuestionForm:
    form = QuestionForm()
    base = survey.base_language
    form.condition_question.choices = [("", _("No condition: always shown"))] + [
        (q.key, f"{q.key}: {pick(q.text, base)[:QUOTE_LENGTH]}")
        for q in _earlier_questions(survey, question)
    ]
    if question is not None and request.method == "GET":
        form.fill_from(question, base)
    return form


def _condition_values(survey: Survey, question: Question | None) -> list[tuple[str, str]]:
    """What a condition on each earlier question can wait for, as a hint under the form."""
    base = survey.base_language
    hints = []
    for earlier in _earlier_questions(survey, question):
        if earlier.type == "yes_no":
            values = ["yes", "no"]
        elif earlier.type == "likert":
            values = [str(point) for point in range(1, len(earlier.choices) + 1)]
        elif question_type(earlier.type).has_choices:
            values = [f"{c.key} ({pick(c.text, base)})" for c in earlier.choices]
        else:
            continue
        hints.append((earlier.key, ", ".join(values)))
    return hints


def _question_page(
    survey: Survey, form: QuestionForm, question: Question | None
) -> tuple[str, int]:
    status = 400 if form.errors or form.form_errors else 200
    return render_template(
        "surveys/builder/question.html",
        survey=survey,
        form=form,
        question=question,
        answered=services.response_count(survey.current),
        condition_values=_condition_values(survey, question),
    ), status


def _save(survey: Survey, form: QuestionForm, question: Question | None) -> bool:
    """Add or update through the service; on refusal roll back and show why on the form."""
    data = form.question_input(survey.base_language, question)
    try:
        if question is None:
            services.add_question(survey, data)
        else:
            services.update_question(survey, question.key, data)
    except SurveyRefused as refused:
        db.session.rollback()
        form.form_errors.append(str(refused))
        return False
    db.session.commit()
    return True


@builder_bp.route("/<slug>/questions/new", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def new_question(slug: str) -> tuple[str, int] | BaseResponse:
    survey = find_survey_or_404(slug)
    form = _question_form(survey, None)
    if form.validate_on_submit() and _save(survey, form, None):
        flash(_("Question added."), "success")
        return redirect(url_for("surveys.editor", slug=survey.slug, _anchor="questions"))
    return _question_page(survey, form, None)


@builder_bp.route("/<slug>/questions/<key>", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def edit_question(slug: str, key: str) -> tuple[str, int] | BaseResponse:
    survey = find_survey_or_404(slug)
    question = _find_question_or_404(survey, key)
    form = _question_form(survey, question)
    if form.validate_on_submit() and _save(survey, form, question):
        flash(_("Question saved."), "success")
        return redirect(url_for("surveys.editor", slug=survey.slug, _anchor="questions"))
    return _question_page(survey, form, question)


@builder_bp.route("/<slug>/questions/<key>/move", methods=["POST"])
@roles_required(Role.ADMIN)
def move_question(slug: str, key: str) -> tuple[str, int] | BaseResponse:
    survey = find_survey_or_404(slug)
    _find_question_or_404(survey, key)
    offset = request.form.get("direction", type=int)
    if offset not in (-1, 1):  # -1 moves up, 1 moves down
        abort(400)
    try:
        services.move_question(survey, key, offset)
    except SurveyRefused as refused:
        db.session.rollback()
        return editor_page(survey, problem=str(refused))
    db.session.commit()
    return redirect(url_for("surveys.editor", slug=survey.slug, _anchor=f"question-{key}"))


@builder_bp.route("/<slug>/questions/<key>/delete", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def delete_question(slug: str, key: str) -> tuple[str, int] | BaseResponse:
    survey = find_survey_or_404(slug)
    question = _find_question_or_404(survey, key)
    if request.method == "POST":
        try:
            services.delete_question(survey, key)
        except SurveyRefused as refused:
            db.session.rollback()
            return editor_page(survey, problem=str(refused))
        db.session.commit()
        flash(_("Question %(key)s deleted.", key=key), "success")
        return redirect(url_for("surveys.editor", slug=survey.slug, _anchor="questions"))
    return render_template(
        "surveys/builder/delete_question.html",
        survey=survey,
        question=question,
        answered=services.response_count(survey.current),
        text=pick(question.text, survey.base_language),
    ), 200
