"""Question types: one class each, registered by name.

A type knows how to read an answer from a web form and from a text message, how to
check it (the same :meth:`QuestionType.validate` for both channels), how to summarise
many answers, and how to write one as FHIR. Adding a type is adding one class here.

Pure: plain data in and out, no Flask and no database, so the web runner, the SMS
conversation engine, the importer and the tests all call the same code.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar

Value = Any  # a normalized answer: a choice key, a list of keys, a number, a bool or text


class AnswerProblem(Exception):
    """An answer does not fit its question; ``code`` and ``params`` say how, for translation."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class ChoiceSpec:
    key: str
    labels: Mapping[str, str]
    is_priority: bool = False

    def label(self, language: str, fallback: str = "en") -> str:
        return self.labels.get(language) or self.labels.get(fallback) or self.key


@dataclass(frozen=True)
class Condition:
    """Show a question only when an earlier answer matches.

    ``equals``: a single choice, yes/no or Likert answer is ``value``;
    ``includes``: a multiple-choice or ranking answer contains ``value``.
    """

    question: str
    operator: str
    value: str

    def holds(self, answers: Mapping[str, Value]) -> bool:
        answer = answers.get(self.question)
        if answer is None:
            return False
        if self.operator == "includes":
            return isinstance(answer, list) and self.value in answer
        if isinstance(answer, bool):
            return answer == (self.value == "yes")
        return str(answer) == self.value


@dataclass(frozen=True)
class QuestionSpec:
    key: str
    type: str
    required: bool = False
    settings: Mapping[str, Any] = field(default_factory=dict)
    choices: tuple[ChoiceSpec, ...] = ()
    show_if: Condition | None = None

    @property
    def choice_keys(self) -> list[str]:
        return [choice.key for choice in self.choices]

    def is_shown(self, answers: Mapping[str, Value]) -> bool:
        return self.show_if is None or self.show_if.holds(answers)


def fold(text: str) -> str:
    """Lower case without accents or surrounding punctuation: "  Sí! " → "si"."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d").strip(" .,!?¡¿。！？،")


# Words that mean yes and no in each offered language, folded (see :func:`fold`).
YES_WORDS = {
    "yes",
    "y",
    "yeah",
    "yep",
    "si",
    "s",
    "co",
    "vang",
    "da",
    "是",
    "是的",
    "对",
    "نعم",
    "اي",
    "ايوه",
}
NO_WORDS = {"no", "n", "nope", "khong", "ko", "k", "否", "不", "不是", "لا", "كلا"}


def _ascii_digits(text: str) -> str:
    # Arabic-Indic and full-width digits count too: people type what their keyboard has.
    normalized = unicodedata.normalize("NFKC", text)
    return "".join(str(unicodedata.digit(ch)) if ch.isdigit() else ch for ch in normalized)


# No answer needs a number this large; a longer run of digits is read as "too large", not
# converted (Python refuses to parse integers of more than 4,300 digits).
LARGEST_NUMBER = 10**12


def _numbers_in(text: str) -> list[int]:
    found = (digits.lstrip("0") or "0" for digits in re.findall(r"\d+", _ascii_digits(text)))
    return [int(digits) if len(digits) <= 13 else LARGEST_NUMBER + 1 for digits in found]


@dataclass
class Summary:
    """What many answers to one question add up to, for the results page and exports."""

    answered: int
    counts: dict[str, int] = field(default_factory=dict)  # choice key → people
    scores: dict[str, float] = field(default_factory=dict)  # ranking: Borda points
    mean: float | None = None
    texts: list[str] = field(default_factory=list)


class QuestionType:
    name: ClassVar[str]
    fhir_type: ClassVar[str]
    has_choices: ClassVar[bool] = False

    def validate(self, question: QuestionSpec, value: Value) -> Value:
        """The normalized answer, or :class:`AnswerProblem`. ``None`` means unanswered."""
        raise NotImplementedError

    def from_form(self, question: QuestionSpec, values: Sequence[str]) -> Value:
        """What a web form sent (every value of the field), before validation."""
        return values[0] if values else None

    def from_sms(self, question: QuestionSpec, text: str, language: str) -> Value:
        """What a text message means as an answer, before validation."""
        return text

    def summarise(self, question: QuestionSpec, values: Sequence[Value]) -> Summary:
        return Summary(answered=len(values))

    def fhir_answers(self, question: QuestionSpec, value: Value, language: str) -> list[dict]:
        raise NotImplementedError

    def settings_problems(
        self, settings: Mapping[str, Any], choices: Sequence[ChoiceSpec]
    ) -> list[str]:
        """Codes of what is wrong with a question's set-up (for the builder)."""
        if self.has_choices and len(choices) < 2:
            return ["needs_choices"]
        return []


