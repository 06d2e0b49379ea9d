"""Answers by text message in five languages, parsed then judged by the one validation.

Replies use what a phone keyboard gives: Arabic-Indic and full-width digits, the Arabic
and Chinese commas, accents or none. Property tests check that no text crashes a type.
"""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engage.surveys.question_types import AnswerProblem, question_type
from tests.surveys.sample_questions import (
    KEYS,
    LANGUAGES,
    LIKERT,
    MULTIPLE,
    NUMBER,
    RANKING,
    SINGLE,
    SPECS,
    TEXT,
    YES_NO,
    sms_answer,
    validate,
)

# --- SMS replies in five languages ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "key"),
    [
        ("2", "en", "food"),
        (" 2. ", "en", "food"),
        ("food", "en", "food"),
        ("Comida", "es", "food"),
        ("comida!", "es", "food"),
        ("thực phẩm", "vi", "food"),
        ("Thuc pham", "vi", "food"),
        ("食物", "zh_Hans", "food"),
        ("２", "zh_Hans", "food"),
        ("طعام", "ar", "food"),
        ("٢", "ar", "food"),
        ("intérprete", "es", "interpreter"),
    ],
)
def test_single_choice_by_text(text, language, key):
    assert sms_answer(SINGLE, text, language) == key


@pytest.mark.parametrize("text", ["dos", "9", "0", "housing", "2 3"])
def test_single_choice_by_text_refused(text):
    with pytest.raises(AnswerProblem) as refused:
        sms_answer(SINGLE, text, "es")
    assert refused.value.code == "unknown_choice"


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("1, 3", ["interpreter", "hours"]),
        ("3 1", ["interpreter", "hours"]),
        ("١ ٣", ["interpreter", "hours"]),  # Arabic-Indic digits
        ("١،٣", ["interpreter", "hours"]),  # and the Arabic comma
        ("1、3", ["interpreter", "hours"]),  # the Chinese enumeration comma
        ("1，3", ["interpreter", "hours"]),  # a full-width comma
    ],
)
def test_multiple_choice_by_text(text, keys):
    assert sms_answer(MULTIPLE, text) == keys


@pytest.mark.parametrize(
    ("text", "code"),
    [("1 9", "unknown_choice"), ("1 1", "duplicate_choice"), ("1 2 3 4", "too_many")],
)
def test_multiple_choice_by_text_refused(text, code):
    with pytest.raises(AnswerProblem) as refused:
        sms_answer(MULTIPLE, text)
    assert refused.value.code == code


@pytest.mark.parametrize(
    ("text", "language", "point"),
    [
        ("4", "en", 4),
        ("Hard", "en", 4),
        ("difícil", "es", 4),
        ("Muy fácil", "es", 1),
        ("٥", "ar", 5),
        ("３", "zh_Hans", 3),
        ("2", "vi", 2),
    ],
)
def test_likert_by_text(text, language, point):
    assert sms_answer(LIKERT, text, language) == point


@pytest.mark.parametrize("text", ["0", "6", "3.5", "very very hard"])
def test_likert_by_text_refused(text):
    with pytest.raises(AnswerProblem) as refused:
        sms_answer(LIKERT, text)
    assert refused.value.code == "out_of_scale"


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("4 1 2", ["wait", "interpreter", "food"]),
        ("4,1,2", ["wait", "interpreter", "food"]),
        ("٤ ١ ٢", ["wait", "interpreter", "food"]),
        ("4、1、2", ["wait", "interpreter", "food"]),
        ("1", ["interpreter"]),
    ],
)
def test_ranking_by_text_keeps_the_order_given(text, keys):
    assert sms_answer(RANKING, text) == keys


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("1 1 2", "duplicate_choice"),
        ("1 2 3 4", "too_many"),
        ("1 2 7", "unknown_choice"),
        ("food and hours", "not_a_list"),
    ],
)
def test_ranking_by_text_refused(text, code):
    with pytest.raises(AnswerProblem) as refused:
        sms_answer(RANKING, text)
    assert refused.value.code == code


