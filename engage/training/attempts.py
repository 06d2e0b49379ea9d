"""Taking a quiz: whether a person may, storing each attempt, and what passing gives them.

The correct answers are read here, after a submission, and nowhere on the way to the
quiz page. A completion is the person's first passing attempt; once passed, a module's
quiz is not taken again, so the certificate's date and score never change.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _

from engage.auth.models import User
from engage.core.errors import EngageError
from engage.extensions import db
from engage.training import quiz
from engage.training.models import Attempt, TrainingModule


class QuizClosed(EngageError):
    """This person may not take this quiz now (passed already, or out of attempts)."""


class SubmissionRefused(EngageError):
    """The answers sent cannot be scored; ``problems`` says why, question by question."""

    def __init__(self, message: object, problems: dict[int, quiz.Problem]) -> None:
        super().__init__(message)
        self.problems = problems


@dataclass(frozen=True)
class QuizStanding:
    """Where a person stands with one module's quiz."""

    used: int
    left: int | None  # None: no limit
    completion: Attempt | None
    last: Attempt | None

    @property
    def may_take(self) -> bool:
        return self.completion is None and self.left != 0


def question_keys(module: TrainingModule) -> list[quiz.QuestionKey]:
    return [
        quiz.QuestionKey(
            id=question.id,
            kind=quiz.QuestionKind(question.kind),
            choice_keys=tuple(choice.key for choice in question.choices),
            correct=question.correct_keys,
        )
        for question in module.questions
    ]


def attempts_of(user_id: int, module_id: int) -> list[Attempt]:
    return list(
        db.session.scalars(
            sa.select(Attempt)
            .where(Attempt.user_id == user_id, Attempt.module_id == module_id)
            .order_by(Attempt.number)
        )
    )


def completion_of(user_id: int, module_id: int) -> Attempt | None:
    """The first passing attempt: the day and score a certificate shows."""
    return db.session.scalar(
        sa.select(Attempt)
        .where(Attempt.user_id == user_id, Attempt.module_id == module_id, Attempt.passed)
        .order_by(Attempt.number)
        .limit(1)
    )


def standing(module: TrainingModule, user_id: int) -> QuizStanding:
    attempts = attempts_of(user_id, module.id)
    completion = next((a for a in attempts if a.passed), None)
    return QuizStanding(
        used=len(attempts),
        left=quiz.attempts_left(module.max_attempts, len(attempts)),
        completion=completion,
        last=attempts[-1] if attempts else None,
    )


def closed_message(module: TrainingModule, state: QuizStanding) -> str | None:
    """Why the quiz cannot be taken, in words for the person; None when it can."""
    if state.completion is not None:
        return _("You have passed this quiz. Your certificate is ready.")
    if state.left == 0:
        return _(
            "You have used all %(count)d attempts at this quiz. "
            "Please talk to the engagement lead about what to do next.",
            count=module.max_attempts or 0,
        )
    if not module.questions:
        return _("This module has no quiz yet.")
    return None


def problem_message(problem: quiz.Problem) -> str:
    return {
        quiz.Problem.UNANSWERED: _("Answer this question."),
        quiz.Problem.UNKNOWN_CHOICE: _("Choose one of the answers shown."),
        quiz.Problem.ONE_ONLY: _("Choose only one answer."),
    }[problem]


def submit_attempt(
    module: TrainingModule, user: User, submitted: Mapping[int, Sequence[str]]
) -> Attempt:
    """Score and store one attempt; refuse if the person may not, or if answers are missing."""
    state = standing(module, user.id)
    message = closed_message(module, state)
    if message is not None:
        raise QuizClosed(message)
    keys = question_keys(module)
    checked = quiz.check_submission(keys, submitted)
    if checked.problems:
        raise SubmissionRefused(
            _("Some answers need your attention before the quiz can be scored."), checked.problems
        )
    result = quiz.score(keys, checked.answers, module.pass_mark)
    attempt = Attempt(
        user_id=user.id,
        module_id=module.id,
        number=state.used + 1,  # the unique constraint stops a double submission
        answers={str(qid): sorted(chosen) for qid, chosen in checked.answers.items()},
        right=sorted(result.right),
        score=result.percent,
        passed=result.passed,
    )
    db.session.add(attempt)
    db.session.flush()
    return attempt


def find_attempt(user_id: int, module_id: int, number: int) -> Attempt | None:
    return db.session.scalar(
        sa.select(Attempt).where(
            Attempt.user_id == user_id, Attempt.module_id == module_id, Attempt.number == number
        )
    )
