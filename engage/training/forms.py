"""The training editor's forms, the quiz's (CSRF only) and the assignment form.

Texts are typed in every offered language on one page, a fieldset per language, so the
form classes are built for the app's languages when first asked for. Without JavaScript
the question form cannot add answer rows, so it always offers ``CHOICE_ROWS`` of them.
"""

from __future__ import annotations

from functools import cache
from string import ascii_lowercase

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from engage.core.i18n import LANGUAGE_NAMES
from engage.training.models import QuizQuestion, TrainingModule
from engage.training.services import ChoiceInput, ModuleInput, QuestionInput

CHOICE_ROWS = 6
KIND_LABELS = {
    "single": _l("Single choice: one answer is right"),
    "multiple": _l("Multiple choice: one or more answers are right"),
}


class ModuleTexts(Form):
    """One language's texts of a module."""

    title = StringField(_l("Title"), validators=[Optional(), Length(max=200)])
    summary = TextAreaField(
        _l("Summary"),
        validators=[Optional(), Length(max=600)],
        description=_l("One or two sentences, shown in lists of modules."),
    )
    body = TextAreaField(
        _l("Text of the module"),
        validators=[Optional(), Length(max=50_000)],
        description=_l("Markdown: # for a heading, - for a list, **bold**, [a link](https://…)."),
        render_kw={"rows": 14},
    )


class ModuleForm(FlaskForm):
    slug = StringField(
        _l("Address"),
        validators=[DataRequired(), Length(max=80)],
        description=_l("The end of the module's address, /training/…, for example small-tests."),
    )
    minutes = IntegerField(
        _l("Estimated minutes"),
        validators=[InputRequired(), NumberRange(min=1, max=600)],
        default=15,
    )
    pass_mark = IntegerField(
        _l("Pass mark (%)"),
        validators=[
            InputRequired(),
            NumberRange(
                min=1, max=100, message=_l("The pass mark must be a percentage from 1 to 100.")
            ),
        ],
        default=80,
        description=_l("The share of questions a person must get right to pass."),
    )
    max_attempts = IntegerField(
        _l("Attempts allowed"),
        validators=[Optional(), NumberRange(min=1, max=100)],
        description=_l("Leave blank for no limit."),
    )
    published = BooleanField(
        _l("Published"),
        description=_l(
            "Staff can read and take a published module; a draft is seen by admins only."
        ),
    )
    submit = SubmitField(_l("Save module"))

    def texts(self, languages: list[str]) -> list[tuple[str, FormField]]:
        return [(code, self[f"texts_{code}"]) for code in languages]

    def module_input(self, languages: list[str]) -> ModuleInput:
        def gather(name: str) -> dict[str, str]:
            return {code: (self[f"texts_{code}"][name].data or "") for code in languages}

        return ModuleInput(
            slug=self.slug.data or "",
            title=gather("title"),
            summary=gather("summary"),
            body=gather("body"),
            minutes=self.minutes.data or 0,
            pass_mark=self.pass_mark.data or 0,
            max_attempts=self.max_attempts.data,
            published=bool(self.published.data),
        )

    def fill_from(self, module: TrainingModule, languages: list[str]) -> None:
        self.slug.data = module.slug
        self.minutes.data = module.minutes
        self.pass_mark.data = module.pass_mark
        self.max_attempts.data = module.max_attempts
        self.published.data = module.published
        for code in languages:
            texts = self[f"texts_{code}"]
            texts["title"].data = module.title.get(code, "")
            texts["summary"].data = module.summary.get(code, "")
            texts["body"].data = module.body.get(code, "")


@cache
def module_form_class(languages: tuple[str, ...]) -> type[ModuleForm]:
    fields = {f"texts_{code}": FormField(ModuleTexts) for code in languages}
    return type("ModuleFormFor", (ModuleForm,), fields)


