"""A survey version as plain, frozen data, read in one query and kept once it cannot change.

A version that anyone has answered is never edited again (``services.editable_version``
forks a new one), so its questions and choices can be kept in memory by each worker
instead of being loaded on every SMS step. :func:`version_plan` reads a version with one
query, and keeps it only once it is frozen: a version nobody has answered may still be
edited in place and is read afresh each time. The cache lives on the Flask app (one per
worker, one per test app) and is keyed by the version's id *and* creation time, so a
version id that a database hands out again after a delete never finds another's plan.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any, TypeVar

import sqlalchemy as sa
from flask import current_app

from engage.extensions import db
from engage.surveys.models import Answer, Choice, Question, Response, SurveyVersion, Texts
from engage.surveys.question_types import ChoiceSpec, QuestionSpec
from engage.surveys.specs import make_spec, question_spec

T = TypeVar("T")
CACHE_KEY = "engage.version_plans"
CACHE_SIZE = 256  # versions kept per worker; a clinic has a few dozen at most


@dataclass(frozen=True)
class QuestionPlan:
    """What asking and checking one question needs: its id, words and spec."""

    id: int
    text: Texts
    spec: QuestionSpec

    @property
    def key(self) -> str:
        return self.spec.key

    @property
    def required(self) -> bool:
        return self.spec.required

    @classmethod
    def of(cls, question: Question) -> QuestionPlan:
        return cls(question.id, dict(question.text or {}), question_spec(question))


@dataclass(frozen=True)
class VersionPlan:
    id: int
    created_at: datetime
    thank_you: Texts
    questions: tuple[QuestionPlan, ...]

    @cached_property
    def specs(self) -> list[QuestionSpec]:
        return [question.spec for question in self.questions]

    @cached_property
    def _by_key(self) -> dict[str, QuestionPlan]:
        return {question.key: question for question in self.questions}

    @cached_property
    def _key_by_id(self) -> dict[int, str]:
        return {question.id: question.key for question in self.questions}

    def find(self, key: str | None) -> QuestionPlan | None:
        return self._by_key.get(key) if key is not None else None

    def key_of(self, question_id: int) -> str | None:
        return self._key_by_id.get(question_id)

    def kept(self, key: Hashable, make: Callable[[], T]) -> T:
        """``make()``, worked out once per ``key`` and kept with the plan: what follows
        from the version alone (a question worded as a text in one language, say) is as
        fixed as a frozen version, and lasts exactly as long as its cached plan."""
        try:
            return self._kept[key]  # type: ignore[no-any-return]
        except KeyError:
            value = self._kept[key] = make()
            return value

    @cached_property
    def _kept(self) -> dict[Hashable, Any]:
        return {}


def _load(version_id: int) -> VersionPlan | None:
    """The version, its questions and their choices, in one query (choices joined)."""
    rows = db.session.execute(
        sa.select(
            SurveyVersion.created_at,
            SurveyVersion.thank_you,
            Question.id,
            Question.key,
            Question.type,
            Question.required,
            Question.text,
            Question.settings,
            Question.show_if,
            Choice.key,
            Choice.text,
            Choice.is_priority,
        )
        .select_from(SurveyVersion)
        .outerjoin(Question, Question.version_id == SurveyVersion.id)
        .outerjoin(Choice, Choice.question_id == Question.id)
        .where(SurveyVersion.id == version_id)
        .order_by(Question.position, Question.id, Choice.position, Choice.id)
    ).all()
    if not rows:
        return None
    questions: dict[int, tuple[tuple, list[ChoiceSpec]]] = {}
    for row in rows:
        question_id = row[2]
        if question_id is None:
            continue  # a version without questions yet
        _fields, choices = questions.setdefault(question_id, (tuple(row[3:9]), []))
        if row[9] is not None:
            choices.append(ChoiceSpec(row[9], dict(row[10] or {}), bool(row[11])))
    plans = [
        QuestionPlan(
            question_id,
            dict(text or {}),
            make_spec(key, type_, required, settings, choices, show_if),
        )
        for question_id, (
            (key, type_, required, text, settings, show_if),
            choices,
        ) in questions.items()
    ]
    return VersionPlan(version_id, rows[0][0], dict(rows[0][1] or {}), tuple(plans))


def _is_frozen(version_id: int) -> bool:
    """Someone has answered this version, so it will never be edited again."""
    answered = (
        sa.select(Answer.id)
        .join(Response, Response.id == Answer.response_id)
        .where(Response.version_id == version_id)
        .limit(1)
    )
    return db.session.scalar(answered) is not None


def version_plan(
    version_id: int, created_at: datetime, *, answered: bool = False
) -> VersionPlan | None:
    """The version as a plan, from this worker's cache when it is frozen; None if missing.

    ``created_at`` is read by the caller with the version id (it names the version even
    if the id is reused); ``answered`` says the caller knows the version has answers.
    """
    cache: dict[int, VersionPlan] = current_app.extensions.setdefault(CACHE_KEY, {})
    cached = cache.get(version_id)
    if cached is not None and cached.created_at == created_at:
        return cached
    plan = _load(version_id)
    if plan is not None and (answered or _is_frozen(version_id)):
        if len(cache) >= CACHE_SIZE:
            cache.clear()
        cache[version_id] = plan
    return plan
