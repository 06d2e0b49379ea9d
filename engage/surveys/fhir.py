"""Surveys and responses as FHIR R4: a ``Questionnaire``; ``QuestionnaireResponse``s in a Bundle.

Plain dicts, ready for ``json.dumps``; the tests parse them with the ``fhir.resources``
R4B models. Each question type says its FHIR item type (``fhir_type``) and writes its
own answers (``fhir_answers``); this module adds what FHIR needs around them:

- ``linkId`` is the question's key, stable across versions, so a response to an older
  version still lines up with the current questionnaire.
- Texts are in the survey's base language, with every translation in the standard
  translation extension on the primitive's ``_text`` / ``_display`` / ``_title``.
- A show-if condition becomes ``enableWhen``: "equals" and "includes" both become
  operator ``=``, which for a repeating (multiple choice) item means "any answer is".
- Choice codes belong to a code system per question, ``<survey url>/questions/<key>``,
  so two questions with a choice keyed "other" never mean the same code.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Any

from engage.core.types import utcnow
from engage.surveys.exports import ExportPlan
from engage.surveys.models import Survey, SurveyStatus, pick
from engage.surveys.question_types import QuestionSpec, question_type
from engage.surveys.result_rows import ResponseRow, response_chunks
from engage.surveys.specs import question_spec

TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation"
MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue"
MAX_OCCURS = "http://hl7.org/fhir/StructureDefinition/questionnaire-maxOccurs"
DISPLAY_CATEGORY = "http://hl7.org/fhir/StructureDefinition/questionnaire-displayCategory"
STATUS = {SurveyStatus.DRAFT: "draft", SurveyStatus.OPEN: "active", SurveyStatus.CLOSED: "retired"}
REPEATING_TYPES = frozenset({"multiple", "ranking"})


def language_tag(code: str) -> str:
    """BCP 47, as FHIR wants it: ``zh_Hans`` is ``zh-Hans``."""
    return code.replace("_", "-")


def survey_url(survey: Survey, base_url: str) -> str:
    """The questionnaire's canonical URL: the survey's place in this engage installation."""
    return f"{base_url.rstrip('/')}/surveys/{survey.slug}"


def choice_system(canonical: str, question_key: str) -> str:
    return f"{canonical}/questions/{question_key}"


def _instant(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _translated(texts: Mapping[str, str], base: str) -> dict[str, Any]:
    """The ``_element`` holding every translation but the base language's."""
    extensions = [
        {
            "url": TRANSLATION,
            "extension": [
                {"url": "lang", "valueCode": language_tag(language)},
                {"url": "content", "valueString": text},
            ],
        }
        for language, text in sorted(texts.items())
        if language != base and text
    ]
    return {"extension": extensions} if extensions else {}


def _text_fields(name: str, texts: Mapping[str, str], base: str) -> dict[str, Any]:
    fields: dict[str, Any] = {name: pick(texts, base, base)}
    translations = _translated(texts, base)
    if translations:
        fields[f"_{name}"] = translations
    return fields


def _item_type(spec: QuestionSpec) -> str:
    if spec.type == "number" and spec.settings.get("whole", True):
        return "integer"
    return question_type(spec.type).fhir_type


def _condition(
    spec: QuestionSpec, specs: Mapping[str, QuestionSpec], canonical: str
) -> dict[str, Any]:
    condition = spec.show_if
    assert condition is not None
    target = specs[condition.question]
    when: dict[str, Any] = {"question": condition.question, "operator": "="}
    if target.type == "yes_no":
        when["answerBoolean"] = condition.value == "yes"
        return when
    code = condition.value
    if target.type == "likert" and code.isdigit() and 1 <= int(code) <= len(target.choices):
        code = target.choice_keys[int(code) - 1]  # Likert answers are points, codes are keys
    when["answerCoding"] = {"system": choice_system(canonical, target.key), "code": code}
    return when


def _extensions(spec: QuestionSpec, item_type: str) -> list[dict[str, Any]]:
    value_key = "valueInteger" if item_type == "integer" else "valueDecimal"
    extensions = []
    for url, setting in ((MIN_VALUE, "min"), (MAX_VALUE, "max")):
        if spec.type == "number" and spec.settings.get(setting) is not None:
            number = spec.settings[setting]
            extensions.append(
                {"url": url, value_key: int(number) if item_type == "integer" else number}
            )
    most = None
    if spec.type == "multiple":
        most = spec.settings.get("max_choices")
    elif spec.type == "ranking":
        most = question_type("ranking").top_n(spec)  # type: ignore[attr-defined]
    if most:
        extensions.append({"url": MAX_OCCURS, "valueInteger": int(most)})
    return extensions


def _help_item(key: str, texts: Mapping[str, str], base: str) -> dict[str, Any]:
    category = {
        "coding": [{"system": "http://hl7.org/fhir/questionnaire-display-category", "code": "help"}]
    }
    return {
        "linkId": f"{key}.help",
        "type": "display",
        "extension": [{"url": DISPLAY_CATEGORY, "valueCodeableConcept": category}],
        **_text_fields("text", texts, base),
    }


