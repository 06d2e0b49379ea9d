"""The answer step against the general engine: the same conversations, the same rows.

Each scenario is played twice in one database, by two participants alike in every way:
once as the webhook runs it (the step first, the engine when the step declines) and once
with the step switched off, so the engine handles every text. What each stored (answers,
responses, conversations, texts, inbound outcomes) must be the same.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from engage.core import plain_sql
from engage.core.types import utcnow
from engage.extensions import db
from engage.people.models import Participant
from engage.sms import answering, conversations
from engage.sms.conversation_queue import start_conversation
from engage.sms.conversations import Outcome, handle_inbound, receive
from engage.sms.models import Conversation, InboundMessage, OutboundMessage
from engage.surveys import responses, services
from engage.surveys.models import Channel, Response, Survey
from engage.surveys.services import QuestionInput
from tests.sms.checkin_survey import make_checkin_survey

CLINIC = "+16175550100"
NOW = utcnow().replace(microsecond=0)
_sids = itertools.count(1)


@contextmanager
def engine_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every text handled by the general engine, as before the step existed."""
    with monkeypatch.context() as patch:
        patch.setattr(conversations, "try_answer", lambda *_args: None)
        yield


def send(participant: Participant, bodies: list[str], minutes: int = 0) -> list[str]:
    """The participant texts each body in turn, taken as the webhook takes them: the step
    on a connection of its own, the general engine on the session."""
    outcomes = []
    for offset, body in enumerate(bodies):
        at = NOW + timedelta(minutes=minutes + offset)
        result = receive(f"SM{next(_sids):032d}", participant.phone, CLINIC, body, now=at)
        outcomes.append(result.outcome)
    return outcomes


def _key(dedupe_key: str | None) -> str | None:
    """A dedupe key without the sid or id in it ("reply", "start", …)."""
    return dedupe_key.split(":")[0] if dedupe_key else None


def stored(participant: Participant) -> dict[str, Any]:
    """Everything the participant's texts left in the database, without ids or sids."""
    db.session.expire_all()
    mine = Conversation.participant_id == participant.id
    talks = list(db.session.scalars(sa.select(Conversation).where(mine).order_by(Conversation.id)))
    order = {talk.id: index for index, talk in enumerate(talks)}
    answered = db.session.scalars(
        sa.select(Response)
        .where(Response.participant_id == participant.id)
        .order_by(Response.survey_id)
    )
    texts = db.session.scalars(
        sa.select(OutboundMessage)
        .where(OutboundMessage.participant_id == participant.id)
        .order_by(OutboundMessage.id)
    )
    inbound = db.session.scalars(
        sa.select(InboundMessage)
        .where(InboundMessage.participant_id == participant.id)
        .order_by(InboundMessage.id)
    )
    return {
        "conversations": [
            (
                t.survey_id,
                t.state,
                t.current_question,
                t.reprompted,
                t.active_phone is not None,
                t.response_id is not None,
                t.last_activity_at,
                t.expires_at,
            )
            for t in talks
        ],
        "responses": [
            (
                r.survey_id,
                r.version_id,
                r.channel,
                r.language,
                r.completed_at is not None,
                r.answer_map(),
            )
            for r in answered
        ],
        "texts": [
            (
                m.body,
                m.kind,
                m.is_reply,
                m.language,
                m.status,
                m.segments,
                order.get(m.conversation_id),
                _key(m.dedupe_key),
            )
            for m in texts
        ],
        "inbound": [(m.body, m.outcome) for m in inbound],
    }


Scenario = Callable[[Participant], list[str]]


def both_ways(
    make_participant: Callable[..., Participant],
    monkeypatch: pytest.MonkeyPatch,
    prepare: Callable[[Participant], None],
    scenario: Scenario,
    language: str = "es",
) -> tuple[dict[str, Any], list[str]]:
    """Play ``scenario`` with the step and without; what was stored (the same) and outcomes."""
    stepped, engined = make_participant(language=language), make_participant(language=language)
    prepare(stepped)
    prepare(engined)
    with_step = scenario(stepped)
    with engine_only(monkeypatch):
        without_step = scenario(engined)
    assert with_step == without_step
    assert stored(stepped) == stored(engined)
    return stored(stepped), with_step


