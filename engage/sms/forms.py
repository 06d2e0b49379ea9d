"""Forms of the SMS screens. Choices that depend on the database are filled in by the view."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from engage.people.forms import MultiCheckboxField
from engage.people.vocabulary import AGE_BAND_LABELS, RACE_ETHNICITY_LABELS

# Twilio accepts up to 1,600 characters in one message.
MAX_TEXT_LENGTH = 1600
# A staff reply is a short note, not a letter: four GSM-7 segments at most.
MAX_REPLY_LENGTH = 612


class SimulatorForm(FlaskForm):
    participant_phone = SelectField(_l("A participant's phone"), validate_choice=False)
    phone = StringField(
        _l("Or type a number"),
        validators=[Optional(), Length(max=40)],
        description=_l("Any number, for example (617) 555-0143. A typed number wins."),
    )
    body = TextAreaField(
        _l("Message"),
        validators=[
            DataRequired(message=_l("Type a message to send.")),
            Length(max=MAX_TEXT_LENGTH),
        ],
        description=_l("Try an answer, HELP, STOP, START or a language such as ESPAÑOL."),
    )
    submit = SubmitField(_l("Send text"))


class StartSurveyForm(FlaskForm):
    """In the simulator: text an open survey to the shown phone, as a campaign would."""

    phone = HiddenField(validators=[DataRequired()])
    survey_id = SelectField(_l("Survey"), coerce=int, validate_choice=False)
    start = SubmitField(_l("Text this survey to the phone"))


class ReplyForm(FlaskForm):
    body = TextAreaField(
        _l("Reply"),
        validators=[DataRequired(message=_l("Type a reply.")), Length(max=MAX_REPLY_LENGTH)],
        description=_l(
            "Goes through the outbox with every sending rule. Never include health "
            "information: ask the patient to call, or send a link."
        ),
    )
    submit = SubmitField(_l("Send reply"))


class CampaignForm(FlaskForm):
    name = StringField(_l("Campaign name"), validators=[DataRequired(), Length(max=120)])
    survey_id = SelectField(
        _l("Survey"),
        coerce=int,
        validators=[InputRequired(message=_l("Choose an open survey."))],
        description=_l("Only open surveys can be sent."),
    )
    sites = MultiCheckboxField(_l("Sites"), coerce=int, description=_l("None chosen: every site."))
    languages = MultiCheckboxField(
        _l("Preferred languages"), description=_l("None chosen: every language.")
    )
    age_bands = MultiCheckboxField(
        _l("Age"),
        choices=[(key.value, label) for key, label in AGE_BAND_LABELS.items()],
        description=_l("None chosen: every age."),
    )
    race_ethnicity = MultiCheckboxField(
        _l("Race and ethnicity"),
        choices=[(key.value, label) for key, label in RACE_ETHNICITY_LABELS.items()],
        description=_l("Participants who chose any of these. None chosen: everyone."),
    )
    not_contacted_days = IntegerField(
        _l("Not texted in the last (days)"),
        validators=[Optional(), NumberRange(min=1, max=365)],
        description=_l("Leave empty to include people texted recently."),
    )
    start_date = DateField(_l("Start date"), validators=[InputRequired()])
    start_time = TimeField(
        _l("Start time"),
        validators=[InputRequired()],
        description=_l("In the clinic's time zone. Nothing goes out during quiet hours."),
    )
    first_reminder_hours = IntegerField(
        _l("First reminder, hours after the start"),
        validators=[Optional(), NumberRange(min=1, max=24 * 30)],
        description=_l("Only to those who have not finished. Leave empty for none."),
    )
    second_reminder_hours = IntegerField(
        _l("Second reminder, hours after the start"),
        validators=[Optional(), NumberRange(min=1, max=24 * 30)],
    )
    # Its description names the link's lifetime, a setting: see campaign_views.
    offers_web_link = BooleanField(_l("Also offer the survey on the web"))
    submit = SubmitField(_l("Preview campaign"))


class ConfirmForm(FlaskForm):
    """A button and its CSRF token: schedule or cancel."""

    submit = SubmitField(_l("Confirm"))
