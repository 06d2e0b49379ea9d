"""The builder's forms: a survey, a question with its answers, imports and plain actions.

Texts are typed in the survey's base language here; the other languages are filled in on
the translation screen. Choices that depend on the survey are filled in by the view.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DecimalField,
    FieldList,
    Form,
    FormField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from engage.people.forms import MultiCheckboxField
from engage.surveys.labels import TYPE_LABELS
from engage.surveys.models import Question, Texts
from engage.surveys.services import ChoiceInput, QuestionInput

OPERATOR_LABELS = {"equals": _l("is"), "includes": _l("includes")}
# Without JavaScript the form cannot add rows, so it always offers this many blank ones.
BLANK_CHOICE_ROWS = 8


class SurveyTextsForm(FlaskForm):
    """The survey's texts in its base language and the languages it is offered in."""

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    intro = TextAreaField(
        _l("Introduction"),
        validators=[Optional(), Length(max=2000)],
        description=_l("What the survey is for and how long it takes, shown before question 1."),
    )
    thank_you = TextAreaField(
        _l("Thank-you message"),
        validators=[Optional(), Length(max=2000)],
        description=_l("Shown when someone finishes."),
    )
    languages = MultiCheckboxField(
        _l("Offered in"),
        description=_l("The survey opens only when every offered language has every text."),
    )
    submit = SubmitField(_l("Save survey"))


class NewSurveyForm(SurveyTextsForm):
    slug = StringField(
        _l("Link"),
        validators=[DataRequired(), Length(max=80)],
        description=_l("The end of the survey's address, /s/…, for example priorities-2027."),
    )
    base_language = SelectField(
        _l("Written first in"),
        description=_l("The language you type the questions in; the others are translations."),
    )
    is_priority_setting = BooleanField(
        _l("Priority-setting survey"),
        description=_l("Answers marked as priorities feed the community's priorities."),
    )
    submit = SubmitField(_l("Create survey"))


class ChoiceRowForm(Form):
    """One answer a person can choose; a row left blank is ignored."""

    key = StringField(_l("Code"), validators=[Optional(), Length(max=40)])
    text = StringField(_l("Answer"), validators=[Optional(), Length(max=500)])
    is_priority = BooleanField(_l("Is a priority"))

    def is_blank(self) -> bool:
        return not (self.key.data or "").strip() and not (self.text.data or "").strip()


