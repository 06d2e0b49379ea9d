"""Phone numbers: parse what people type into E.164, or say why it cannot take a text.

Pure: no Flask, so the import can run it fifty thousand times and tests can call it alone.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from functools import lru_cache

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


_PUNCTUATION = str.maketrans("", "", " -.()")


def _plain_nanp_number(text: str, default_region: str) -> phonenumbers.PhoneNumber | None:
    """The number ``phonenumbers.parse`` would give for a plainly written North American
    number, built directly: ``(617) 234-5678``, ``617.234.5678``, ``1-617-234-5678`` or
    ``+1 617 234 5678`` from a +1 region. Parsing is half the time of a check, and an
    import checks fifty thousand numbers; anything else goes to the full parser.
    """
    digits = text.translate(_PUNCTUATION)
    if digits.startswith("+1"):
        digits = digits[2:]
    elif len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) != 10 or not (digits.isascii() and digits.isdigit()) or digits[0] in "01":
        return None
    if phonenumbers.country_code_for_region(default_region) != 1 and not text.startswith("+"):
        return None
    return phonenumbers.PhoneNumber(country_code=1, national_number=int(digits))


@lru_cache(maxsize=8192)
def parse_phone(raw: str | None, default_region: str) -> ParsedPhone:
    """``raw`` in E.164 if it could be a mobile number, else the problem with it.

    Cached: the answer depends on nothing else, and the SMS webhook parses the same few
    thousand senders' numbers over and over (each parse walks libphonenumber's metadata).
    """
    text = (raw or "").strip()
    if not text:
        return ParsedPhone(None, PhoneProblem.EMPTY)
    number = _plain_nanp_number(text, default_region)
    if number is None:
        try:
            number = phonenumbers.parse(text, default_region)
        except NumberParseException as error:
            if error.error_type == NumberParseException.TOO_SHORT_NSN:
                return ParsedPhone(None, PhoneProblem.TOO_SHORT)
            if error.error_type == NumberParseException.TOO_LONG:
                return ParsedPhone(None, PhoneProblem.TOO_LONG)
            return ParsedPhone(None, PhoneProblem.NOT_A_NUMBER)
    possible = phonenumbers.is_possible_number_with_reason(number)
    # "Local only" is a number without its area code (555 0100): dialable from a desk
    # phone in the same area, never by an SMS gateway, so it is missing digits.
    if possible in (
        ValidationResult.TOO_SHORT,
        ValidationResult.INVALID_LENGTH,
        ValidationResult.IS_POSSIBLE_LOCAL_ONLY,
    ):
        return ParsedPhone(None, PhoneProblem.TOO_SHORT)
    if possible == ValidationResult.TOO_LONG:
        return ParsedPhone(None, PhoneProblem.TOO_LONG)
    # A number is valid exactly when its type is known (is_valid_number finds the region
    # and matches the type patterns, as number_type does): asking once instead of twice
    # takes a third off the time an import spends on fifty thousand numbers.
    kind = phonenumbers.number_type(number)
    if kind == PhoneNumberType.UNKNOWN:
        return ParsedPhone(None, PhoneProblem.INVALID)
    if kind not in TEXTABLE_TYPES:
        return ParsedPhone(None, PhoneProblem.NOT_MOBILE)
    return ParsedPhone(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def display_phone(e164: str) -> str:
    """A stored number the way people in its country write it."""
    try:
        number = phonenumbers.parse(e164, None)
    except NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
