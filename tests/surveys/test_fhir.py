"""FHIR R4 exports validate with fhir.resources (R4B models) and carry what the survey says."""

from __future__ import annotations

import json

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from engage.auth.roles import Role
from engage.extensions import db
from engage.people.models import Participant
from engage.surveys import fhir
from engage.surveys.exports import plan_export
from engage.surveys.result_rows import ResultFilter
from engage.surveys.services import ChoiceInput, QuestionInput, add_question
from tests.conftest import sign_in
from tests.surveys.results_sample import add_sample_responses, build_survey, respond

TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation"
BASE = "https://engage.clinic.example"


@pytest.fixture
def survey(app):
    return build_survey()


@pytest.fixture
def staff(app, users):
    client = app.test_client()
    assert sign_in(client, users[Role.STAFF].email).status_code == 302
    return client


def translations(element):
    """{lang: content} from a primitive's translation extensions."""
    found = {}
    for extension in element["extension"]:
        assert extension["url"] == TRANSLATION
        parts = {part["url"]: part for part in extension["extension"]}
        found[parts["lang"]["valueCode"]] = parts["content"]["valueString"]
    return found


def test_questionnaire_validates_and_describes_every_question(survey):
    resource = fhir.questionnaire(survey, BASE)
    parsed = Questionnaire.model_validate(resource)
    assert parsed.status == "active" and parsed.url == f"{BASE}/surveys/clinic-check"
    assert parsed.version == "1" and parsed.language == "en"
    items = {item["linkId"]: item for item in resource["item"]}
    assert list(items) == [
        "visit",
        "needs",
        "satisfied",
        "top",
        "visits",
        "wait_ok",
        "why_no",
        "housing_help",
        "comments",
    ]
    assert {key: item["type"] for key, item in items.items()} == {
        "visit": "choice",
        "needs": "choice",
        "satisfied": "choice",
        "top": "choice",
        "visits": "integer",
        "wait_ok": "boolean",
        "why_no": "text",
        "housing_help": "boolean",
        "comments": "text",
    }
    assert items["visit"]["required"] is True and items["needs"]["required"] is False
    assert items["needs"]["repeats"] is True and items["top"]["repeats"] is True
    assert "repeats" not in items["visit"]
    assert items["comments"]["maxLength"] == 200
    option = items["visit"]["answerOption"][0]["valueCoding"]
    assert option["system"] == f"{BASE}/surveys/clinic-check/questions/visit"
    assert (option["code"], option["display"]) == ("checkup", "Check-up")
    assert [o["valueCoding"]["code"] for o in items["satisfied"]["answerOption"]] == [
        "very_unhappy",
        "unhappy",
        "neutral",
        "happy",
        "very_happy",
    ]
    extensions = {e["url"].rsplit("/", 1)[-1]: e for e in items["visits"]["extension"]}
    assert extensions["minValue"]["valueInteger"] == 0
    assert extensions["maxValue"]["valueInteger"] == 50
    top_extensions = {e["url"].rsplit("/", 1)[-1]: e for e in items["top"]["extension"]}
    assert top_extensions["questionnaire-maxOccurs"]["valueInteger"] == 2


def test_conditions_become_enable_when(survey):
    add_question(
        survey,
        QuestionInput(
            "very_happy_why",
            "text",
            {"en": "What made you happy?", "es": "¿Qué le hizo feliz?"},
            show_if={"question": "satisfied", "operator": "equals", "value": "5"},
        ),
    )
    add_question(
        survey,
        QuestionInput(
            "sick_days",
            "number",
            {"en": "Days sick?", "es": "¿Días enfermo?"},
            settings={"whole": False},
            show_if={"question": "visit", "operator": "equals", "value": "sick"},
        ),
    )
    resource = fhir.questionnaire(survey, BASE)
    Questionnaire.model_validate(resource)
    items = {item["linkId"]: item for item in resource["item"]}
    assert items["why_no"]["enableWhen"] == [
        {"question": "wait_ok", "operator": "=", "answerBoolean": False}
    ]
    system = f"{BASE}/surveys/clinic-check/questions"
    # "includes" on a multiple choice: "=" on a repeating item matches any of its answers.
    assert items["housing_help"]["enableWhen"] == [
        {
            "question": "needs",
            "operator": "=",
            "answerCoding": {"system": f"{system}/needs", "code": "housing"},
        }
    ]
    # A Likert point is answered by its choice's code.
    assert items["very_happy_why"]["enableWhen"][0]["answerCoding"]["code"] == "very_happy"
    assert items["sick_days"]["enableWhen"][0]["answerCoding"] == {
        "system": f"{system}/visit",
        "code": "sick",
    }
    assert items["sick_days"]["type"] == "decimal"


