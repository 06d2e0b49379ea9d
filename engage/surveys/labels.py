"""How survey types and states are named to people, in their language."""

from flask_babel import lazy_gettext as _l

from engage.surveys.models import SurveyStatus

# The seven question types as the engagement lead knows them, in the order she picks them.
TYPE_LABELS = {
    "single": _l("Single choice"),
    "multiple": _l("Multiple choice"),
    "likert": _l("Rating scale (5 labelled points)"),
    "ranking": _l("Ranking (pick and order the top N)"),
    "number": _l("Number"),
    "yes_no": _l("Yes or no"),
    "text": _l("Free text"),
}
STATUS_LABELS = {
    SurveyStatus.DRAFT: _l("Draft"),
    SurveyStatus.OPEN: _l("Open"),
    SurveyStatus.CLOSED: _l("Closed"),
}