@pytest.fixture
def checkin(app_under_test: Any) -> Survey:
    return make_checkin_survey()


def asked(survey: Survey) -> Callable[[Participant], None]:
    def start(participant: Participant) -> None:
        start_conversation(participant, survey, now=NOW - timedelta(minutes=5))
        db.session.commit()

    return start


def test_a_whole_survey_in_spanish_is_stored_alike(db_app, make_participant, monkeypatch):
    survey = make_checkin_survey()
    rows, outcomes = both_ways(
        make_participant, monkeypatch, asked(survey), lambda p: send(p, ["3", "sí", "4"])
    )
    assert outcomes == [Outcome.ANSWER, Outcome.ANSWER, Outcome.COMPLETED]
    assert rows["responses"][0][-1] == {"ease": "hard", "interpreter": True, "visits": 4}
    assert rows["responses"][0][2] is Channel.SMS


def test_the_engine_on_the_session_stores_alike(db_app, make_participant, monkeypatch):
    """``handle_inbound`` called directly, in the caller's unit of work (a caller with work
    of its own), is the general engine alone: the same rows as the webhook's way."""
    survey = make_checkin_survey()

    def on_the_session(participant: Participant) -> list[str]:
        outcomes = []
        for offset, body in enumerate(["3", "sí", "4"]):
            at = NOW + timedelta(minutes=offset)
            sid = f"SM{next(_sids):032d}"
            outcomes.append(handle_inbound(sid, participant.phone, CLINIC, body, now=at).outcome)
            db.session.commit()
        return outcomes

    on_own, on_session = make_participant(language="es"), make_participant(language="es")
    for participant in (on_own, on_session):
        asked(survey)(participant)
    assert send(on_own, ["3", "sí", "4"]) == on_the_session(on_session)
    assert stored(on_own) == stored(on_session)


def test_a_repeated_sid_is_handed_back_what_the_first_did(
    app_under_test, checkin, make_participant
):
    """The step gives a repeat to the general engine, which finds the first reply."""
    participant = make_participant(language="es")
    asked(checkin)(participant)
    first = receive("SMrepeated", participant.phone, CLINIC, "2", now=NOW)
    again = receive("SMrepeated", participant.phone, CLINIC, "2", now=NOW)
    assert (first.outcome, first.duplicate) == (Outcome.ANSWER, False)
    assert (again.outcome, again.duplicate, again.reply_id) == (
        Outcome.ANSWER,
        True,
        first.reply_id,
    )
    assert len(stored(participant)["inbound"]) == 1


def test_a_text_the_step_declines_is_never_rolled_back(db_app, make_participant):
    """A repeated sid, an answer that does not fit, a keyword: the step wrote nothing, so
    its transaction is committed, not rolled back. On ROLLBACK psycopg forgets every
    statement it prepared on the connection, and the texts after it would all be planned
    again (measured: three times PostgreSQL's work per text with 5% repeats)."""
    survey = make_checkin_survey()
    participant = make_participant(language="es")
    asked(survey)(participant)
    rollbacks: list[object] = []

    def rolled_back(connection: object) -> None:
        rollbacks.append(connection)

    sa.event.listen(db.engine, "rollback", rolled_back)
    try:
        first = receive("SMonce", participant.phone, CLINIC, "2", now=NOW)
        again = receive("SMonce", participant.phone, CLINIC, "2", now=NOW)
        unfit = receive(f"SM{next(_sids):032d}", participant.phone, CLINIC, "maybe", now=NOW)
        helped = receive(f"SM{next(_sids):032d}", participant.phone, CLINIC, "AYUDA", now=NOW)
    finally:
        sa.event.remove(db.engine, "rollback", rolled_back)
    assert [first.outcome, again.duplicate, unfit.outcome, helped.outcome] == [
        Outcome.ANSWER,
        True,
        Outcome.REPROMPT,
        Outcome.HELP,
    ]
    assert rollbacks == []
    assert [body for body, _outcome in stored(participant)["inbound"]] == ["2", "maybe", "AYUDA"]


