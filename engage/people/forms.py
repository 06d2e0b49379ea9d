"""Participant and import forms. Choices that depend on the app are filled in by the view."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField, SelectField, SelectMultipleField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, Optional, Regexp
from wtforms.widgets import CheckboxInput, ListWidget

from engage.people.vocabulary import (
    AGE_BAND_LABELS,
    CONSENT_METHOD_LABELS,
    GENDER_LABELS,
    RACE_ETHNICITY_LABELS,
)


class MultiCheckboxField(SelectMultipleField):
    """Several choices as checkboxes (race and ethnicity allow more than one)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _with_blank(labels: dict, blank: object) -> list[tuple[str, object]]:
    return [("", blank)] + [(key.value, label) for key, label in labels.items()]


class ParticipantForm(FlaskForm):
    phone = StringField(
        _l("Mobile phone"),
        validators=[DataRequired(), Length(max=40)],
        description=_l("The number that receives texts, for example (617) 555-0143."),
    )
    name = StringField(_l("Name"), validators=[Optional(), Length(max=120)])
    external_id = StringField(_l("Medical record number"), validators=[Optional(), Length(max=64)])
    preferred_language = SelectField(_l("Preferred language"))
    site_id = SelectField(_l("Site"))
    age_band = SelectField(_l("Age"), choices=_with_blank(AGE_BAND_LABELS, _l("Not asked")))
    race_ethnicity = MultiCheckboxField(
        _l("Race and ethnicity"),
        choices=[(key.value, label) for key, label in RACE_ETHNICITY_LABELS.items()],
        description=_l("As the participant describes themself. Choose all that apply."),
    )
    gender = SelectField(_l("Gender"), choices=_with_blank(GENDER_LABELS, _l("Not asked")))
    zip_code = StringField(
        _l("ZIP code"),
        validators=[
            Optional(),
            Regexp(r"^\d{5}(-\d{4})?$", message=_l("Enter a 5-digit ZIP code.")),
        ],
    )
    consent_method = SelectField(
        _l("Consent to text messages"),
        choices=_with_blank(CONSENT_METHOD_LABELS, _l("Not given")),
        description=_l("Only record consent the participant gave after seeing the wording below."),
    )
    submit = SubmitField(_l("Save participant"))


class ImportForm(FlaskForm):
    file = FileField(
        _l("CSV file"),
        validators=[FileRequired(message=_l("Choose a CSV file to import."))],
        description=_l(
            "One row per participant with a phone column; optional columns: name, mrn, "
            "language, site, age, race_ethnicity, gender, zip, sms_consent, consent_date."
        ),
    )
    submit = SubmitField(_l("Preview import"))


class ConfirmImportForm(FlaskForm):
    token = HiddenField(validators=[DataRequired()])
    submit = SubmitField(_l("Import these rows"))
