"""Sending what is due in the outbox: claim, apply the rules, send, record; and reconcile.

Any number of workers (``flask sms dispatch``, Celery tasks, several hosts) may run
:func:`send_due_messages` at once. Each row is claimed by exactly one of them, and the
claim is committed before the gateway is called, so a crash between the two loses
nothing and a second worker never takes the same row:

- PostgreSQL: ``SELECT … FOR UPDATE SKIP LOCKED`` picks rows no other worker holds, and
  the same transaction marks them claimed.
- SQLite (one writer at a time): each candidate is claimed with
  ``UPDATE … SET status='claimed' WHERE id=:id AND status='outbox'``; a rowcount of 0
  means another worker won it.

A send that may have reached Twilio without an answer (the connection dropped, a worker
died holding a claim) becomes ``unknown`` and is never sent again blindly:
:func:`reconcile_unknown` asks the gateway what it sent to that number since the attempt,
adopts a match, and puts the text back in the outbox only when none turns up within the
grace period. A patient getting the same text twice is worse than a late one.

These functions manage their own transactions (a claim must be committed before the
gateway is called); callers need not commit.
"""

from __future__ import annotations

import logging
import math
import os
import socket
import threading
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from flask import current_app

from engage.core.types import utcnow
from engage.extensions import db
from engage.people.models import Participant
from engage.sms import delivery
from engage.sms.gateways import (
    Gateway,
    GatewayUnavailable,
    OutgoingText,
    SendOutcome,
    SendProblem,
    SendResult,
    SentRecord,
    gateway_for,
)
from engage.sms.models import Campaign, MessageStatus, OutboundMessage
from engage.sms.rate_limit import take_send_slot
from engage.sms.segments import describe
from engage.sms.send_rules import CAP_COUNTED, WEEK, SendRules, judge
from engage.sms.survey_links import PERSONAL_LINK, fill_personal_link
from engage.surveys.models import Survey

logger = logging.getLogger(__name__)

# How far back to look at Twilio for an unknown send: our clock and Twilio's may differ.
CLOCK_SLACK = timedelta(minutes=5)
# SQLite claims: how many times a worker looks again after others took its candidates.
CLAIM_ROUNDS = 5


@dataclass
class Counts:
    """What one pass did, for logs, the CLI and task results."""

    def add(self, name: str) -> None:
        setattr(self, name, getattr(self, name) + 1)

    def as_dict(self) -> dict[str, int]:
        return {field.name: getattr(self, field.name) for field in fields(self)}

    def __bool__(self) -> bool:
        return any(self.as_dict().values())

    def __str__(self) -> str:
        return ", ".join(f"{name} {value}" for name, value in self.as_dict().items() if value)


@dataclass
class DispatchCounts(Counts):
    claimed: int = 0
    sent: int = 0
    skipped: int = 0
    held: int = 0
    retrying: int = 0
    failed: int = 0
    unknown: int = 0
    lost: int = 0  # a claim reconcile took back before this worker got to it


@dataclass
class ReconcileCounts(Counts):
    stale: int = 0  # claims whose worker went quiet, now unknown
    adopted: int = 0  # found at the gateway: sent after all
    requeued: int = 0  # not found within the grace period: back in the outbox
    failed: int = 0  # not found, and out of attempts
    waiting: int = 0  # not found yet, still within the grace period


def default_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"[:64]


def _settings() -> dict[str, Any]:
    return current_app.config


def _is_postgresql() -> bool:
    return db.session.get_bind().dialect.name == "postgresql"


