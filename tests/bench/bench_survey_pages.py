"""Benchmark: the survey runner under gunicorn, showing a question and saving an answer.

    python -m tests.bench.bench_survey_pages [--database sqlite|postgres|both] [--seconds 20]
                                             [--concurrency 16] [--workers 2]
                                             [--max-requests 20000] [--profile]

For each database: a fresh one (a temporary SQLite file or a throwaway PostgreSQL schema,
dropped afterwards; see ``tests/bench/databases.py``) gets the demo clinic
(``engage.demo.load_demo``: 500 participants and the open survey "priorities-2027", its
five questions and 310 responses). The real app (``wsgi:app``) then runs under gunicorn
with ``--workers`` sync workers on a free loopback port, with ENGAGE_ENV unset (so not
production: cookies are not ``Secure`` over plain http), SECRET_KEY set and DATABASE_URL
pointing at that database. An asyncio client (aiohttp) with ``--concurrency``
connections plays anonymous visitors, each with cookies of its own (the survey's visit
cookie and the session that holds the CSRF token), so each is a response of its own:

- **new visitor** (not the goal, but measured while making them): ``GET /s/<slug>``
  with no cookie starts a response and shows its first question. The first
  ``--concurrency`` × 8 visitors also warm the workers up and are not reported; the
  figures are those of the visitors made afterwards for the answers;
- **question page**: ``GET /s/<slug>/q/<key>`` of the first question, for visitors whose
  response exists, taken in turn for ``--seconds`` (or ``--max-requests``);
- **answer**: ``POST /s/<slug>/q/<key>`` with the page's ``csrf_token`` and a valid
  ``answer``; each visitor answers the questions in order (a top-3 ranking, a Likert
  point, yes/no, a free text, and on "yes" (every other visitor) the interpreter
  languages). Redirects are not followed (so the page after the last answer, which
  marks the response complete, is not part of it).

Prints, per database and measurement: requests per second, p50 and p99 latency, errors
(an unexpected status, a page without its form, or a failed connection), the statuses
seen and the CPU the client itself used (it shares the machine with the workers and the
database; so does anything else running, hence the load average printed first); then
answers stored against answers accepted. The issue's goal is a p99 under 100 ms at 16
concurrent connections; nothing asserts on speed (exit status 1 only on errors or lost
answers). ``--profile`` then times one question page and one first answer in-process
with the Flask test client (50 visitors each, on the same database), without and with
cProfile, and prints the profile: the app's own calls by cumulative time, everything by
own time.

Not collected by pytest (only test_*.py is).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import itertools
import os
import pstats
import re
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from tests.bench.bench_inbound import Run, gunicorn, make_app
from tests.bench.databases import database

SLUG = "priorities-2027"
SURVEY_PATH = f"/s/{SLUG}"
# A valid answer to each demo question (engage/surveys/demo.py), as the runner's form sends
# it: repeated ``answer`` fields for a ranking or multiple choice, the Likert point 1-5.
ANSWERS: dict[str, list[str]] = {
    "top3": ["interpreter", "wait_times", "text_reminders"],
    "access": ["2"],
    "needed_interpreter": ["yes"],  # "no" for every other visitor: the last question hides
    "idea": ["Evening hours twice a week, and someone who answers the phone in Spanish."],
    "interpreter_languages": ["spanish", "asl"],
}
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
ACTION = re.compile(r'<form method="post" action="([^"]+)"')
REQUEST_TIMEOUT = 30.0  # seconds for any one request; a stuck one counts as an error
VISITORS_PER_CONNECTION = 8  # visitors whose question pages are shown in turn


# --- the database -------------------------------------------------------------------------


def prepare(url: str) -> None:
    """The demo clinic, with a check that ANSWERS still fits the demo survey's questions."""
    from engage.demo import load_demo
    from engage.extensions import db
    from engage.surveys.demo import QUESTIONS

    keys = [question.key for question in QUESTIONS]
    if keys != list(ANSWERS):
        raise SystemExit(f"the demo survey's questions changed: {keys}, ANSWERS has {ANSWERS}")
    app = make_app(url)
    with app.app_context():
        db.create_all()
        added = load_demo()
        db.session.commit()
        db.engine.dispose()
    print(
        f"  demo loaded: {added['participants']} participants, {added['surveys']} survey, "
        f"{added['responses']} responses"
    )


