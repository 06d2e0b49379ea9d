"""Benchmark: concurrent dispatch workers against the fake Twilio, under a shared rate.

    python -m tests.bench.bench_dispatch [--messages 300] [--rate 20] [--workers 4]
                                         [--database sqlite|postgres|both] [--threads]

Builds a fresh database, queues one text for each of ``--messages`` consenting
participants, starts the fake Twilio API (tests/sms/fake_twilio.py) in a process of its
own and runs ``--workers`` dispatch workers, each a process of its own (as Celery workers
or several ``flask sms dispatch`` are; ``--threads``: threads of this process instead),
each calling ``send_due_messages`` through the real twilio SDK until the outbox is empty.
Quiet hours and the frequency cap are off; the rate limit is ``--rate`` per second.

Prints, from the arrival times the fake recorded: the achieved rate against the
configured one, the most texts in any one-second window (sliding, and per calendar
second), the smallest gap between two texts, duplicates at the fake (must be 0) and rows
not sent (must be 0). Exits non-zero only on a duplicate or a lost text, never on speed.

Not collected by pytest (only test_*.py is).
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.request import urlopen

import sqlalchemy as sa
from flask import Flask

from tests.bench.databases import database
from tests.sms.fake_twilio import ACCOUNT_SID, AUTH_TOKEN

BATCH = 5


def make_app(url: str, fake_url: str, rate: float) -> Flask:
    from engage import create_app

    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "bench",
            "SQLALCHEMY_DATABASE_URI": url,
            "ENGAGE_SMS_BACKEND": "twilio",
            "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
            "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
            "TWILIO_MESSAGING_SERVICE_SID": "MG" + "0" * 31 + "7",
            "TWILIO_FROM_NUMBER": "",
            "TWILIO_API_BASE_URL": fake_url,
            "ENGAGE_PUBLIC_URL": "https://engage.clinic.example",
            "ENGAGE_SMS_RATE_PER_SECOND": rate,
            "ENGAGE_SMS_QUIET_START_HOUR": 0,
            "ENGAGE_SMS_QUIET_END_HOUR": 0,
            "ENGAGE_SMS_DAILY_CAP": 0,
            "ENGAGE_SMS_WEEKLY_CAP": 0,
        }
    )


def fill_outbox(messages: int) -> None:
    from engage.core.types import utcnow
    from engage.extensions import db
    from engage.people.models import Participant
    from engage.people.vocabulary import ConsentMethod
    from engage.sms.models import MessageKind
    from engage.sms.outbox import enqueue

    now = utcnow()
    people = [
        Participant(
            phone=f"+1617{200 + number // 10000:03d}{number % 10000:04d}",
            sms_consent_at=now,
            sms_consent_method=ConsentMethod.FORM,
        )
        for number in range(messages)
    ]
    db.session.add_all(people)
    db.session.flush()
    for number, participant in enumerate(people):
        enqueue(participant, f"Check-in {number}: reply 1-5", MessageKind.INVITE)
    db.session.commit()


def busiest_second(arrivals: list[float]) -> int:
    """The most arrivals in any window [t, t + 1 s), t anywhere (two pointers)."""
    most, first = 0, 0
    for last, moment in enumerate(arrivals):
        while moment - arrivals[first] >= 1.0:
            first += 1
        most = max(most, last - first + 1)
    return most


@contextmanager
def fake_twilio_process() -> Iterator[str]:
    """The fake Twilio in a process of its own, so its clock is not held up by ours."""
    server = subprocess.Popen(
        [sys.executable, "-m", "tests.sms.fake_twilio"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None and server.stdin is not None
    try:
        yield server.stdout.readline().strip()
    finally:
        server.stdin.close()
        server.wait(timeout=10)


def dispatch_until_empty(url: str, fake_url: str, rate: float, name: str, go_at: float) -> int:
    """One worker: its own app and session, sending until nothing is left to claim."""
    app = make_app(url, fake_url, rate)
    from engage.extensions import db
    from engage.sms.dispatch import send_due_messages

    claimed_total = 0
    with app.app_context():
        time.sleep(max(go_at - time.time(), 0.0))  # all workers start together
        while claimed := send_due_messages(limit=BATCH, worker_id=name).claimed:
            claimed_total += claimed
        db.session.remove()
        db.engine.dispose()
    return claimed_total


def run_workers(url: str, fake_url: str, rate: float, workers: int, threads: bool) -> Counter[str]:
    names = [f"w{number}" for number in range(workers)]
    go_at = time.time() + (0.5 if threads else 3.0)  # processes need a moment to start
    claims: Counter[str] = Counter()
    if threads:

        def work(name: str) -> None:
            claims[name] = dispatch_until_empty(url, fake_url, rate, name, go_at)

        pool = [threading.Thread(target=work, args=(name,)) for name in names]
        for thread in pool:
            thread.start()
        for thread in pool:
            thread.join()
        return claims
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers) as processes:
        jobs = {
            name: processes.apply_async(dispatch_until_empty, (url, fake_url, rate, name, go_at))
            for name in names
        }
        for name, job in jobs.items():
            claims[name] = job.get()
    return claims


def run(kind: str, messages: int, rate: float, workers: int, threads: bool) -> bool:
    with database(kind) as url, fake_twilio_process() as fake_url:
        app = make_app(url, fake_url, rate)
        # Imported after the factory ran: it loads the packages in their intended order.
        from engage.extensions import db
        from engage.sms.models import MessageStatus, OutboundMessage

        with app.app_context():
            db.create_all()
            fill_outbox(messages)
            db.session.remove()
            db.engine.dispose()
        began = time.monotonic()
        claims = run_workers(url, fake_url, rate, workers, threads)
        wall = time.monotonic() - began
        with app.app_context():
            statuses = Counter(db.session.scalars(sa.select(OutboundMessage.status)))
            db.session.remove()
            db.engine.dispose()
        with urlopen(f"{fake_url}/_fake/received") as answer:
            received: dict[str, Any] = json.load(answer)

    arrivals = sorted(request["at"] for request in received["requests"])
    bodies = Counter(message["body"] for message in received["messages"])
    duplicates = sum(count - 1 for count in bodies.values() if count > 1)
    not_sent = messages - statuses.get(MessageStatus.QUEUED, 0)
    span = arrivals[-1] - arrivals[0] if len(arrivals) > 1 else 0.0
    achieved = (len(arrivals) - 1) / span if span else math.inf
    sliding = busiest_second(arrivals)
    per_second = max(Counter(int(t) for t in arrivals).values(), default=0)
    gaps = [b - a for a, b in zip(arrivals, arrivals[1:], strict=False)]
    how = "threads" if threads else "processes"

    print(f"\n{kind}: {messages} texts, {workers} worker {how}, configured {rate:g}/s")
    print(f"  wall time (with start-up)     {wall:8.2f} s")
    share = f"{achieved / rate:.1%} of configured" if rate > 0 else "no limit"
    print(f"  achieved rate                 {achieved:8.2f} /s  ({share})")
    print(f"  most in any 1 s window        {sliding:8d}    (sliding)")
    print(f"  most in one calendar second   {per_second:8d}")
    print(f"  smallest gap between texts    {min(gaps) * 1000 if gaps else 0:8.1f} ms")
    print(f"  requests at the fake          {len(arrivals):8d}")
    print(f"  duplicates at the fake        {duplicates:8d}")
    print(f"  rows not sent                 {not_sent:8d}")
    print(f"  claims per worker             {dict(sorted(claims.items()))}")
    return duplicates == 0 and not_sent == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=300)
    parser.add_argument("--rate", type=float, default=20.0)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--threads", action="store_true", help="Workers as threads, not processes.")
    args = parser.parse_args()
    kinds = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    ok = all([run(k, args.messages, args.rate, args.workers, args.threads) for k in kinds])
    print("\nOK: no duplicates, nothing lost" if ok else "\nFAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
