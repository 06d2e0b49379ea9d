"""Forms for priority items, the panel, idea tags and voting rounds.

Choices that depend on the data (items, members, surveys) are filled in by the view.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from engage.core.i18n import LANGUAGE_NAMES
from engage.people.forms import MultiCheckboxField
from engage.priorities.models import RoundMethod

METHOD_LABELS = {
    RoundMethod.RANKED: _l("Ranked (Schulze, Borda and instant runoff side by side)"),
    RoundMethod.APPROVAL: _l("Approval (tick every item you support)"),
    RoundMethod.DOTS: _l("Dot voting (spread a number of dots)"),
    RoundMethod.SCORE: _l("Score (rate each item)"),
}


class ItemForm(FlaskForm):
    """An item's title and description in every offered language (see :func:`item_form`)."""

    submit = SubmitField(_l("Save priority"))


def item_form(languages: list[str], **kwargs: object) -> ItemForm:
    """An :class:`ItemForm` with a title and a description field for each language."""

    class LanguageItemForm(ItemForm):
        pass

    for code in languages:
        name = LANGUAGE_NAMES.get(code, code)
        required = [DataRequired()] if code == "en" else [Optional()]
        setattr(
            LanguageItemForm,
            f"title_{code}",
            StringField(
                _l("Title in %(language)s", language=name), validators=[*required, Length(max=200)]
            ),
        )
        setattr(
            LanguageItemForm,
            f"description_{code}",
            TextAreaField(
                _l("Description in %(language)s", language=name),
                validators=[Optional(), Length(max=2000)],
            ),
        )
    return LanguageItemForm(**kwargs)


class ImportanceForm(FlaskForm):
    question = SelectField(
        _l("Rating question"),
        validators=[DataRequired()],
        description=_l("A Likert question of the survey that rates how important this item is."),
    )
    submit = SubmitField(_l("Link the question"))


class PanelForm(FlaskForm):
    file = FileField(_l("Panel file (CSV)"))
    text = TextAreaField(
        _l("Or paste the rows"),
        validators=[Optional(), Length(max=200_000)],
        description=_l(
            "The same columns as the file: language, age_band, race_ethnicity, site, count."
        ),
    )
    submit = SubmitField(_l("Replace the panel"))


class IdeaTagForm(FlaskForm):
    answer_id = IntegerField(validators=[DataRequired()])
    priority = SelectField(_l("Priority"), validators=[DataRequired()])
    submit = SubmitField(_l("Tag"))


class IdeaItemForm(FlaskForm):
    answer_id = IntegerField(validators=[DataRequired()])
    title = StringField(
        _l("New priority title (English)"), validators=[DataRequired(), Length(max=200)]
    )
    submit = SubmitField(_l("Make it a priority"))


class RoundForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    items = MultiCheckboxField(
        _l("Priorities on the ballot"),
        description=_l("Listed in community order, which also breaks ties."),
    )
    method = SelectField(
        _l("Voting method"),
        choices=[(method.value, label) for method, label in METHOD_LABELS.items()],
    )
    dots = IntegerField(
        _l("Dots per member"), default=10, validators=[Optional(), NumberRange(1, 100)]
    )
    max_score = IntegerField(
        _l("Top score"), default=5, validators=[Optional(), NumberRange(2, 10)]
    )
    opens_at = DateTimeLocalField(_l("Opens"), validators=[DataRequired()])
    closes_at = DateTimeLocalField(_l("Closes"), validators=[DataRequired()])
    voters = MultiCheckboxField(_l("Board members invited"))
    quorum = IntegerField(
        _l("Quorum"),
        validators=[Optional(), NumberRange(1, 500)],
        description=_l("The fewest ballots for the result to stand. Leave blank for none."),
    )
    delphi = BooleanField(
        _l("Delphi series"),
        description=_l(
            "Members see this round's results and vote again, until an item reaches the agreement."
        ),
    )
    agreement = IntegerField(
        _l("Agreement that ends the series (%)"),
        default=70,
        validators=[Optional(), NumberRange(1, 100)],
    )
    important_from = IntegerField(
        _l("A score of at least this counts as important"),
        default=4,
        validators=[Optional(), NumberRange(1, 10)],
    )
    submit = SubmitField(_l("Open the round"))


class ConfirmForm(FlaskForm):
    submit = SubmitField(_l("Confirm"))