def count_answers(url: str) -> int:
    """Answers of anonymous responses: the demo's all have a participant, the bench's none."""
    from engage.extensions import db
    from engage.surveys.models import Answer, Response

    app = make_app(url)
    with app.app_context():
        stored = db.session.scalar(
            sa.select(sa.func.count())
            .select_from(Answer)
            .join(Response, Answer.response_id == Response.id)
            .where(Response.participant_id.is_(None))
        )
        db.engine.dispose()
    return int(stored or 0)


# --- visitors and measurements ------------------------------------------------------------


@dataclass
class Visitor:
    """One browser: its own cookies, its CSRF token, the first question's page."""

    number: int
    cookies: dict[str, str] = field(default_factory=dict)
    csrf_token: str = ""
    first_page: str = ""

    def header(self) -> dict[str, str]:
        return {"Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items())}

    def keep(self, response: Any) -> None:
        for name, morsel in response.cookies.items():
            self.cookies[name] = morsel.value

    def answers(self) -> list[tuple[str, list[str]]]:
        """The questions this visitor answers, in order, and what it sends to each."""
        said_yes = self.number % 2 == 0
        steps = []
        for key, values in ANSWERS.items():
            if key == "needed_interpreter":
                values = ["yes" if said_yes else "no"]
            if key == "interpreter_languages" and not said_yes:
                continue  # shown only after "yes"
            steps.append((key, values))
        return steps


@dataclass
class Measured(Run):
    """Run (throughput, percentiles) plus errors and, for answers, latencies per question."""

    errors: int = 0
    client_cpu: float = 0.0  # seconds of CPU this process (the client) used meanwhile
    stopped_early: str = ""
    by_question: dict[str, list[float]] = field(default_factory=dict)

    def record(self, began: float, status: int, ok: bool) -> float:
        latency = time.perf_counter() - began
        self.latencies.append(latency)
        self.statuses[status] = self.statuses.get(status, 0) + 1
        if not ok:
            self.errors += 1
        return latency

    def line(self) -> str:
        if not self.latencies:
            return f"  {self.name:<14} no requests; errors {self.errors}"
        note = f"  ({self.stopped_early})" if self.stopped_early else ""
        return (
            f"  {self.name:<14} {self.throughput:7.1f} req/s   p50 {self.percentile(0.5):6.1f} ms"
            f"   p99 {self.percentile(0.99):6.1f} ms   errors {self.errors}   "
            f"{self.requests:,} requests in {self.seconds:.1f} s   "
            f"client CPU {self.client_cpu / self.seconds:.0%}   "
            f"statuses {dict(sorted(self.statuses.items()))}{note}"
        )


@dataclass
class Budget:
    """Requests may start until the deadline, and at most ``limit`` of them."""

    deadline: float
    limit: int
    issued: int = 0
    exhausted: bool = False

    def take(self) -> bool:
        if time.perf_counter() >= self.deadline:
            return False
        if self.issued >= self.limit:
            self.exhausted = True
            return False
        self.issued += 1
        return True


def _percentile(latencies: list[float], share: float) -> float:
    ordered = sorted(latencies)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


async def _connections(
    concurrency: int, worker: Callable[[int], Awaitable[None]], run: Measured
) -> None:
    began, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(worker(index) for index in range(concurrency)))
    run.seconds += time.perf_counter() - began
    run.client_cpu += time.process_time() - cpu


def _session(concurrency: int) -> Any:
    import aiohttp

    return aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=concurrency),
        timeout=aiohttp.ClientTimeout(total=REQUEST_TIMEOUT),
        cookie_jar=aiohttp.DummyCookieJar(),  # every visitor's cookies are its own, by hand
    )


