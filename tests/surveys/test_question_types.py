"""The question types, alone: validation, conditions and summaries.

Pure code, no app: every case here is what the web runner and the SMS engine both rely on.
SMS replies and the property tests are in test_sms_answers.py.
"""

from __future__ import annotations

import time

import pytest

from engage.surveys.question_types import (
    QUESTION_TYPES,
    AnswerProblem,
    Condition,
    QuestionSpec,
    check_answer,
    question_type,
)
from tests.surveys.sample_questions import (
    ISSUES,
    KEYS,
    LIKERT,
    MULTIPLE,
    NUMBER,
    RANKING,
    SINGLE,
    TEXT,
    YES_NO,
    problem,
    validate,
)


def test_the_registry_has_the_seven_types():
    assert set(QUESTION_TYPES) == {
        "single",
        "multiple",
        "likert",
        "ranking",
        "number",
        "yes_no",
        "text",
    }


# --- validation: good and bad input, type by type --------------------------------------


def test_single_choice():
    assert validate(SINGLE, "food") == "food"
    assert validate(SINGLE, "") is None
    assert problem(SINGLE, "housing") == "unknown_choice"
    assert problem(SINGLE, ["food"]) == "unknown_choice"


def test_multiple_choice_keeps_the_lists_order():
    assert validate(MULTIPLE, ["wait", "interpreter"]) == ["interpreter", "wait"]
    assert validate(MULTIPLE, []) is None
    assert problem(MULTIPLE, ["food", "housing"]) == "unknown_choice"
    assert problem(MULTIPLE, ["food", "food"]) == "duplicate_choice"
    assert problem(MULTIPLE, ["food", "wait", "hours", "interpreter"]) == "too_many"
    assert problem(MULTIPLE, "food") == "not_a_list"


@pytest.mark.parametrize(("value", "point"), [(1, 1), (5, 5), ("3", 3), (" 4 ", 4)])
def test_likert_accepts_one_to_five(value, point):
    assert validate(LIKERT, value) == point


@pytest.mark.parametrize("value", [0, 6, "0", "6", "3.5", 3.5, "abc", "-1", True, ["3"]])
def test_likert_refuses_anything_else(value):
    assert problem(LIKERT, value) == "out_of_scale"


def test_ranking():
    assert validate(RANKING, ["wait", "interpreter", "food"]) == ["wait", "interpreter", "food"]
    assert validate(RANKING, ["food"]) == ["food"]
    assert problem(RANKING, ["food", "wait", "food"]) == "duplicate_choice"
    assert problem(RANKING, ["food", "wait", "hours", "reminders"]) == "too_many"
    assert problem(RANKING, ["food", "housing"]) == "unknown_choice"
    assert problem(RANKING, "food") == "not_a_list"


def test_ranking_top_n_defaults_to_three():
    spec = QuestionSpec("top", "ranking", choices=ISSUES)
    assert problem(spec, KEYS[:4]) == "too_many"


@pytest.mark.parametrize(
    ("value", "number"), [("42", 42), (0, 0), ("120", 120), (" 7 ", 7), ("12.0", 12)]
)
def test_number_in_range(value, number):
    assert validate(NUMBER, value) == number


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("-1", "below_min"),
        (121, "above_max"),
        ("3.5", "not_whole"),
        ("abc", "not_a_number"),
        ("NaN", "not_a_number"),
        ("nan", "not_a_number"),
        ("inf", "not_a_number"),
        ("-Infinity", "not_a_number"),
        ("4 2", "not_a_number"),
        (True, "not_a_number"),
    ],
)
def test_number_refused(value, code):
    assert problem(NUMBER, value) == code


def test_number_with_decimals_allowed():
    spec = QuestionSpec("weight", "number", settings={"whole": False, "min": 0})
    assert validate(spec, "2,5") == 2.5
    assert validate(spec, "70.25") == 70.25


def test_a_huge_number_is_refused_at_once():
    """int(Decimal("1e999999")) took 30 s and then failed: a form could stall a worker."""
    open_ended = QuestionSpec("count", "number")
    started = time.perf_counter()
    assert problem(open_ended, "1e999999") == "above_max"
    assert problem(open_ended, "-1e999999") == "below_min"
    assert problem(open_ended, "9" * 5000) == "above_max"
    assert time.perf_counter() - started < 1


@pytest.mark.parametrize(("value", "answer"), [(True, True), (False, False), ("yes", True)])
def test_yes_no(value, answer):
    assert validate(YES_NO, value) is answer


