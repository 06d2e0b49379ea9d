"""What one question screen of the survey runner shows, ready for its template.

The survey's own texts come from its ``{language: text}`` maps through ``pick``; the
instructions around them ("Choose all that apply.") are the app's, translated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from engage.surveys import responses
from engage.surveys.models import Question, Response, pick
from engage.surveys.question_types import QUESTION_TYPES, FreeText, Ranking
from engage.surveys.specs import question_spec

# A ranking's select boxes, first to fifth; longer rankings number the rest.
PLACES = (_l("1st choice"), _l("2nd choice"), _l("3rd choice"), _l("4th choice"), _l("5th choice"))


@dataclass
class Option:
    value: str  # what the form sends: a choice key, a Likert point, "yes" or "no"
    label: str


@dataclass
class QuestionScreen:
    key: str
    type: str
    text: str
    help: str
    hint: str  # how to answer, in the page's language
    required: bool
    number: int  # place among the questions shown now; 0 if the question is hidden
    total: int
    options: list[Option] = field(default_factory=list)
    chosen: list[str] = field(default_factory=list)  # options picked, a ranking's in order
    entered: str = ""  # a number's or a text's box
    places: list[str] = field(default_factory=list)  # a ranking's select labels
    limit: int | None = None  # a text's most characters
    inputmode: str = "text"
    error: str | None = None
    previous: str | None = None  # the key of the question shown before this one

    @property
    def described_by(self) -> str:
        """The ids of the help, hint and error texts, for ``aria-describedby``."""
        texts = {"answer-help": self.help, "answer-hint": self.hint, "answer-error": self.error}
        return " ".join(element_id for element_id, text in texts.items() if text)

    @property
    def choice_input(self) -> str | None:
        """The input type of a question answered by ticking (radio, checkbox), else None."""
        if self.type in ("single", "likert", "yes_no"):
            return "radio"
        if self.type == "multiple":
            return "checkbox"
        return None


def _as_strings(value: Any) -> list[str]:
    """A stored answer as the form values that would send it."""
    if value is None:
        return []
    if isinstance(value, bool):
        return ["yes" if value else "no"]
    if isinstance(value, list):
        return [str(item) for item in value]
    return [str(value)]


def _options(question: Question, language: str, base: str) -> list[Option]:
    if question.type == "yes_no":
        return [Option("yes", _("Yes")), Option("no", _("No"))]
    if question.type == "likert":  # stored as points 1 to 5; the choices are their labels
        return [
            Option(str(point), pick(choice.text, language, base))
            for point, choice in enumerate(question.choices, 1)
        ]
    return [Option(choice.key, pick(choice.text, language, base)) for choice in question.choices]


def _hint(question: Question) -> str:
    settings = question.settings or {}
    spec = question_spec(question)
    kind = QUESTION_TYPES[question.type]
    if question.type == "multiple":
        most = settings.get("max_choices")
        return _("Choose up to %(most)s.", most=most) if most else _("Choose all that apply.")
    if isinstance(kind, Ranking):
        return _("Choose your top %(count)s, the most important first.", count=kind.top_n(spec))
    if question.type == "number":
        least, most = settings.get("min"), settings.get("max")
        if least is not None and most is not None:
            return _("Enter a number from %(least)s to %(most)s.", least=least, most=most)
        if least is not None:
            return _("Enter a number, %(least)s or more.", least=least)
        if most is not None:
            return _("Enter a number, %(most)s or less.", most=most)
    if isinstance(kind, FreeText):
        return _("Up to %(most)s characters.", most=kind.limit(spec))
    return ""


def _place(number: int) -> str:
    if number <= len(PLACES):
        return str(PLACES[number - 1])
    return _("Choice %(number)d", number=number)


def question_screen(
    response: Response,
    question: Question,
    base_language: str,
    submitted: list[str] | None = None,
    error: str | None = None,
) -> QuestionScreen:
    """The screen for ``question``: its stored answer, or what was just sent if refused."""
    language = response.language
    spec = question_spec(question)
    kind = QUESTION_TYPES[question.type]
    shown = responses.visible_questions(response)
    if submitted is not None:
        values = list(submitted)
    else:
        values = _as_strings(response.answer_map().get(question.key))
    screen = QuestionScreen(
        key=question.key,
        type=question.type,
        text=pick(question.text, language, base_language),
        help=pick(question.help, language, base_language),
        hint=_hint(question),
        required=question.required,
        number=shown.index(question) + 1 if question in shown else 0,
        total=len(shown),
        options=_options(question, language, base_language),
        chosen=values,
        entered=values[0] if values else "",
        error=error,
    )
    if screen.number > 1:
        screen.previous = shown[screen.number - 2].key
    if isinstance(kind, Ranking):
        screen.places = [_place(n) for n in range(1, kind.top_n(spec) + 1)]
        screen.chosen += [""] * (len(screen.places) - len(screen.chosen))
    if isinstance(kind, FreeText):
        screen.limit = kind.limit(spec)
    if question.type == "number":
        whole = (question.settings or {}).get("whole", True)
        screen.inputmode = "numeric" if whole else "decimal"
    return screen
