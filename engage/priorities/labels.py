"""What each split, group and method is called on the page, in the reader's language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from engage.core.i18n import LANGUAGE_NAMES
from engage.people.vocabulary import AGE_BAND_LABELS, GENDER_LABELS, RACE_ETHNICITY_LABELS
from engage.priorities.models import PriorityOrigin

DIMENSION_LABELS = {
    "language": _l("Language"),
    "site": _l("Site"),
    "age_band": _l("Age"),
    "race_ethnicity": _l("Race and ethnicity"),
    "gender": _l("Gender"),
    "channel": _l("Channel"),
}

ORIGIN_LABELS = {
    PriorityOrigin.SURVEY_CHOICE: _l("A survey choice"),
    PriorityOrigin.BOARD_PROPOSAL: _l("Proposed by the board"),
    PriorityOrigin.PATIENT_IDEA: _l("A patient's idea"),
}

WEIGHTING_LABELS = {
    "raking": _l("Raking to the panel's margins"),
    "poststratification": _l("Post-stratification to the panel's cells"),
}

_SHARED = {
    "unknown": _l("Not recorded"),
    "multiple": _l("More than one race or ethnicity"),
    "web": _l("Web"),
    "sms": _l("Text messages (SMS)"),
}


def group_label(dimension: str, value: str, sites: dict[str, str] | None = None) -> str:
    """A group's name: "Spanish", "65 or older", "Eastside", "Text messages (SMS)"."""
    if value in _SHARED and not (dimension == "language" and value in LANGUAGE_NAMES):
        return str(_SHARED[value])
    if dimension == "language":
        return LANGUAGE_NAMES.get(value, value)
    if dimension == "site":
        return (sites or {}).get(value, value)
    tables = {
        "age_band": AGE_BAND_LABELS,
        "race_ethnicity": RACE_ETHNICITY_LABELS,
        "gender": GENDER_LABELS,
    }
    for key, label in tables.get(dimension, {}).items():
        if key.value == value:
            return str(label)
    return value