def test_a_one_question_survey_begun_and_finished_by_one_text_is_stored_alike(
    db_app, make_participant, monkeypatch
):
    """The response is begun and completed by the same step (on PostgreSQL, within the
    writes' one statement)."""
    survey = services.create_survey(
        "one-question",
        {"en": "One question"},
        base_language="en",
        languages=["en"],
        thank_you={"en": "Thanks!"},
    )
    services.add_question(
        survey,
        QuestionInput(key="visits", type="number", text={"en": "How many visits?"}),
    )
    services.open_survey(survey)
    db.session.commit()
    rows, outcomes = both_ways(
        make_participant, monkeypatch, asked(survey), lambda p: send(p, ["4"]), language="en"
    )
    assert outcomes == [Outcome.COMPLETED]
    [(_survey, _version, channel, language, completed, answers)] = rows["responses"]
    assert (channel, language, completed, answers) == (Channel.SMS, "en", True, {"visits": 4})
    response = db.session.scalars(sa.select(Response).where(Response.survey_id == survey.id))
    for row in response:
        assert row.completed_at is not None and row.started_at <= row.updated_at


def test_bad_answers_and_skips_are_stored_alike(
    app_under_test, checkin, make_participant, monkeypatch
):
    bodies = ["banana", "2", "maybe", "perhaps", "no", "lots", "many"]
    rows, outcomes = both_ways(
        make_participant, monkeypatch, asked(checkin), lambda p: send(p, bodies)
    )
    assert outcomes == [
        Outcome.REPROMPT,
        Outcome.ANSWER,
        Outcome.REPROMPT,
        Outcome.REPROMPT,
        Outcome.ANSWER,
        Outcome.REPROMPT,
        Outcome.SKIPPED,
    ]
    assert rows["responses"][0][-1] == {"ease": "ok", "interpreter": False, "visits": None}


def test_the_next_waiting_survey_starts_alike(app_under_test, make_participant, monkeypatch):
    surveys = [make_checkin_survey(slug) for slug in ("first-one", "second-one")]

    def start_both(participant: Participant) -> None:
        for offset, survey in enumerate(surveys):
            start_conversation(participant, survey, now=NOW - timedelta(minutes=10 - offset))
        db.session.commit()

    rows, outcomes = both_ways(
        make_participant, monkeypatch, start_both, lambda p: send(p, ["1", "yes", "2"] * 2)
    )
    assert outcomes.count(Outcome.COMPLETED) == 2
    assert [talk[1] for talk in rows["conversations"]] == ["completed", "completed"]


def test_a_response_begun_on_the_web_is_continued_alike(
    app_under_test, checkin, make_participant, monkeypatch
):
    def begun_on_the_web(participant: Participant) -> None:
        response = responses.start_or_resume(
            checkin,
            participant_id=participant.id,
            resume_key=None,
            channel=Channel.WEB,
            language="es",
        )
        responses.save_answer(response, "ease", "easy")
        db.session.commit()
        asked(checkin)(participant)

    rows, outcomes = both_ways(
        make_participant, monkeypatch, begun_on_the_web, lambda p: send(p, ["1", "7"])
    )
    assert outcomes == [Outcome.ANSWER, Outcome.COMPLETED]
    assert rows["responses"][0][2] is Channel.WEB  # the response keeps how it began
    assert rows["responses"][0][-1] == {"ease": "easy", "interpreter": True, "visits": 7}


