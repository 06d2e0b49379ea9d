"""Benchmark: the inbound webhook under gunicorn against a bare endpoint; queuing a campaign.

    python -m tests.bench.bench_inbound [--database sqlite|postgres|both] [--participants 3000]
                                        [--concurrency 16] [--workers 2] [--repeat-share 0.05]
                                        [--campaign-size 100000] [--rounds 3]

For each database: a fresh one (a temporary SQLite file or a throwaway PostgreSQL
schema) gets the check-in survey of the SMS tests and ``--participants`` consenting
participants, with an earlier check-in they all answered by text (the history a clinic's
database has), each sent the survey's first question by a campaign, then ANALYZE. Then,
one after the other (in turns across ``--rounds`` rounds, each on a fresh database, since
a shared machine's speed drifts), two servers run under gunicorn with ``--workers`` sync
workers:

- **engage**, the real app (``wsgi:app``), at ``POST /sms/inbound``: every request is a
  real survey step (find the conversation, store the answer, pick and translate the next
  question, write the reply to the outbox) or the last answer and the thank-you;
- **bare**, a tiny Flask app in this file: it validates the Twilio signature the same way
  and inserts one row (ON CONFLICT DO NOTHING on the sid), nothing else.

An asyncio client (aiohttp) with ``--concurrency`` connections sends each participant's
three answers in order, every request signed with the SDK's RequestValidator against
``ENGAGE_PUBLIC_URL`` + path, as Twilio signs them. A share (``--repeat-share``) of the
requests is delivered twice at the same moment with the same MessageSid, as Twilio's
retries do. Signatures are computed before the clock starts.

Prints, per database and round: each server's throughput, the ratio real/bare, p50 and
p99 latency, and, counted in the database afterwards, lost and duplicated answers,
inbound rows against distinct sids, and replies against steps; and where ``/proc`` can
tell (Linux), the CPU each request cost the gunicorn workers, PostgreSQL (all its local
processes) and the load generator itself, which shares the machine's cores with both
servers; then the medians over the rounds. Then, on PostgreSQL (and SQLite for
comparison), the time to queue a campaign to ``--campaign-size`` participants
(recipients, conversations and first texts). Exits non-zero only if an answer was lost
or duplicated, never on speed.

Not collected by pytest (only test_*.py is).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from tests.bench.databases import database

ROOT = Path(__file__).resolve().parents[2]
AUTH_TOKEN = "bench-twilio-auth-token"
PUBLIC_URL = "https://bench.clinic.example"
CLINIC = "+16175550100"
ANSWERS = ("2", "yes", "3")  # ease: ok; interpreter: yes; visits: 3
BARE_TABLE = "bench_bare_inbound"


# --- the bare endpoint (gunicorn imports this module and calls bare_app()) -----------------


def bare_app() -> Any:
    """Validate the signature, insert one row: the least a webhook can do."""
    from flask import Flask, Response, abort, request
    from sqlalchemy.dialects import postgresql, sqlite
    from twilio.request_validator import RequestValidator

    url = os.environ["BENCH_DATABASE_URL"]
    engine = sa.create_engine(url, pool_pre_ping=False)
    if url.startswith("sqlite"):

        @sa.event.listens_for(engine, "connect")
        def pragmas(connection: Any, _record: Any) -> None:
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=5000")
            cursor.close()

    table = sa.Table(BARE_TABLE, sa.MetaData(), autoload_with=engine)
    dialect = postgresql if engine.dialect.name == "postgresql" else sqlite
    insert = dialect.insert(table).on_conflict_do_nothing(index_elements=["sid"])
    validator = RequestValidator(os.environ["BENCH_AUTH_TOKEN"])
    public = os.environ["BENCH_PUBLIC_URL"]
    app = Flask("bare")

    @app.post("/sms/inbound")
    def inbound() -> Response:
        signature = request.headers.get("X-Twilio-Signature", "")
        if not validator.validate(f"{public}{request.path}", request.form.to_dict(), signature):
            abort(403)
        with engine.begin() as connection:
            connection.execute(
                insert.values(
                    sid=request.form["MessageSid"],
                    from_phone=request.form["From"],
                    body=request.form["Body"],
                )
            )
        return Response('<?xml version="1.0" encoding="UTF-8"?><Response/>', mimetype="text/xml")

    @app.get("/healthz")
    def healthz() -> str:
        return "ok"

    return app


# --- databases ----------------------------------------------------------------------------


def make_app(url: str) -> Any:
    from engage import create_app

    return create_app(
        {
            "SECRET_KEY": "bench-secret",
            "SQLALCHEMY_DATABASE_URI": url,
            "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
            "ENGAGE_PUBLIC_URL": PUBLIC_URL,
        }
    )


def phone_numbers(count: int, offset: int = 0) -> list[str]:
    """Distinct valid US mobile-format numbers (617 area, exchanges 200 and up)."""
    return [
        f"+1617{200 + (offset + i) // 10000:03d}{(offset + i) % 10000:04d}" for i in range(count)
    ]


def add_participants(count: int, offset: int = 0) -> None:
    """Consenting participants, in one executemany per 10,000 (not the ORM, row by row)."""
    from engage.core.types import utcnow
    from engage.extensions import db
    from engage.people.models import Participant

    now = utcnow()
    languages = ["en"] * 48 + ["es"] * 34 + ["vi"] * 9 + ["zh_Hans"] * 6 + ["ar"] * 3
    rows = [
        {
            "phone": phone,
            "preferred_language": languages[i % len(languages)],
            "sms_consent_at": now - timedelta(days=30),
            "sms_consent_method": "form",
            "phone_status": "mobile",
        }
        for i, phone in enumerate(phone_numbers(count, offset))
    ]
    for start in range(0, len(rows), 10000):
        db.session.execute(sa.insert(Participant), rows[start : start + 10000])
    db.session.commit()


def add_history(participant_count: int) -> None:
    """An earlier check-in everyone answered by text, as a clinic's database holds after
    its first campaign: responses, answers, texts both ways, closed conversations.

    Without it the tables the webhook writes are empty when the statistics are taken,
    and PostgreSQL keeps plans that scan them whole as they fill up during the run.
    """
    from engage.core.types import utcnow
    from engage.extensions import db
    from engage.people.models import Participant
    from engage.sms.models import (
        Conversation,
        ConversationState,
        InboundMessage,
        MessageKind,
        MessageStatus,
        OutboundMessage,
    )
    from engage.sms.outcomes import Outcome
    from engage.surveys.models import Answer, Channel, Response
    from tests.sms.checkin_survey import make_checkin_survey

    earlier = make_checkin_survey("bench-earlier")
    version = earlier.current
    questions = {q.key: q.id for q in version.questions}
    when = utcnow() - timedelta(days=60)
    people = db.session.execute(sa.select(Participant.id, Participant.phone)).all()
    assert len(people) == participant_count
    response_ids = db.session.scalars(
        sa.insert(Response).returning(Response.id, sort_by_parameter_order=True),
        [
            {
                "survey_id": earlier.id,
                "version_id": version.id,
                "participant_id": person_id,
                "channel": Channel.SMS,
                "started_at": when,
                "updated_at": when,
                "completed_at": when,
            }
            for person_id, _phone in people
        ],
    ).all()
    values = {"ease": "ok", "interpreter": True, "visits": 3}
    answers, inbound, outbound, conversations = [], [], [], []
    for (person_id, phone), response_id in zip(people, response_ids, strict=True):
        conversations.append(
            {
                "participant_id": person_id,
                "survey_id": earlier.id,
                "response_id": response_id,
                "state": ConversationState.COMPLETED,
                "created_at": when,
                "last_activity_at": when,
            }
        )
        for key, question_id in questions.items():
            answers.append(
                {
                    "response_id": response_id,
                    "question_id": question_id,
                    "value": values[key],
                    "answered_at": when,
                }
            )
            inbound.append(
                {
                    "sid": f"SMearlier{person_id}{key}",
                    "from_phone": phone,
                    "to_phone": CLINIC,
                    "body": str(values[key]),
                    "participant_id": person_id,
                    "outcome": Outcome.ANSWER,
                    "received_at": when,
                }
            )
            outbound.append(
                {
                    "participant_id": person_id,
                    "to_phone": phone,
                    "body": f"Earlier question {key}",
                    "kind": MessageKind.SURVEY,
                    "status": MessageStatus.DELIVERED,
                    "send_after": when,
                    "created_at": when,
                    "updated_at": when,
                }
            )
    for model, rows in (
        (Conversation, conversations),
        (Answer, answers),
        (InboundMessage, inbound),
        (OutboundMessage, outbound),
    ):
        db.session.execute(sa.insert(model), rows)
    db.session.commit()


def send_campaign(survey_id: int, name: str) -> tuple[float, int]:
    """Create, schedule and start a campaign to everyone; (seconds to start, queued)."""
    from engage.core.types import utcnow
    from engage.extensions import db
    from engage.sms import campaigns

    campaign = campaigns.create_campaign(
        campaigns.CampaignInput(
            name=name,
            survey_id=survey_id,
            cohort=campaigns.Cohort(),
            starts_at=utcnow(),
            reminder_hours=[48],
        ),
        created_by=None,
    )
    campaigns.schedule_campaign(campaign)
    db.session.commit()
    began = time.perf_counter()
    queued = campaigns.start_due_campaigns(utcnow() + timedelta(minutes=1))
    db.session.commit()
    return time.perf_counter() - began, queued


def prepare(url: str, participants: int) -> list[str]:
    """The survey, the participants, each sent the first question; the bare table."""
    from engage.extensions import db
    from tests.sms.checkin_survey import make_checkin_survey

    app = make_app(url)
    with app.app_context():
        db.create_all()
        bare = sa.Table(
            BARE_TABLE,
            sa.MetaData(),
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("sid", sa.String(64), unique=True, nullable=False),
            sa.Column("from_phone", sa.String(16), nullable=False),
            sa.Column("body", sa.Text, nullable=False),
        )
        bare.create(db.engine)
        survey = make_checkin_survey("bench-checkin")
        add_participants(participants)
        add_history(participants)
        seconds, queued = send_campaign(survey.id, "Bench check-in")
        assert queued == participants, queued
        # The planner's statistics, as autovacuum (PostgreSQL) would have gathered them a
        # minute after a campaign went out: without them it guesses two active
        # conversations and scans them all for each text.
        db.session.execute(sa.text("ANALYZE"))
        db.session.commit()
        db.engine.dispose()
    return phone_numbers(participants)


# --- servers ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class Server:
    base: str  # http://127.0.0.1:port
    pid: int  # gunicorn's master; its workers are its children


@contextmanager
def gunicorn(target: str, env: dict[str, str], workers: int) -> Iterator[Server]:
    """``target`` served by gunicorn with ``workers`` sync workers, once every worker has
    loaded it (``gunicorn_ready``): the imports are not part of any timing."""
    port = free_port()
    ready = Path(tempfile.mkdtemp(prefix="engage-bench-ready-"))
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "--config",
        "python:tests.bench.gunicorn_ready",
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        "--backlog",
        "256",
        target,
    ]
    env = env | {"BENCH_READY_DIR": str(ready)}
    process = subprocess.Popen(command, cwd=ROOT, env=os.environ | env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while len(list(ready.iterdir())) < workers:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn {target} did not start")
            time.sleep(0.05)
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            pass
        yield Server(base, process.pid)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(ready, ignore_errors=True)


# --- the load -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Planned:
    form: dict[str, str]
    signature: str
    twice: bool  # delivered twice at once, as a Twilio retry racing the first try


def plan(
    phones: list[str], concurrency: int, repeat_share: float, seed: int
) -> list[list[Planned]]:
    """Each connection's requests: its participants' three answers, in order."""
    from twilio.request_validator import RequestValidator

    validator = RequestValidator(AUTH_TOKEN)
    rng = random.Random(seed)
    url = f"{PUBLIC_URL}/sms/inbound"
    plans: list[list[Planned]] = [[] for _ in range(concurrency)]
    for index, phone in enumerate(phones):
        for answer in ANSWERS:
            form = {
                "MessageSid": f"SM{uuid.uuid4().hex}",
                "AccountSid": "AC" + "0" * 32,
                "From": phone,
                "To": CLINIC,
                "Body": answer,
                "NumMedia": "0",
            }
            signature = validator.compute_signature(url, form)
            plans[index % concurrency].append(Planned(form, signature, rng.random() < repeat_share))
    return plans


@dataclass
class Run:
    name: str
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    cpu_seconds: dict[str, float] = field(default_factory=dict)  # by part, see cpu_by_part

    @property
    def requests(self) -> int:
        return len(self.latencies)

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


async def _drive(base: str, plans: list[list[Planned]], run: Run) -> None:
    import aiohttp

    connector = aiohttp.TCPConnector(limit=len(plans))
    timeout = aiohttp.ClientTimeout(total=60)

    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:

        async def one(planned: Planned) -> None:
            began = time.perf_counter()
            async with session.post(
                f"{base}/sms/inbound",
                data=planned.form,
                headers={"X-Twilio-Signature": planned.signature},
            ) as response:
                await response.read()
                run.statuses[response.status] = run.statuses.get(response.status, 0) + 1
            run.latencies.append(time.perf_counter() - began)

        async def connection(requests: list[Planned]) -> None:
            for planned in requests:
                if planned.twice:
                    await asyncio.gather(one(planned), one(planned))
                else:
                    await one(planned)

        began = time.perf_counter()
        await asyncio.gather(*(connection(requests) for requests in plans))
        run.seconds = time.perf_counter() - began


def drive(name: str, server: Server, plans: list[list[Planned]]) -> Run:
    run = Run(name)
    before = cpu_by_part(server.pid)
    asyncio.run(_drive(server.base, plans, run))
    after = cpu_by_part(server.pid)
    run.cpu_seconds = {part: after[part] - before.get(part, 0.0) for part in after}
    return run


# --- where the CPU went -------------------------------------------------------------------


def _process_cpu(stat_path: Path) -> tuple[int, str, float]:
    """(parent pid, command name, user + system CPU seconds) from a /proc/<pid>/stat."""
    text = stat_path.read_text()
    name = text[text.index("(") + 1 : text.rindex(")")]
    fields = text[text.rindex(")") + 2 :].split()
    ticks = int(fields[11]) + int(fields[12])  # utime, stime
    return int(fields[1]), name, ticks / os.sysconf("SC_CLK_TCK")


def cpu_by_part(master_pid: int) -> dict[str, float]:
    """CPU seconds used so far by the gunicorn workers (children of ``master_pid``), by
    PostgreSQL's processes on this machine (idle ones add nothing) and by this process,
    the load generator. Empty where there is no /proc."""
    proc = Path("/proc")
    if not proc.is_dir():
        return {}
    parts = {"workers": 0.0, "postgres": 0.0, "client": time.process_time()}
    for stat_path in proc.glob("[0-9]*/stat"):
        try:
            parent, name, seconds = _process_cpu(stat_path)
        except (OSError, ValueError, IndexError):  # gone meanwhile
            continue
        if parent == master_pid:
            parts["workers"] += seconds
        elif name == "postgres":
            parts["postgres"] += seconds
    return parts


def cpu_per_request(run: Run) -> str:
    """The run's CPU per request by part, in milliseconds."""
    if not run.cpu_seconds or not run.requests:
        return "CPU per request not measured (no /proc)"
    labels = {"workers": "workers", "postgres": "PostgreSQL", "client": "load generator"}
    each = [
        f"{labels[part]} {1000 * seconds / run.requests:.2f} ms"
        for part, seconds in run.cpu_seconds.items()
        if 1000 * seconds / run.requests >= 0.005  # PostgreSQL idling through a SQLite run
    ]
    return "CPU per request: " + ", ".join(each)


