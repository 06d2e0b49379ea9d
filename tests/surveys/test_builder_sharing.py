"""Translating a survey, opening it once every language is complete, and sharing it as a file."""

from __future__ import annotations

import io
import json

import pytest
import sqlalchemy as sa

from engage.core.models import AuditAction, AuditEvent
from engage.extensions import db
from engage.surveys import services
from engage.surveys.documents import survey_document
from engage.surveys.models import Question, SurveyStatus
from tests.surveys.builder_pages import (
    ISSUES,
    SLUG,
    YES_NO,
    assert_refused,
    build,
    question_data,
    survey,
    survey_count,
)


@pytest.fixture
def built(admin_client):
    return build(admin_client)


# --- translation and opening --------------------------------------------------------------


def test_translation_screen_counts_missing_texts_and_saving_fills_them(built):
    built.post(
        f"/surveys/{SLUG}/questions/new",
        data=question_data("issues", "multiple", "Which?", ISSUES[:2]),
    )
    page = built.get(f"/surveys/{SLUG}/translate?language=es")
    body = page.get_data(as_text=True)

    assert page.status_code == 200
    # title, intro, thank-you, q1, issues and its two answers
    assert "7 of 7 texts are missing in Español." in body
    assert body.count('class="translation missing"') == 7
    assert body.count(">missing</span>") == 7
    assert 'name="text-issues.housing"' in body

    spanish = {
        "text-title": "¿En qué debemos trabajar este año?",
        "text-intro": "Cinco preguntas cortas.",
        "text-thank_you": "Gracias por decírnoslo.",
        "text-q1": "¿Tiene un médico habitual aquí?",
        "text-issues": "¿Cuáles?",
        "text-issues.housing": "Ayuda con la vivienda",
    }
    response = built.post(f"/surveys/{SLUG}/translate?language=es", data=spanish)
    assert response.status_code == 302
    assert services.missing_translations(survey(), "es")[0].where == "issues.interpreters"
    body = built.get(f"/surveys/{SLUG}/translate?language=es").get_data(as_text=True)
    assert "1 of 7 texts is missing in Español." in body
    assert 'value="Ayuda con la vivienda"' in body

    built.post(
        f"/surveys/{SLUG}/translate?language=es",
        data=spanish | {"text-issues.interpreters": "Intérpretes"},
    )
    assert services.missing_translations(survey(), "es") == []
    assert survey().current.questions[1].choices[1].text == {
        "en": "Interpreters",
        "es": "Intérpretes",
    }
    assert "Every text is translated into Español." in built.get(
        f"/surveys/{SLUG}/translate?language=es"
    ).get_data(as_text=True)
    # Editing the English keeps the Spanish.
    built.post(
        f"/surveys/{SLUG}/questions/q1", data=YES_NO | {"text": "Do you have a doctor here?"}
    )
    assert survey().current.questions[0].text == {
        "en": "Do you have a doctor here?",
        "es": "¿Tiene un médico habitual aquí?",
    }
    assert built.get(f"/surveys/{SLUG}/translate?language=fr").status_code == 404


def test_opening_is_refused_while_a_language_misses_a_text(built):
    response = built.post(f"/surveys/{SLUG}/open")

    assert_refused(
        response,
        "Some texts are not translated yet into: es. "
        "Translate them, or stop offering those languages.",
    )
    assert survey().status is SurveyStatus.DRAFT
    built.post(
        f"/surveys/{SLUG}/translate?language=es",
        data={
            "text-title": "¿En qué trabajamos?",
            "text-intro": "Cinco preguntas.",
            "text-thank_you": "Gracias.",
            "text-q1": "¿Tiene médico aquí?",
        },
    )
    assert built.post(f"/surveys/{SLUG}/open").status_code == 302
    assert survey().status is SurveyStatus.OPEN
    assert built.post(f"/surveys/{SLUG}/close").status_code == 302
    assert survey().status is SurveyStatus.CLOSED


def test_a_language_can_be_dropped_to_open_sooner(built):
    texts = {"title": "What should we work on this year?", "languages": ["en"]}
    assert built.post(f"/surveys/{SLUG}", data=texts).status_code == 302
    assert survey().languages == ["en"]
    assert built.post(f"/surveys/{SLUG}/open").status_code == 302


# --- sharing as a JSON file ----------------------------------------------------------------