def test_a_question_edited_before_anyone_answered_is_asked_as_edited(
    app_under_test, checkin, make_participant
):
    """Nobody has answered the version, so it is edited in place: no stale copy is asked."""
    reader, answerer = make_participant(language="es"), make_participant(language="es")
    for participant in (reader, answerer):
        asked(checkin)(participant)
    # The step reads the version for this bad answer, and must not keep it: it can change.
    assert send(reader, ["banana"]) == [Outcome.REPROMPT]
    edited = QuestionInput(
        key="interpreter",
        type="yes_no",
        required=True,
        text={"en": "Did you need a language interpreter?", "es": "¿Necesitó un intérprete hoy?"},
    )
    services.update_question(checkin, "interpreter", edited)
    db.session.commit()
    assert len(checkin.versions) == 1  # edited in place

    assert send(answerer, ["1"]) == [Outcome.ANSWER]
    assert "¿Necesitó un intérprete hoy?" in stored(answerer)["texts"][-1][0]


def test_an_ordinary_answer_never_reaches_the_general_engine(
    app_under_test, checkin, make_participant, monkeypatch
):
    participant = make_participant(language="es")
    asked(checkin)(participant)

    def refuse(*_args: Any) -> None:
        raise AssertionError("the step should have answered this text")

    monkeypatch.setattr(answering, "answer", refuse)
    monkeypatch.setattr(conversations, "answer", refuse)
    monkeypatch.setattr(conversations, "_handle_incoming", refuse)  # not even on the session
    assert send(participant, ["2", "sí", "9"]) == [
        Outcome.ANSWER,
        Outcome.ANSWER,
        Outcome.COMPLETED,
    ]


def test_an_answer_takes_a_handful_of_statements_once_the_version_is_known(
    db_app, make_participant, monkeypatch
):
    """A guard on what made the webhook fast (not a timing): on PostgreSQL 3 statements a
    step (the participant's lock, the state, the writes with the text as one) in 2 round
    trips (the state travels with the lock), on SQLite 7 (the write lock, the state, each
    write on its own), counted through SQLAlchemy and on the driver's cursor
    (``plain_sql.fetch_together``) alike."""
    checkin = make_checkin_survey()
    first, second = make_participant(), make_participant()
    for participant in (first, second):
        asked(checkin)(participant)
    send(first, ["1", "yes"])  # the version is answered now, so its plan is kept
    phone = second.phone
    statements: list[str] = []
    round_trips: list[int] = []

    def count(*args: Any) -> None:
        statements.append(args[2])
        round_trips.append(1)

    on_cursor = plain_sql._on_cursor

    def count_on_cursor(connection: Any, batch: Any) -> Any:
        statements.extend(prepared.sql for prepared, _arguments in batch)
        round_trips.append(1 if connection.dialect.name == "postgresql" else len(batch))
        return on_cursor(connection, batch)

    monkeypatch.setattr(plain_sql, "_on_cursor", count_on_cursor)
    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        for body in ("1", "yes"):
            receive(f"SM{next(_sids):032d}", phone, CLINIC, body, now=NOW)
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)
    postgres = db.engine.dialect.name == "postgresql"
    assert len(statements) == 2 * (3 if postgres else 7), statements
    assert sum(round_trips) == 2 * (2 if postgres else 7), statements


def test_texts_from_one_phone_at_once_are_answered_one_after_the_other(db_app, make_participant):
    """Four answers sent together: each question answered once, in turn, none twice."""
    survey = make_checkin_survey()
    participant = make_participant()
    asked(survey)(participant)
    phone = participant.phone
    outcomes: list[str] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def deliver(body: str) -> None:
        with db_app.app_context():
            try:
                barrier.wait()
                result = receive(f"SM{next(_sids):032d}", phone, CLINIC, body)
                outcomes.append(result.outcome)
            except Exception as error:  # noqa: BLE001  (reported below)
                errors.append(error)
            finally:
                db.session.remove()

    # "2" fits every question, so whichever order they come in, each is an answer.
    workers = [threading.Thread(target=deliver, args=("2",)) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=30)

    assert errors == []
    assert sorted(outcomes) == sorted(
        [Outcome.ANSWER, Outcome.ANSWER, Outcome.COMPLETED, Outcome.NO_CONVERSATION]
    )
    rows = stored(participant)
    assert rows["responses"][0][-1] == {"ease": "ok", "interpreter": False, "visits": 2}
    assert [text[-1] for text in rows["texts"]] == ["start", "reply", "reply", "reply"]
