"""The send rate per sender, shared by every worker through one database row.

Twilio queues what a sender sends faster than its rate (1 text a second for a long code)
and eventually refuses it, so the limit is kept here, across all workers and hosts. Each
sender has a row holding the earliest moment its next text may go out. A worker about to
send takes the turn with one conditional UPDATE (``WHERE next_at <= now`` → ``SET next_at
= now + interval``), atomic on PostgreSQL (row lock) and SQLite (single writer) alike; if
another worker got there first it sleeps until the row's moment and tries again. The
interval is (1 + jitter) / rate, where jitter (ENGAGE_SMS_RATE_JITTER_SECONDS) is how late
after its turn a text may reach Twilio: ``rate`` turns then span more than a second plus
that delay, so no second as Twilio sees it holds more than ``rate`` texts, bursts
included. (Booking turns ahead instead, one UPDATE … RETURNING each, reaches the rate
more closely, but a worker late for its booked turn then sends right on top of the next
one; measured at the far end that exceeded the rate.) Redis would do too, but the
database is there in every setup, the embedded one included.

Moments are seconds since the epoch from each worker's clock: workers on several hosts
need synchronised clocks (NTP), as any distributed rate limit does.
"""

from __future__ import annotations

import time

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, mapped_column

from engage.extensions import db


class SendSlot(db.Model):
    """The earliest moment a sender may send its next text."""

    __tablename__ = "sms_send_slot"

    sender: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    next_at: Mapped[float] = mapped_column(sa.Double, default=0.0)  # seconds since the epoch


def _ensure_row(sender: str) -> None:
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    db.session.execute(insert(SendSlot).values(sender=sender, next_at=0.0).on_conflict_do_nothing())
    db.session.commit()


def take_send_slot(sender: str, rate_per_second: float, jitter: float = 0.0) -> float:
    """Wait until ``sender`` may send one text, and take that turn; returns the seconds waited.

    The turn is taken at the moment the text is about to go (not booked ahead), so a
    worker that is late never lands right on top of the next one. Each try is its own
    short transaction: a waiting worker holds no lock. A rate of 0 or less means no limit.

    ``jitter``: how much later than its turn a text may reach Twilio (scheduling, network).
    Turns are spaced (1 + jitter) / rate apart: then ``rate`` turns span at least
    1 + jitter seconds, so even texts delayed by up to ``jitter`` never put more than
    ``rate`` into any one second as Twilio sees them.
    """
    if rate_per_second <= 0:
        return 0.0
    interval = (1.0 + jitter) / rate_per_second
    started = time.monotonic()
    while True:
        now = time.time()
        taken = db.session.execute(
            sa.update(SendSlot)
            .where(SendSlot.sender == sender, SendSlot.next_at <= now)
            .values(next_at=now + interval)
            .execution_options(synchronize_session=False)
        )
        db.session.commit()
        if taken.rowcount == 1:
            return time.monotonic() - started
        next_at = db.session.scalar(sa.select(SendSlot.next_at).where(SendSlot.sender == sender))
        db.session.commit()
        if next_at is None:  # the sender's first text ever
            _ensure_row(sender)
            continue
        time.sleep(min(max(next_at - time.time(), 0.0), interval))
