"""Writing training modules and their quizzes: the rules a module and a question must meet.

Every change is checked here, not in the form, so the editor, the demo loader and a test
all meet the same rules, and each change is written to the audit trail. Services flush;
the caller commits, so a refused change leaves nothing behind.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import gettext as _

from engage.core import audit
from engage.core.errors import EngageError
from engage.core.i18n import offered_languages
from engage.core.models import AuditAction
from engage.extensions import db
from engage.training.models import QuizChoice, QuizQuestion, Texts, TrainingModule
from engage.training.quiz import QuestionKind

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CHOICE_KEY_PATTERN = re.compile(r"^[a-z0-9]{1,20}$")
# Paths under /training/ that are pages of their own, so no module may take them.
RESERVED_SLUGS = frozenset({"new", "manage", "report", "assignments"})
MAX_MINUTES = 600
MAX_ATTEMPTS_ALLOWED = 100


class TrainingRefused(EngageError):
    """A module, question or assignment could not be saved as entered."""

    def __init__(self, message: object, field_name: str | None = None) -> None:
        super().__init__(message)
        self.field_name = field_name


@dataclass
class ModuleInput:
    """What an admin enters for a module; texts are ``{language: text}``."""

    slug: str
    title: Texts
    summary: Texts = field(default_factory=dict)
    body: Texts = field(default_factory=dict)
    minutes: int = 15
    pass_mark: int = 80
    max_attempts: int | None = None
    published: bool = False


@dataclass
class ChoiceInput:
    key: str
    text: Texts
    correct: bool = False


@dataclass
class QuestionInput:
    kind: str
    text: Texts
    explanation: Texts
    choices: list[ChoiceInput] = field(default_factory=list)


def cleaned_texts(texts: Texts) -> Texts:
    """Only offered languages, trimmed, without blanks (a blank falls back to English)."""
    offered = offered_languages()
    return {
        code: value.strip()
        for code, value in texts.items()
        if code in offered and value and value.strip()
    }


def find_module(slug: str) -> TrainingModule | None:
    return db.session.scalar(sa.select(TrainingModule).where(TrainingModule.slug == slug))


def list_modules(published_only: bool = True) -> list[TrainingModule]:
    query = sa.select(TrainingModule).order_by(TrainingModule.id)
    if published_only:
        query = query.where(TrainingModule.published.is_(True))
    return list(db.session.scalars(query))


def _check_module(details: ModuleInput, module: TrainingModule | None) -> ModuleInput:
    slug = details.slug.strip().lower()
    if not SLUG_PATTERN.match(slug) or len(slug) > 80:
        raise TrainingRefused(
            _("Use lower-case letters, digits and hyphens only, for example small-tests."), "slug"
        )
    if slug in RESERVED_SLUGS:
        raise TrainingRefused(
            _("This address is taken by a page of its own; choose another."), "slug"
        )
    clash = db.session.scalar(
        sa.select(TrainingModule.id).where(
            TrainingModule.slug == slug, TrainingModule.id != (module.id if module else None)
        )
    )
    if clash is not None:
        raise TrainingRefused(_("Another module already has this address."), "slug")
    title, summary, body = (
        cleaned_texts(t) for t in (details.title, details.summary, details.body)
    )
    if not title.get("en"):
        raise TrainingRefused(
            _("Enter the title in English; other languages fall back to it."), "title"
        )
    if not body.get("en"):
        raise TrainingRefused(_("Enter the module's text in English."), "body")
    if not 1 <= details.minutes <= MAX_MINUTES:
        raise TrainingRefused(
            _("Estimated time must be between 1 and %(max)d minutes.", max=MAX_MINUTES), "minutes"
        )
    if not 1 <= details.pass_mark <= 100:
        raise TrainingRefused(_("The pass mark must be a percentage from 1 to 100."), "pass_mark")
    if details.max_attempts is not None and not 1 <= details.max_attempts <= MAX_ATTEMPTS_ALLOWED:
        raise TrainingRefused(
            _(
                "Allow from 1 to %(max)d attempts, or leave it blank for no limit.",
                max=MAX_ATTEMPTS_ALLOWED,
            ),
            "max_attempts",
        )
    if details.published and not (module and module.questions):
        raise TrainingRefused(
            _("Add at least one quiz question before publishing the module."), "published"
        )
    return ModuleInput(
        slug=slug,
        title=title,
        summary=summary,
        body=body,
        minutes=details.minutes,
        pass_mark=details.pass_mark,
        max_attempts=details.max_attempts,
        published=details.published,
    )


def _snapshot(module: TrainingModule) -> dict[str, object]:
    return {
        "slug": module.slug,
        "title": module.title.get("en", ""),
        "languages": sorted(set(module.title) | set(module.body)),
        "minutes": module.minutes,
        "pass_mark": module.pass_mark,
        "max_attempts": module.max_attempts,
        "published": module.published,
    }


def _apply(module: TrainingModule, details: ModuleInput) -> None:
    module.slug = details.slug
    module.title = details.title
    module.summary = details.summary
    module.body = details.body
    module.minutes = details.minutes
    module.pass_mark = details.pass_mark
    module.max_attempts = details.max_attempts
    module.published = details.published


def create_module(details: ModuleInput) -> TrainingModule:
    checked = _check_module(details, None)
    module = TrainingModule()
    _apply(module, checked)
    db.session.add(module)
    db.session.flush()
    audit.record(AuditAction.CREATE, "training_module", module.id, _snapshot(module))
    return module


def update_module(module: TrainingModule, details: ModuleInput) -> None:
    checked = _check_module(details, module)
    before = _snapshot(module)
    texts_before = (module.title, module.summary, module.body)
    _apply(module, checked)
    db.session.flush()
    after = _snapshot(module)
    changes: dict[str, object] = {
        key: [before[key], after[key]] for key in after if before[key] != after[key]
    }
    if texts_before != (module.title, module.summary, module.body):
        changes["texts"] = "changed"
    audit.record(AuditAction.UPDATE, "training_module", module.id, changes or {"texts": "saved"})


def _check_question(details: QuestionInput) -> QuestionInput:
    try:
        kind = QuestionKind(details.kind)
    except ValueError:
        raise TrainingRefused(_("Choose single choice or multiple choice."), "kind") from None
    text, explanation = cleaned_texts(details.text), cleaned_texts(details.explanation)
    if not text.get("en"):
        raise TrainingRefused(_("Enter the question in English."), "text")
    if not explanation.get("en"):
        raise TrainingRefused(
            _("Enter the explanation in English; people read it after they answer."), "explanation"
        )
    choices = [
        ChoiceInput(key=c.key.strip().lower(), text=cleaned_texts(c.text), correct=c.correct)
        for c in details.choices
    ]
    if len(choices) < 2:
        raise TrainingRefused(_("Give at least two answers to choose from."), "choices")
    for choice in choices:
        if not CHOICE_KEY_PATTERN.match(choice.key):
            raise TrainingRefused(
                _("Each answer needs a short code of letters or digits, such as a, b, c."),
                "choices",
            )
        if not choice.text.get("en"):
            raise TrainingRefused(
                _("Answer %(key)s needs its text in English.", key=choice.key), "choices"
            )
    if len({c.key for c in choices}) != len(choices):
        raise TrainingRefused(_("Two answers have the same code; give each its own."), "choices")
    correct = sum(1 for c in choices if c.correct)
    if correct == 0:
        raise TrainingRefused(_("Mark the correct answer."), "choices")
    if kind is QuestionKind.SINGLE and correct > 1:
        raise TrainingRefused(
            _(
                "A single-choice question has exactly one correct answer. "
                "Mark one, or make it a multiple-choice question."
            ),
            "choices",
        )
    return QuestionInput(kind=kind, text=text, explanation=explanation, choices=choices)


def _apply_question(question: QuizQuestion, details: QuestionInput) -> None:
    question.kind = QuestionKind(details.kind)
    question.text = details.text
    question.explanation = details.explanation
    # Replaced as a whole: an answer's code is what attempts stored, so codes are kept stable
    # by the editor showing them, not by matching rows.
    question.choices = [
        QuizChoice(key=c.key, position=n, text=c.text, correct=c.correct)
        for n, c in enumerate(details.choices)
    ]


def add_question(module: TrainingModule, details: QuestionInput) -> QuizQuestion:
    checked = _check_question(details)
    position = max((q.position for q in module.questions), default=-1) + 1
    question = QuizQuestion(position=position)
    _apply_question(question, checked)
    module.questions.append(question)
    db.session.flush()
    audit.record(
        AuditAction.CREATE,
        "training_question",
        question.id,
        {"module": module.slug, "kind": question.kind.value, "choices": len(question.choices)},
    )
    return question


def update_question(question: QuizQuestion, details: QuestionInput) -> None:
    checked = _check_question(details)
    # Flush the old choices away first, so a kept code does not clash with itself.
    question.choices = []
    db.session.flush()
    _apply_question(question, checked)
    db.session.flush()
    audit.record(
        AuditAction.UPDATE,
        "training_question",
        question.id,
        {
            "module": question.module.slug,
            "kind": question.kind.value,
            "choices": len(question.choices),
        },
    )


def delete_question(question: QuizQuestion) -> None:
    module = question.module
    if module.published and len(module.questions) <= 1:
        raise TrainingRefused(
            _("A published module needs at least one question. Unpublish it first."), None
        )
    question_id = question.id
    module.questions.remove(question)
    db.session.flush()
    # There is no delete action in the trail; the module records what it lost.
    audit.record(
        AuditAction.UPDATE, "training_module", module.id, {"deleted_question": question_id}
    )


def find_question(module: TrainingModule, question_id: int) -> QuizQuestion | None:
    return next((q for q in module.questions if q.id == question_id), None)


def question_texts_missing(module: TrainingModule, languages: Sequence[str]) -> dict[str, int]:
    """How many texts each language lacks (shown as English instead), for the editor."""
    missing: dict[str, int] = {}
    for code in languages:
        count = sum(
            1
            for texts in (module.title, module.summary, module.body)
            if texts.get("en") and not texts.get(code)
        )
        for question in module.questions:
            count += sum(
                1 for texts in (question.text, question.explanation) if not texts.get(code)
            )
            count += sum(1 for choice in question.choices if not choice.text.get(code))
        missing[code] = count
    return missing