# --- checking what was stored ---------------------------------------------------------------


def count_engage(url: str) -> dict[str, int]:
    """What the run stored: the bench check-in's answers and responses, and the texts
    both ways (the earlier check-in's history left out)."""
    from engage.extensions import db
    from engage.sms.models import InboundMessage, OutboundMessage
    from engage.surveys.models import Answer, Response, Survey

    app = make_app(url)
    with app.app_context():

        def count(query: Any) -> int:
            return int(db.session.scalar(query) or 0)

        survey_id = db.session.scalar(sa.select(Survey.id).where(Survey.slug == "bench-checkin"))
        run_answers = (
            sa.select(Answer.response_id, Answer.question_id)
            .join(Response, Response.id == Answer.response_id)
            .where(Response.survey_id == survey_id)
        )
        counts = {
            "answers": count(sa.select(sa.func.count()).select_from(run_answers.subquery())),
            "distinct_answers": count(
                sa.select(sa.func.count()).select_from(run_answers.distinct().subquery())
            ),
            "completed": count(
                sa.select(sa.func.count())
                .select_from(Response)
                .where(Response.survey_id == survey_id, Response.completed_at.is_not(None))
            ),
            "inbound": count(
                sa.select(sa.func.count())
                .select_from(InboundMessage)
                .where(InboundMessage.sid.not_like("SMearlier%"))
            ),
            "replies": count(
                sa.select(sa.func.count())
                .select_from(OutboundMessage)
                .where(OutboundMessage.is_reply.is_(True))
            ),
        }
        db.engine.dispose()
    return counts


