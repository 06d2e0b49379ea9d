"""What the answers to a survey add up to, question by question, with small cells hidden.

Pure: plain data in (each question, the answers that count), plain results out; no
Flask, no database. Each question type's own ``summarise`` does the counting (choices,
Likert points, Borda points for rankings); this module adds shares, number statistics
(with pandas), and the rule that holds everywhere in engage: no count of fewer than
``SMALL_CELL`` people is ever shown, and nothing is derived from one.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from engage.surveys.question_types import ChoiceSpec, QuestionSpec, fold, question_type

# Counts of people under this are shown as "<11" (CMS cell-size suppression policy).
SMALL_CELL = 11
SUPPRESSED = f"<{SMALL_CELL}"

# Breakdowns whose cells add up to the number who answered: a hidden cell could be
# worked out by subtraction, so more are hidden with it (see _hide_derivable).
EXCLUSIVE_TYPES = frozenset({"single", "likert", "yes_no"})
TEXT_PAGE_SIZE = 25


@dataclass(frozen=True)
class SurveyQuestion:
    """A question as results and exports see it: its spec and its texts in every language."""

    spec: QuestionSpec
    text: Mapping[str, str]
    help: Mapping[str, str] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return self.spec.key

    @property
    def type(self) -> str:
        return self.spec.type

    def with_choices(self, choices: tuple[ChoiceSpec, ...]) -> SurveyQuestion:
        return replace(self, spec=replace(self.spec, choices=choices))

    def wording(self, language: str, base_language: str) -> str:
        return self.text.get(language) or self.text.get(base_language) or self.key


@dataclass(frozen=True)
class Cell:
    """A count of people, shown only when it is at least ``SMALL_CELL``."""

    count: int
    share: float | None = None  # of the people who answered the question; None when hidden
    suppressed: bool = False

    @property
    def shown(self) -> str:
        return SUPPRESSED if self.suppressed else str(self.count)

    def hidden(self) -> Cell:
        return Cell(self.count, None, True)


def count_cell(count: int, base: int) -> Cell:
    if count < SMALL_CELL:
        return Cell(count, None, True)
    return Cell(count, count / base if base else None)


@dataclass(frozen=True)
class ChoiceRow:
    key: str
    label: str
    cell: Cell
    score: float | None = None  # rankings: Borda points, hidden with the count


@dataclass
class QuestionResult:
    question: SurveyQuestion
    answered: Cell
    too_few: bool  # fewer than SMALL_CELL answered: a notice instead of figures
    rows: list[ChoiceRow] = field(default_factory=list)
    mean: float | None = None
    median: float | None = None
    minimum: float | None = None
    maximum: float | None = None
    texts: list[str] = field(default_factory=list)  # newest first
    top_n: int | None = None  # rankings: how many places, so the first gets this many points

    @property
    def type(self) -> str:
        return self.question.type

    @property
    def chart_values(self) -> list[tuple[str, float | None, str]]:
        """(label, length of the bar or None when hidden, the figure written beside it)."""
        if self.type == "ranking":
            return [
                (row.label, row.score, SUPPRESSED if row.score is None else f"{row.score:g}")
                for row in self.rows
            ]
        return [
            (row.label, None if row.cell.suppressed else float(row.cell.count), row.cell.shown)
            for row in self.rows
        ]


@dataclass
class SurveyResults:
    respondents: Cell
    too_few: bool
    questions: list[QuestionResult]


def _hide_derivable(rows: list[ChoiceRow]) -> list[ChoiceRow]:
    """Hide more cells until the hidden ones together hold nobody or at least SMALL_CELL.

    These cells add up to the number who answered, which is shown: the hidden cells'
    total is that number minus the shown ones, so it must not be a small count itself.
    """
    rows = list(rows)
    while True:
        hidden_total = sum(row.cell.count for row in rows if row.cell.suppressed)
        shown = [row for row in rows if not row.cell.suppressed]
        if hidden_total == 0 or hidden_total >= SMALL_CELL or not shown:
            return rows
        smallest = min(shown, key=lambda row: row.cell.count)
        rows = [replace(row, cell=row.cell.hidden()) if row is smallest else row for row in rows]


def _choice_rows(
    question: SurveyQuestion,
    values: Sequence[Any],
    language: str,
    base: str,
    yes_no: Mapping[str, str],
) -> tuple[list[ChoiceRow], float | None]:
    spec = question.spec
    summary = question_type(spec.type).summarise(spec, values)
    answered = len(values)
    if spec.type == "yes_no":
        labels = {key: yes_no.get(key, key) for key in ("yes", "no")}
    else:
        labels = {choice.key: choice.label(language, base) for choice in spec.choices}
        if spec.type == "likert" and not spec.choices:
            labels = {key: key for key in summary.counts}
    rows = [
        ChoiceRow(key, labels.get(key, key), count_cell(count, answered))
        for key, count in summary.counts.items()
    ]
    if spec.type in EXCLUSIVE_TYPES:
        rows = _hide_derivable(rows)
    if spec.type == "ranking":
        rows = [
            replace(row, score=None if row.cell.suppressed else summary.scores.get(row.key, 0.0))
            for row in rows
        ]
        rows.sort(key=lambda row: (row.score is None, -(row.score or 0.0)))
    return rows, summary.mean


def summarise_question(
    question: SurveyQuestion,
    values: Sequence[Any],
    *,
    language: str,
    base_language: str,
    yes_no_labels: Mapping[str, str] | None = None,
) -> QuestionResult:
    """One question's figures from its answers (skips already left out)."""
    answered = len(values)
    result = QuestionResult(question, count_cell(answered, answered), answered < SMALL_CELL)
    if result.too_few:
        return result
    kind = question_type(question.type)
    if question.type == "ranking":
        result.top_n = kind.top_n(question.spec)  # type: ignore[attr-defined]
    if kind.has_choices or question.type == "yes_no":
        result.rows, mean = _choice_rows(
            question, values, language, base_language, yes_no_labels or {}
        )
        result.mean = mean
    elif question.type == "number":
        numbers = pd.Series(values, dtype="float64")
        result.mean = kind.summarise(question.spec, values).mean
        result.median = float(numbers.median())
        result.minimum = float(numbers.min())
        result.maximum = float(numbers.max())
    elif question.type == "text":
        result.texts = kind.summarise(question.spec, values).texts
    return result