@pytest.mark.parametrize(
    ("text", "number"),
    [("42", 42), ("٤٢", 42), ("４２", 42), ("I went 3 times", 3), ("12 veces", 12), ("0", 0)],
)
def test_number_by_text(text, number):
    assert sms_answer(NUMBER, text) == number


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("-5", "below_min"),  # the minus sign is kept, not dropped
        ("3.5", "not_whole"),
        ("abc", "not_a_number"),
        ("2 or 3", "not_a_number"),
        ("500", "above_max"),
        ("9" * 5000, "above_max"),
    ],
)
def test_number_by_text_refused(text, code):
    with pytest.raises(AnswerProblem) as refused:
        sms_answer(NUMBER, text)
    assert refused.value.code == code


@pytest.mark.parametrize(
    ("text", "language", "answer"),
    [
        ("yes", "en", True),
        ("Y", "en", True),
        ("No.", "en", False),
        ("sí", "es", True),
        ("Si!", "es", True),
        ("no", "es", False),
        ("có", "vi", True),
        ("Vâng", "vi", True),
        ("không", "vi", False),
        ("Khong", "vi", False),
        ("是", "zh_Hans", True),
        ("是的", "zh_Hans", True),
        ("否", "zh_Hans", False),
        ("不是", "zh_Hans", False),
        ("نعم", "ar", True),
        ("لا", "ar", False),
        ("١", "ar", True),
        ("٢", "ar", False),
        ("1", "en", True),
        ("2", "en", False),
    ],
)
def test_yes_no_by_text(text, language, answer):
    assert sms_answer(YES_NO, text, language) is answer


@pytest.mark.parametrize("text", ["maybe", "quizás", "3", "có lẽ"])
def test_yes_no_by_text_refused(text):
    with pytest.raises(AnswerProblem) as refused:
        sms_answer(YES_NO, text)
    assert refused.value.code == "not_yes_no"


def test_text_by_sms():
    assert sms_answer(TEXT, " Más doctores ", "es") == "Más doctores"
    assert sms_answer(TEXT, "更多医生", "zh_Hans") == "更多医生"
    with pytest.raises(AnswerProblem):
        sms_answer(TEXT, "a much longer idea than twenty characters")


# --- properties -------------------------------------------------------------------------

rankings = st.lists(st.sampled_from(KEYS), unique=True, min_size=1, max_size=3)
PROPERTIES = settings(max_examples=300, deadline=None, database=None)


@PROPERTIES
@given(rankings)
def test_validating_a_ranking_twice_changes_nothing(ranking):
    once = validate(RANKING, ranking)
    assert once == ranking
    assert validate(RANKING, once) == once


@PROPERTIES
@given(
    rankings,
    st.sampled_from([" ", ",", ", ", ";", "、", "،", " , "]),
    st.sampled_from(["ascii", "arabic", "fullwidth"]),
)
def test_a_ranking_texted_as_numbers_comes_back(ranking, separator, digits):
    shapes = {"ascii": "0123456789", "arabic": "٠١٢٣٤٥٦٧٨٩", "fullwidth": "０１２３４５６７８９"}
    numbers = [
        str(KEYS.index(key) + 1).translate(str.maketrans("0123456789", shapes[digits]))
        for key in ranking
    ]
    assert sms_answer(RANKING, separator.join(numbers)) == ranking


messy_text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet="0123456789٠١٢٣٤٥٦٧٨٩０１２３ eE.,-+،、", max_size=300),
    st.builds(lambda digits: "9" * digits, st.integers(0, 6000)),
    st.builds(lambda exponent: f"1e{exponent}", st.integers(-(10**9), 10**9)),
)


@PROPERTIES
@given(messy_text, st.sampled_from(sorted(SPECS)), st.sampled_from(LANGUAGES))
def test_any_text_is_an_answer_or_a_problem_never_a_crash(text, name, language):
    spec = SPECS[name]
    kind = question_type(name)
    for value in (kind.from_sms(spec, text, language), text):
        with contextlib.suppress(AnswerProblem):
            kind.validate(spec, value)
