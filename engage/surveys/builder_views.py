"""The survey builder: the list of surveys, a new survey, the editor, opening, sharing.

Only the engagement lead (admin) builds surveys. Every change goes through
``engage.surveys.services``, which makes a new version once anyone has answered; the
view commits, or rolls back and shows the service's message. The question form is in
``question_views``, the translation screen in ``translate_views``.
"""

from __future__ import annotations

import json

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse

from engage.auth.roles import Role
from engage.core.access import roles_required
from engage.core.i18n import LANGUAGE_NAMES, language_choices
from engage.extensions import db
from engage.surveys import builder_bp, services
from engage.surveys.builder_forms import ImportSurveyForm, NewSurveyForm, SurveyTextsForm
from engage.surveys.documents import export_survey, survey_from_document
from engage.surveys.labels import STATUS_LABELS, TYPE_LABELS
from engage.surveys.models import Question, Survey, SurveyVersion, pick
from engage.surveys.services import SurveyRefused


def find_survey_or_404(slug: str) -> Survey:
    survey = services.find_survey(slug)
    if survey is None:
        abort(404)
    return survey


def condition_summary(question: Question, version: SurveyVersion, language: str) -> str:
    """'Shown if q2 is “Yes”': a condition in words, with the answer as people read it."""
    condition = question.show_if
    if not condition:
        return ""
    target = next((q for q in version.questions if q.key == condition.get("question")), None)
    value = str(condition.get("value", ""))
    answer = value
    if target is not None and target.type == "yes_no":
        answer = _("Yes") if value == "yes" else _("No")
    elif target is not None and target.type == "likert" and value.isdigit():
        points = [pick(choice.text, language) for choice in target.choices]
        point = int(value)
        answer = f"{point} ({points[point - 1]})" if 1 <= point <= len(points) else value
    elif target is not None:
        labels = {choice.key: pick(choice.text, language) for choice in target.choices}
        answer = labels.get(value, value)
    key = str(condition.get("question", ""))
    if condition.get("operator") == "includes":
        return _("Shown if %(question)s includes “%(answer)s”", question=key, answer=answer)
    return _("Shown if %(question)s is “%(answer)s”", question=key, answer=answer)


@builder_bp.route("/")
@roles_required(Role.ADMIN)
def index() -> str:
    return render_template(
        "surveys/builder/index.html",
        surveys=services.list_surveys(),
        totals=services.response_totals(),
        status_labels=STATUS_LABELS,
        language_names=LANGUAGE_NAMES,
    )


