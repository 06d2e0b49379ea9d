"""Staff training: modules with a quiz, who must take them by when, and every attempt.

Texts a person reads are ``{language: text}`` maps, as in the survey models, so one module
carries all its translations and a missing one falls back to English. A completion is not
a table of its own: it is a person's first passing attempt at a module.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.auth.models import User
from engage.auth.roles import Role
from engage.core.types import UTCDateTime, str_enum, utcnow
from engage.extensions import db
from engage.people.models import Site
from engage.training.quiz import QuestionKind

Texts = dict[str, str]


def pick(texts: Texts | None, language: str) -> str:
    """A text in ``language``, else English; never blank when English is there."""
    texts = texts or {}
    return texts.get(language) or texts.get("en") or ""


class TrainingModule(db.Model):
    __tablename__ = "training_module"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(80), unique=True)
    title: Mapped[Texts] = mapped_column(sa.JSON, default=dict)
    summary: Mapped[Texts] = mapped_column(sa.JSON, default=dict)
    body: Mapped[Texts] = mapped_column(sa.JSON, default=dict)  # Markdown, rendered safely
    minutes: Mapped[int] = mapped_column(default=15)
    pass_mark: Mapped[int] = mapped_column(default=80)  # percent of questions right
    max_attempts: Mapped[int | None]  # None: as many as it takes
    published: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    questions: Mapped[list[QuizQuestion]] = relationship(
        back_populates="module",
        order_by="QuizQuestion.position",
        cascade="all, delete-orphan",
        lazy="selectin",
    )

    __table_args__ = (
        sa.CheckConstraint("pass_mark BETWEEN 1 AND 100", name="pass_mark"),
        sa.CheckConstraint("max_attempts IS NULL OR max_attempts >= 1", name="max_attempts"),
    )

    def title_in(self, language: str) -> str:
        return pick(self.title, language)

    def summary_in(self, language: str) -> str:
        return pick(self.summary, language)

    def body_in(self, language: str) -> str:
        return pick(self.body, language)


class QuizQuestion(db.Model):
    __tablename__ = "training_question"

    id: Mapped[int] = mapped_column(primary_key=True)
    module_id: Mapped[int] = mapped_column(
        sa.ForeignKey("training_module.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[QuestionKind] = mapped_column(str_enum(QuestionKind, 10))
    text: Mapped[Texts] = mapped_column(sa.JSON, default=dict)
    explanation: Mapped[Texts] = mapped_column(sa.JSON, default=dict)

    module: Mapped[TrainingModule] = relationship(back_populates="questions")
    choices: Mapped[list[QuizChoice]] = relationship(
        back_populates="question",
        order_by="QuizChoice.position",
        cascade="all, delete-orphan",
        lazy="selectin",
    )

    @property
    def correct_keys(self) -> frozenset[str]:
        """Read only on the server, after a submission: never put in a quiz page."""
        return frozenset(choice.key for choice in self.choices if choice.correct)


class QuizChoice(db.Model):
    __tablename__ = "training_choice"
    __table_args__ = (sa.UniqueConstraint("question_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        sa.ForeignKey("training_question.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(sa.String(20))  # "a", "b", …: what an attempt stores
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[Texts] = mapped_column(sa.JSON, default=dict)
    correct: Mapped[bool] = mapped_column(default=False)

    question: Mapped[QuizQuestion] = relationship(back_populates="choices")


class Assignment(db.Model):
    """A module someone must pass by a day: named by role, by site, or one person."""

    __tablename__ = "training_assignment"

    id: Mapped[int] = mapped_column(primary_key=True)
    module_id: Mapped[int] = mapped_column(
        sa.ForeignKey("training_module.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[Role | None] = mapped_column(str_enum(Role, 10))
    site_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("site.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    # A calendar day in the clinic's time zone: overdue from the day after.
    due_on: Mapped[date] = mapped_column(sa.Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    module: Mapped[TrainingModule] = relationship(lazy="joined")
    site: Mapped[Site | None] = relationship(lazy="joined")
    user: Mapped[User | None] = relationship(lazy="joined")

    __table_args__ = (
        # Exactly one of the three names who is assigned.
        sa.CheckConstraint(
            "(CASE WHEN role IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN site_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN user_id IS NULL THEN 0 ELSE 1 END) = 1",
            name="one_target",
        ),
    )


class Attempt(db.Model):
    """One submitted quiz; the first passing one is the person's completion of the module."""

    __tablename__ = "training_attempt"
    __table_args__ = (sa.UniqueConstraint("user_id", "module_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    module_id: Mapped[int] = mapped_column(
        sa.ForeignKey("training_module.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int]  # 1 for a person's first attempt at this module
    # {question id (as text): [choice keys]}, as submitted
    answers: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    # Question ids answered right, kept so a later edit of the quiz cannot rewrite history.
    right: Mapped[list[int]] = mapped_column(sa.JSON, default=list)
    score: Mapped[int]  # percent, rounded down
    passed: Mapped[bool]
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    user: Mapped[User] = relationship()
    module: Mapped[TrainingModule] = relationship()