def _whole_in_range(value: Any, least: int, most: int) -> bool:
    """A setting that must be a whole number (an int, or digits from a form) in a range."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        return False
    if isinstance(value, str) and not re.fullmatch(r"\d{1,9}", value.strip(), flags=re.ASCII):
        return False
    return least <= int(value) <= most


def _is_finite_number(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return False
    try:
        return Decimal(str(value).strip()).is_finite()
    except InvalidOperation:
        return False


QUESTION_TYPES: dict[str, QuestionType] = {}


def register(cls: type[QuestionType]) -> type[QuestionType]:
    QUESTION_TYPES[cls.name] = cls()
    return cls


def question_type(name: str) -> QuestionType:
    return QUESTION_TYPES[name]


def _coding(question: QuestionSpec, key: str, language: str) -> dict:
    choice = next(choice for choice in question.choices if choice.key == key)
    return {"valueCoding": {"code": key, "display": choice.label(language)}}


class _ChoiceBased(QuestionType):
    has_choices = True

    def _pick_one(self, question: QuestionSpec, text: str, language: str) -> str | None:
        """A choice by its number in the list ("2") or by its label in any language."""
        numbers = _numbers_in(text)
        if len(numbers) == 1 and 1 <= numbers[0] <= len(question.choices) and fold(text).isdigit():
            return question.choices[numbers[0] - 1].key
        wanted = fold(text)
        for choice in question.choices:
            if wanted in (fold(label) for label in choice.labels.values()) or wanted == fold(
                choice.key
            ):
                return choice.key
        return text

    def _many(self, question: QuestionSpec, text: str) -> list[str] | str:
        """Several choices by number: "1, 3 5" → their keys in that order."""
        if re.search(r"[^\d\s,;.،、/-]", unicodedata.normalize("NFKC", text)):
            return text
        keys = []
        for number in _numbers_in(text):
            if not 1 <= number <= len(question.choices):
                return [f"#{number}"]
            keys.append(question.choices[number - 1].key)
        return keys


@register
class SingleChoice(_ChoiceBased):
    name = "single"
    fhir_type = "choice"

    def validate(self, question: QuestionSpec, value: Value) -> Value:
        if value in (None, ""):
            return None
        if value not in question.choice_keys:
            raise AnswerProblem("unknown_choice", value=str(value))
        return value

    def from_sms(self, question: QuestionSpec, text: str, language: str) -> Value:
        return self._pick_one(question, text, language)

    def summarise(self, question: QuestionSpec, values: Sequence[Value]) -> Summary:
        counts = Counter(values)
        return Summary(len(values), {key: counts.get(key, 0) for key in question.choice_keys})

    def fhir_answers(self, question: QuestionSpec, value: Value, language: str) -> list[dict]:
        return [_coding(question, value, language)]


class _ChoiceList(_ChoiceBased):
    """Answers that are several choices: a list of keys, each known and each once."""

    def _checked_keys(self, question: QuestionSpec, value: Value) -> list[str] | None:
        if value in (None, "", []):
            return None
        if not isinstance(value, list):
            raise AnswerProblem("not_a_list")
        unknown = [key for key in value if key not in question.choice_keys]
        if unknown:
            raise AnswerProblem("unknown_choice", value=str(unknown[0]))
        if len(set(value)) != len(value):
            raise AnswerProblem("duplicate_choice")
        return value

    def from_form(self, question: QuestionSpec, values: Sequence[str]) -> Value:
        return [value for value in values if value]

    def from_sms(self, question: QuestionSpec, text: str, language: str) -> Value:
        return self._many(question, text)


@register
class MultipleChoice(_ChoiceList):
    name = "multiple"
    fhir_type = "choice"

    def validate(self, question: QuestionSpec, value: Value) -> Value:
        value = self._checked_keys(question, value)
        if value is None:
            return None
        most = int(question.settings.get("max_choices") or 0)
        if most and len(value) > most:
            raise AnswerProblem("too_many", most=most)
        return [key for key in question.choice_keys if key in value]  # the list's order

    def settings_problems(
        self, settings: Mapping[str, Any], choices: Sequence[ChoiceSpec]
    ) -> list[str]:
        problems = super().settings_problems(settings, choices)
        most = settings.get("max_choices")
        if most is not None and not _whole_in_range(most, 1, len(choices)):
            problems.append("max_choices_out_of_range")
        return problems

    def summarise(self, question: QuestionSpec, values: Sequence[Value]) -> Summary:
        counts = Counter(key for value in values for key in value)
        return Summary(len(values), {key: counts.get(key, 0) for key in question.choice_keys})

    def fhir_answers(self, question: QuestionSpec, value: Value, language: str) -> list[dict]:
        return [_coding(question, key, language) for key in value]


LIKERT_POINTS = 5


@register
class Likert(_ChoiceBased):
    """Five labelled points, stored as 1 to 5; the five choices are the labels."""

    name = "likert"
    fhir_type = "choice"

    def validate(self, question: QuestionSpec, value: Value) -> Value:
        if value in (None, ""):
            return None
        try:
            point = int(value)
        except (TypeError, ValueError):
            raise AnswerProblem("out_of_scale", most=LIKERT_POINTS) from None
        if not 1 <= point <= LIKERT_POINTS or str(value).strip() != str(point):
            raise AnswerProblem("out_of_scale", most=LIKERT_POINTS)
        return point

    def from_sms(self, question: QuestionSpec, text: str, language: str) -> Value:
        picked = self._pick_one(question, text, language)
        if picked in question.choice_keys:
            return question.choice_keys.index(picked) + 1
        return text.strip()

    def settings_problems(
        self, settings: Mapping[str, Any], choices: Sequence[ChoiceSpec]
    ) -> list[str]:
        return [] if len(choices) == LIKERT_POINTS else ["likert_needs_five"]

    def summarise(self, question: QuestionSpec, values: Sequence[Value]) -> Summary:
        counts = Counter(values)
        mean = sum(values) / len(values) if values else None
        keys = question.choice_keys or [str(point) for point in range(1, LIKERT_POINTS + 1)]
        return Summary(
            len(values), {key: counts.get(point, 0) for point, key in enumerate(keys, 1)}, mean=mean
        )

    def fhir_answers(self, question: QuestionSpec, value: Value, language: str) -> list[dict]:
        return [_coding(question, question.choice_keys[value - 1], language)]


@register
class Ranking(_ChoiceList):
    """ "Pick and order your top N": the first key is the most important."""

    name = "ranking"
    fhir_type = "choice"

    def top_n(self, question: QuestionSpec) -> int:
        return int(question.settings.get("top_n") or min(3, len(question.choices)))

    def validate(self, question: QuestionSpec, value: Value) -> Value:
        value = self._checked_keys(question, value)
        if value is None:
            return None
        if len(value) > self.top_n(question):
            raise AnswerProblem("too_many", most=self.top_n(question))
        return list(value)

    def settings_problems(
        self, settings: Mapping[str, Any], choices: Sequence[ChoiceSpec]
    ) -> list[str]:
        problems = super().settings_problems(settings, choices)
        top_n = settings.get("top_n")
        if top_n is not None and not _whole_in_range(top_n, 1, len(choices)):
            problems.append("top_n_out_of_range")
        return problems

    def summarise(self, question: QuestionSpec, values: Sequence[Value]) -> Summary:
        """Borda points: first of N gets N, last gets 1; unranked items get nothing."""
        top_n = self.top_n(question)
        counts: Counter[str] = Counter()
        scores: Counter[str] = Counter()
        for ranking in values:
            for place, key in enumerate(ranking):
                counts[key] += 1
                scores[key] += top_n - place
        keys = question.choice_keys
        return Summary(
            len(values),
            {key: counts.get(key, 0) for key in keys},
            scores={key: float(scores.get(key, 0)) for key in keys},
        )

    def fhir_answers(self, question: QuestionSpec, value: Value, language: str) -> list[dict]:
        return [_coding(question, key, language) for key in value]


@register
class Number(QuestionType):
    name = "number"
    fhir_type = "decimal"

    def validate(self, question: QuestionSpec, value: Value) -> Value:
        if value in (None, ""):
            return None
        try:
            number = Decimal(str(value).strip().replace(",", "."))
        except InvalidOperation:
            raise AnswerProblem("not_a_number") from None
        if not number.is_finite():
            raise AnswerProblem("not_a_number")
        least, most = question.settings.get("min"), question.settings.get("max")
        if least is not None and number < Decimal(str(least)):
            raise AnswerProblem("below_min", least=least)
        if most is not None and number > Decimal(str(most)):
            raise AnswerProblem("above_max", most=most)
        # Checked before converting: int(Decimal("1e999999")) takes half a minute.
        if number > LARGEST_NUMBER:
            raise AnswerProblem("above_max", most=LARGEST_NUMBER)
        if number < -LARGEST_NUMBER:
            raise AnswerProblem("below_min", least=-LARGEST_NUMBER)
        if question.settings.get("whole", True):
            if number != number.to_integral_value():
                raise AnswerProblem("not_whole")
            return int(number)
        return float(number)

    def from_sms(self, question: QuestionSpec, text: str, language: str) -> Value:
        plain = _ascii_digits(text).strip()
        if re.fullmatch(r"[-+]?\d+([.,]\d+)?", plain, flags=re.ASCII):
            return plain  # "-5" and "2,5" as written; validate judges them
        numbers = _numbers_in(text)
        cleaned = unicodedata.normalize("NFKC", text).strip()
        return (
            str(numbers[0])
            if len(numbers) == 1 and re.fullmatch(r"[^\d]*\d+[^\d]*", cleaned)
            else text
        )

    def settings_problems(
        self, settings: Mapping[str, Any], choices: Sequence[ChoiceSpec]
    ) -> list[str]:
        least, most = settings.get("min"), settings.get("max")
        limits = [limit for limit in (least, most) if limit is not None]
        if not all(_is_finite_number(limit) for limit in limits):
            return ["limits_not_numbers"]
        if least is not None and most is not None and Decimal(str(least)) > Decimal(str(most)):
            return ["min_above_max"]
        return []

    def summarise(self, question: QuestionSpec, values: Sequence[Value]) -> Summary:
        return Summary(len(values), mean=sum(values) / len(values) if values else None)

    def fhir_answers(self, question: QuestionSpec, value: Value, language: str) -> list[dict]:
        if isinstance(value, int):
            return [{"valueInteger": value}]
        return [{"valueDecimal": value}]


@register
class YesNo(QuestionType):
    name = "yes_no"
    fhir_type = "boolean"

    def validate(self, question: QuestionSpec, value: Value) -> Value:
        if value in (None, ""):
            return None
        if isinstance(value, bool):
            return value
        if value in ("yes", "true", "1"):
            return True
        if value in ("no", "false", "0"):
            return False
        raise AnswerProblem("not_yes_no")

    def from_sms(self, question: QuestionSpec, text: str, language: str) -> Value:
        word = fold(text)
        number = _numbers_in(word) if word.isdigit() else []
        if word in YES_WORDS or number == [1]:
            return True
        if word in NO_WORDS or number == [2]:
            return False
        return text

    def summarise(self, question: QuestionSpec, values: Sequence[Value]) -> Summary:
        return Summary(
            len(values), {"yes": sum(1 for v in values if v), "no": sum(1 for v in values if not v)}
        )

    def fhir_answers(self, question: QuestionSpec, value: Value, language: str) -> list[dict]:
        return [{"valueBoolean": bool(value)}]


DEFAULT_TEXT_LIMIT = 500


@register
class FreeText(QuestionType):
    name = "text"
    fhir_type = "text"

    def limit(self, question: QuestionSpec) -> int:
        return int(question.settings.get("max_length") or DEFAULT_TEXT_LIMIT)

    def settings_problems(
        self, settings: Mapping[str, Any], choices: Sequence[ChoiceSpec]
    ) -> list[str]:
        most = settings.get("max_length")
        if most is not None and not _whole_in_range(most, 1, 10_000):
            return ["max_length_out_of_range"]
        return []

    def validate(self, question: QuestionSpec, value: Value) -> Value:
        if value is None:
            return None
        if not isinstance(value, str):
            raise AnswerProblem("not_text")
        text = value.strip()
        if not text:
            return None
        if len(text) > self.limit(question):
            raise AnswerProblem("too_long", most=self.limit(question))
        return text

    def summarise(self, question: QuestionSpec, values: Sequence[Value]) -> Summary:
        return Summary(len(values), texts=list(values))

    def fhir_answers(self, question: QuestionSpec, value: Value, language: str) -> list[dict]:
        return [{"valueString": value}]


def check_answer(question: QuestionSpec, value: Value, answers: Mapping[str, Value]) -> Value:
    """The one validation both channels use: visibility, requiredness, then the type's rules.

    ``answers`` are the response's other answers so far (key → normalized value).
    """
    if not question.is_shown(answers):
        if value not in (None, "", []):
            raise AnswerProblem("hidden_question")
        return None
    normalized = question_type(question.type).validate(question, value)
    if normalized is None and question.required:
        raise AnswerProblem("required")
    return normalized
