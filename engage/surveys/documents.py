"""A survey as one JSON document: its structure and every translation, for sharing.

``survey_document`` and ``survey_from_document`` are inverses: exporting a survey and
importing the document gives the same survey (under a new link if the old one is taken).
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from engage.core import audit
from engage.core.models import AuditAction
from engage.surveys.models import Survey
from engage.surveys.services import (
    ChoiceInput,
    QuestionInput,
    SurveyRefused,
    add_question,
    check_questions,
    create_survey,
)

FORMAT = "engage.survey/1"


def survey_document(survey: Survey) -> dict[str, Any]:
    version = survey.current
    return {
        "format": FORMAT,
        "slug": survey.slug,
        "base_language": survey.base_language,
        "languages": list(survey.languages),
        "is_priority_setting": survey.is_priority_setting,
        "title": dict(version.title),
        "intro": dict(version.intro),
        "thank_you": dict(version.thank_you),
        "questions": [
            {
                "key": question.key,
                "type": question.type,
                "required": question.required,
                "text": dict(question.text),
                "help": dict(question.help),
                "settings": dict(question.settings),
                "show_if": dict(question.show_if) if question.show_if else None,
                "choices": [
                    {"key": c.key, "text": dict(c.text), "is_priority": c.is_priority}
                    for c in question.choices
                ],
            }
            for question in version.questions
        ],
    }


def export_survey(survey: Survey) -> dict[str, Any]:
    """The survey's document, with the download in the audit trail: it leaves the system."""
    audit.record(
        AuditAction.EXPORT,
        "survey",
        survey.id,
        {"format": FORMAT, "version": survey.current.number},
    )
    return survey_document(survey)


def _texts(value: Any) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise SurveyRefused(_("The file is not an engage survey: texts must be language → text."))
    return value


def _question_input(item: Any) -> QuestionInput:
    if not isinstance(item, dict):
        raise SurveyRefused(_("The file is not an engage survey export."))
    choices = item.get("choices") or []
    if not isinstance(choices, list) or not all(isinstance(c, dict) for c in choices):
        raise SurveyRefused(_("The file is not an engage survey export."))
    show_if = item.get("show_if") or None
    if show_if is not None and not isinstance(show_if, dict):
        raise SurveyRefused(_("The file is not an engage survey export."))
    return QuestionInput(
        key=str(item.get("key", "")),
        type=str(item.get("type", "")),
        text=_texts(item.get("text")),
        required=bool(item.get("required")),
        help=_texts(item.get("help")),
        settings=dict(item.get("settings") or {}),
        show_if=show_if,
        choices=[
            ChoiceInput(
                str(choice.get("key", "")),
                _texts(choice.get("text")),
                bool(choice.get("is_priority")),
            )
            for choice in choices
        ],
    )


def survey_from_document(document: Any, slug: str | None = None) -> Survey:
    """Create a draft survey from a document; :class:`SurveyRefused` if it does not fit.

    All or nothing: every question is checked before the survey is created, so a refused
    file leaves no half-imported survey in the session (a savepoint would not do: on
    SQLite, releasing the first savepoint of a transaction commits it).
    """
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise SurveyRefused(_("The file is not an engage survey export."))
    try:
        raw_languages = document.get("languages") or []
        if not isinstance(raw_languages, list):
            raise SurveyRefused(_("The file is not an engage survey export."))
        languages = [str(code) for code in raw_languages]
        base_language = str(document.get("base_language", "en"))
        raw_questions = document.get("questions") or []
        if not isinstance(raw_questions, list):
            raise SurveyRefused(_("The file is not an engage survey export."))
        questions = [_question_input(item) for item in raw_questions]
        offered = list(dict.fromkeys([base_language, *languages]))
        check_questions(base_language, offered, questions)
        survey = create_survey(
            slug or str(document.get("slug", "")),
            _texts(document.get("title")),
            base_language=base_language,
            languages=languages,
            intro=_texts(document.get("intro")),
            thank_you=_texts(document.get("thank_you")),
            is_priority_setting=bool(document.get("is_priority_setting")),
        )
        for data in questions:
            add_question(survey, data)
    except (TypeError, AttributeError, ValueError) as error:
        raise SurveyRefused(_("The file is not an engage survey export.")) from error
    return survey