def test_translations_use_the_fhir_translation_extension(survey):
    resource = fhir.questionnaire(survey, BASE)
    parsed = Questionnaire.model_validate(resource)
    assert translations(resource["_title"]) == {"es": "Consulta de la clínica"}
    visit = resource["item"][0]
    assert visit["text"] == "Why did you come?"
    assert translations(visit["_text"]) == {"es": "¿Por qué vino?"}
    option = visit["answerOption"][1]["valueCoding"]
    assert translations(option["_display"]) == {"es": "Enfermo"}
    # The models read the extension on the primitive too.
    ext = parsed.item[0].text__ext.extension[0]
    assert ext.url == TRANSLATION and ext.extension[1].valueString == "¿Por qué vino?"
    help_item = visit["item"][0]
    assert help_item["type"] == "display" and help_item["text"] == "Pick the main reason."
    assert translations(help_item["_text"]) == {"es": "Elija la razón principal."}


def test_chinese_translations_carry_a_bcp47_tag(app):
    from engage.surveys.services import create_survey

    survey = create_survey(
        "zh-check",
        {"en": "Check", "zh_Hans": "检查"},
        base_language="en",
        languages=["en", "zh_Hans"],
    )
    add_question(
        survey,
        QuestionInput(
            "ok",
            "single",
            {"en": "OK?", "zh_Hans": "好吗？"},
            choices=[ChoiceInput("a", {"en": "A", "zh_Hans": "甲"}), ChoiceInput("b", {"en": "B"})],
        ),
    )
    resource = fhir.questionnaire(survey, BASE)
    Questionnaire.model_validate(resource)
    assert resource["status"] == "draft"
    assert translations(resource["item"][0]["_text"]) == {"zh-Hans": "好吗？"}
    assert "_display" not in resource["item"][0]["answerOption"][1]["valueCoding"]


def bundle_of(survey, criteria=None):
    plan = plan_export(survey, criteria or ResultFilter(), "fhir-responses", labelled=False)
    return json.loads("".join(fhir.response_bundle_chunks(plan, BASE)))


def test_responses_bundle_validates_with_answers_of_every_type(survey):
    add_sample_responses(survey, partial=1)
    bundle = bundle_of(survey, ResultFilter(include_partial=True))
    parsed = Bundle.model_validate(bundle)
    assert parsed.type == "collection" and len(parsed.entry) == 41
    resources = [entry["resource"] for entry in bundle["entry"]]
    for resource in resources:
        QuestionnaireResponse.model_validate(resource)
    assert len({entry["fullUrl"] for entry in bundle["entry"]}) == 41
    first = resources[0]
    assert first["status"] == "completed" and resources[-1]["status"] == "in-progress"
    assert first["questionnaire"] == f"{BASE}/surveys/clinic-check|1"
    assert first["language"] == "es" and "subject" not in first
    answers = {item["linkId"]: item["answer"] for item in first["item"]}
    system = f"{BASE}/surveys/clinic-check/questions"
    assert answers["visit"] == [
        {"valueCoding": {"system": f"{system}/visit", "code": "checkup", "display": "Revisión"}}
    ]
    assert [a["valueCoding"]["code"] for a in answers["top"]] == [
        "housing",
        "food",
    ]  # in rank order
    assert answers["satisfied"][0]["valueCoding"]["code"] == "very_happy"
    assert answers["visits"] == [{"valueInteger": 1}]
    assert answers["wait_ok"] == [{"valueBoolean": True}]
    assert answers["comments"] == [{"valueString": "Café was great"}]
    assert "why_no" not in answers  # hidden for this person, so not answered


def test_a_participant_is_named_without_an_identifier(survey):
    participant = Participant(phone="+16175550142", preferred_language="en")
    db.session.add(participant)
    db.session.flush()
    respond(survey, {"visit": "sick"}, participant_id=participant.id)
    db.session.commit()
    resource = bundle_of(survey)["entry"][0]["resource"]
    assert resource["subject"] == {"display": f"participant {participant.id}"}
    assert "+1617" not in json.dumps(resource)
    QuestionnaireResponse.model_validate(resource)


def test_an_empty_bundle_still_validates(survey):
    bundle = bundle_of(survey)
    assert "entry" not in bundle  # FHIR JSON has no empty arrays
    Bundle.model_validate(bundle)


def test_fhir_downloads_for_staff(survey, staff):
    add_sample_responses(survey)
    response = staff.get("/surveys/clinic-check/results/fhir/questionnaire.json")
    assert response.status_code == 200 and response.mimetype == "application/fhir+json"
    Questionnaire.model_validate(json.loads(response.get_data()))
    response = staff.get("/surveys/clinic-check/results/fhir/responses.json?language=es")
    bundle = Bundle.model_validate(json.loads(response.get_data()))
    assert len(bundle.entry) == 12
    assert staff.get("/surveys/nope/results/fhir/questionnaire.json").status_code == 404