def questionnaire(survey: Survey, base_url: str) -> dict[str, Any]:
    """The survey's current version as an R4 ``Questionnaire``."""
    version = survey.current
    base = survey.base_language
    canonical = survey_url(survey, base_url)
    specs = {question.key: question_spec(question) for question in version.questions}
    resource: dict[str, Any] = {
        "resourceType": "Questionnaire",
        "language": language_tag(base),
        "url": canonical,
        "version": str(version.number),
        **_text_fields("title", version.title, base),
        "status": STATUS[survey.status],
        "date": _instant(version.created_at),
        "subjectType": ["Patient"],
    }
    if len(survey.slug) <= 64:  # a FHIR id is at most 64 characters
        resource = {"resourceType": "Questionnaire", "id": survey.slug} | resource
    if version.intro:
        resource |= _text_fields("description", version.intro, base)
    items = []
    for question in version.questions:
        spec = specs[question.key]
        item_type = _item_type(spec)
        item: dict[str, Any] = {"linkId": spec.key, **_text_fields("text", question.text, base)}
        item["type"] = item_type
        item["required"] = spec.required
        if spec.type in REPEATING_TYPES:
            item["repeats"] = True
        if spec.type == "text":
            item["maxLength"] = question_type("text").limit(spec)  # type: ignore[attr-defined]
        if spec.show_if is not None and spec.show_if.question in specs:
            item["enableWhen"] = [_condition(spec, specs, canonical)]
        if spec.choices:
            system = choice_system(canonical, spec.key)
            item["answerOption"] = [
                {
                    "valueCoding": {
                        "system": system,
                        "code": c.key,
                        **_text_fields("display", c.labels, base),
                    }
                }
                for c in spec.choices
            ]
        extensions = _extensions(spec, item_type)
        if extensions:
            item["extension"] = extensions
        if any(question.help.values()):
            item["item"] = [_help_item(spec.key, question.help, base)]
        items.append(item)
    if items:
        resource["item"] = items
    return resource


class _VersionItems:
    """Each version's questions, read once per export: key → (spec, texts)."""

    def __init__(self, survey: Survey) -> None:
        self.by_version: dict[int, list[tuple[QuestionSpec, Mapping[str, str]]]] = {
            version.id: [(question_spec(q), dict(q.text)) for q in version.questions]
            for version in survey.versions
        }
        self.numbers = {version.id: version.number for version in survey.versions}

    def questions(self, version_id: int) -> list[tuple[QuestionSpec, Mapping[str, str]]]:
        return self.by_version.get(version_id, [])


def _coded(answers: list[dict[str, Any]], system: str) -> list[dict[str, Any]]:
    for answer in answers:
        if "valueCoding" in answer:
            answer["valueCoding"] = {"system": system, **answer["valueCoding"]}
    return answers


def questionnaire_response(
    survey: Survey,
    response: ResponseRow,
    answers: Mapping[str, Any],
    versions: _VersionItems,
    canonical: str,
) -> dict[str, Any]:
    """One response as an R4 ``QuestionnaireResponse`` for the version it answered."""
    base = survey.base_language
    items = []
    for spec, texts in versions.questions(response.version_id):
        value = answers.get(spec.key)
        if value is None or value == []:
            continue
        fhir = question_type(spec.type).fhir_answers(spec, value, response.language)
        items.append(
            {
                "linkId": spec.key,
                "text": pick(texts, response.language, base),
                "answer": _coded(fhir, choice_system(canonical, spec.key)),
            }
        )
    resource: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "id": str(response.id),
        "language": language_tag(response.language),
        "questionnaire": f"{canonical}|{versions.numbers.get(response.version_id, 1)}",
        "status": "completed" if response.completed_at else "in-progress",
        "authored": _instant(response.completed_at or response.updated_at),
    }
    if response.participant_id is not None:
        # A display only: no identifier of the patient leaves with the file.
        resource["subject"] = {"display": f"participant {response.participant_id}"}
    if items:
        resource["item"] = items
    return resource


def response_bundle_chunks(plan: ExportPlan, base_url: str) -> Iterator[str]:
    """A ``Bundle`` (type collection) of every response in the plan, as JSON text in pieces."""
    survey = plan.survey
    canonical = survey_url(survey, base_url)
    versions = _VersionItems(survey)
    head = {"resourceType": "Bundle", "type": "collection", "timestamp": _instant(utcnow())}
    yield json.dumps(head, ensure_ascii=False)[:-1]
    opened = False
    for chunk in response_chunks(survey, plan.criteria, plan.upto_id):
        grouped = chunk.answer_maps()
        pieces = []
        for response in chunk.responses:
            resource = questionnaire_response(
                survey, response, grouped.get(response.id, {}), versions, canonical
            )
            full_url = (
                f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{canonical}/responses/{response.id}')}"
            )
            pieces.append(
                json.dumps({"fullUrl": full_url, "resource": resource}, ensure_ascii=False)
            )
        if pieces:
            yield (',"entry":[' if not opened else ",") + ",".join(pieces)
            opened = True
    yield "]}" if opened else "}"