class QuestionForm(FlaskForm):
    key = StringField(
        _l("Code"),
        validators=[DataRequired(), Length(max=40)],
        description=_l("Short and stable, for exports and conditions: q1, housing, top3."),
    )
    type = SelectField(_l("Type"), choices=list(TYPE_LABELS.items()))
    text = TextAreaField(_l("Question"), validators=[DataRequired(), Length(max=1000)])
    help = TextAreaField(
        _l("Help text"),
        validators=[Optional(), Length(max=1000)],
        description=_l("Optional; shown under the question."),
    )
    required = BooleanField(_l("An answer is required"))
    minimum = DecimalField(_l("Smallest number allowed"), places=None, validators=[Optional()])
    maximum = DecimalField(_l("Largest number allowed"), places=None, validators=[Optional()])
    whole = BooleanField(_l("Whole numbers only"), default=True)
    max_length = IntegerField(
        _l("Longest answer, in characters"),
        validators=[Optional(), NumberRange(min=1, max=10_000)],
        description=_l("500 if left blank."),
    )
    top_n = IntegerField(
        _l("How many to rank"),
        validators=[Optional(), NumberRange(min=1)],
        description=_l("3 if left blank."),
    )
    max_choices = IntegerField(
        _l("Most answers a person may choose"),
        validators=[Optional(), NumberRange(min=1)],
        description=_l("No limit if left blank."),
    )
    choices = FieldList(FormField(ChoiceRowForm), min_entries=BLANK_CHOICE_ROWS)
    # The service judges the condition (an earlier question, a possible answer) and says why.
    condition_question = SelectField(_l("Show only if question"), validate_choice=False)
    condition_operator = SelectField(_l("Condition"), choices=list(OPERATOR_LABELS.items()))
    condition_value = StringField(
        _l("Answer"),
        validators=[Optional(), Length(max=40)],
        description=_l("yes or no, an answer's code, or a rating from 1 to 5."),
    )
    submit = SubmitField(_l("Save question"))

    def settings(self) -> dict[str, Any]:
        """Only the settings the chosen type reads, as plain JSON values."""
        kind = self.type.data

        def number(value: Decimal | None) -> int | float | None:
            if value is None:
                return None
            return int(value) if value == value.to_integral_value() else float(value)

        candidates: dict[str, Any] = {}
        if kind == "number":
            candidates = {
                "min": number(self.minimum.data),
                "max": number(self.maximum.data),
                "whole": bool(self.whole.data),
            }
        elif kind == "text":
            candidates = {"max_length": self.max_length.data}
        elif kind == "ranking":
            candidates = {"top_n": self.top_n.data}
        elif kind == "multiple":
            candidates = {"max_choices": self.max_choices.data}
        return {name: value for name, value in candidates.items() if value is not None}

    def question_input(self, base_language: str, existing: Question | None) -> QuestionInput:
        """What the form describes, for services.add_question or update_question.

        The form holds the base language only; the translations an existing question
        (or answer, by its code) already has are kept.
        """

        def merged(texts: Texts | None, value: str | None) -> Texts:
            # A text cleared in the base language takes its translations with it.
            value = (value or "").strip()
            return {**(texts or {}), base_language: value} if value else {}

        earlier = {choice.key: choice.text for choice in existing.choices} if existing else {}
        choices = [
            ChoiceInput(
                key=(row.key.data or "").strip(),
                text=merged(earlier.get((row.key.data or "").strip()), row.text.data),
                is_priority=bool(row.is_priority.data),
            )
            for row in (entry.form for entry in self.choices)
            if not row.is_blank()
        ]
        show_if = None
        if self.condition_question.data:
            show_if = {
                "question": self.condition_question.data,
                "operator": self.condition_operator.data or "equals",
                "value": (self.condition_value.data or "").strip(),
            }
        return QuestionInput(
            key=(self.key.data or "").strip(),
            type=self.type.data or "",
            text=merged(existing.text if existing else None, self.text.data),
            required=bool(self.required.data),
            help=merged(existing.help if existing else None, self.help.data),
            settings=self.settings(),
            choices=choices,
            show_if=show_if,
        )

    def fill_from(self, question: Question, base_language: str) -> None:
        """Show a stored question in the form (on GET), with blank rows after its answers."""
        self.key.data = question.key
        self.type.data = question.type
        self.text.data = question.text.get(base_language, "")
        self.help.data = question.help.get(base_language, "")
        self.required.data = question.required
        settings = question.settings or {}
        self.minimum.data = _decimal(settings.get("min"))
        self.maximum.data = _decimal(settings.get("max"))
        self.whole.data = bool(settings.get("whole", True))
        self.max_length.data = settings.get("max_length")
        self.top_n.data = settings.get("top_n")
        self.max_choices.data = settings.get("max_choices")
        while len(self.choices):
            self.choices.pop_entry()
        for choice in question.choices:
            self.choices.append_entry(
                {
                    "key": choice.key,
                    "text": choice.text.get(base_language, ""),
                    "is_priority": choice.is_priority,
                }
            )
        for _blank in range(BLANK_CHOICE_ROWS):
            self.choices.append_entry()
        condition = question.show_if or {}
        self.condition_question.data = condition.get("question", "")
        self.condition_operator.data = condition.get("operator", "equals")
        self.condition_value.data = str(condition.get("value", ""))


def _decimal(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


class ImportSurveyForm(FlaskForm):
    file = FileField(
        _l("Survey file (JSON)"),
        validators=[FileRequired(message=_l("Choose a survey file to import."))],
        description=_l("A file exported from engage, here or at another clinic."),
    )
    slug = StringField(
        _l("New link (optional)"),
        validators=[Optional(), Length(max=80)],
        description=_l("Leave blank to keep the link in the file."),
    )
    submit = SubmitField(_l("Import survey"))


class TranslationForm(FlaskForm):
    """The translation screen's inputs are drawn from the survey; this carries the button."""

    submit = SubmitField(_l("Save translations"))