def count_bare(url: str) -> int:
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(sa.text(f"SELECT count(*) FROM {BARE_TABLE}")).scalar_one()
    engine.dispose()
    return int(rows)


# --- the campaign -------------------------------------------------------------------------


def time_campaign(kind: str, size: int) -> None:
    from engage.extensions import db
    from engage.sms.models import CampaignRecipient, Conversation, OutboundMessage
    from tests.sms.checkin_survey import make_checkin_survey

    with database(kind) as url:
        app = make_app(url)
        with app.app_context():
            db.create_all()
            survey = make_checkin_survey("bench-campaign")
            began = time.perf_counter()
            add_participants(size)
            added = time.perf_counter() - began
            seconds, queued = send_campaign(survey.id, "Bench campaign")

            def count(model: Any) -> int:
                return int(db.session.scalar(sa.select(sa.func.count()).select_from(model)) or 0)

            print(
                f"  {kind}: queued a campaign to {size:,} participants in {seconds:.2f} s "
                f"({count(CampaignRecipient):,} recipients, {count(Conversation):,} "
                f"conversations, {count(OutboundMessage):,} first texts; adding the "
                f"participants took {added:.1f} s)"
            )
            assert queued == size
            db.engine.dispose()


# --- the run ------------------------------------------------------------------------------


