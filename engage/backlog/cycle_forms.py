"""Forms for PDSA cycles, measures, data points and the CSV imports.

Values are read as text where people type them loosely ("62%"): the service parses them
with the same rules as an import, so the page and a file never disagree.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import DateField, FloatField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import DateInput

from engage.backlog.labels import DECISION_LABELS, DIRECTION_LABELS
from engage.backlog.pdsa_files import MAX_TEXT


class CycleForm(FlaskForm):
    question = TextAreaField(
        _l("Plan: the question"),
        validators=[DataRequired(), Length(max=MAX_TEXT)],
        description=_l("What this cycle should teach us."),
    )
    prediction = TextAreaField(
        _l("Plan: the prediction"),
        validators=[Optional(), Length(max=MAX_TEXT)],
        description=_l("What we expect to happen, written before we try."),
    )
    plan_on = DateField(_l("Planned for"), validators=[Optional()])
    done = TextAreaField(_l("Do: what was done"), validators=[Optional(), Length(max=MAX_TEXT)])
    done_on = DateField(_l("Done on"), validators=[Optional()])
    study = TextAreaField(
        _l("Study: what the data showed"),
        validators=[Optional(), Length(max=MAX_TEXT)],
        description=_l("Compare the result with the prediction."),
    )
    decision = SelectField(
        _l("Act: the decision"),
        choices=[("", _l("Not decided yet"))]
        + [(decision.value, label) for decision, label in DECISION_LABELS.items()],
        validators=[Optional()],
        description=_l("Needs what the data showed, and the date of the decision."),
    )
    decided_on = DateField(_l("Decided on"), validators=[Optional()])
    submit = SubmitField(_l("Save cycle"))


class MeasureForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    unit = StringField(
        _l("Unit"),
        validators=[Optional(), Length(max=40)],
        description=_l("For example %, days or visits. Values in % are between 0 and 100."),
    )
    direction = SelectField(
        _l("Direction of improvement"),
        choices=[(direction.value, label) for direction, label in DIRECTION_LABELS.items()],
        validators=[DataRequired()],
    )
    baseline = FloatField(
        _l("Baseline"),
        validators=[Optional()],
        description=_l("The value before the change, if known."),
    )
    submit = SubmitField(_l("Save measure"))


class PointForm(FlaskForm):
    # Text, not a DateField, so 3/31/2026 typed where the browser has no date picker is read
    # by the same rule as an import.
    on = StringField(
        _l("Date"),
        widget=DateInput(),
        validators=[DataRequired()],
        description=_l("For example 2026-03-31. A date already there gets the new value."),
    )
    value = StringField(_l("Value"), validators=[DataRequired(), Length(max=40)])
    submit = SubmitField(_l("Add data point"))


class DeletePointForm(FlaskForm):
    submit = SubmitField(_l("Remove"))


class ImportForm(FlaskForm):
    file = FileField(_l("CSV file"))
    text = TextAreaField(_l("Or paste the rows"), validators=[Optional(), Length(max=200_000)])
    submit = SubmitField(_l("Import"))
