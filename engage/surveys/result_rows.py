"""Responses and answers read out of the database as plain rows, for results and exports.

The results page and every export read the same rows through the same filter, so a
figure on the page and a row in a file never disagree about which responses count.
Reads are plain column selects (no ORM objects), in chunks of responses, so an export
of 100,000 responses holds one chunk in memory at a time.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, NamedTuple

import sqlalchemy as sa

from engage.extensions import db
from engage.surveys.models import Answer, Channel, Response, Survey
from engage.surveys.results import SurveyQuestion
from engage.surveys.specs import question_spec

CHUNK_SIZE = 5000


@dataclass(frozen=True)
class ResultFilter:
    """Which responses count: by language, by channel, and whether unfinished ones do."""

    language: str | None = None
    channel: Channel | None = None
    include_partial: bool = False

    def as_detail(self) -> dict[str, Any]:
        """The filter as it is written into an audit event."""
        return {
            "language": self.language,
            "channel": self.channel.value if self.channel else None,
            "include_partial": self.include_partial,
        }


class ResponseRow(NamedTuple):
    id: int
    version_id: int
    participant_id: int | None
    channel: str
    language: str
    started_at: datetime
    updated_at: datetime
    completed_at: datetime | None


# (response id, question id, answer): how a chunk holds answers, without an object each.
RawAnswer = tuple[int, int, Any]


@dataclass(frozen=True)
class Chunk:
    """Some responses, in id order, with every answer they hold."""

    responses: list[ResponseRow]
    answers: list[RawAnswer]
    questions: Mapping[int, tuple[str, str]]  # question id → (key, type), every version

    def answer_maps(self) -> dict[int, dict[str, Any]]:
        """Response id → {question key: answer}."""
        grouped: dict[int, dict[str, Any]] = {}
        for response_id, question_id, value in self.answers:
            grouped.setdefault(response_id, {})[self.questions[question_id][0]] = value
        return grouped


def survey_questions(survey: Survey) -> list[SurveyQuestion]:
    """Every question the survey has had, matched by key across its versions.

    A question's wording, type and settings come from the newest version that has it;
    choices that only older versions offered are kept at the end, so answers given to
    them still count. Questions of the current version come first, in its order.
    """
    merged: dict[str, SurveyQuestion] = {}
    for version in reversed(survey.versions):
        for question in version.questions:
            spec = question_spec(question)
            if question.key not in merged:
                merged[question.key] = SurveyQuestion(
                    spec, dict(question.text), dict(question.help)
                )
                continue
            known = merged[question.key]
            if spec.type != known.spec.type:
                continue
            extra = tuple(c for c in spec.choices if c.key not in known.spec.choice_keys)
            if extra:
                merged[question.key] = known.with_choices(known.spec.choices + extra)
    return list(merged.values())


def _conditions(survey: Survey, criteria: ResultFilter) -> list[sa.ColumnElement[bool]]:
    conditions: list[sa.ColumnElement[bool]] = [Response.survey_id == survey.id]
    if not criteria.include_partial:
        conditions.append(Response.completed_at.is_not(None))
    if criteria.language:
        conditions.append(Response.language == criteria.language)
    if criteria.channel:
        conditions.append(Response.channel == criteria.channel)
    return conditions


def count_responses(survey: Survey, criteria: ResultFilter, upto_id: int | None = None) -> int:
    query = sa.select(sa.func.count()).select_from(Response).where(*_conditions(survey, criteria))
    if upto_id is not None:
        query = query.where(Response.id <= upto_id)
    return db.session.scalar(query) or 0


def last_response_id(survey: Survey) -> int:
    """The newest response so far: an export covers responses up to here, and no later."""
    return (
        db.session.scalar(
            sa.select(sa.func.max(Response.id)).where(Response.survey_id == survey.id)
        )
        or 0
    )


def _question_columns(survey: Survey) -> dict[int, tuple[str, str]]:
    """Question id → (key, type), for every version, so answers are read without joining
    the question table for each of them."""
    return {
        question.id: (question.key, question.type)
        for version in survey.versions
        for question in version.questions
    }


# (question key, question type) → the answers given to it, newest first.
AnswerValues = dict[tuple[str, str], list[Any]]


def answer_values(
    survey: Survey, criteria: ResultFilter, keys: Collection[str] | None = None
) -> AnswerValues:
    """Every answer (skips left out) of the responses that count, by question, in one query.

    Keyed by type as well as key: a question whose type changed between versions has
    answers of two shapes, and only those that fit its present type can be counted.
    """
    questions = _question_columns(survey)
    if keys is not None:
        questions = {id_: kt for id_, kt in questions.items() if kt[0] in keys}
    query = (
        sa.select(Answer.response_id, Answer.question_id, _RAW_VALUE)
        .join(Response, Answer.response_id == Response.id)
        .where(*_conditions(survey, criteria), Answer.question_id.in_(list(questions)))
        .order_by(Answer.response_id.desc())
    )
    grouped: AnswerValues = {}
    for _response_id, question_id, value in _decoded(db.session.connection().execute(query).all()):
        grouped.setdefault(questions[question_id], []).append(value)
    return grouped


# Answers and timestamps are read raw and decoded here: SQLAlchemy's per-value JSON and
# DateTime result processing cost more than the queries themselves for 100,000 responses
# (tests/bench/bench_survey_export.py).
_RAW_VALUE = sa.cast(Answer.value, sa.Text)


def _raw(column: Any) -> Any:
    return sa.type_coerce(column, sa.String)


def _decoded(rows: Iterable[Any]) -> list[RawAnswer]:
    """Answers as (response id, question id, value), skips left out.

    The same few answers come back again and again ("yes", a Likert point, a choice),
    so each distinct JSON text is decoded once. Values are shared: read them, never
    change them.
    """
    seen: dict[str, Any] = {}
    decoded = []
    for response_id, question_id, raw in rows:
        if raw is None:
            continue
        value = seen.get(raw, seen)
        if value is seen:
            value = seen[raw] = json.loads(raw)
        if value is not None:
            decoded.append((response_id, question_id, value))
    return decoded


def _utc(value: datetime | str | None) -> datetime | None:
    """A timestamp read raw: SQLite gives naive UTC text, PostgreSQL an aware datetime."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


