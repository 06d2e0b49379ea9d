"""Results and exports for staff: figures per question, free-text answers, CSV, Excel, FHIR.

Thin views: read the filter from the query string, ask ``result_rows`` for the rows,
``results`` for the figures, ``exports`` and ``fhir`` for the files. Every export is
in the audit trail, committed before the first byte of the file is sent.
"""

from __future__ import annotations

import io
import json

from flask import Response, abort, current_app, render_template, request, stream_with_context
from flask import send_file as flask_send_file
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response as BaseResponse

from engage.auth.roles import Role
from engage.core.access import roles_required
from engage.core.errors import EngageError
from engage.core.i18n import LANGUAGE_NAMES, offered_languages
from engage.extensions import db
from engage.surveys import exports, fhir, results_bp
from engage.surveys.labels import TYPE_LABELS
from engage.surveys.models import Channel, Survey
from engage.surveys.result_rows import (
    ResultFilter,
    answer_values,
    count_responses,
    survey_questions,
)
from engage.surveys.results import (
    SMALL_CELL,
    search_texts,
    summarise_question,
    summarise_survey,
)
from engage.surveys.services import find_survey

STAFF_AND_ADMIN = (Role.ADMIN, Role.STAFF)
CHANNEL_LABELS = {Channel.WEB: _l("Web"), Channel.SMS: _l("Text messages (SMS)")}
TEXTS_ON_SUMMARY = 3
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FHIR_JSON = "application/fhir+json"


class FilterRefused(EngageError):
    """The query string asks for a language or channel that does not exist."""


def _survey(slug: str) -> Survey:
    return find_survey(slug) or abort(404)


def _criteria(survey: Survey) -> ResultFilter:
    language = request.args.get("language") or None
    if language and language not in {*survey.languages, *offered_languages()}:
        raise FilterRefused(_("Choose one of the languages this survey is offered in."))
    channel = request.args.get("channel") or None
    if channel and channel not in {c.value for c in Channel}:
        raise FilterRefused(_("Choose web or text messages as the channel."))
    partial = request.args.get("partial", "") in ("1", "on", "true", "yes")
    return ResultFilter(language, Channel(channel) if channel else None, partial)


def _filter_args(criteria: ResultFilter) -> dict[str, str]:
    """The filter as query arguments, for links that keep it."""
    args = {}
    if criteria.language:
        args["language"] = criteria.language
    if criteria.channel:
        args["channel"] = criteria.channel.value
    if criteria.include_partial:
        args["partial"] = "1"
    return args


@results_bp.errorhandler(FilterRefused)
def filter_refused(refused: FilterRefused) -> tuple[str, int]:
    return render_template("core/error.html", code=400, message=str(refused)), 400


def _yes_no() -> dict[str, str]:
    return {"yes": _("Yes"), "no": _("No")}


@results_bp.route("/")
@roles_required(*STAFF_AND_ADMIN)
def index(slug: str) -> str:
    survey = _survey(slug)
    criteria = _criteria(survey)
    language = str(get_locale() or "en")
    respondents = count_responses(survey, criteria)
    answers = answer_values(survey, criteria) if respondents >= SMALL_CELL else {}
    figures = summarise_survey(
        survey_questions(survey),
        answers,
        respondents,
        language=language,
        base_language=survey.base_language,
        yes_no_labels=_yes_no(),
    )
    return render_template(
        "surveys/results/index.html",
        survey=survey,
        title=survey.title(language),
        results=figures,
        criteria=criteria,
        filter_args=_filter_args(criteria),
        languages=[(code, LANGUAGE_NAMES.get(code, code)) for code in survey.languages],
        channels=CHANNEL_LABELS,
        type_labels=TYPE_LABELS,
        language=language,
        small_cell=SMALL_CELL,
        texts_on_summary=TEXTS_ON_SUMMARY,
    )


@results_bp.route("/text/<key>")
@roles_required(*STAFF_AND_ADMIN)
def texts(slug: str, key: str) -> str:
    """Every free-text answer to one question, newest first, searchable, a page at a time."""
    survey = _survey(slug)
    criteria = _criteria(survey)
    question = next((q for q in survey_questions(survey) if q.key == key), None)
    if question is None or question.type != "text":
        abort(404)
    language = str(get_locale() or "en")
    respondents = count_responses(survey, criteria)
    values = []
    if respondents >= SMALL_CELL:
        values = answer_values(survey, criteria, keys=[key]).get((key, "text"), [])
    result = summarise_question(
        question, values, language=language, base_language=survey.base_language
    )
    query = request.args.get("q", "").strip()
    page = search_texts(result.texts, query, request.args.get("page", 1, type=int))
    return render_template(
        "surveys/results/texts.html",
        survey=survey,
        title=survey.title(language),
        question=question,
        wording=question.wording(language, survey.base_language),
        result=result,
        too_few=respondents < SMALL_CELL or result.too_few,
        query=query,
        page=page,
        filter_args=_filter_args(criteria),
        small_cell=SMALL_CELL,
    )


def _download_name(survey: Survey, labelled: bool, extension: str) -> str:
    return f"{survey.slug}-responses-{'labelled' if labelled else 'coded'}.{extension}"


def _attachment(filename: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{filename}"'}


def _labelled() -> bool:
    return request.args.get("labels", "") in ("1", "on", "true", "yes")


@results_bp.route("/export.csv")
@roles_required(*STAFF_AND_ADMIN)
def export_csv(slug: str) -> BaseResponse:
    survey = _survey(slug)
    plan = exports.plan_export(survey, _criteria(survey), "csv", _labelled())
    db.session.commit()
    return Response(
        stream_with_context(exports.csv_chunks(plan)),
        mimetype="text/csv",
        headers=_attachment(_download_name(survey, plan.labelled, "csv")),
    )


@results_bp.route("/export.xlsx")
@roles_required(*STAFF_AND_ADMIN)
def export_xlsx(slug: str) -> BaseResponse:
    survey = _survey(slug)
    plan = exports.plan_export(survey, _criteria(survey), "xlsx", _labelled())
    db.session.commit()
    buffer = io.BytesIO()
    exports.write_xlsx(plan, buffer)
    buffer.seek(0)
    return flask_send_file(
        buffer,
        mimetype=XLSX_TYPE,
        as_attachment=True,
        download_name=_download_name(survey, plan.labelled, "xlsx"),
    )


@results_bp.route("/fhir/questionnaire.json")
@roles_required(*STAFF_AND_ADMIN)
def fhir_questionnaire(slug: str) -> BaseResponse:
    survey = _survey(slug)
    resource = fhir.questionnaire(survey, current_app.config["ENGAGE_PUBLIC_URL"])
    exports.record_export(survey, "fhir-questionnaire", len(resource.get("item", [])))
    db.session.commit()
    return Response(
        json.dumps(resource, ensure_ascii=False, indent=2),
        mimetype=FHIR_JSON,
        headers=_attachment(f"{survey.slug}-questionnaire.json"),
    )


@results_bp.route("/fhir/responses.json")
@roles_required(*STAFF_AND_ADMIN)
def fhir_responses(slug: str) -> BaseResponse:
    survey = _survey(slug)
    plan = exports.plan_export(survey, _criteria(survey), "fhir-responses", labelled=False)
    db.session.commit()
    chunks = fhir.response_bundle_chunks(plan, current_app.config["ENGAGE_PUBLIC_URL"])
    return Response(
        stream_with_context(chunks),
        mimetype=FHIR_JSON,
        headers=_attachment(f"{survey.slug}-responses.json"),
    )
