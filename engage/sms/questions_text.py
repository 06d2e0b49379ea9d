"""A survey question as a text message: its words, numbered options, and how to reply.

The question's own words and its choices come from the survey (the lead writes them
and answers for them: no health information in a question meant for SMS); only the
short "how to reply" line is engage's, translated like every other string.

A question should fit in two segments, so the layout steps down until it does: the
options one per line with the reply line, then the options on one line ("1 Yes 2 No"),
then without the reply line. A question too long even then is sent whole, never cut:
a truncated question is worse than a third segment.
"""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import force_locale
from flask_babel import gettext as _

from engage.sms.segments import describe
from engage.surveys.models import Question, pick
from engage.surveys.plans import QuestionPlan
from engage.surveys.question_types import LIKERT_POINTS, QuestionSpec, question_type

MAX_SEGMENTS = 2
# The order an example answer lists numbers in: visibly not just "1 2 3", so a person
# sees that the order they type is the order that counts.
EXAMPLE_ORDER = (3, 1, 5, 2, 4, 6, 7, 8, 9)


def _example(count: int, how_many: int) -> str:
    numbers = [n for n in EXAMPLE_ORDER if n <= count][: max(1, how_many)]
    return " ".join(str(n) for n in numbers)


def _options(spec: QuestionSpec, language: str, base_language: str) -> list[str]:
    """ "1 Label" for each choice; yes/no questions get "1 Yes", "2 No"."""
    if spec.type == "yes_no":
        return [f"1 {_('Yes')}", f"2 {_('No')}"]
    if not question_type(spec.type).has_choices:
        return []
    return [
        f"{number} {choice.label(language, base_language)}"
        for number, choice in enumerate(spec.choices, start=1)
    ]


def _instruction(spec: QuestionSpec) -> str:
    """How to reply to this type of question, in the current locale."""
    count = len(spec.choices)
    if spec.type == "single":
        return _("Reply with the number of your answer.")
    if spec.type == "yes_no":
        return _("Reply 1 or 2.")
    if spec.type == "likert":
        return _("Reply 1-%(most)s", most=LIKERT_POINTS)
    if spec.type == "multiple":
        most = spec.settings.get("max_choices")
        if most:
            return _(
                "Reply with up to %(most)s numbers, e.g. %(example)s",
                most=most,
                example=_example(count, min(int(most), 2)),
            )
        return _("Reply with one or more numbers, e.g. %(example)s", example=_example(count, 2))
    if spec.type == "ranking":
        top_n = int(spec.settings.get("top_n") or min(3, count))
        return _(
            "Reply with up to %(most)s numbers in order, e.g. %(example)s",
            most=top_n,
            example=_example(count, top_n),
        )
    if spec.type == "number":
        least, most = spec.settings.get("min"), spec.settings.get("max")
        if least is not None and most is not None:
            return _("Reply with a number from %(least)s to %(most)s.", least=least, most=most)
        return _("Reply with a number.")
    return _("Reply with your answer.")


def _layouts(text: str, options: Sequence[str], instruction: str) -> list[str]:
    """From the easiest to read to the shortest."""
    stacked = "\n".join([text, *options, instruction]) if options else f"{text}\n{instruction}"
    inline = " ".join(options)
    layouts = [stacked]
    if options:
        layouts += [f"{text}\n{inline}\n{instruction}", f"{text}\n{inline}"]
    else:
        layouts.append(text)
    return layouts


def _fitting(layouts: list[str]) -> str:
    for body in layouts:
        if describe(body).segments <= MAX_SEGMENTS:
            return body
    return layouts[-1]


def _plan(question: Question | QuestionPlan) -> QuestionPlan:
    return question if isinstance(question, QuestionPlan) else QuestionPlan.of(question)


def question_text(
    question: Question | QuestionPlan, language: str, base_language: str, prefix: str | None = None
) -> str:
    """The question as a text message in ``language`` (the survey's base language fills gaps).

    ``prefix`` (an invitation, a reminder) comes first, and the layout is chosen so that
    the whole text fits in two segments if any layout can.
    """
    plan = _plan(question)
    spec = plan.spec
    with force_locale(language):
        words = pick(plan.text, language, base_language)
        layouts = _layouts(words, _options(spec, language, base_language), _instruction(spec))
    if prefix:
        layouts = [f"{prefix}\n{layout}" for layout in layouts]
    return _fitting(layouts)


def reprompt_text(
    question: Question | QuestionPlan, language: str, base_language: str, opening: str, problem: str
) -> str:
    """A re-prompt: ``opening`` ("Sorry…"), what was wrong, and how to reply, in two segments.

    ``opening`` and ``problem`` are already in ``language``; the options are repeated
    when they still fit, since the question may have scrolled out of sight.
    """
    spec = _plan(question).spec
    with force_locale(language):
        instruction = _instruction(spec)
        options = " ".join(_options(spec, language, base_language))
    layouts = [f"{opening} {problem}\n{options}\n{instruction}"] if options else []
    layouts += [f"{opening} {problem}\n{instruction}", f"{problem}\n{instruction}"]
    return _fitting(layouts)
