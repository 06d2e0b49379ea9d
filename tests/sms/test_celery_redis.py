"""Two real Celery workers on the real Redis race for one outbox, on SQLite and PostgreSQL.

tests/sms/test_dispatch.py proves the claims with threads calling ``send_due_messages``
directly, and runs the Celery task only eagerly, in the test process. Production runs
neither: it runs ``celery -A engage.sms.tasks:celery_app worker`` processes that build
the app from the environment, fork a pool, take tasks off Redis and send through the
twilio SDK. This test runs exactly that, so what only that path can break (the settings
read from the environment, the app context around a task, the engine shared across the
pool's fork, the database row the rate limit is kept in, several processes on one SQLite
file) is caught here: every text reaches the fake Twilio exactly once, whichever worker
and task claimed it.

Redis is a real part, like PostgreSQL: without it the test is skipped on a laptop and
fails where Redis is required (``ENGAGE_REQUIRE_REDIS=1``, ``ENGAGE_REQUIRE_POSTGRES=1``
or ``CI=true``). ``ENGAGE_TEST_REDIS_URL`` chooses the server and database (default
``redis://127.0.0.1:6379/13``); each run uses a queue and worker names of its own, so
parallel runs never take each other's tasks, and removes its keys afterwards.
"""

from __future__ import annotations

import ast
import contextlib
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
import sqlalchemy as sa
from flask import Flask

from engage.core.types import utcnow
from engage.extensions import db
from engage.sms.models import MessageStatus, OutboundMessage
from engage.sms.tasks import SEND_TASK, celery_for
from tests.bench.bench_dispatch import fill_outbox
from tests.conftest import required
from tests.sms.conftest import MESSAGING_SERVICE_SID, NEUTRAL_RULES
from tests.sms.fake_twilio import ACCOUNT_SID, AUTH_TOKEN, FakeTwilio

REDIS_URL = os.environ.get("ENGAGE_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")
ROOT = Path(__file__).resolve().parents[2]

TEXTS = 40  # one each to this many consenting participants
RATE = 20.0  # texts a second, kept in the database row every worker shares
WORKERS = 2  # worker processes, each with a prefork pool of CONCURRENCY
CONCURRENCY = 2
TASKS = 6  # sent at once: TASKS * BATCH > TEXTS, so some tasks find their rows taken
BATCH = 10
READY_SECONDS = 30.0
DRAIN_SECONDS = 60.0
STOP_SECONDS = 15.0

READY = re.compile(r"@\S+ ready\.")
SUCCEEDED = re.compile(
    re.escape(SEND_TASK) + r"\[[0-9a-f-]+\] succeeded in [0-9.e-]+s: (\{[^\n]*\})"
)
# The workers' remote-control binding table is shared by every run on this database;
# kombu keeps its sweep deadline in a sorted set. Once the last run's members are gone
# so is the table, and then its deadline goes too: in one script, so that a worker of a
# parallel run cannot bind in between.
FORGET_PIDBOX_DEADLINE = """
if redis.call('EXISTS', '_kombu.binding.celery.pidbox') == 0 then
    redis.call('ZREM', KEYS[1], 'celery.pidbox')
end
"""
# The twilio SDK logs every request at INFO, a dozen lines each (its headers included).
TWILIO_SDK_LOG = re.compile(
    r"/ForkPoolWorker-\d+\] (-- (BEGIN|END) Twilio API Request --|(POST|GET) Request: "
    r"|Headers:|Response (Status Code|Headers):|[\w-]+ : )"
)
TASK_FAILED = re.compile(re.escape(SEND_TASK) + r"\[[0-9a-f-]+\] raised")


def redis_required() -> bool:
    """Where PostgreSQL is required (CI) Redis is too: .ci/run starts both."""
    return required("REDIS") or required("POSTGRES")


