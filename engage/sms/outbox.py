"""Putting a text in the outbox: the only way anything in engage sends a message.

The row is written in the caller's transaction; a worker sends it later
(``engage.sms.dispatch.send_due_messages``), applying every send rule there.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from engage.core.types import utcnow
from engage.extensions import db
from engage.people.models import Participant
from engage.sms.models import MessageKind, OutboundMessage
from engage.sms.segments import describe


def message_values(
    participant_id: int,
    to_phone: str,
    body: str,
    kind: MessageKind,
    *,
    language: str,
    is_reply: bool = False,
    send_after: datetime | None = None,
    dedupe_key: str | None = None,
    conversation_id: int | None = None,
    campaign_id: int | None = None,
) -> dict[str, Any]:
    """The columns of one outbound text, for the ORM row or a plain INSERT alike."""
    return {
        "participant_id": participant_id,
        "to_phone": to_phone,
        "body": body,
        "language": language,
        "kind": kind,
        "is_reply": is_reply,
        "send_after": send_after or utcnow(),
        "dedupe_key": dedupe_key,
        "conversation_id": conversation_id,
        "campaign_id": campaign_id,
        "segments": describe(body).segments,
    }


def message_columns() -> tuple[str, ...]:
    """The columns :func:`message_values` fills in, in its order."""
    return tuple(message_values(0, "", "", MessageKind.SYSTEM, language="en"))


def enqueue(
    participant: Participant,
    body: str,
    kind: MessageKind,
    *,
    language: str | None = None,
    is_reply: bool = False,
    send_after: datetime | None = None,
    dedupe_key: str | None = None,
    conversation_id: int | None = None,
    campaign_id: int | None = None,
) -> OutboundMessage | None:
    """Write one outbound text; with ``dedupe_key``, at most one ever (None if it exists)."""
    if dedupe_key is not None:
        exists = db.session.scalar(
            sa.select(OutboundMessage.id).where(OutboundMessage.dedupe_key == dedupe_key)
        )
        if exists is not None:
            return None
    message = OutboundMessage(
        **message_values(
            participant.id,
            participant.phone,
            body,
            kind,
            language=language or participant.preferred_language,
            is_reply=is_reply,
            send_after=send_after,
            dedupe_key=dedupe_key,
            conversation_id=conversation_id,
            campaign_id=campaign_id,
        )
    )
    db.session.add(message)
    db.session.flush()
    return message