def one_round(kind: str, args: argparse.Namespace, bare_first: bool) -> tuple[Run, Run, bool]:
    """Both servers on one fresh database; (engage, bare, nothing lost or duplicated)."""
    with database(kind) as url:
        phones = prepare(url, args.participants)
        # The same phones and answers for both servers; fresh sids, so neither sees the other's.
        engage_plans = plan(phones, args.concurrency, args.repeat_share, seed=1)
        bare_plans = plan(phones, args.concurrency, args.repeat_share, seed=1)
        env = {
            "DATABASE_URL": url,
            "SECRET_KEY": "bench-secret",
            "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
            "ENGAGE_PUBLIC_URL": PUBLIC_URL,
            "ENGAGE_ENV": "development",
            "BENCH_DATABASE_URL": url,
            "BENCH_AUTH_TOKEN": AUTH_TOKEN,
            "BENCH_PUBLIC_URL": PUBLIC_URL,
        }
        servers = [
            ("engage", "wsgi:app", engage_plans),
            ("bare", "tests.bench.bench_inbound:bare_app()", bare_plans),
        ]
        runs = {}
        for name, target, plans in reversed(servers) if bare_first else servers:
            with gunicorn(target, env, args.workers) as server:
                runs[name] = drive(name, server, plans)
        stored = count_engage(url)
        bare_rows = count_bare(url)

    real, bare = runs["engage"], runs["bare"]
    steps = sum(len(requests) for requests in engage_plans)
    repeats = sum(planned.twice for requests in engage_plans for planned in requests)
    for run in (real, bare):
        print(
            f"  {run.name:<6} {run.throughput:7.1f} req/s   p50 {run.percentile(0.5):6.1f} ms   "
            f"p99 {run.percentile(0.99):6.1f} ms   {run.requests:,} requests in "
            f"{run.seconds:.1f} s   statuses {dict(sorted(run.statuses.items()))}"
        )
        print(f"         {cpu_per_request(run)}")
    print(f"  real/bare throughput: {ratio(real, bare):.0%}")
    expected = args.participants * len(ANSWERS)
    lost = max(expected - stored["distinct_answers"], 0)
    duplicated = stored["answers"] - stored["distinct_answers"]
    print(
        f"  {steps:,} steps ({repeats:,} of them delivered twice at once): "
        f"{stored['answers']:,} answers stored of {expected:,} expected → lost {lost}, "
        f"duplicated {duplicated}; completed surveys {stored['completed']:,} of "
        f"{args.participants:,}; inbound rows {stored['inbound']:,} for {steps:,} distinct sids; "
        f"replies {stored['replies']:,} (one per step); bare rows {bare_rows:,} for {steps:,} sids"
    )
    ok = lost == 0 and duplicated == 0 and stored["inbound"] == steps and bare_rows == steps
    return real, bare, ok


