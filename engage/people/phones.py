"""Phone numbers: parse what people type into E.164, or say why it cannot take a text.

Pure: no Flask, so the import can run it fifty thousand times and tests can call it alone.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberType, ValidationResult

# Types that can receive an SMS. In North America most numbers are "fixed line or
# mobile": the numbering plan cannot tell them apart, so they are accepted and a
# landline is found out by the carrier's answer when the first text is sent.
TEXTABLE_TYPES = frozenset({PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE})


class PhoneProblem(enum.StrEnum):
    EMPTY = "empty"
    NOT_A_NUMBER = "not_a_number"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    INVALID = "invalid"
    NOT_MOBILE = "not_mobile"


@dataclass(frozen=True)
class ParsedPhone:
    e164: str | None
    problem: PhoneProblem | None = None


def parse_phone(raw: str | None, default_region: str) -> ParsedPhone:
    """``raw`` in E.164 if it could be a mobile number, else the problem with it."""
    text = (raw or "").strip()
    if not text:
        return ParsedPhone(None, PhoneProblem.EMPTY)
    try:
        number = phonenumbers.parse(text, default_region)
    except NumberParseException as error:
        if error.error_type == NumberParseException.TOO_SHORT_NSN:
            return ParsedPhone(None, PhoneProblem.TOO_SHORT)
        if error.error_type == NumberParseException.TOO_LONG:
            return ParsedPhone(None, PhoneProblem.TOO_LONG)
        return ParsedPhone(None, PhoneProblem.NOT_A_NUMBER)
    possible = phonenumbers.is_possible_number_with_reason(number)
    if possible in (ValidationResult.TOO_SHORT, ValidationResult.INVALID_LENGTH):
        return ParsedPhone(None, PhoneProblem.TOO_SHORT)
    if possible == ValidationResult.TOO_LONG:
        return ParsedPhone(None, PhoneProblem.TOO_LONG)
    if not phonenumbers.is_valid_number(number):
        return ParsedPhone(None, PhoneProblem.INVALID)
    if phonenumbers.number_type(number) not in TEXTABLE_TYPES:
        return ParsedPhone(None, PhoneProblem.NOT_MOBILE)
    return ParsedPhone(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def display_phone(e164: str) -> str:
    """A stored number the way people in its country write it."""
    try:
        number = phonenumbers.parse(e164, None)
    except NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