def summarise_survey(
    questions: Sequence[SurveyQuestion],
    answers: Mapping[tuple[str, str], Sequence[Any]],
    respondents: int,
    *,
    language: str,
    base_language: str,
    yes_no_labels: Mapping[str, str] | None = None,
) -> SurveyResults:
    """Every question's figures for the responses that count (``respondents`` of them).

    ``answers`` maps (question key, question type) to the answers given, newest first.
    An answer given while a question had another type is left out: its value would not
    fit the question's present choices.
    """
    too_few = respondents < SMALL_CELL
    results = [
        summarise_question(
            question,
            [] if too_few else answers.get((question.key, question.type), []),
            language=language,
            base_language=base_language,
            yes_no_labels=yes_no_labels,
        )
        for question in questions
    ]
    return SurveyResults(count_cell(respondents, respondents), too_few, results)


@dataclass(frozen=True)
class TextPage:
    """One page of free-text answers; has what the ``pagination`` macro reads."""

    items: list[str]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def prev_num(self) -> int:
        return self.page - 1

    @property
    def next_num(self) -> int:
        return self.page + 1


def search_texts(
    texts: Sequence[str], query: str, page: int, per_page: int = TEXT_PAGE_SIZE
) -> TextPage:
    """Answers containing ``query``, ignoring case and accents ("cafe" finds "Café")."""
    wanted = fold(query) if query else ""
    found = [text for text in texts if wanted in fold(text)] if wanted else list(texts)
    total = len(found)
    last_page = max(1, math.ceil(total / per_page))
    page = min(max(1, page), last_page)
    start = (page - 1) * per_page
    return TextPage(found[start : start + per_page], page, per_page, total)