def test_export_and_import_give_the_same_survey(built):
    built.post(
        f"/surveys/{SLUG}/questions/new", data=question_data("issues", "multiple", "Which?", ISSUES)
    )
    built.post(f"/surveys/{SLUG}/translate?language=es", data={"text-title": "¿Qué hacemos?"})
    exported = built.get(f"/surveys/{SLUG}/export.json")

    assert exported.status_code == 200
    assert exported.headers["Content-Disposition"] == f"attachment; filename={SLUG}.json"
    document = json.loads(exported.data)
    assert document == survey_document(survey())
    events = db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == AuditAction.EXPORT)
    )
    assert [(event.entity_type, event.entity_id) for event in events] == [("survey", survey().id)]

    upload = {"file": (io.BytesIO(exported.data), "survey.json"), "slug": "priorities-copy"}
    response = built.post("/surveys/import", data=upload, content_type="multipart/form-data")

    assert response.status_code == 302
    assert response.headers["Location"] == "/surveys/priorities-copy"
    copy = survey_document(survey("priorities-copy"))
    assert copy == document | {"slug": "priorities-copy"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "This file is not valid JSON. Choose a survey file exported from engage."),
        (
            b"\xff\xfe\x00broken",
            "This file is not valid JSON. Choose a survey file exported from engage.",
        ),
        (b'{"format": "another/1"}', "The file is not an engage survey export."),
        (b"[1, 2]", "The file is not an engage survey export."),
    ],
)
def test_a_bad_file_is_refused_and_nothing_is_written(admin_client, content, message):
    assert admin_client.get("/surveys/import").status_code == 200
    upload = {"file": (io.BytesIO(content), "survey.json")}

    assert_refused(
        admin_client.post("/surveys/import", data=upload, content_type="multipart/form-data"),
        message,
    )
    assert survey_count() == 0


def test_an_import_under_a_taken_link_or_with_a_bad_question_writes_nothing(built):
    document = survey_document(survey())
    upload = {"file": (io.BytesIO(json.dumps(document).encode()), "survey.json")}
    assert_refused(
        built.post("/surveys/import", data=upload, content_type="multipart/form-data"),
        "Another survey already uses this link.",
    )
    broken = document | {
        "questions": [*document["questions"], {"key": "q1", "type": "text", "text": {"en": "x"}}]
    }
    upload = {"file": (io.BytesIO(json.dumps(broken).encode()), "s.json"), "slug": "other-copy"}
    assert_refused(
        built.post("/surveys/import", data=upload, content_type="multipart/form-data"),
        "Another question already uses the code q1.",
    )
    assert survey_count() == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Question)) == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"settings": {"min": "abc"}},
            "The smallest and largest numbers allowed must be numbers.",
        ),
        (
            {"type": "text", "settings": {"max_length": "long"}},
            "The length limit must be a whole number from 1 to 10000.",
        ),
        ({"key": "title"}, "The code title is reserved; choose another."),
    ],
)
def test_an_import_with_settings_a_patient_would_trip_on_is_refused(admin_client, change, message):
    """A file can say anything; a bad setting must not wait to fail on a patient's answer."""
    question = {"key": "visits", "type": "number", "text": {"en": "Visits?"}} | change
    document = {
        "format": "engage.survey/1",
        "slug": "shared-survey",
        "base_language": "en",
        "languages": ["en"],
        "title": {"en": "Shared"},
        "questions": [question],
    }
    upload = {"file": (io.BytesIO(json.dumps(document).encode()), "survey.json")}

    assert_refused(
        admin_client.post("/surveys/import", data=upload, content_type="multipart/form-data"),
        message,
    )
    assert survey_count() == 0


def test_an_import_in_a_language_the_clinic_does_not_offer_is_refused(admin_client):
    document = {
        "format": "engage.survey/1",
        "slug": "shared-survey",
        "base_language": "en",
        "languages": ["en", "fr"],
        "title": {"en": "Shared", "fr": "Partagé"},
        "questions": [],
    }
    upload = {"file": (io.BytesIO(json.dumps(document).encode()), "survey.json")}

    assert_refused(
        admin_client.post("/surveys/import", data=upload, content_type="multipart/form-data"),
        "This clinic does not offer these languages: fr",
    )
    assert survey_count() == 0
