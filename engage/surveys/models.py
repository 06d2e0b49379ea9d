"""Surveys, their versions, questions and choices, and the responses people give.

Texts a person reads are stored as ``{language: text}`` maps, so one survey carries all
its translations (and a JSON export of it is one document). A survey's questions
belong to a *version*: once anyone has answered a version it is never changed again;
editing makes a new version, and each response keeps the version it answered.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.core.types import UTCDateTime, str_enum, utcnow
from engage.extensions import db

Texts = dict[str, str]


class SurveyStatus(enum.StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


class Channel(enum.StrEnum):
    WEB = "web"
    SMS = "sms"


class Survey(db.Model):
    __tablename__ = "survey"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(80), unique=True)
    status: Mapped[SurveyStatus] = mapped_column(
        str_enum(SurveyStatus, 10), default=SurveyStatus.DRAFT
    )
    base_language: Mapped[str] = mapped_column(sa.String(10), default="en")
    languages: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    is_priority_setting: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    versions: Mapped[list[SurveyVersion]] = relationship(
        back_populates="survey", order_by="SurveyVersion.number", cascade="all, delete-orphan"
    )

    @property
    def current(self) -> SurveyVersion:
        return self.versions[-1]

    def title(self, language: str) -> str:
        return pick(self.current.title, language, self.base_language)


class SurveyVersion(db.Model):
    __tablename__ = "survey_version"
    __table_args__ = (sa.UniqueConstraint("survey_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(
        sa.ForeignKey("survey.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(default=1)
    title: Mapped[Texts] = mapped_column(sa.JSON, default=dict)
    intro: Mapped[Texts] = mapped_column(sa.JSON, default=dict)
    thank_you: Mapped[Texts] = mapped_column(sa.JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    survey: Mapped[Survey] = relationship(back_populates="versions")
    questions: Mapped[list[Question]] = relationship(
        back_populates="version",
        order_by="Question.position",
        cascade="all, delete-orphan",
        lazy="selectin",
    )


class Question(db.Model):
    __tablename__ = "survey_question"
    __table_args__ = (sa.UniqueConstraint("version_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        sa.ForeignKey("survey_version.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(sa.String(40))  # stable across versions: "q1", "top3"
    position: Mapped[int] = mapped_column(default=0)
    type: Mapped[str] = mapped_column(sa.String(20))  # a name in question_types.QUESTION_TYPES
    required: Mapped[bool] = mapped_column(default=False)
    text: Mapped[Texts] = mapped_column(sa.JSON, default=dict)
    help: Mapped[Texts] = mapped_column(sa.JSON, default=dict)
    settings: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    # {"question": "q2", "operator": "equals" | "includes", "value": "yes"}
    show_if: Mapped[dict[str, str] | None] = mapped_column(sa.JSON)

    version: Mapped[SurveyVersion] = relationship(back_populates="questions")
    choices: Mapped[list[Choice]] = relationship(
        back_populates="question",
        order_by="Choice.position",
        cascade="all, delete-orphan",
        lazy="selectin",
    )


class Choice(db.Model):
    __tablename__ = "survey_choice"
    __table_args__ = (sa.UniqueConstraint("question_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        sa.ForeignKey("survey_question.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(sa.String(40))
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[Texts] = mapped_column(sa.JSON, default=dict)
    # A priority-setting choice: the community priorities read these (see priorities/).
    is_priority: Mapped[bool] = mapped_column(default=False)

    question: Mapped[Question] = relationship(back_populates="choices")


class Response(db.Model):
    """One person's answers to one survey version, from the web or by text."""

    __tablename__ = "survey_response"
    __table_args__ = (
        # One response per participant per survey: coming back resumes it.
        sa.UniqueConstraint("survey_id", "participant_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Found by the unique (survey_id, participant_id) index: no index of its own.
    survey_id: Mapped[int] = mapped_column(sa.ForeignKey("survey.id", ondelete="CASCADE"))
    version_id: Mapped[int] = mapped_column(sa.ForeignKey("survey_version.id"), index=True)
    participant_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("participant.id", ondelete="SET NULL"), index=True
    )
    # An anonymous web visitor resumes by this secret, kept in their browser's cookie.
    resume_key: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    channel: Mapped[Channel] = mapped_column(str_enum(Channel, 5), default=Channel.WEB)
    language: Mapped[str] = mapped_column(sa.String(10), default="en")
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)

    version: Mapped[SurveyVersion] = relationship()
    answers: Mapped[list[Answer]] = relationship(
        back_populates="response", cascade="all, delete-orphan", lazy="selectin"
    )

    def answer_map(self) -> dict[str, Any]:
        return {answer.question.key: answer.value for answer in self.answers}


class Answer(db.Model):
    __tablename__ = "survey_answer"
    __table_args__ = (sa.UniqueConstraint("response_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Found by the unique (response_id, question_id) index: no index of its own.
    response_id: Mapped[int] = mapped_column(
        sa.ForeignKey("survey_response.id", ondelete="CASCADE")
    )
    question_id: Mapped[int] = mapped_column(sa.ForeignKey("survey_question.id"), index=True)
    value: Mapped[Any] = mapped_column(sa.JSON)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    response: Mapped[Response] = relationship(back_populates="answers")
    question: Mapped[Question] = relationship(lazy="joined")


def pick(texts: Texts | None, language: str, base_language: str = "en") -> str:
    """A text in ``language``, else in the survey's base language, else English; never blank."""
    texts = texts or {}
    return texts.get(language) or texts.get(base_language) or texts.get("en") or ""
