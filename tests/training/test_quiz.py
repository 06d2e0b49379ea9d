"""Scoring, pure: all-or-nothing questions, whole percent rounded down, the pass mark."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from engage.training.quiz import (
    Problem,
    QuestionKey,
    QuestionKind,
    attempts_left,
    check_submission,
    score,
)

SINGLE = QuestionKey(1, QuestionKind.SINGLE, ("a", "b", "c"), frozenset({"b"}))
MULTI = QuestionKey(2, QuestionKind.MULTIPLE, ("a", "b", "c", "d"), frozenset({"a", "c"}))
THIRD = QuestionKey(3, QuestionKind.SINGLE, ("a", "b"), frozenset({"a"}))
QUIZ = [SINGLE, MULTI, THIRD]


def test_a_multiple_choice_question_is_all_or_nothing():
    for chosen, right in [
        ({"a", "c"}, True),
        ({"a"}, False),  # one correct answer missing
        ({"a", "c", "d"}, False),  # one wrong answer added
        ({"a", "b", "c", "d"}, False),  # ticking every box earns nothing
    ]:
        result = score([MULTI], {2: frozenset(chosen)}, pass_mark=100)
        assert (2 in result.right) is right, chosen
        assert result.percent == (100 if right else 0)


def test_the_score_is_rounded_down_and_the_pass_mark_is_reached_or_not():
    two_of_three = {1: frozenset("b"), 2: frozenset("ac"), 3: frozenset("b")}
    result = score(QUIZ, two_of_three, pass_mark=67)
    assert result.percent == 66 and not result.passed  # 66.7% does not round up to 67
    assert score(QUIZ, two_of_three, pass_mark=66).passed
    everything = {1: frozenset("b"), 2: frozenset("ac"), 3: frozenset("a")}
    assert score(QUIZ, everything, pass_mark=100) == score(QUIZ, everything, pass_mark=100)
    assert score(QUIZ, everything, pass_mark=100).percent == 100


def test_a_submission_must_answer_every_question_with_known_choices():
    checked = check_submission(QUIZ, {1: ["b", "c"], 2: ["a", "zz"]})
    assert checked.problems == {
        1: Problem.ONE_ONLY,
        2: Problem.UNKNOWN_CHOICE,
        3: Problem.UNANSWERED,
    }
    checked = check_submission(QUIZ, {1: ["b"], 2: ["a", "c", "a"], 3: ["", "a"]})
    assert checked.problems == {}
    assert checked.answers == {1: frozenset("b"), 2: frozenset("ac"), 3: frozenset("a")}


def test_attempts_left():
    assert attempts_left(None, 7) is None
    assert attempts_left(3, 1) == 2
    assert attempts_left(3, 5) == 0


@given(
    right=st.integers(min_value=0, max_value=40),
    wrong=st.integers(min_value=0, max_value=40),
    pass_mark=st.integers(min_value=1, max_value=100),
)
def test_passing_means_reaching_the_mark_exactly(right, wrong, pass_mark):
    total = right + wrong
    questions = [
        QuestionKey(n, QuestionKind.SINGLE, ("a", "b"), frozenset("a")) for n in range(total)
    ]
    answers = {n: frozenset("a" if n < right else "b") for n in range(total)}
    result = score(questions, answers, pass_mark)
    assert len(result.right) == right
    assert result.passed == (total > 0 and 100 * right >= pass_mark * total)
    assert 0 <= result.percent <= 100