@pytest.fixture
def broker() -> Iterator[redis.Redis]:
    """The Redis the workers and this process share; skipped or failed if it is down."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2, socket_timeout=10)
    try:
        client.ping()
    except redis.RedisError as error:
        client.close()
        reason = f"Redis is not reachable at {REDIS_URL}: {error}"
        if redis_required():
            pytest.fail(
                f"{reason} (ENGAGE_REQUIRE_REDIS=1, ENGAGE_REQUIRE_POSTGRES=1 or CI=true, "
                "so this is a failure, not a skip)"
            )
        pytest.skip(reason)
    yield client
    client.close()


def worker_environment(database_url: str, fake_url: str) -> dict[str, str]:
    """What a deployed worker is given: engage reads every setting from here (config.py).

    Settings of the developer's shell are left out, so the test does not depend on them.
    """
    ours = ("ENGAGE_", "TWILIO_", "CELERY_", "DATABASE_URL", "SECRET_KEY")
    inherited = {key: value for key, value in os.environ.items() if not key.startswith(ours)}
    settings: dict[str, Any] = NEUTRAL_RULES | {
        "ENGAGE_SMS_RATE_PER_SECOND": RATE,
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": REDIS_URL,
        "SECRET_KEY": "celery-redis-test",
        "ENGAGE_SMS_BACKEND": "twilio",
        "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "TWILIO_MESSAGING_SERVICE_SID": MESSAGING_SERVICE_SID,
        "TWILIO_API_BASE_URL": fake_url,
    }
    return inherited | {key: str(value) for key, value in settings.items()}


def start_worker(name: str, queue: str, environment: dict[str, str], log: Path) -> subprocess.Popen:
    """One ``celery worker`` process, as deployed, consuming only this run's queue.

    ``--prefetch-multiplier 1``: a worker reserves no more tasks than it can run, so the
    other worker gets some of them and the two really race for the same rows. A session
    of its own, so the worker and its pool can be killed together without touching pytest.
    """
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "engage.sms.tasks:celery_app",
        "worker",
        "--pool",
        "prefork",
        "--concurrency",
        str(CONCURRENCY),
        "--prefetch-multiplier",
        "1",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "--loglevel",
        "INFO",
        "--queues",
        queue,
        "--hostname",
        f"{name}@%h",
    ]
    with log.open("wb") as output:
        return subprocess.Popen(
            command,
            cwd=ROOT,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def stop_workers(workers: list[subprocess.Popen]) -> None:
    """Warm shutdown (SIGTERM lets running tasks finish), then SIGKILL whatever is left."""
    for worker in workers:
        if worker.poll() is None:
            worker.terminate()
    deadline = time.monotonic() + STOP_SECONDS
    for worker in workers:
        with contextlib.suppress(subprocess.TimeoutExpired):
            worker.wait(timeout=max(deadline - time.monotonic(), 0.1))
        with contextlib.suppress(ProcessLookupError):  # its session: it and its pool
            os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=STOP_SECONDS)


def forget_run(client: redis.Redis, token: str) -> None:
    """Remove every Redis key and binding this run made; others' keys are left alone.

    Kombu keeps the queue as a list named after it, its binding as a set
    ``_kombu.binding.<exchange>``, and each worker's remote-control queue as a member of
    the shared ``_kombu.binding.celery.pidbox``: all of ours carry the token.
    """
    for key in client.scan_iter(match=f"*{token}*"):
        client.delete(key)
    for key in client.scan_iter(match="_kombu.binding.*"):
        if client.type(key) != b"set":
            continue
        mine = [member for member in client.smembers(key) if token.encode() in member]
        if mine:
            client.srem(key, *mine)
    client.eval(FORGET_PIDBOX_DEADLINE, 1, "_kombu.binding_deadlines")


def logs(paths: list[Path]) -> list[str]:
    return [path.read_text(errors="replace") if path.exists() else "" for path in paths]


def tails(paths: list[Path], lines: int = 40) -> str:
    """The end of each worker's log, for a failure message, without the SDK's chatter."""
    parts = []
    for path, text in zip(paths, logs(paths), strict=True):
        kept = [line for line in text.splitlines() if not TWILIO_SDK_LOG.search(line)]
        parts.append(f"--- {path.name} (last {lines} lines) ---\n" + "\n".join(kept[-lines:]))
    return "\n".join(parts)


def wait_until_ready(workers: list[subprocess.Popen], paths: list[Path]) -> None:
    """Both workers consuming before any task is sent, so neither gets them all."""
    deadline = time.monotonic() + READY_SECONDS
    while not all(READY.search(text) for text in logs(paths)):
        for worker in workers:
            if worker.poll() is not None:
                pytest.fail(f"a Celery worker exited with {worker.returncode}\n{tails(paths)}")
        if time.monotonic() > deadline:
            pytest.fail(f"the Celery workers were not ready in {READY_SECONDS:g} s\n{tails(paths)}")
        time.sleep(0.1)


def statuses() -> Counter[MessageStatus]:
    counts = Counter(db.session.scalars(sa.select(OutboundMessage.status)))
    db.session.commit()  # end the read: the workers are writing
    return counts


def pending() -> int:
    """Rows a worker still has to send: claimed, or in the outbox and already due."""
    count = db.session.scalar(
        sa.select(sa.func.count()).where(
            sa.or_(
                OutboundMessage.status == MessageStatus.CLAIMED,
                sa.and_(
                    OutboundMessage.status == MessageStatus.OUTBOX,
                    OutboundMessage.send_after <= utcnow(),
                ),
            )
        )
    )
    db.session.commit()
    return int(count or 0)


def wait_until_sent(workers: list[subprocess.Popen], paths: list[Path]) -> list[list[dict]]:
    """Every row settled and every task finished; each worker's task results."""
    deadline = time.monotonic() + DRAIN_SECONDS
    while True:
        texts = logs(paths)
        results = [[ast.literal_eval(found) for found in SUCCEEDED.findall(text)] for text in texts]
        if any(TASK_FAILED.search(text) for text in texts):
            pytest.fail(f"a send task raised\n{tails(paths)}")
        if sum(map(len, results)) == TASKS:
            left = pending()
            if left == 0:
                return results
            # Nothing else will send them: in production the next beat would.
            pytest.fail(
                f"all {TASKS} tasks finished but {left} texts are left, rows {statuses()}"
                f"\n{tails(paths)}"
            )
        for worker in workers:
            if worker.poll() is not None:
                pytest.fail(f"a Celery worker exited with {worker.returncode}\n{tails(paths)}")
        if time.monotonic() > deadline:
            done = sum(map(len, results))
            pytest.fail(
                f"after {DRAIN_SECONDS:g} s: {done} of {TASKS} tasks done, rows {statuses()}"
                f"\n{tails(paths)}"
            )
        time.sleep(0.2)


