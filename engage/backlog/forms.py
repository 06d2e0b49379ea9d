"""Backlog forms; choices that depend on the data (owners, sites, priorities) are set by views."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from engage.people.forms import MultiCheckboxField


class ItemForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(
        _l("Description"),
        validators=[Optional(), Length(max=5000)],
        description=_l("The change, who it affects, and what success looks like."),
    )
    owner_id = SelectField(_l("Owner"))
    site_id = SelectField(_l("Site"))
    due_on = DateField(_l("Due"), validators=[Optional()])
    priorities = MultiCheckboxField(
        _l("Community priorities it answers"),
        description=_l("Choose every priority this change responds to."),
    )
    rationale = TextAreaField(
        _l("Why it answers them"),
        validators=[Optional(), Length(max=500)],
        description=_l("One sentence, shown beside each linked priority."),
    )
    submit = SubmitField(_l("Save item"))


class MoveForm(FlaskForm):
    status = SelectField(_l("New status"), validators=[DataRequired()])
    submit = SubmitField(_l("Change status"))


class CommentForm(FlaskForm):
    body = TextAreaField(_l("Comment"), validators=[DataRequired(), Length(max=2000)])
    submit = SubmitField(_l("Add comment"))


class FilterForm(FlaskForm):
    class Meta:
        csrf = False

    status = SelectField(_l("Status"), validators=[Optional()])
    site = SelectField(_l("Site"), validators=[Optional()])
    owner = SelectField(_l("Owner"), validators=[Optional()])
    priority = SelectField(_l("Priority"), validators=[Optional()])


class TrainingLinkForm(FlaskForm):
    module_id = SelectField(_l("Training module"), validators=[DataRequired()])
    assign_owner = BooleanField(
        _l("Also assign it to the item's owner"),
        description=_l("Due when the item is due, or in two weeks."),
    )
    submit = SubmitField(_l("Link training"))


class ConfirmForm(FlaskForm):
    """A button that changes something: only its CSRF token is checked."""

    submit = SubmitField(_l("Confirm"))
