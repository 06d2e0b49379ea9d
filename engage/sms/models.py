"""Every text in or out is a row: the outbox, the inbox, conversations and campaigns.

No text is sent from inside a web request: a request writes an :class:`OutboundMessage`
in its own transaction and a worker sends it (``dispatch.send_due_messages``). A crash
between the two loses nothing and sends nothing twice.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.core.types import UTCDateTime, str_enum, utcnow
from engage.extensions import db


class MessageStatus(enum.StrEnum):
    """Our own states first, then Twilio's lifecycle.

    ``outbox``: waiting to be sent (possibly held until ``send_after``);
    ``claimed``: one worker is sending it right now;
    ``unknown``: the request may have reached Twilio but we have no answer — never
    retried blindly, reconciled first; ``skipped``: a rule refused it (see
    ``skip_reason``). Then Twilio's: queued, sending, sent, delivered, undelivered, failed.
    """

    OUTBOX = "outbox"
    CLAIMED = "claimed"
    UNKNOWN = "unknown"
    SKIPPED = "skipped"
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    DELIVERED = "delivered"
    UNDELIVERED = "undelivered"
    FAILED = "failed"


# How far along a message is; a status callback may only move a message forward.
STATUS_RANK = {
    MessageStatus.OUTBOX: 0,
    MessageStatus.CLAIMED: 1,
    MessageStatus.UNKNOWN: 1,
    MessageStatus.QUEUED: 2,
    MessageStatus.SENDING: 3,
    MessageStatus.SENT: 4,
    MessageStatus.SKIPPED: 5,
    MessageStatus.DELIVERED: 5,
    MessageStatus.UNDELIVERED: 5,
    MessageStatus.FAILED: 5,
}


class MessageKind(enum.StrEnum):
    SYSTEM = "system"  # confirmations, help, re-prompts: answers to what the patient sent
    SURVEY = "survey"  # the next question of a conversation
    INVITE = "invite"  # a campaign's first message
    REMINDER = "reminder"
    MANUAL = "manual"  # staff replied by hand
    LOOP = "loop"  # "you said, we did"


class OutboundMessage(db.Model):
    __tablename__ = "sms_outbound"
    __table_args__ = (sa.Index("ix_sms_outbound_due", "status", "send_after"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("participant.id", ondelete="SET NULL"), index=True
    )
    to_phone: Mapped[str] = mapped_column(sa.String(16), index=True)
    body: Mapped[str] = mapped_column(sa.Text)
    language: Mapped[str] = mapped_column(sa.String(10), default="en")
    kind: Mapped[MessageKind] = mapped_column(str_enum(MessageKind, 10))
    # A reply to a text the patient just sent: not held by the frequency cap, and an
    # opt-out confirmation may go to a patient who has just withdrawn consent.
    is_reply: Mapped[bool] = mapped_column(default=False)
    # No index of its own: ix_sms_outbound_due (status, send_after) serves every lookup by
    # status, and each index is one more page written with every text.
    status: Mapped[MessageStatus] = mapped_column(
        str_enum(MessageStatus, 12), default=MessageStatus.OUTBOX
    )
    send_after: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    attempts: Mapped[int] = mapped_column(default=0)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    claimed_by: Mapped[str | None] = mapped_column(sa.String(64))
    sid: Mapped[str | None] = mapped_column(sa.String(64), unique=True)  # Twilio's MessageSid
    error_code: Mapped[int | None]
    error_message: Mapped[str | None] = mapped_column(sa.String(255))
    skip_reason: Mapped[str | None] = mapped_column(sa.String(40))
    segments: Mapped[int] = mapped_column(default=1)
    # Set where a message must never go out twice (a campaign invite, a loop message).
    dedupe_key: Mapped[str | None] = mapped_column(sa.String(120), unique=True)
    conversation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("sms_conversation.id", ondelete="SET NULL"), index=True
    )
    campaign_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("sms_campaign.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class InboundMessage(db.Model):
    __tablename__ = "sms_inbound"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Twilio retries a webhook it got no answer to: one row per MessageSid, ever.
    sid: Mapped[str] = mapped_column(sa.String(64), unique=True)
    from_phone: Mapped[str] = mapped_column(sa.String(16), index=True)
    to_phone: Mapped[str] = mapped_column(sa.String(16))
    body: Mapped[str] = mapped_column(sa.Text)
    participant_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("participant.id", ondelete="SET NULL"), index=True
    )
    outcome: Mapped[str | None] = mapped_column(sa.String(40))  # "answer", "opt_out", "help", ...
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)


class ConversationState(enum.StrEnum):
    ACTIVE = "active"
    WAITING = "waiting"  # queued behind the active one for the same phone
    COMPLETED = "completed"
    EXPIRED = "expired"
    STOPPED = "stopped"  # the participant opted out mid-way


class Conversation(db.Model):
    """Where an SMS survey stands for one participant."""

    __tablename__ = "sms_conversation"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        sa.ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    # Equal to the phone while active, NULL otherwise: the unique constraint then allows
    # exactly one active conversation per phone, on SQLite and PostgreSQL alike.
    active_phone: Mapped[str | None] = mapped_column(sa.String(16), unique=True)
    survey_id: Mapped[int] = mapped_column(sa.ForeignKey("survey.id", ondelete="CASCADE"))
    response_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("survey_response.id", ondelete="SET NULL")
    )
    state: Mapped[ConversationState] = mapped_column(
        str_enum(ConversationState, 10), default=ConversationState.WAITING, index=True
    )
    current_question: Mapped[str | None] = mapped_column(sa.String(40))
    reprompted: Mapped[bool] = mapped_column(default=False)
    campaign_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("sms_campaign.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_activity_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)


class CampaignStatus(enum.StrEnum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    RUNNING = "running"
    DONE = "done"
    CANCELLED = "cancelled"


class Campaign(db.Model):
    """A survey sent by text to a cohort at a time, with up to two reminders."""

    __tablename__ = "sms_campaign"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    survey_id: Mapped[int] = mapped_column(
        sa.ForeignKey("survey.id", ondelete="CASCADE"), index=True
    )
    # {"site_ids": [...], "languages": [...], "age_bands": [...], "race_ethnicity": [...],
    #  "not_contacted_days": 30}
    cohort: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    reminder_hours: Mapped[list[int]] = mapped_column(sa.JSON, default=list)  # e.g. [48, 120]
    # The invitation and reminders also carry a personal link to answer on the web.
    offers_web_link: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    status: Mapped[CampaignStatus] = mapped_column(
        str_enum(CampaignStatus, 10), default=CampaignStatus.DRAFT, index=True
    )
    created_by: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    recipients: Mapped[list[CampaignRecipient]] = relationship(
        back_populates="campaign", cascade="all, delete-orphan"
    )


class CampaignRecipient(db.Model):
    __tablename__ = "sms_campaign_recipient"
    __table_args__ = (sa.UniqueConstraint("campaign_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        sa.ForeignKey("sms_campaign.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        sa.ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    excluded_reason: Mapped[str | None] = mapped_column(sa.String(40))  # no_consent, opted_out, ...
    reminders_sent: Mapped[int] = mapped_column(default=0)
    invited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    campaign: Mapped[Campaign] = relationship(back_populates="recipients")
