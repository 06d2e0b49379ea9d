"""A survey as one JSON document: exported and imported again, it is the same survey.

A malformed file is refused as a whole, on SQLite and PostgreSQL: no survey, version,
question, choice or audit event is left behind, even if the caller commits.
"""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from engage.core.models import AuditEvent
from engage.extensions import db
from engage.surveys.documents import survey_document, survey_from_document
from engage.surveys.models import Choice, Question, Survey, SurveyStatus, SurveyVersion
from engage.surveys.services import (
    ChoiceInput,
    QuestionInput,
    SurveyRefused,
    add_question,
    create_survey,
)

ALL = ["en", "es", "vi", "zh_Hans", "ar"]


def count(model: type) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def texts(english: str) -> dict[str, str]:
    return {lang: f"{english} [{lang}]" for lang in ALL}


def full_survey() -> Survey:
    """Every type, a condition of each operator, help, settings, priorities, five languages."""
    survey = create_survey(
        "priorities-2027",
        texts("What should we work on?"),
        base_language="en",
        languages=ALL,
        intro=texts("Three minutes."),
        thank_you=texts("Thank you."),
        is_priority_setting=True,
    )
    issue_choices = [
        ChoiceInput(key, texts(key), is_priority=True) for key in ("wait", "food", "language")
    ]
    questions = [
        QuestionInput(
            "top3",
            "ranking",
            texts("Top two"),
            required=True,
            help=texts("Most important first."),
            settings={"top_n": 2},
            choices=issue_choices,
        ),
        QuestionInput(
            "access",
            "likert",
            texts("How hard?"),
            choices=[ChoiceInput(k, texts(k)) for k in ("ve", "e", "n", "h", "vh")],
        ),
        QuestionInput("interp", "yes_no", texts("Interpreter?")),
        QuestionInput(
            "langs",
            "multiple",
            texts("Which languages?"),
            settings={"max_choices": 2},
            choices=[ChoiceInput(k, texts(k)) for k in ("es", "vi", "other")],
            show_if={"question": "interp", "operator": "equals", "value": "yes"},
        ),
        QuestionInput(
            "site",
            "single",
            texts("Which site?"),
            choices=[ChoiceInput(k, texts(k)) for k in ("east", "river")],
            show_if={"question": "top3", "operator": "includes", "value": "wait"},
        ),
        QuestionInput("visits", "number", texts("Visits?"), settings={"min": 0, "max": 50}),
        QuestionInput("idea", "text", texts("One idea"), settings={"max_length": 300}),
    ]
    for question in questions:
        add_question(survey, question)
    return survey


def test_a_document_imports_as_the_same_survey(db_app):
    document = survey_document(full_survey())
    shared = json.loads(json.dumps(document, ensure_ascii=False))  # as a file would carry it
    copy = survey_from_document(shared, slug="priorities-copy")
    db.session.commit()
    db.session.expire_all()
    assert copy.status is SurveyStatus.DRAFT
    assert survey_document(copy) == document | {"slug": "priorities-copy"}
    assert len(document["questions"]) == 7
    assert {q["type"] for q in document["questions"]} == {
        "ranking",
        "likert",
        "yes_no",
        "multiple",
        "single",
        "number",
        "text",
    }


def test_a_document_keeps_its_own_link_when_free(db_app):
    original = full_survey()
    document = survey_document(original)
    db.session.delete(original)
    db.session.flush()
    assert survey_from_document(document).slug == "priorities-2027"


def good_document() -> dict:
    return {
        "format": "engage.survey/1",
        "slug": "shared",
        "base_language": "en",
        "languages": ["en", "es"],
        "title": {"en": "Shared", "es": "Compartida"},
        "questions": [
            {"key": "q1", "type": "yes_no", "text": {"en": "Yes?"}},
            {"key": "q2", "type": "text", "text": {"en": "Why?"}},
        ],
    }


def malformed(change: str) -> object:
    """A good document with one thing wrong, made fresh for each case."""
    base = good_document()
    questions = base["questions"]
    single = {"key": "q3", "type": "single", "text": {"en": "?"}, "choices": ["a", "b"]}
    cases = {
        "not a dict": lambda: ["format"],
        "other format": lambda: base | {"format": "limesurvey"},
        "title not texts": lambda: base | {"title": "Shared"},
        "title with a number": lambda: base | {"title": {"en": 5}},
        "languages not a list": lambda: base | {"languages": 5},
        "unknown language": lambda: base | {"languages": ["en", "klingon"]},
        "questions not a list": lambda: base | {"questions": {"q1": 1}},
        "a question not a dict": lambda: base | {"questions": [questions[0], "q2"]},
        "unknown type": lambda: base | {"questions": [questions[0], questions[1] | {"type": "x"}]},
        "duplicate keys": lambda: (
            base | {"questions": [questions[0], questions[1] | {"key": "q1"}]}
        ),
        "condition on a later question": lambda: (
            base
            | {
                "questions": [
                    questions[0]
                    | {"show_if": {"question": "q2", "operator": "equals", "value": "a"}},
                    questions[1],
                ]
            }
        ),
        "condition a string": lambda: (
            base | {"questions": [questions[0], questions[1] | {"show_if": "q1 is yes"}]}
        ),
        "settings a string": lambda: (
            base | {"questions": [questions[0], questions[1] | {"settings": "abc"}]}
        ),
        "bad text limit": lambda: (
            base
            | {"questions": [questions[0], questions[1] | {"settings": {"max_length": "long"}}]}
        ),
        "choices not dicts": lambda: base | {"questions": [questions[0], single]},
        "bad slug": lambda: base | {"slug": "Not A Link"},
    }
    return cases[change]()


MALFORMED = [
    "not a dict",
    "other format",
    "title not texts",
    "title with a number",
    "languages not a list",
    "unknown language",
    "questions not a list",
    "a question not a dict",
    "unknown type",
    "duplicate keys",
    "condition on a later question",
    "condition a string",
    "settings a string",
    "bad text limit",
    "choices not dicts",
    "bad slug",
]


@pytest.mark.parametrize("change", MALFORMED)
def test_a_malformed_document_is_refused_and_writes_nothing(db_app, change):
    with pytest.raises(SurveyRefused):
        survey_from_document(malformed(change))
    db.session.commit()  # even a careless caller that commits finds nothing half-made
    assert [count(m) for m in (Survey, SurveyVersion, Question, Choice, AuditEvent)] == [0] * 5


def test_a_document_for_a_taken_link_is_refused(db_app):
    assert survey_from_document(good_document()).slug == "shared"
    with pytest.raises(SurveyRefused, match="already uses"):
        survey_from_document(good_document())
    assert count(Survey) == 1
    assert survey_from_document(good_document(), slug="shared-2").slug == "shared-2"