_RESPONSE_COLUMNS = (
    Response.id,
    Response.version_id,
    Response.participant_id,
    _raw(Response.channel),
    Response.language,
    _raw(Response.started_at),
    _raw(Response.updated_at),
    _raw(Response.completed_at),
)


def response_chunks(
    survey: Survey, criteria: ResultFilter, upto_id: int, size: int = CHUNK_SIZE
) -> Iterator[Chunk]:
    """The responses that count (ids up to ``upto_id``) and their answers, ``size`` at a time.

    Two queries per chunk: the next ``size`` responses by id, then every answer whose
    response id falls in that range, so no query carries thousands of parameters. Rows
    are read as plain tuples through the connection: no ORM objects for 100,000 rows.
    """
    questions = _question_columns(survey)
    conditions = [*_conditions(survey, criteria), Response.id <= upto_id]
    connection = db.session.connection()
    after = 0
    while True:
        rows = connection.execute(
            sa.select(*_RESPONSE_COLUMNS)
            .where(*conditions, Response.id > after)
            .order_by(Response.id)
            .limit(size)
        ).all()
        if not rows:
            return
        responses = [
            ResponseRow(id_, version, person, channel, language, _utc(s), _utc(u), _utc(c))
            for id_, version, person, channel, language, s, u, c in rows
        ]
        first, last = responses[0].id, responses[-1].id
        # No join: the answers in the id range are read, and those of responses the
        # filter left out are dropped here, which is cheaper than joining every row.
        counted = {response.id for response in responses}
        answers = connection.execute(
            sa.select(Answer.response_id, Answer.question_id, _RAW_VALUE).where(
                Answer.response_id.between(first, last)
            )
        ).all()
        kept = [answer for answer in _decoded(answers) if answer[0] in counted]
        yield Chunk(responses, kept, questions)
        after = last