class QuestionTexts(Form):
    text = TextAreaField(
        _l("Question"), validators=[Optional(), Length(max=1000)], render_kw={"rows": 2}
    )
    explanation = TextAreaField(
        _l("Explanation"),
        validators=[Optional(), Length(max=2000)],
        description=_l("Shown after the quiz is submitted: why the right answer is right."),
        render_kw={"rows": 3},
    )


class ChoiceRow(Form):
    """One answer; a row whose texts are all blank is ignored."""

    key = StringField(_l("Code"), validators=[Optional(), Length(max=20)])
    correct = BooleanField(_l("This answer is correct"))

    def is_blank(self, languages: list[str]) -> bool:
        return not any((self[f"text_{code}"].data or "").strip() for code in languages)


class QuestionForm(FlaskForm):
    kind = SelectField(_l("Kind of question"), choices=list(KIND_LABELS.items()))
    submit = SubmitField(_l("Save question"))

    def question_input(self, languages: list[str]) -> QuestionInput:
        def gather(name: str) -> dict[str, str]:
            return {code: (self[f"texts_{code}"][name].data or "") for code in languages}

        rows = [entry.form for entry in self["choices"]]
        choices = [
            ChoiceInput(
                key=(row.key.data or "").strip(),
                text={code: row[f"text_{code}"].data or "" for code in languages},
                correct=bool(row.correct.data),
            )
            for row in rows
            if not row.is_blank(languages)
        ]
        return QuestionInput(
            kind=self.kind.data or "",
            text=gather("text"),
            explanation=gather("explanation"),
            choices=choices,
        )

    def fill_from(self, question: QuizQuestion | None, languages: list[str]) -> None:
        """A stored question in the form, with blank rows after its answers (on GET)."""
        rows = [entry.form for entry in self["choices"]]
        stored = question.choices if question else []
        used = {choice.key for choice in stored}
        spare = iter(key for key in ascii_lowercase if key not in used)
        for n, row in enumerate(rows):
            if n < len(stored):
                choice = stored[n]
                row.key.data = choice.key
                row.correct.data = choice.correct
                for code in languages:
                    row[f"text_{code}"].data = choice.text.get(code, "")
            else:
                row.key.data = next(spare, "")
        if question is None:
            return
        self.kind.data = question.kind.value
        for code in languages:
            texts = self[f"texts_{code}"]
            texts["text"].data = question.text.get(code, "")
            texts["explanation"].data = question.explanation.get(code, "")


@cache
def question_form_class(languages: tuple[str, ...], rows: int = CHOICE_ROWS) -> type[QuestionForm]:
    # Each language's box is labelled with the language's own name, inside "Answer 1".
    row_fields = {
        f"text_{code}": StringField(
            LANGUAGE_NAMES.get(code, code), validators=[Optional(), Length(max=500)]
        )
        for code in languages
    }
    row_class = type("ChoiceRowFor", (ChoiceRow,), row_fields)
    fields: dict[str, object] = {f"texts_{code}": FormField(QuestionTexts) for code in languages}
    fields["choices"] = FieldList(FormField(row_class), min_entries=rows, max_entries=rows)
    return type("QuestionFormFor", (QuestionForm,), fields)


class QuizForm(FlaskForm):
    """Only the CSRF token: the answers are read from the request by question id."""


class ConfirmForm(FlaskForm):
    """A POST button that changes something (delete a question, remove an assignment)."""


class AssignmentForm(FlaskForm):
    module_id = SelectField(_l("Module"), validators=[DataRequired(message=_l("Choose a module."))])
    role = SelectField(_l("Everyone with the role"), default="")
    site_id = SelectField(_l("Everyone at the site"), default="")
    user_id = SelectField(_l("One person"), default="")
    due_on = DateField(
        _l("Due on"),
        validators=[InputRequired(message=_l("Enter the day it is due."))],
        description=_l("The clinic's calendar day; it is overdue from the next day."),
    )
    submit = SubmitField(_l("Assign"))
