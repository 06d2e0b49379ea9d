"""parse_phone: what people type, to E.164, or the reason it cannot receive a text."""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engage.people.phones import (
    TEXTABLE_TYPES,
    ParsedPhone,
    PhoneProblem,
    display_phone,
    parse_phone,
)


@pytest.mark.parametrize(
    "typed",
    [
        "(617) 234-5678",
        "617-234-5678",
        "617.234.5678",
        "617 234 5678",
        "6172345678",
        "16172345678",
        "1-617-234-5678",
        "+1 617 234 5678",
        "+1 (617) 234-5678",
        "+16172345678",
        "  617 234 5678  ",
    ],
)
def test_us_formats_become_e164(typed):
    assert parse_phone(typed, "US") == ParsedPhone("+16172345678")


def test_fictional_555_01xx_numbers_are_accepted():
    # 555-0100..0199 are reserved for fiction in every area code; still well formed.
    assert parse_phone("(617) 555-0143", "US").e164 == "+16175550143"


def test_number_without_area_code_is_too_short():
    assert parse_phone("+1 555 0100", "US") == ParsedPhone(None, PhoneProblem.TOO_SHORT)
    assert parse_phone("555-0100", "US").problem is PhoneProblem.TOO_SHORT


def test_few_digits_are_too_short():
    assert parse_phone("+1 617 55", "US").problem is PhoneProblem.TOO_SHORT


def test_too_many_digits():
    assert parse_phone("+1 617 234 56789", "US").problem is PhoneProblem.TOO_LONG


@pytest.mark.parametrize("typed", ["abc", "call me", "n/a", "phone"])
def test_letters_are_not_a_number(typed):
    assert parse_phone(typed, "US") == ParsedPhone(None, PhoneProblem.NOT_A_NUMBER)


@pytest.mark.parametrize("typed", ["", "   ", None])
def test_empty(typed):
    assert parse_phone(typed, "US") == ParsedPhone(None, PhoneProblem.EMPTY)


@pytest.mark.parametrize("typed", ["+1 800 234 5678", "(888) 234-5678", "1-877-234-5678"])
def test_toll_free_is_not_mobile(typed):
    assert parse_phone(typed, "US") == ParsedPhone(None, PhoneProblem.NOT_MOBILE)


def test_number_outside_the_numbering_plan_is_invalid():
    # Area code 123 does not exist.
    assert parse_phone("(123) 234-5678", "US").problem is PhoneProblem.INVALID


def test_uk_mobile_with_its_region():
    assert parse_phone("07911 123456", "GB") == ParsedPhone("+447911123456")


@pytest.mark.parametrize("typed", ["+44 7911 123456", "011 44 7911 123456"])
def test_uk_mobile_in_international_form_from_us_region(typed):
    assert parse_phone(typed, "US") == ParsedPhone("+447911123456")


def test_uk_landline_is_not_mobile():
    assert parse_phone("020 7946 0018", "GB").problem is PhoneProblem.NOT_MOBILE


def test_display_phone_round_trip():
    assert display_phone("+16172345678") == "+1 617-234-5678"
    assert display_phone("not a number") == "not a number"


# --- the quick paths give what the plain use of phonenumbers gives ----------------------


def reference_parse_phone(raw: str | None, region: str) -> ParsedPhone:
    """parse_phone written the obvious way: parse, then is_valid_number, then number_type."""
    text = (raw or "").strip()
    if not text:
        return ParsedPhone(None, PhoneProblem.EMPTY)
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as error:
        return ParsedPhone(
            None,
            {
                phonenumbers.NumberParseException.TOO_SHORT_NSN: PhoneProblem.TOO_SHORT,
                phonenumbers.NumberParseException.TOO_LONG: PhoneProblem.TOO_LONG,
            }.get(error.error_type, PhoneProblem.NOT_A_NUMBER),
        )
    possible = phonenumbers.is_possible_number_with_reason(number)
    result = phonenumbers.ValidationResult
    if possible in (result.TOO_SHORT, result.INVALID_LENGTH, result.IS_POSSIBLE_LOCAL_ONLY):
        return ParsedPhone(None, PhoneProblem.TOO_SHORT)
    if possible == result.TOO_LONG:
        return ParsedPhone(None, PhoneProblem.TOO_LONG)
    if not phonenumbers.is_valid_number(number):
        return ParsedPhone(None, PhoneProblem.INVALID)
    if phonenumbers.number_type(number) not in TEXTABLE_TYPES:
        return ParsedPhone(None, PhoneProblem.NOT_MOBILE)
    return ParsedPhone(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


NANP_LIKE = st.builds(
    lambda prefix, area, exchange, line, layout: (
        prefix + layout.format(a=f"{area:03d}", e=f"{exchange:03d}", n=f"{line:04d}")
    ),
    st.sampled_from(["", "1", "1-", "1 ", "+1 ", "+1", "+ 1 ", "(+1) ", "011 ", "+11", "0"]),
    st.integers(0, 999),
    st.integers(0, 999),
    st.integers(0, 9999),
    st.sampled_from(
        ["{a}{e}{n}", "({a}) {e}-{n}", "{a}-{e}-{n}", "{a}.{e}.{n}", " {a} {e} {n} ", "{a}){e}{n}"]
        + ["{a}{e}{n}5", "{a}{e}", "{a} {e} {n} x12", "{a}-{e}-{n}-", "({a}){e}{n}."]
    ),
)


@settings(max_examples=400, deadline=None)
@given(
    typed=st.one_of(NANP_LIKE, st.text(alphabet="0123456789 +-().x２", max_size=18)),
    region=st.sampled_from(["US", "CA", "PR", "JM", "GB", "DE", "MX"]),
)
def test_parse_phone_agrees_with_plain_phonenumbers(typed, region):
    assert parse_phone(typed, region) == reference_parse_phone(typed, region)
