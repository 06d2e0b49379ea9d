"""Posting the builder's forms as a browser would, for the builder's page tests (CSRF off)."""

from __future__ import annotations

import sqlalchemy as sa
from flask.testing import FlaskClient
from markupsafe import escape

from engage.extensions import db
from engage.surveys import services
from engage.surveys.models import Survey

SLUG = "priorities-2027"


def new_survey_data(slug: str = SLUG, languages: tuple[str, ...] = ("en",)) -> dict:
    return {
        "slug": slug,
        "base_language": "en",
        "languages": list(languages),
        "title": "What should we work on this year?",
        "intro": "Five short questions.",
        "thank_you": "Thank you for telling us.",
    }


def question_data(key: str, type_: str, text: str, choices=(), **fields) -> dict:
    """A question form as the browser posts it; ``choices`` are (code, text[, priority])."""
    data = {
        "key": key,
        "type": type_,
        "text": text,
        "help": "",
        "condition_question": "",
        "condition_operator": "equals",
        "condition_value": "",
    }
    for index, (code, label, *priority) in enumerate(choices):
        data[f"choices-{index}-key"] = code
        data[f"choices-{index}-text"] = label
        if priority and priority[0]:
            data[f"choices-{index}-is_priority"] = "y"
    for index in range(len(choices), len(choices) + 3):  # blank rows are ignored
        data[f"choices-{index}-key"] = ""
        data[f"choices-{index}-text"] = ""
    data.update(fields)
    return data


YES_NO = question_data("q1", "yes_no", "Do you have a regular doctor here?", required="y")
ISSUES = [
    ("housing", "Housing help", True),
    ("interpreters", "Interpreters", True),
    ("food", "Food"),
]
LIKERT = [
    (f"p{n}", label) for n, label in enumerate(["Very hard", "Hard", "OK", "Easy", "Very easy"])
]


def survey(slug: str = SLUG) -> Survey:
    db.session.expire_all()
    found = services.find_survey(slug)
    assert found is not None
    return found


def keys(slug: str = SLUG) -> list[str]:
    return [question.key for question in survey(slug).current.questions]


def survey_count() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Survey)) or 0


def assert_refused(response, message: str) -> None:
    assert response.status_code == 400
    assert str(escape(message)) in response.get_data(as_text=True)


def build(client: FlaskClient) -> FlaskClient:
    """A draft survey in English and Spanish with a yes/no question, made through the pages."""
    response = client.post("/surveys/new", data=new_survey_data(languages=("en", "es")))
    assert response.status_code == 302
    assert client.post(f"/surveys/{SLUG}/questions/new", data=YES_NO).status_code == 302
    return client
