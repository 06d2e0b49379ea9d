"""Attempts on SQLite and PostgreSQL: fail then pass, limited attempts, the first pass counts."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from engage.auth.roles import Role
from engage.extensions import db
from engage.training import attempts
from engage.training.models import Attempt
from tests.conftest import make_user
from tests.training.builders import answers, make_module


def count_attempts() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Attempt)) or 0


def test_fail_then_pass_and_the_first_pass_is_the_completion(db_app):
    staff = make_user(Role.STAFF)
    module = make_module(pass_mark=75)  # 3 of 4 questions

    first = attempts.submit_attempt(module, staff, answers(module, right=2))
    db.session.commit()
    assert (first.number, first.score, first.passed) == (1, 50, False)
    assert attempts.completion_of(staff.id, module.id) is None
    assert attempts.standing(module, staff.id).may_take

    second = attempts.submit_attempt(module, staff, answers(module, right=3))
    db.session.commit()
    assert (second.number, second.score, second.passed) == (2, 75, True)
    assert attempts.completion_of(staff.id, module.id).id == second.id
    stored = db.session.get(Attempt, second.id)
    assert stored.answers == {
        str(q.id): keys
        for q, keys in zip(module.questions, answers(module, 3).values(), strict=True)
    }
    assert len(stored.right) == 3 and stored.submitted_at.tzinfo is not None

    # Once passed, the quiz is closed, so the certificate's date and score never change.
    with pytest.raises(attempts.QuizClosed):
        attempts.submit_attempt(module, staff, answers(module, right=4))
    assert count_attempts() == 2


def test_limited_attempts_once_used_up_refuse_politely(db_app):
    staff = make_user(Role.STAFF)
    module = make_module(pass_mark=100, max_attempts=2)
    for number in (1, 2):
        attempt = attempts.submit_attempt(module, staff, answers(module, right=3))
        db.session.commit()
        assert attempt.number == number and not attempt.passed
    state = attempts.standing(module, staff.id)
    assert state.left == 0 and not state.may_take
    with pytest.raises(attempts.QuizClosed, match="used all 2 attempts"):
        attempts.submit_attempt(module, staff, answers(module, right=4))
    db.session.rollback()
    assert count_attempts() == 2


def test_a_submission_with_problems_is_refused_and_stores_nothing(db_app):
    staff = make_user(Role.STAFF)
    module = make_module()
    q1, q2, q3, _q4 = module.questions
    bad = {q1.id: ["a", "b"], q2.id: ["a", "nope"], q3.id: ["b"]}
    with pytest.raises(attempts.SubmissionRefused) as refused:
        attempts.submit_attempt(module, staff, bad)
    assert set(refused.value.problems) == {q1.id, q2.id, module.questions[3].id}
    db.session.rollback()
    assert count_attempts() == 0


def test_attempt_numbers_are_unique_per_person_and_module(db_app):
    staff = make_user(Role.STAFF)
    module = make_module()
    attempts.submit_attempt(module, staff, answers(module, right=1))
    db.session.commit()
    db.session.add(
        Attempt(
            user_id=staff.id,
            module_id=module.id,
            number=1,
            answers={},
            right=[],
            score=0,
            passed=False,
        )
    )
    with pytest.raises(sa.exc.IntegrityError):
        db.session.commit()
    db.session.rollback()