def ratio(real: Run, bare: Run) -> float:
    return real.throughput / bare.throughput if bare.throughput else 0.0


def server_cpu_ms(run: Run) -> float:
    """Milliseconds of CPU per request in the server's processes and the database's."""
    seconds = run.cpu_seconds.get("workers", 0.0) + run.cpu_seconds.get("postgres", 0.0)
    return 1000 * seconds / run.requests if run.requests else 0.0


def bench(kind: str, args: argparse.Namespace) -> bool:
    """``--rounds`` rounds, the servers' order alternating, then the medians: on a shared
    machine one run of each can land in a slow moment for one server and not the other."""
    print(
        f"\n== {kind}: {args.participants:,} participants × {len(ANSWERS)} answers, "
        f"{args.concurrency} connections, gunicorn {args.workers} sync workers, "
        f"{args.rounds} round(s)"
    )
    rounds = []
    for number in range(args.rounds):
        print(f" round {number + 1}")
        rounds.append(one_round(kind, args, bare_first=number % 2 == 1))
    ratios = [ratio(real, bare) for real, bare, _ok in rounds]
    print(
        f"  median over {len(rounds)} round(s): real/bare {statistics.median(ratios):.0%} "
        f"(each: {', '.join(f'{r:.0%}' for r in ratios)}; goal ≥ 60%); "
        f"engage p50 {statistics.median(r.percentile(0.5) for r, _b, _ok in rounds):.1f} ms, "
        f"p99 {statistics.median(r.percentile(0.99) for r, _b, _ok in rounds):.1f} ms "
        f"(goal < 100 ms); bare p50 "
        f"{statistics.median(b.percentile(0.5) for _r, b, _ok in rounds):.1f} ms, p99 "
        f"{statistics.median(b.percentile(0.99) for _r, b, _ok in rounds):.1f} ms"
    )
    if all(real.cpu_seconds and bare.cpu_seconds for real, bare, _ok in rounds):
        real_cpu = statistics.median(server_cpu_ms(real) for real, _b, _ok in rounds)
        bare_cpu = statistics.median(server_cpu_ms(bare) for _r, bare, _ok in rounds)
        print(
            f"  server CPU per request (workers and database, median): engage {real_cpu:.2f} ms, "
            f"bare {bare_cpu:.2f} ms; the load generator's share is in each round above"
        )
    return all(ok for _r, _b, ok in rounds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--participants", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat-share", type=float, default=0.05)
    parser.add_argument(
        "--campaign-size", type=int, default=100_000, help="0 leaves the campaign out"
    )
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    kinds = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    ok = all([bench(kind, args) for kind in kinds])
    if args.campaign_size <= 0:  # --campaign-size 0: the webhook alone
        return 0 if ok else 1
    print(
        f"\n== queuing a campaign ({args.campaign_size:,} participants; goal on PostgreSQL < 10 s)"
    )
    for kind in reversed(kinds):
        time_campaign(kind, args.campaign_size)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
