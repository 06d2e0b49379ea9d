"""Conversation threads for staff: every text in and out for one participant or phone,
and replying by hand.

A thread is read from the outbox and the inbox as they are, so staff see exactly what
went out (or why it did not: skipped with its reason, held until a time, failed with
Twilio's error code) and what came in (and what engage took it to be).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _

from engage.core import audit
from engage.core.errors import EngageError
from engage.core.models import AuditAction
from engage.core.types import utcnow
from engage.extensions import db
from engage.people.models import Participant
from engage.people.vocabulary import PhoneStatus
from engage.sms import outbox
from engage.sms.cohorts import has_consent
from engage.sms.models import InboundMessage, MessageKind, OutboundMessage
from engage.sms.survey_links import PERSONAL_LINK

THREAD_LENGTH = 200
SIMULATOR_CHOICES = 25
# A staff reply within this long of the patient's last text answers it: not held by the
# frequency cap, like the engine's own replies.
REPLY_WINDOW = timedelta(hours=24)


class ReplyRefused(EngageError):
    """A manual reply could not be sent to this participant."""


@dataclass(frozen=True)
class ThreadEntry:
    """One text in a thread. ``incoming``: the patient sent it."""

    id: int
    incoming: bool
    at: datetime
    body: str
    status: str  # the outbound status, or what an inbound text was taken to be
    kind: str | None = None
    error_code: int | None = None
    error_message: str | None = None
    skip_reason: str | None = None
    held_until: datetime | None = None


def _outgoing(message: OutboundMessage, now: datetime) -> ThreadEntry:
    waiting = message.status == "outbox" and message.send_after > now
    return ThreadEntry(
        id=message.id,
        incoming=False,
        at=message.created_at,
        # A text not yet sent holds its link's placeholder; say what will go there.
        body=message.body.replace(PERSONAL_LINK, _("(their personal survey link)")),
        status=message.status,
        kind=message.kind,
        error_code=message.error_code,
        error_message=message.error_message,
        skip_reason=message.skip_reason,
        held_until=message.send_after if waiting else None,
    )


def _incoming(message: InboundMessage) -> ThreadEntry:
    return ThreadEntry(
        id=message.id,
        incoming=True,
        at=message.received_at,
        body=message.body,
        status=message.outcome or "",
    )


def _merged(
    incoming: list[InboundMessage], outgoing: list[OutboundMessage], now: datetime
) -> list[ThreadEntry]:
    entries = [_incoming(m) for m in incoming] + [_outgoing(m, now) for m in outgoing]
    entries.sort(key=lambda entry: (entry.at, not entry.incoming, entry.id))
    return entries[-THREAD_LENGTH:]


def thread_for_phone(phone: str) -> list[ThreadEntry]:
    """Every text to and from a number, oldest first (the newest last, as on a phone)."""
    incoming = db.session.scalars(
        sa.select(InboundMessage)
        .where(InboundMessage.from_phone == phone)
        .order_by(InboundMessage.id.desc())
        .limit(THREAD_LENGTH)
    ).all()
    outgoing = db.session.scalars(
        sa.select(OutboundMessage)
        .where(OutboundMessage.to_phone == phone)
        .order_by(OutboundMessage.id.desc())
        .limit(THREAD_LENGTH)
    ).all()
    return _merged(list(incoming), list(outgoing), utcnow())


def thread_for_participant(participant: Participant) -> list[ThreadEntry]:
    """The participant's texts (also from before a change of number), oldest first."""
    incoming = db.session.scalars(
        sa.select(InboundMessage)
        .where(InboundMessage.participant_id == participant.id)
        .order_by(InboundMessage.id.desc())
        .limit(THREAD_LENGTH)
    ).all()
    outgoing = db.session.scalars(
        sa.select(OutboundMessage)
        .where(OutboundMessage.participant_id == participant.id)
        .order_by(OutboundMessage.id.desc())
        .limit(THREAD_LENGTH)
    ).all()
    return _merged(list(incoming), list(outgoing), utcnow())


def view_thread(participant_id: int) -> Participant | None:
    """The participant whose thread staff open, with the viewing in the audit trail."""
    participant = db.session.get(Participant, participant_id)
    if participant is not None:
        audit.record(AuditAction.VIEW, "participant", participant.id, {"what": "sms thread"})
    return participant


@dataclass(frozen=True)
class ThreadSummary:
    participant: Participant
    last_at: datetime


def recent_threads(page: int, per_page: int = 50) -> tuple[list[ThreadSummary], int]:
    """Participants with texts, most recent first; one page of them and how many in all."""
    last_out = sa.select(
        OutboundMessage.participant_id.label("participant_id"),
        OutboundMessage.created_at.label("at"),
    ).where(OutboundMessage.participant_id.is_not(None))
    last_in = sa.select(
        InboundMessage.participant_id.label("participant_id"),
        InboundMessage.received_at.label("at"),
    ).where(InboundMessage.participant_id.is_not(None))
    texts = sa.union_all(last_out, last_in).subquery()
    latest = (
        sa.select(texts.c.participant_id, sa.func.max(texts.c.at).label("last_at"))
        .group_by(texts.c.participant_id)
        .subquery()
    )
    total = db.session.scalar(sa.select(sa.func.count()).select_from(latest)) or 0
    rows = db.session.execute(
        sa.select(Participant, latest.c.last_at)
        .join(latest, latest.c.participant_id == Participant.id)
        .order_by(latest.c.last_at.desc(), Participant.id.desc())
        .limit(per_page)
        .offset(max(page - 1, 0) * per_page)
    ).all()
    summaries = []
    for participant, last_at in rows:
        summaries.append(ThreadSummary(participant, _as_datetime(last_at)))
    return summaries, total


def send_manual_reply(participant: Participant, body: str) -> OutboundMessage:
    """Staff write to a participant; the outbox and the dispatcher's rules apply as always."""
    text = body.strip()
    if not text:
        raise ReplyRefused(_("Type a reply."))
    if participant.sms_opted_out_at is not None and not participant.has_sms_consent:
        raise ReplyRefused(
            _("This participant has opted out of texts. Nothing can be sent until they text START.")
        )
    if not participant.has_sms_consent:
        raise ReplyRefused(
            _("This participant has not agreed to text messages. Record their consent first.")
        )
    last_text = db.session.scalar(
        sa.select(sa.func.max(InboundMessage.received_at)).where(
            InboundMessage.participant_id == participant.id
        )
    )
    is_reply = last_text is not None and _as_datetime(last_text) > utcnow() - REPLY_WINDOW
    message = outbox.enqueue(participant, text, MessageKind.MANUAL, is_reply=is_reply)
    assert message is not None  # no dedupe key: always written
    audit.record(AuditAction.CREATE, "participant", participant.id, {"sms": "manual reply"})
    return message


def _as_datetime(value: datetime | str) -> datetime:
    """An aware UTC time from an aggregate, which SQLite may hand back as naive text."""
    when = datetime.fromisoformat(value) if isinstance(value, str) else value
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def simulator_participants(limit: int = SIMULATOR_CHOICES) -> list[Participant]:
    """A few participants who can be texted, to pick a number from in the simulator."""
    return list(
        db.session.scalars(
            sa.select(Participant)
            .where(has_consent(), Participant.phone_status == PhoneStatus.MOBILE)
            .order_by(Participant.id)
            .limit(limit)
        )
    )