@builder_bp.route("/new", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def new() -> tuple[str, int] | BaseResponse:
    form = NewSurveyForm()
    form.base_language.choices = language_choices()
    form.languages.choices = language_choices()
    if request.method == "GET":
        form.base_language.data = "en"
        form.languages.data = ["en"]
    if form.validate_on_submit():
        base = form.base_language.data or "en"
        try:
            survey = services.create_survey(
                form.slug.data or "",
                {base: form.title.data or ""},
                base_language=base,
                languages=list(form.languages.data or []),
                intro={base: form.intro.data or ""},
                thank_you={base: form.thank_you.data or ""},
                is_priority_setting=bool(form.is_priority_setting.data),
            )
        except SurveyRefused as refused:
            db.session.rollback()
            form.form_errors.append(str(refused))
        else:
            db.session.commit()
            flash(_("Survey created. Now add its questions."), "success")
            return redirect(url_for("surveys.editor", slug=survey.slug))
    status = 400 if form.errors or form.form_errors else 200
    return render_template("surveys/builder/new.html", form=form), status


def _texts_form(survey: Survey, submitted: bool) -> SurveyTextsForm:
    """The texts form as posted (``submitted``) or as the survey stands."""
    form = SurveyTextsForm() if submitted else SurveyTextsForm(formdata=None)
    form.languages.choices = language_choices()
    if not submitted:
        version, base = survey.current, survey.base_language
        form.title.data = version.title.get(base, "")
        form.intro.data = version.intro.get(base, "")
        form.thank_you.data = version.thank_you.get(base, "")
        form.languages.data = list(survey.languages)
    return form


def editor_page(
    survey: Survey, form: SurveyTextsForm | None = None, problem: str | None = None
) -> tuple[str, int]:
    """The editor, with ``problem`` (a refused change) shown at the top and a 400."""
    form = form or _texts_form(survey, submitted=False)
    version = survey.current
    base = survey.base_language
    languages = [
        (code, LANGUAGE_NAMES.get(code, code), len(services.missing_translations(survey, code)))
        for code in survey.languages
        if code != base
    ]
    status = 400 if problem or form.errors or form.form_errors else 200
    return render_template(
        "surveys/builder/editor.html",
        survey=survey,
        version=version,
        form=form,
        problem=problem,
        answered=services.response_count(version),
        languages=languages,
        base=base,
        summaries={q.key: condition_summary(q, version, base) for q in version.questions},
        type_labels=TYPE_LABELS,
        status_labels=STATUS_LABELS,
        language_names=LANGUAGE_NAMES,
        pick=pick,
    ), status


@builder_bp.route("/<slug>", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def editor(slug: str) -> tuple[str, int] | BaseResponse:
    survey = find_survey_or_404(slug)
    form = _texts_form(survey, submitted=request.method == "POST")
    if form.validate_on_submit():
        version, base = survey.current, survey.base_language
        try:
            services.set_languages(survey, list(form.languages.data or []))
            services.update_texts(
                survey,
                title=_with_base(version.title, base, form.title.data),
                intro=_with_base(version.intro, base, form.intro.data),
                thank_you=_with_base(version.thank_you, base, form.thank_you.data),
            )
        except SurveyRefused as refused:
            db.session.rollback()
            form.form_errors.append(str(refused))
        else:
            db.session.commit()
            flash(_("Survey saved."), "success")
            return redirect(url_for("surveys.editor", slug=survey.slug))
    return editor_page(survey, form)


def _with_base(texts: dict[str, str], base: str, value: str | None) -> dict[str, str]:
    """The form edits the base language; translations stay, unless the text is cleared."""
    value = (value or "").strip()
    return {**texts, base: value} if value else {}


@builder_bp.route("/<slug>/open", methods=["POST"])
@roles_required(Role.ADMIN)
def open_survey(slug: str) -> tuple[str, int] | BaseResponse:
    survey = find_survey_or_404(slug)
    try:
        services.open_survey(survey)
    except SurveyRefused as refused:
        db.session.rollback()
        return editor_page(survey, problem=str(refused))
    db.session.commit()
    flash(_("The survey is open: people can answer it now."), "success")
    return redirect(url_for("surveys.editor", slug=survey.slug))


@builder_bp.route("/<slug>/close", methods=["POST"])
@roles_required(Role.ADMIN)
def close_survey(slug: str) -> BaseResponse:
    survey = find_survey_or_404(slug)
    services.close_survey(survey)
    db.session.commit()
    flash(_("The survey is closed: its links now say so."), "success")
    return redirect(url_for("surveys.editor", slug=survey.slug))


@builder_bp.route("/<slug>/export.json")
@roles_required(Role.ADMIN)
def export_json(slug: str) -> BaseResponse:
    survey = find_survey_or_404(slug)
    document = export_survey(survey)
    db.session.commit()  # the export is in the audit trail
    return Response(
        json.dumps(document, ensure_ascii=False, indent=2),
        mimetype="application/json",
        headers={"Content-Disposition": f"attachment; filename={survey.slug}.json"},
    )


@builder_bp.route("/import", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def import_json() -> tuple[str, int] | BaseResponse:
    form = ImportSurveyForm()
    if form.validate_on_submit():
        try:
            document = json.loads(form.file.data.read())
        except (ValueError, RecursionError):  # not UTF-8, or not JSON
            form.file.errors.append(
                _("This file is not valid JSON. Choose a survey file exported from engage.")
            )
        else:
            try:
                survey = survey_from_document(document, slug=(form.slug.data or "").strip() or None)
            except SurveyRefused as refused:
                db.session.rollback()
                form.form_errors.append(str(refused))
            else:
                db.session.commit()
                flash(_("Survey imported as a draft."), "success")
                return redirect(url_for("surveys.editor", slug=survey.slug))
    status = 400 if form.errors or form.form_errors else 200
    return render_template("surveys/builder/import.html", form=form), status