def test_yes_no_refuses_other_words():
    assert validate(YES_NO, "no") is False
    assert problem(YES_NO, "maybe") == "not_yes_no"
    assert problem(YES_NO, 3) == "not_yes_no"


def test_text():
    assert validate(TEXT, "  more nurses  ") == "more nurses"
    assert validate(TEXT, "x" * 20) == "x" * 20
    assert problem(TEXT, "x" * 21) == "too_long"
    assert validate(TEXT, "   \n\t ") is None
    assert problem(TEXT, 12) == "not_text"


def test_required_and_unanswered():
    required = QuestionSpec("q", "yes_no", required=True)
    with pytest.raises(AnswerProblem) as refused:
        check_answer(required, "", {})
    assert refused.value.code == "required"
    assert check_answer(YES_NO, None, {}) is None


# --- conditions -------------------------------------------------------------------------


def test_equals_on_yes_no_single_and_likert():
    assert Condition("interpreter", "equals", "yes").holds({"interpreter": True})
    assert not Condition("interpreter", "equals", "yes").holds({"interpreter": False})
    assert Condition("interpreter", "equals", "no").holds({"interpreter": False})
    assert Condition("site", "equals", "food").holds({"site": "food"})
    assert not Condition("site", "equals", "food").holds({"site": "wait"})
    assert Condition("access", "equals", "4").holds({"access": 4})
    assert not Condition("access", "equals", "4").holds({"access": 5})
    assert not Condition("access", "equals", "4").holds({})


def test_includes_on_multiple_and_ranking():
    condition = Condition("needs", "includes", "food")
    assert condition.holds({"needs": ["interpreter", "food"]})
    assert not condition.holds({"needs": ["interpreter"]})
    assert not condition.holds({"needs": "food"})
    assert Condition("top3", "includes", "wait").holds({"top3": ["food", "wait"]})


def test_an_answer_to_a_hidden_question_is_refused():
    languages = QuestionSpec(
        "languages",
        "multiple",
        required=True,
        choices=ISSUES,
        show_if=Condition("interpreter", "equals", "yes"),
    )
    with pytest.raises(AnswerProblem) as refused:
        check_answer(languages, ["food"], {"interpreter": False})
    assert refused.value.code == "hidden_question"
    with pytest.raises(AnswerProblem):
        check_answer(languages, ["food"], {})  # the question it depends on is unanswered
    # Hidden, it is not required either; shown, it is.
    assert check_answer(languages, None, {"interpreter": False}) is None
    assert check_answer(languages, ["food"], {"interpreter": True}) == ["food"]
    with pytest.raises(AnswerProblem) as refused:
        check_answer(languages, [], {"interpreter": True})
    assert refused.value.code == "required"


# --- summaries --------------------------------------------------------------------------


def summarise(spec: QuestionSpec, values: list[object]):
    return question_type(spec.type).summarise(spec, values)


def test_choice_counts():
    summary = summarise(SINGLE, ["food", "food", "wait"])
    assert summary.answered == 3
    assert summary.counts == {"interpreter": 0, "food": 2, "hours": 0, "wait": 1, "reminders": 0}
    summary = summarise(MULTIPLE, [["food", "wait"], ["food"]])
    assert summary.counts["food"] == 2 and summary.counts["wait"] == 1


def test_ranking_borda_points():
    """First of three gets 3 points, second 2, third 1; unranked items nothing."""
    summary = summarise(RANKING, [["food", "wait", "hours"], ["wait", "food"], ["interpreter"]])
    assert summary.scores == {
        "interpreter": 3.0,
        "food": 5.0,
        "hours": 1.0,
        "wait": 5.0,
        "reminders": 0.0,
    }
    assert summary.counts["food"] == 2 and summary.counts["reminders"] == 0


def test_likert_mean_and_distribution():
    summary = summarise(LIKERT, [1, 2, 4, 4, 5])
    assert summary.mean == pytest.approx(3.2)
    assert summary.counts == {"very_easy": 1, "easy": 1, "neither": 0, "hard": 2, "very_hard": 1}
    assert summarise(LIKERT, []).mean is None


def test_yes_no_number_and_text_summaries():
    assert summarise(YES_NO, [True, False, True]).counts == {"yes": 2, "no": 1}
    assert summarise(NUMBER, [2, 4]).mean == 3
    assert summarise(TEXT, ["a", "b"]).texts == ["a", "b"]