def _update_if_mine(message_id: int, worker_id: str, **values: Any) -> bool:
    """Change a row this worker still holds; False if someone took it back."""
    result = db.session.execute(
        sa.update(OutboundMessage)
        .where(
            OutboundMessage.id == message_id,
            OutboundMessage.status == MessageStatus.CLAIMED,
            OutboundMessage.claimed_by == worker_id,
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)


def claim_due_messages(limit: int, worker_id: str, now: datetime) -> list[int]:
    """Claim up to ``limit`` due rows for this worker and commit; their ids, oldest first."""
    due = (
        sa.select(OutboundMessage.id)
        .where(OutboundMessage.status == MessageStatus.OUTBOX, OutboundMessage.send_after <= now)
        .order_by(OutboundMessage.send_after, OutboundMessage.id)
        .limit(limit)
    )
    claim = {"status": MessageStatus.CLAIMED, "claimed_by": worker_id, "claimed_at": now}
    if _is_postgresql():
        ids = list(db.session.scalars(due.with_for_update(skip_locked=True)))
        if ids:
            db.session.execute(
                sa.update(OutboundMessage)
                .where(OutboundMessage.id.in_(ids))
                .values(**claim)
                .execution_options(synchronize_session=False)
            )
        db.session.commit()
        return ids
    claimed: list[int] = []
    # Racing workers see the same oldest rows; one that lost them all looks again at
    # what is still in the outbox (a bounded number of times) rather than going idle.
    for _round in range(CLAIM_ROUNDS):
        candidates = list(db.session.scalars(due.limit(limit - len(claimed))))
        db.session.commit()  # end the read before writing: SQLite allows one writer
        if not candidates:
            break
        for message_id in candidates:
            result = db.session.execute(
                sa.update(OutboundMessage)
                .where(
                    OutboundMessage.id == message_id,
                    OutboundMessage.status == MessageStatus.OUTBOX,
                )
                .values(**claim)
                .execution_options(synchronize_session=False)
            )
            if result.rowcount == 1:
                claimed.append(message_id)
        db.session.commit()
        if len(claimed) == limit:
            break
    return claimed


def _cap_counted_times(message: OutboundMessage, now: datetime) -> list[datetime]:
    """When the participant's texts that count toward the cap went out (send_rules rule 3)."""
    if message.participant_id is None or message.is_reply:
        return []
    rows = db.session.execute(
        sa.select(
            OutboundMessage.id,
            OutboundMessage.status,
            OutboundMessage.sent_at,
            OutboundMessage.claimed_at,
        ).where(
            OutboundMessage.participant_id == message.participant_id,
            OutboundMessage.is_reply.is_(False),
            OutboundMessage.id != message.id,
            sa.or_(
                OutboundMessage.status.in_(CAP_COUNTED),
                sa.and_(
                    OutboundMessage.status == MessageStatus.CLAIMED,
                    OutboundMessage.id < message.id,
                ),
            ),
            sa.or_(OutboundMessage.sent_at.is_(None), OutboundMessage.sent_at > now - WEEK),
        )
    )
    times = []
    for _id, status, sent_at, claimed_at in rows:
        when = now if status == MessageStatus.CLAIMED else (sent_at or claimed_at)
        if when is not None:
            times.append(when)
    return times


def backoff(attempts: int) -> timedelta:
    """Exponential: base, 2·base, 4·base … capped; deterministic, so tests can predict it."""
    settings = _settings()
    seconds = settings["ENGAGE_SMS_RETRY_BASE_SECONDS"] * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, settings["ENGAGE_SMS_RETRY_MAX_SECONDS"]))


def _record_result(message_id: int, worker_id: str, result: SendResult, now: datetime) -> str:
    """Write what the gateway said; returns the DispatchCounts field it counts under."""
    if result.outcome == SendOutcome.ACCEPTED:
        status = delivery.TWILIO_STATUSES.get(result.status or "", MessageStatus.QUEUED)
        # A status callback may have got here first; it can only have moved it forward.
        delivery.advance(message_id, status, error_code=None, error_message=None)
        if result.sid:
            delivery.adopt_sid(message_id, result.sid, sent_at=now)
        db.session.commit()
        return "sent"
    errors = {"error_code": result.error_code, "error_message": result.error_message}
    if result.outcome == SendOutcome.UNKNOWN:
        _update_if_mine(message_id, worker_id, status=MessageStatus.UNKNOWN, **errors)
        db.session.commit()
        return "unknown"
    message = db.session.get(OutboundMessage, message_id, populate_existing=True)
    assert message is not None
    out_of_tries = message.attempts >= _settings()["ENGAGE_SMS_MAX_ATTEMPTS"]
    if result.outcome == SendOutcome.RETRY and not out_of_tries:
        _update_if_mine(
            message_id,
            worker_id,
            status=MessageStatus.OUTBOX,
            send_after=now + backoff(message.attempts),
            claimed_by=None,
            **errors,
        )
        db.session.commit()
        return "retrying"
    if _update_if_mine(message_id, worker_id, status=MessageStatus.FAILED, **errors):
        delivery.learn_from_error(message, result.error_code)
    db.session.commit()
    return "failed"


