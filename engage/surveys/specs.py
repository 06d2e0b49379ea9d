"""From stored rows to the plain specs the question types work on."""

from __future__ import annotations

from engage.surveys.models import Question, SurveyVersion
from engage.surveys.question_types import ChoiceSpec, Condition, QuestionSpec


def question_spec(question: Question) -> QuestionSpec:
    condition = None
    if question.show_if:
        condition = Condition(
            question.show_if["question"],
            question.show_if["operator"],
            str(question.show_if["value"]),
        )
    return QuestionSpec(
        key=question.key,
        type=question.type,
        required=question.required,
        settings=dict(question.settings or {}),
        choices=tuple(
            ChoiceSpec(c.key, dict(c.text or {}), c.is_priority) for c in question.choices
        ),
        show_if=condition,
    )


def version_specs(version: SurveyVersion) -> list[QuestionSpec]:
    return [question_spec(question) for question in version.questions]
