"""The rules an answer follows, on plain specs: next question, hidden answers, completion."""

from __future__ import annotations

import pytest

from engage.surveys import answer_rules
from engage.surveys.question_types import AnswerProblem, ChoiceSpec, Condition, QuestionSpec

YES_NO = QuestionSpec("smoker", "yes_no", required=True)
HOW_MANY = QuestionSpec(
    "how_many", "number", required=True, show_if=Condition("smoker", "equals", "yes")
)
QUIT = QuestionSpec("quit", "yes_no", show_if=Condition("how_many", "equals", "20"))
COMMENT = QuestionSpec("comment", "text")
SPECS = [YES_NO, HOW_MANY, QUIT, COMMENT]


def test_the_next_question_is_the_first_shown_without_an_answer():
    assert answer_rules.next_key(SPECS, {}) == "smoker"
    assert answer_rules.next_key(SPECS, {"smoker": False}) == "comment"
    assert answer_rules.next_key(SPECS, {"smoker": True}) == "how_many"
    assert answer_rules.next_key(SPECS, {"smoker": True, "how_many": 20}) == "quit"


def test_a_skipped_question_counts_as_answered_and_is_not_asked_again():
    answers = {"smoker": False, "comment": None}
    assert answer_rules.next_key(SPECS, answers) is None
    assert answer_rules.missing_required(SPECS, answers) == []


def test_a_shown_required_question_without_a_value_is_missing():
    assert answer_rules.missing_required(SPECS, {"smoker": True, "how_many": None}) == ["how_many"]


def test_changing_an_answer_drops_every_answer_it_hides_in_turn():
    before = {"smoker": True, "how_many": 20, "quit": True, "comment": "x"}
    value, after = answer_rules.apply_answer(SPECS, before, "smoker", False)
    assert value is False
    assert after == {"smoker": False, "comment": "x"}  # how_many hidden, so quit hidden too


def test_an_answer_that_does_not_fit_or_a_question_not_in_the_version_is_refused():
    with pytest.raises(AnswerProblem) as problem:
        answer_rules.apply_answer(SPECS, {}, "nowhere", "1")
    assert problem.value.code == "unknown_question"
    with pytest.raises(AnswerProblem):
        answer_rules.apply_answer(SPECS, {"smoker": False}, "how_many", 3)  # hidden
    single = QuestionSpec("ease", "single", choices=(ChoiceSpec("easy", {"en": "Easy"}),))
    with pytest.raises(AnswerProblem):
        answer_rules.apply_answer([single], {}, "ease", "hard")