def _send_one(
    message_id: int, worker_id: str, gateway: Gateway, rules: SendRules, now: datetime | None
) -> str:
    """Take one claimed row through the rules and the gateway; commits."""
    moment = now or utcnow()
    message = db.session.get(OutboundMessage, message_id, populate_existing=True)
    if message is None or message.status != MessageStatus.CLAIMED:
        db.session.commit()
        return "lost"
    participant = (
        db.session.get(Participant, message.participant_id, populate_existing=True)
        if message.participant_id is not None
        else None
    )
    verdict = judge(message, participant, _cap_counted_times(message, moment), moment, rules)
    text = OutgoingText(message.id, message.to_phone, _body_to_send(message, participant))
    # A filled-in link is stored before the send, so the row says what Twilio got.
    as_sent = (
        {"body": text.body, "segments": describe(text.body).segments}
        if text.body != message.body
        else {}
    )
    db.session.commit()  # end the reads: the writes below start their own transaction
    if verdict.skip_reason is not None:
        done = _update_if_mine(
            message_id, worker_id, status=MessageStatus.SKIPPED, skip_reason=verdict.skip_reason
        )
        db.session.commit()
        return "skipped" if done else "lost"
    if verdict.hold_until is not None:
        done = _update_if_mine(
            message_id,
            worker_id,
            status=MessageStatus.OUTBOX,
            send_after=verdict.hold_until,
            claimed_by=None,
        )
        db.session.commit()
        return "held" if done else "lost"
    # From here on the text may reach Twilio: a worker dying now leaves a claim that
    # reconcile treats as unknown, never as unsent.
    attempted = _update_if_mine(
        message_id, worker_id, attempts=OutboundMessage.attempts + 1, claimed_at=moment, **as_sent
    )
    db.session.commit()
    if not attempted:
        return "lost"
    settings = _settings()
    take_send_slot(
        gateway.sender,
        settings["ENGAGE_SMS_RATE_PER_SECOND"],
        settings["ENGAGE_SMS_RATE_JITTER_SECONDS"],
    )
    try:
        result = gateway.send(text)
    except Exception:  # a bug or an SDK surprise: we cannot say it did not go out
        logger.exception("gateway %s raised sending message %s", gateway.name, message_id)
        result = SendResult(SendOutcome.UNKNOWN, error_message=SendProblem.GATEWAY_ERROR)
    return _record_result(message_id, worker_id, result, now or utcnow())


def _body_to_send(message: OutboundMessage, participant: Participant | None) -> str:
    """The text as it goes out: a campaign's link placeholder becomes the person's link."""
    if PERSONAL_LINK not in message.body or message.campaign_id is None or participant is None:
        return message.body
    campaign = db.session.get_one(Campaign, message.campaign_id)
    survey = db.session.get_one(Survey, campaign.survey_id)
    return fill_personal_link(message.body, participant.id, survey)


def send_due_messages(
    limit: int | None = None, worker_id: str | None = None, now: datetime | None = None
) -> DispatchCounts:
    """Send up to ``limit`` due texts, applying every send rule; safe to run in many
    workers at once.

    ``now`` fixes the clock (tests); by default each text is judged at the moment it is
    reached, since the rate limit may make a worker wait.

    Texts are claimed a second's worth at a time (at the configured rate), not all at
    once: with several workers sharing the rate, a claim taken long before its turn
    would grow older than the claim timeout while its worker waits, and reconcile would
    take a healthy worker's texts for a dead one's.
    """
    settings = _settings()
    gateway = gateway_for(current_app._get_current_object())  # type: ignore[attr-defined]
    rules = SendRules.from_config(settings)
    worker_id = worker_id or default_worker_id()
    limit = limit or settings["ENGAGE_SMS_DISPATCH_BATCH"]
    rate = settings["ENGAGE_SMS_RATE_PER_SECOND"]
    chunk = max(1, math.ceil(rate)) if rate > 0 else limit
    counts = DispatchCounts()
    while counts.claimed < limit:
        ids = claim_due_messages(min(chunk, limit - counts.claimed), worker_id, now or utcnow())
        if not ids:
            break
        if not counts.claimed:
            gateway.warm_up()
        counts.claimed += len(ids)
        for message_id in ids:
            try:
                counts.add(_send_one(message_id, worker_id, gateway, rules, now))
            except Exception:
                # Leave the claim: reconcile settles it; the other rows still get their turn.
                db.session.rollback()
                logger.exception("dispatch of message %s failed", message_id)
                counts.add("unknown")
    return counts


