"""The clinic's improvement backlog: items, the priorities they answer, PDSA cycles,
measures with their data points, comments, the item's history, and what patients were told.

An item's history (``ItemEvent``) is written by the services whenever its status
changes, so the learning-loop timeline is read from rows, not reconstructed.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.core.types import UTCDateTime, str_enum, utcnow
from engage.extensions import db

Texts = dict[str, str]


class ItemStatus(enum.StrEnum):
    PROPOSED = "proposed"
    PLANNED = "planned"
    TESTING = "testing"
    ADOPTED = "adopted"
    ADAPTED = "adapted"
    ABANDONED = "abandoned"
    DONE = "done"


class ImprovementItem(db.Model):
    __tablename__ = "improvement_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    owner_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    site_id: Mapped[int | None] = mapped_column(sa.ForeignKey("site.id"), index=True)
    status: Mapped[ItemStatus] = mapped_column(
        str_enum(ItemStatus, 10), default=ItemStatus.PROPOSED, index=True
    )
    due_on: Mapped[date | None] = mapped_column(sa.Date)
    # The board round that chose it, when it came from one.
    round_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("voting_round.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    links: Mapped[list[ItemPriority]] = relationship(
        back_populates="item", cascade="all, delete-orphan", lazy="selectin"
    )
    cycles: Mapped[list[PdsaCycle]] = relationship(
        back_populates="item",
        cascade="all, delete-orphan",
        order_by="PdsaCycle.number",
        lazy="selectin",
    )
    measures: Mapped[list[Measure]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="Measure.id"
    )
    events: Mapped[list[ItemEvent]] = relationship(
        cascade="all, delete-orphan", order_by="ItemEvent.at"
    )
    owner = relationship("User", foreign_keys=[owner_id], lazy="joined")
    site = relationship("Site", lazy="joined")


class ItemPriority(db.Model):
    """An item answers a community priority, with the reason in a sentence."""

    __tablename__ = "improvement_item_priority"

    item_id: Mapped[int] = mapped_column(
        sa.ForeignKey("improvement_item.id", ondelete="CASCADE"), primary_key=True
    )
    priority_id: Mapped[int] = mapped_column(
        sa.ForeignKey("priority_item.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    rationale: Mapped[str] = mapped_column(sa.String(500), default="")

    item: Mapped[ImprovementItem] = relationship(back_populates="links")
    priority = relationship("PriorityItem", lazy="joined")


class ItemTraining(db.Model):
    """Staff testing this change complete this training module first."""

    __tablename__ = "improvement_item_training"

    item_id: Mapped[int] = mapped_column(
        sa.ForeignKey("improvement_item.id", ondelete="CASCADE"), primary_key=True
    )
    module_id: Mapped[int] = mapped_column(
        sa.ForeignKey("training_module.id", ondelete="CASCADE"), primary_key=True
    )

    module = relationship("TrainingModule", lazy="joined")


class ItemEventKind(enum.StrEnum):
    CREATED = "created"
    STATUS = "status"
    CYCLE = "cycle"
    TOLD = "told"


class ItemEvent(db.Model):
    """One step of an item's history, for its learning-loop timeline."""

    __tablename__ = "improvement_item_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        sa.ForeignKey("improvement_item.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[ItemEventKind] = mapped_column(str_enum(ItemEventKind, 10))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    status: Mapped[ItemStatus | None] = mapped_column(str_enum(ItemStatus, 10))
    actor_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )
    detail: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)


class ItemComment(db.Model):
    """A comment on an item; board members may comment though they cannot edit."""

    __tablename__ = "improvement_item_comment"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        sa.ForeignKey("improvement_item.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    author = relationship("User", lazy="joined")


class CycleDecision(enum.StrEnum):
    ADOPT = "adopt"
    ADAPT = "adapt"
    ABANDON = "abandon"


class PdsaCycle(db.Model):
    """One Plan-Do-Study-Act cycle of an item, filled in as it goes."""

    __tablename__ = "pdsa_cycle"
    __table_args__ = (sa.UniqueConstraint("item_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        sa.ForeignKey("improvement_item.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int]
    question: Mapped[str] = mapped_column(sa.Text)  # plan: what we want to learn
    prediction: Mapped[str] = mapped_column(sa.Text, default="")  # plan: what we expect
    plan_on: Mapped[date | None] = mapped_column(sa.Date)
    done: Mapped[str] = mapped_column(sa.Text, default="")  # do: what was done
    done_on: Mapped[date | None] = mapped_column(sa.Date)
    study: Mapped[str] = mapped_column(sa.Text, default="")  # what the data showed
    decision: Mapped[CycleDecision | None] = mapped_column(str_enum(CycleDecision, 10))
    decided_on: Mapped[date | None] = mapped_column(sa.Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    item: Mapped[ImprovementItem] = relationship(back_populates="cycles")


class Direction(enum.StrEnum):
    UP = "up"  # higher is better
    DOWN = "down"  # lower is better


class Measure(db.Model):
    __tablename__ = "improvement_measure"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        sa.ForeignKey("improvement_item.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(sa.String(200))
    unit: Mapped[str] = mapped_column(sa.String(40), default="")  # "%", "days", "visits"
    direction: Mapped[Direction] = mapped_column(str_enum(Direction, 5))
    baseline: Mapped[float | None]

    item: Mapped[ImprovementItem] = relationship(back_populates="measures")
    points: Mapped[list[DataPoint]] = relationship(
        back_populates="measure",
        cascade="all, delete-orphan",
        order_by="DataPoint.on",
        lazy="selectin",
    )


class DataPoint(db.Model):
    __tablename__ = "improvement_data_point"
    __table_args__ = (sa.UniqueConstraint("measure_id", "on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    measure_id: Mapped[int] = mapped_column(
        sa.ForeignKey("improvement_measure.id", ondelete="CASCADE"), index=True
    )
    on: Mapped[date] = mapped_column(sa.Date)
    value: Mapped[float]

    measure: Mapped[Measure] = relationship(back_populates="points")


class LoopUpdate(db.Model):
    """A "you said, we did" update about an item, in every language it is sent in."""

    __tablename__ = "loop_update"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        sa.ForeignKey("improvement_item.id", ondelete="CASCADE"), index=True
    )
    # The lead's sentence as drafted in English: a language whose text still holds it has
    # not been translated yet ("translate this").
    sentence: Mapped[str] = mapped_column(sa.Text, default="")
    texts: Mapped[Texts] = mapped_column(sa.JSON, default=dict)  # the SMS, per language
    public_texts: Mapped[Texts] = mapped_column(sa.JSON, default=dict)  # "what we changed"
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    published: Mapped[bool] = mapped_column(default=True)


class LoopRecipient(db.Model):
    """Who was sent an update: one row per participant per update, never two."""

    __tablename__ = "loop_recipient"
    __table_args__ = (sa.UniqueConstraint("update_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    update_id: Mapped[int] = mapped_column(
        sa.ForeignKey("loop_update.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        sa.ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    message_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("sms_outbound.id", ondelete="SET NULL")
    )
    language: Mapped[str] = mapped_column(sa.String(10))
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
