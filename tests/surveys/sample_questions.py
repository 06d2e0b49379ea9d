"""One question of each type, with labels in five languages, for the question-type tests."""

from __future__ import annotations

import pytest

from engage.surveys.question_types import (
    AnswerProblem,
    ChoiceSpec,
    QuestionSpec,
    check_answer,
    question_type,
)

LANGUAGES = ("en", "es", "vi", "zh_Hans", "ar")

ISSUES = (
    ChoiceSpec(
        "interpreter",
        {
            "en": "Interpreter",
            "es": "Intérprete",
            "vi": "Thông dịch viên",
            "zh_Hans": "口译员",
            "ar": "مترجم",
        },
        is_priority=True,
    ),
    ChoiceSpec(
        "food",
        {"en": "Food", "es": "Comida", "vi": "Thực phẩm", "zh_Hans": "食物", "ar": "طعام"},
        is_priority=True,
    ),
    ChoiceSpec(
        "hours",
        {
            "en": "Evening hours",
            "es": "Horario de tarde",
            "vi": "Giờ buổi tối",
            "zh_Hans": "晚间门诊",
            "ar": "ساعات مسائية",
        },
    ),
    ChoiceSpec(
        "wait",
        {
            "en": "Shorter waits",
            "es": "Menos espera",
            "vi": "Chờ ít hơn",
            "zh_Hans": "等候更短",
            "ar": "انتظار أقصر",
        },
    ),
    ChoiceSpec(
        "reminders",
        {
            "en": "Text reminders",
            "es": "Recordatorios",
            "vi": "Nhắc hẹn",
            "zh_Hans": "短信提醒",
            "ar": "تذكير",
        },
    ),
)
KEYS = [choice.key for choice in ISSUES]
SCALE = tuple(
    ChoiceSpec(key, {"en": en, "es": es})
    for key, en, es in [
        ("very_easy", "Very easy", "Muy fácil"),
        ("easy", "Easy", "Fácil"),
        ("neither", "Neither", "Ni fácil ni difícil"),
        ("hard", "Hard", "Difícil"),
        ("very_hard", "Very hard", "Muy difícil"),
    ]
)

SINGLE = QuestionSpec("site", "single", choices=ISSUES)
MULTIPLE = QuestionSpec("needs", "multiple", settings={"max_choices": 3}, choices=ISSUES)
LIKERT = QuestionSpec("access", "likert", choices=SCALE)
RANKING = QuestionSpec("top3", "ranking", settings={"top_n": 3}, choices=ISSUES)
NUMBER = QuestionSpec("visits", "number", settings={"min": 0, "max": 120})
YES_NO = QuestionSpec("interpreter", "yes_no")
TEXT = QuestionSpec("idea", "text", settings={"max_length": 20})
SPECS = {spec.type: spec for spec in (SINGLE, MULTIPLE, LIKERT, RANKING, NUMBER, YES_NO, TEXT)}


def problem(spec: QuestionSpec, value: object) -> str:
    with pytest.raises(AnswerProblem) as refused:
        question_type(spec.type).validate(spec, value)
    return refused.value.code


def validate(spec: QuestionSpec, value: object) -> object:
    return question_type(spec.type).validate(spec, value)


def from_sms(spec: QuestionSpec, text: str, language: str = "en") -> object:
    return question_type(spec.type).from_sms(spec, text, language)


def sms_answer(spec: QuestionSpec, text: str, language: str = "en") -> object:
    """What a text message becomes after parsing and the one validation."""
    return check_answer(spec, from_sms(spec, text, language), {})