def _match(message: OutboundMessage, records: list[SentRecord]) -> SentRecord | None:
    """The gateway's record of this very text: same body, a sid no other row has adopted.

    Two identical texts to one number in the window are told apart by taking the
    earliest record not already adopted.
    """
    same_body = [record for record in records if record.body == message.body]
    if not same_body:
        return None
    adopted = set(
        db.session.scalars(
            sa.select(OutboundMessage.sid).where(
                OutboundMessage.sid.in_([record.sid for record in same_body]),
                OutboundMessage.id != message.id,
            )
        )
    )
    free = [record for record in same_body if record.sid not in adopted]
    far_past = datetime.min.replace(tzinfo=message.created_at.tzinfo)
    free.sort(key=lambda record: record.date_sent or far_past)
    return free[0] if free else None


def _mark_stale_claims(now: datetime) -> int:
    """Claims older than the timeout: their worker stopped, perhaps mid-send."""
    timeout = timedelta(seconds=_settings()["ENGAGE_SMS_CLAIM_TIMEOUT_SECONDS"])
    result = db.session.execute(
        sa.update(OutboundMessage)
        .where(
            OutboundMessage.status == MessageStatus.CLAIMED,
            OutboundMessage.claimed_at < now - timeout,
        )
        .values(status=MessageStatus.UNKNOWN, error_message=SendProblem.WORKER_STOPPED)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return int(result.rowcount or 0)


def _settle(message: OutboundMessage, gateway: Gateway, now: datetime) -> str:
    """Decide one unknown send; returns the ReconcileCounts field. Commits."""
    attempted_at = message.claimed_at or message.updated_at
    records = gateway.sent_to(message.to_phone, attempted_at - CLOCK_SLACK)
    found = _match(message, records)
    if found is not None:
        status = delivery.TWILIO_STATUSES.get(found.status, MessageStatus.SENT)
        delivery.advance(message.id, status, error_message=None)
        delivery.adopt_sid(message.id, found.sid, sent_at=found.date_sent or attempted_at)
        db.session.commit()
        return "adopted"
    grace = timedelta(seconds=_settings()["ENGAGE_SMS_UNKNOWN_GRACE_SECONDS"])
    if now - attempted_at < grace:
        db.session.commit()
        return "waiting"
    out_of_tries = message.attempts >= _settings()["ENGAGE_SMS_MAX_ATTEMPTS"]
    values: dict[str, Any] = (
        {"status": MessageStatus.FAILED}
        if out_of_tries
        else {"status": MessageStatus.OUTBOX, "send_after": now, "claimed_by": None}
    )
    db.session.execute(
        sa.update(OutboundMessage)
        .where(OutboundMessage.id == message.id, OutboundMessage.status == MessageStatus.UNKNOWN)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return "failed" if out_of_tries else "requeued"


def reconcile_unknown(limit: int = 100, now: datetime | None = None) -> ReconcileCounts:
    """Settle sends whose outcome is unknown, asking the gateway first; commits."""
    moment = now or utcnow()
    gateway = gateway_for(current_app._get_current_object())  # type: ignore[attr-defined]
    counts = ReconcileCounts(stale=_mark_stale_claims(moment))
    unknown = list(
        db.session.scalars(
            sa.select(OutboundMessage)
            .where(OutboundMessage.status == MessageStatus.UNKNOWN)
            .order_by(OutboundMessage.claimed_at, OutboundMessage.id)
            .limit(limit)
        )
    )
    db.session.commit()
    for message in unknown:
        try:
            counts.add(_settle(message, gateway, moment))
        except GatewayUnavailable as error:
            db.session.rollback()
            logger.warning("cannot reconcile message %s yet: %s", message.id, error)
            counts.add("waiting")
    return counts
