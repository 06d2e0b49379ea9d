"""From stored rows to the plain specs the question types work on."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from engage.surveys.models import Question, SurveyVersion
from engage.surveys.question_types import ChoiceSpec, Condition, QuestionSpec


def make_spec(
    key: str,
    type_: str,
    required: bool,
    settings: Mapping[str, Any] | None,
    choices: Iterable[ChoiceSpec],
    show_if: Mapping[str, Any] | None,
) -> QuestionSpec:
    """A spec from a question's stored columns, however they were read (ORM or plain rows)."""
    condition = None
    if show_if:
        condition = Condition(show_if["question"], show_if["operator"], str(show_if["value"]))
    return QuestionSpec(
        key=key,
        type=type_,
        required=bool(required),
        settings=dict(settings or {}),
        choices=tuple(choices),
        show_if=condition,
    )


def question_spec(question: Question) -> QuestionSpec:
    return make_spec(
        question.key,
        question.type,
        question.required,
        question.settings,
        (ChoiceSpec(c.key, dict(c.text or {}), c.is_priority) for c in question.choices),
        question.show_if,
    )


def version_specs(version: SurveyVersion) -> list[QuestionSpec]:
    return [question_spec(question) for question in version.questions]
