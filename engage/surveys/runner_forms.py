"""The one fixed form of the survey runner: signing up for text check-ins after a survey.

Questions themselves are not WTForms: their inputs depend on the question type and
are read by that type's ``from_form`` (see ``question_types.py``).
"""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, Field, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, ValidationError

from engage.people.services import ParticipantRefused, normalized_phone


class TextSignUpForm(FlaskForm):
    """Phone, language and consent; the consent label is the wording, set by the view."""

    phone = StringField(
        _l("Mobile phone number"),
        validators=[DataRequired(message=_l("Enter a phone number.")), Length(max=40)],
        description=_l("For example (617) 555-0143."),
    )
    language = SelectField(_l("Language for text messages"))
    consent = BooleanField(
        validators=[
            DataRequired(message=_l("Tick the box to agree to text messages, or leave this form."))
        ]
    )
    submit = SubmitField(_l("Sign me up for texts"))

    def validate_phone(self, field: Field) -> None:
        """Say what is wrong with the number together with any other mistake on the form."""
        try:
            normalized_phone(field.data or "")
        except ParticipantRefused as refused:
            raise ValidationError(str(refused)) from None
