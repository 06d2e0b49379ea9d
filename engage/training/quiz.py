"""Scoring a quiz: pure functions over plain data, no Flask and no database.

The rule: a question is right only when the set of choices picked is exactly the set of
correct choices. For a multiple-choice question that is all or nothing: missing one
correct choice, or adding one wrong choice, makes the whole question wrong, with no
partial credit, so ticking every box never earns marks. The score is the share of
questions right, in whole percent rounded down, and a quiz is passed when the score
reaches the pass mark. Rounding down is exact here: with a whole-number pass mark,
``floor(100 * right / total) >= pass_mark`` holds exactly when ``100 * right >=
pass_mark * total``, so rounding never lets anyone pass who did not reach the mark.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


class QuestionKind(enum.StrEnum):
    """Single choice: one answer is right. Multiple choice: one or more are."""

    SINGLE = "single"
    MULTIPLE = "multiple"


@dataclass(frozen=True)
class QuestionKey:
    """What scoring needs of a question: its id, kind, choice keys and the correct ones."""

    id: int
    kind: QuestionKind
    choice_keys: tuple[str, ...]
    correct: frozenset[str]


class Problem(enum.StrEnum):
    """Why a submission cannot be scored; the view words each one."""

    UNANSWERED = "unanswered"
    UNKNOWN_CHOICE = "unknown_choice"
    ONE_ONLY = "one_only"


@dataclass(frozen=True)
class Checked:
    """A submission read against the quiz: the answers, or a problem per question id."""

    answers: dict[int, frozenset[str]]
    problems: dict[int, Problem]


@dataclass(frozen=True)
class Score:
    right: frozenset[int]  # ids of the questions answered right
    total: int
    percent: int
    passed: bool


def check_submission(
    questions: Sequence[QuestionKey], submitted: Mapping[int, Sequence[str]]
) -> Checked:
    """Every question answered, with known choices, and one only where one is asked."""
    answers: dict[int, frozenset[str]] = {}
    problems: dict[int, Problem] = {}
    for question in questions:
        picked = [key for key in submitted.get(question.id, ()) if key != ""]
        chosen = frozenset(picked)
        if not chosen:
            problems[question.id] = Problem.UNANSWERED
        elif not chosen <= set(question.choice_keys):
            problems[question.id] = Problem.UNKNOWN_CHOICE
        elif question.kind is QuestionKind.SINGLE and len(chosen) > 1:
            problems[question.id] = Problem.ONE_ONLY
        else:
            answers[question.id] = chosen
    return Checked(answers, problems)


def is_right(question: QuestionKey, chosen: frozenset[str]) -> bool:
    """All or nothing: exactly the correct choices, no more and no fewer."""
    return chosen == question.correct


def score(
    questions: Sequence[QuestionKey], answers: Mapping[int, frozenset[str]], pass_mark: int
) -> Score:
    right = frozenset(q.id for q in questions if is_right(q, answers.get(q.id, frozenset())))
    total = len(questions)
    percent = (100 * len(right)) // total if total else 0
    return Score(
        right=right, total=total, percent=percent, passed=total > 0 and percent >= pass_mark
    )


def attempts_left(max_attempts: int | None, used: int) -> int | None:
    """How many more tries a person has; None when the module allows any number."""
    if max_attempts is None:
        return None
    return max(max_attempts - used, 0)
