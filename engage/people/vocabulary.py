"""The fixed answer lists for self-reported demographics and consent.

Race and ethnicity follow the 2024 OMB standard (SPD 15): seven minimum categories,
asked as one question, several may be chosen. Every list has "prefer not to say".
"""

from __future__ import annotations

import enum

from flask_babel import lazy_gettext as _l

PREFER_NOT_TO_SAY = "prefer_not_to_say"


class AgeBand(enum.StrEnum):
    UNDER_18 = "under_18"
    AGE_18_44 = "18_44"
    AGE_45_64 = "45_64"
    AGE_65_PLUS = "65_plus"
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


AGE_BAND_LABELS = {
    AgeBand.UNDER_18: _l("Under 18"),
    AgeBand.AGE_18_44: _l("18 to 44"),
    AgeBand.AGE_45_64: _l("45 to 64"),
    AgeBand.AGE_65_PLUS: _l("65 or older"),
    AgeBand.PREFER_NOT_TO_SAY: _l("Prefer not to say"),
}


class RaceEthnicity(enum.StrEnum):
    AMERICAN_INDIAN_ALASKA_NATIVE = "aian"
    ASIAN = "asian"
    BLACK_AFRICAN_AMERICAN = "black"
    HISPANIC_LATINO = "hispanic"
    MIDDLE_EASTERN_NORTH_AFRICAN = "mena"
    NATIVE_HAWAIIAN_PACIFIC_ISLANDER = "nhpi"
    WHITE = "white"
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


RACE_ETHNICITY_LABELS = {
    RaceEthnicity.AMERICAN_INDIAN_ALASKA_NATIVE: _l("American Indian or Alaska Native"),
    RaceEthnicity.ASIAN: _l("Asian"),
    RaceEthnicity.BLACK_AFRICAN_AMERICAN: _l("Black or African American"),
    RaceEthnicity.HISPANIC_LATINO: _l("Hispanic or Latino"),
    RaceEthnicity.MIDDLE_EASTERN_NORTH_AFRICAN: _l("Middle Eastern or North African"),
    RaceEthnicity.NATIVE_HAWAIIAN_PACIFIC_ISLANDER: _l("Native Hawaiian or Pacific Islander"),
    RaceEthnicity.WHITE: _l("White"),
    RaceEthnicity.PREFER_NOT_TO_SAY: _l("Prefer not to say"),
}


class Gender(enum.StrEnum):
    WOMAN = "woman"
    MAN = "man"
    NONBINARY = "nonbinary"
    ANOTHER = "another"
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


GENDER_LABELS = {
    Gender.WOMAN: _l("Woman"),
    Gender.MAN: _l("Man"),
    Gender.NONBINARY: _l("Non-binary"),
    Gender.ANOTHER: _l("Another gender"),
    Gender.PREFER_NOT_TO_SAY: _l("Prefer not to say"),
}


class ConsentMethod(enum.StrEnum):
    FORM = "form"
    PAPER = "paper"
    KEYWORD = "keyword"


CONSENT_METHOD_LABELS = {
    ConsentMethod.FORM: _l("Web or tablet form"),
    ConsentMethod.PAPER: _l("Signed paper form"),
    ConsentMethod.KEYWORD: _l("Texted a keyword"),
}


class PhoneStatus(enum.StrEnum):
    """What sending has taught us about a number; campaigns leave out all but ``mobile``."""

    MOBILE = "mobile"
    LANDLINE = "landline"
    UNREACHABLE = "unreachable"


PHONE_STATUS_LABELS = {
    PhoneStatus.MOBILE: _l("Mobile"),
    PhoneStatus.LANDLINE: _l("Landline (cannot receive texts)"),
    PhoneStatus.UNREACHABLE: _l("Unreachable"),
}