async def new_visitors(
    base: str, count: int, first: int, concurrency: int, run: Measured
) -> list[Visitor]:
    """``count`` visitors, each a fresh anonymous response, made by ``concurrency`` at once."""
    import aiohttp

    made: list[Visitor] = []
    numbers = iter(range(first, first + count))

    async with _session(concurrency) as session:

        async def worker(_index: int) -> None:
            for number in numbers:  # shared: each number is taken once
                visitor = Visitor(number)
                began = time.perf_counter()
                try:
                    async with session.get(f"{base}{SURVEY_PATH}") as response:
                        page = await response.text()
                        visitor.keep(response)
                        status = response.status
                except (aiohttp.ClientError, TimeoutError):
                    run.errors += 1
                    continue
                token, action = CSRF.search(page), ACTION.search(page)
                ok = status == 200 and token is not None and action is not None
                run.record(began, status, ok)
                if ok and token is not None and action is not None:
                    visitor.csrf_token, visitor.first_page = token.group(1), action.group(1)
                    made.append(visitor)

        await _connections(concurrency, worker, run)
    return made


async def show_pages(
    base: str, visitors: list[Visitor], concurrency: int, seconds: float, limit: int, run: Measured
) -> None:
    """Each connection shows its visitors' first question pages in turn, until time is up."""
    import aiohttp

    deadline = time.perf_counter() + seconds
    budget = Budget(deadline, limit)

    async with _session(concurrency) as session:

        async def worker(index: int) -> None:
            mine = visitors[index::concurrency]
            for visitor in itertools.cycle(mine):
                if not budget.take():
                    return
                began = time.perf_counter()
                try:
                    async with session.get(
                        f"{base}{visitor.first_page}", headers=visitor.header()
                    ) as response:
                        page = await response.text()
                        visitor.keep(response)
                        status = response.status
                except (aiohttp.ClientError, TimeoutError):
                    run.errors += 1
                    continue
                run.record(began, status, status == 200 and CSRF.search(page) is not None)

        await _connections(concurrency, worker, run)
    if budget.exhausted:
        run.stopped_early = f"stopped at --max-requests {limit:,}"


async def send_answers(
    base: str, visitors: list[Visitor], concurrency: int, seconds: float, limit: int, run: Measured
) -> int:
    """Visitors answer their questions in order, one visitor per connection at a time.

    Returns how many answers were accepted (a 303 to the next page).
    """
    import aiohttp

    budget = Budget(time.perf_counter() + seconds, limit)
    waiting = iter(visitors)
    accepted = 0
    ran_out = False

    async with _session(concurrency) as session:

        async def worker(_index: int) -> None:
            nonlocal accepted, ran_out
            for visitor in waiting:
                for key, values in visitor.answers():
                    if not budget.take():
                        return
                    form = [("csrf_token", visitor.csrf_token)] + [("answer", v) for v in values]
                    began = time.perf_counter()
                    try:
                        async with session.post(
                            f"{base}{SURVEY_PATH}/q/{key}",
                            data=form,
                            headers=visitor.header(),
                            allow_redirects=False,
                        ) as response:
                            await response.read()
                            visitor.keep(response)
                            status = response.status
                            moved = response.headers.get("Location", "")
                    except (aiohttp.ClientError, TimeoutError):
                        run.errors += 1
                        continue
                    ok = status == 303 and moved.startswith(SURVEY_PATH)
                    latency = run.record(began, status, ok)
                    run.by_question.setdefault(key, []).append(latency)
                    accepted += ok
            ran_out = True

        await _connections(concurrency, worker, run)
    if ran_out and run.seconds < seconds * 0.95:
        run.stopped_early = "ran out of visitors"
    elif budget.exhausted:
        run.stopped_early = f"stopped at --max-requests {limit:,}"
    return accepted


# --- in-process profile -------------------------------------------------------------------