def test_two_celery_workers_on_redis_send_every_text_exactly_once(
    broker: redis.Redis, db_app: Flask, fake_twilio: FakeTwilio, tmp_path: Path
) -> None:
    token = uuid.uuid4().hex[:12]
    queue = f"engage-test-sms-{token}"
    fill_outbox(TEXTS)
    db.session.remove()
    expected = set(db.session.execute(sa.select(OutboundMessage.to_phone, OutboundMessage.body)))
    db.session.commit()
    assert len(expected) == TEXTS

    environment = worker_environment(db_app.config["SQLALCHEMY_DATABASE_URI"], fake_twilio.url)
    paths = [tmp_path / f"worker{number}.log" for number in range(WORKERS)]
    db_app.config["CELERY_BROKER_URL"] = REDIS_URL
    celery_app = celery_for(db_app)  # the producer engage's beat uses, on the same broker
    workers: list[subprocess.Popen] = []
    try:
        for number, path in enumerate(paths):
            workers.append(start_worker(f"w{number}-{token}", queue, environment, path))
        wait_until_ready(workers, paths)
        for _ in range(TASKS):
            celery_app.send_task(SEND_TASK, kwargs={"limit": BATCH}, queue=queue)
        results = wait_until_sent(workers, paths)
    finally:
        stop_workers(workers)
        forget_run(broker, token)
        celery_app.close()

    # At the fake: every text exactly once, each on its first and only request.
    received = Counter((message.to, message.body) for message in fake_twilio.messages)
    assert set(received) == expected
    assert [pair for pair, count in received.items() if count > 1] == []
    assert len(fake_twilio.messages) == TEXTS
    assert Counter(request.answer for request in fake_twilio.requests) == {"created": TEXTS}

    # In the database: every row queued at Twilio under the sid Twilio gave that very text.
    sid_of = {(message.to, message.body): message.sid for message in fake_twilio.messages}
    rows = db.session.scalars(sa.select(OutboundMessage)).all()
    assert Counter(row.status for row in rows) == {MessageStatus.QUEUED: TEXTS}
    assert all(row.sid == sid_of[(row.to_phone, row.body)] for row in rows)
    assert all(row.attempts == 1 and row.sent_at is not None for row in rows)

    # The tasks' own account (Celery logs each return value) agrees, and both workers
    # sent some: the race was real, not one worker doing everything.
    sent_by_worker = [sum(result["sent"] for result in per_worker) for per_worker in results]
    assert sum(sent_by_worker) == TEXTS
    assert all(sent > 0 for sent in sent_by_worker), sent_by_worker
    assert sum(result["claimed"] for per in results for result in per) == TEXTS

    # The rate limit, kept in one database row, held across processes: turns for TEXTS
    # texts at RATE a second span at least (TEXTS - 1) / RATE (a tenth off for the time
    # between a turn and its text's arrival). Unlimited, the four senders take ~0.2 s.
    arrivals = sorted(request.at for request in fake_twilio.requests)
    assert arrivals[-1] - arrivals[0] >= (TEXTS - 1) / RATE * 0.9
