"""What we learn about a text after it left: Twilio's status callbacks and look-ups.

Status only ever moves forward (``STATUS_RANK``): callbacks arrive out of order, and a
"sent" arriving after "delivered" must not undo it. The rule is one conditional UPDATE
(``rank(status) < rank(new)``), so a callback and the worker that sent the text can
record at the same moment on SQLite or PostgreSQL and the furthest state still wins.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _

from engage.core.errors import EngageError
from engage.extensions import db
from engage.people.models import Participant
from engage.people.services import record_opt_out
from engage.people.vocabulary import PhoneStatus
from engage.sms.gateways import TWILIO_NOT_MOBILE, TWILIO_UNSUBSCRIBED
from engage.sms.models import STATUS_RANK, MessageStatus, OutboundMessage

# Twilio's message statuses, as ours. Twilio's extra states fold into the nearest:
# accepted/scheduled are still queued at Twilio, read implies delivered, a canceled
# scheduled message never went out.
TWILIO_STATUSES = {
    "accepted": MessageStatus.QUEUED,
    "scheduled": MessageStatus.QUEUED,
    "queued": MessageStatus.QUEUED,
    "sending": MessageStatus.SENDING,
    "sent": MessageStatus.SENT,
    "delivered": MessageStatus.DELIVERED,
    "read": MessageStatus.DELIVERED,
    "undelivered": MessageStatus.UNDELIVERED,
    "failed": MessageStatus.FAILED,
    "canceled": MessageStatus.FAILED,
}


class UnknownStatus(EngageError):
    """A status callback named a state Twilio's message lifecycle does not have."""


def parse_status(value: str) -> MessageStatus:
    try:
        return TWILIO_STATUSES[value.strip().lower()]
    except KeyError:
        raise UnknownStatus(
            _("Unknown message status: %(status)s", status=value[:40] or "-")
        ) from None


def status_rank() -> sa.Case[Any]:
    """STATUS_RANK as SQL, so "only forward" is checked inside the UPDATE itself."""
    return sa.case(
        {status.value: rank for status, rank in STATUS_RANK.items()},
        value=sa.cast(OutboundMessage.status, sa.String),
        else_=len(STATUS_RANK),
    )


def advance(message_id: int, status: MessageStatus, **values: Any) -> bool:
    """Move a message to ``status`` (with ``values``) if that is forward; flushes."""
    result = db.session.execute(
        sa.update(OutboundMessage)
        .where(OutboundMessage.id == message_id, status_rank() < STATUS_RANK[status])
        .values(status=status, **values)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)


def adopt_sid(message_id: int, sid: str, sent_at: datetime | None = None) -> None:
    """Give a message Twilio's sid (and when it went out) unless it has them already."""
    taken = db.session.scalar(
        sa.select(OutboundMessage.id).where(
            OutboundMessage.sid == sid, OutboundMessage.id != message_id
        )
    )
    if taken is None:
        db.session.execute(
            sa.update(OutboundMessage)
            .where(OutboundMessage.id == message_id, OutboundMessage.sid.is_(None))
            .values(sid=sid)
            .execution_options(synchronize_session=False)
        )
    if sent_at is not None:
        db.session.execute(
            sa.update(OutboundMessage)
            .where(OutboundMessage.id == message_id, OutboundMessage.sent_at.is_(None))
            .values(sent_at=sent_at)
            .execution_options(synchronize_session=False)
        )


def learn_from_error(message: OutboundMessage, error_code: int | None) -> None:
    """What Twilio's error codes teach about the participant; flushes."""
    if error_code not in (TWILIO_UNSUBSCRIBED, TWILIO_NOT_MOBILE):
        return
    participant = (
        db.session.get(Participant, message.participant_id, populate_existing=True)
        if message.participant_id is not None
        else None
    )
    if participant is None:
        return
    if error_code == TWILIO_UNSUBSCRIBED and participant.has_sms_consent:
        # The carrier has this number opted out of our sender: so must we.
        record_opt_out(participant)
    elif error_code == TWILIO_NOT_MOBILE:
        participant.phone_status = PhoneStatus.LANDLINE
    db.session.flush()


def find_message(message_id: int | None, sid: str | None) -> OutboundMessage | None:
    """The message a callback is about: by our id when the URL carries it, else by sid."""
    if message_id is not None:
        message = db.session.get(OutboundMessage, message_id)
        if message is not None:
            return message
    if sid:
        return db.session.scalar(sa.select(OutboundMessage).where(OutboundMessage.sid == sid))
    return None


def record_status(
    message: OutboundMessage,
    status: MessageStatus,
    sid: str | None,
    error_code: int | None,
    now: datetime,
) -> bool:
    """Apply one status callback; True if the message moved. Flushes; the caller commits.

    A callback for a text whose outcome was unknown settles it: Twilio has it.
    """
    values: dict[str, Any] = {"updated_at": now}
    if error_code is not None:
        values["error_code"] = error_code
    moved = advance(message.id, status, **values)
    if sid:
        went_out = moved and status != MessageStatus.FAILED
        adopt_sid(message.id, sid, sent_at=now if went_out else None)
    if moved:
        learn_from_error(message, error_code)
    db.session.flush()
    db.session.expire(message)
    return moved