def profile(url: str, repeats: int = 50) -> None:
    """One question page and one answer, timed then profiled, in-process (Flask test client).

    Each of ``repeats`` visitors (a test client of its own) starts its response first; the
    page is its first question's, the answer its first (an insert, as in the benchmark).
    Timed without the profiler first: what one request costs with nothing in the way.
    """
    from flask.testing import FlaskClient

    app = make_app(url)
    key, values = next(iter(ANSWERS.items()))

    def visitors() -> list[tuple[FlaskClient, str]]:
        made = []
        for _ in range(repeats):
            client = app.test_client()
            token = CSRF.search(client.get(SURVEY_PATH).get_data(as_text=True))
            assert token is not None, "no csrf_token on the first question's page"
            made.append((client, token.group(1)))
        return made

    def show(client: FlaskClient, _token: str) -> int:
        return client.get(f"{SURVEY_PATH}/q/{key}").status_code

    def answer(client: FlaskClient, token: str) -> int:
        data = {"csrf_token": token, "answer": values}
        return client.post(f"{SURVEY_PATH}/q/{key}", data=data).status_code

    for title, call in (("GET question page", show), ("POST first answer", answer)):
        timings = {}
        for profiled in (False, True):
            people = visitors()  # also warms up: templates, translations, the pool
            profiler = cProfile.Profile()
            began = time.perf_counter()
            if profiled:
                profiler.enable()
            statuses = {call(client, token) for client, token in people}
            profiler.disable()
            timings[profiled] = (time.perf_counter() - began) / repeats * 1000
        print(
            f"\n-- {title} in-process: {timings[False]:.1f} ms each ({timings[True]:.1f} ms "
            f"profiled), statuses {sorted(statuses)}, over {repeats} visitors"
        )
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats(r"/engage/", 25)  # the app's own calls
        stats.sort_stats("tottime").print_stats(15)  # where the time is spent
    with app.app_context():
        from engage.extensions import db

        db.engine.dispose()


# --- the run ------------------------------------------------------------------------------


def bench(kind: str, args: argparse.Namespace) -> bool:
    print(
        f"\n== {kind}: {args.concurrency} connections, gunicorn {args.workers} sync workers, "
        f"{args.seconds:g} s per measurement (at most {args.max_requests:,} requests)"
    )
    with database(kind) as url:
        prepare(url)
        # The client and the workers share this machine: anything else running skews it.
        load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
        print(f"  load average before: {load} ({os.cpu_count()} CPUs)")
        env = {"DATABASE_URL": url, "SECRET_KEY": "bench-secret"}
        with gunicorn("wsgi:app", env, args.workers) as base:
            # The first visitors also warm the workers up (imports, templates, translations).
            warm_up = Measured("warm-up")
            count = args.concurrency * VISITORS_PER_CONNECTION
            shown = asyncio.run(new_visitors(base, count, 0, args.concurrency, warm_up))
            pages = Measured("question page")
            asyncio.run(
                show_pages(base, shown, args.concurrency, args.seconds, args.max_requests, pages)
            )
            started = Measured("new visitor")
            # Enough fresh visitors for the answers: at most as fast as pages, ~4.5 each.
            expected = min(pages.throughput * args.seconds * 1.25, args.max_requests)
            fresh = asyncio.run(
                new_visitors(
                    base, int(expected / 4) + args.concurrency, count, args.concurrency, started
                )
            )
            answers = Measured("answer")
            accepted = asyncio.run(
                send_answers(
                    base, fresh, args.concurrency, args.seconds, args.max_requests, answers
                )
            )
        stored = count_answers(url)
        for run in (pages, answers, started):
            print(run.line())
        print(
            "  answer p50/p99 by question: "
            + ", ".join(
                f"{key} {_percentile(latencies, 0.5):.0f}/{_percentile(latencies, 0.99):.0f} ms"
                for key, latencies in answers.by_question.items()
            )
        )
        print(
            f"  {len(shown) + len(fresh):,} visitors; answers accepted {accepted:,}, "
            f"stored {stored:,}"
        )
        if args.profile:
            profile(url)
    errors = warm_up.errors + pages.errors + answers.errors + started.errors
    return errors == 0 and stored >= accepted


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--seconds", type=float, default=20.0, help="per measurement")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--max-requests", type=int, default=20_000, help="per measurement")
    parser.add_argument(
        "--profile", action="store_true", help="print a cProfile of one page and one answer"
    )
    args = parser.parse_args(argv)
    # The server runs as deployed but for ENGAGE_ENV: unset, so development settings (no
    # Secure cookies over plain http). bench_inbound.gunicorn passes os.environ on.
    os.environ.pop("ENGAGE_ENV", None)
    kinds = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    ok = all([bench(kind, args) for kind in kinds])
    print("\n(goal: p99 < 100 ms at 16 concurrent connections; nothing here asserts on speed)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
