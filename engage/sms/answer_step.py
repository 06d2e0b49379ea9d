"""The common text, answered in a handful of plain statements.

Almost every text a clinic receives is an answer that fits the current question of the
participant's active conversation. :func:`try_answer` handles exactly that case: the
participant locked and their state and answers read in one round trip
(:func:`step_reads`), the version's questions from the worker's cache
(``engage.surveys.plans``), then the text, the answer, the response, the conversation
and the reply written with plain INSERT and UPDATE statements (on PostgreSQL all in one
statement, a first answer's new response included). Loading the same rows as ORM
objects (and the version's questions and choices on every text) cost the webhook three
quarters of its time.

It returns None, having written nothing, whenever the text needs more than that: a
MessageSid stored before, an unknown number, no consent, no active conversation, a
closed survey, a question the version no longer has, or an answer that does not fit.
The general engine (``conversations.handle_inbound``, ``engage.sms.answering``) then
stores the text and handles it with everything it can do (re-prompts, skips, closing
politely). Both apply the same rules (``engage.surveys.answer_rules``, the question
types' ``from_sms`` and validation, ``questions_text``, ``outbox`` row values) and write
the same rows; ``tests/sms/test_answer_step.py`` runs conversations both ways and
compares what they stored.

It runs on a connection of the webhook's own, in a transaction of its own, committed
without the ORM session (``conversations.receive``), whose transaction bookkeeping cost
as much as the step's own Python. A survey that ends while another is waiting for the
participant is left to the general engine, which starts the next one through the ORM
(``activate_next``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from engage.core.plain_sql import Bound, fetch, table
from engage.core.types import utcnow
from engage.people.models import Participant
from engage.sms import outbox
from engage.sms.cohorts import has_consent
from engage.sms.conversation_queue import (
    asked_language,
    conversation_hours,
    thank_you_text,
)
from engage.sms.models import (
    Conversation,
    ConversationState,
    InboundMessage,
    MessageKind,
    MessageStatus,
    OutboundMessage,
)
from engage.sms.outcomes import InboundResult, Outcome, reply_key
from engage.sms.questions_text import question_text
from engage.surveys import answer_rules
from engage.surveys.models import (
    Answer,
    Channel,
    Response,
    Survey,
    SurveyStatus,
    SurveyVersion,
)
from engage.surveys.plans import QuestionPlan, VersionPlan, version_plan
from engage.surveys.question_types import AnswerProblem, Value, question_type


@dataclass(frozen=True)
class StepState:
    """One participant's active conversation, as the answer step needs it."""

    participant_id: int
    phone: str
    preferred_language: str
    conversation_id: int
    survey_id: int
    campaign_id: int | None
    current_question: str
    expires_at: datetime | None
    response_id: int | None  # None until the first answer: the step starts the response
    version_id: int  # the response's, or the survey's current one for a new response
    version_created_at: datetime
    base_language: str
    languages: list[str] | None
    has_waiting: bool
    text_stored: bool  # this MessageSid is stored already: a repeat, for the general engine

    @property
    def language(self) -> str:
        return asked_language(self.preferred_language, self.languages, self.base_language)


# The statements are built once per process: building a SELECT of a dozen ORM columns
# costs more than running it, and the webhook runs these on every text.


@cache
def _state_statement() -> sa.Select:
    other = aliased(Conversation)
    current = aliased(SurveyVersion)
    current_version = (
        sa.select(current.id)
        .where(current.survey_id == Survey.id)
        .order_by(current.number.desc())
        .limit(1)
        .scalar_subquery()
    )
    waiting = (
        sa.select(other.id)
        .where(other.participant_id == Participant.id, other.state == ConversationState.WAITING)
        .exists()
    )
    inbound = table(InboundMessage)
    stored = sa.select(inbound.c.id).where(inbound.c.sid == sa.bindparam("sid")).exists()
    return (
        sa.select(
            Participant.id,
            Participant.phone,
            Participant.preferred_language,
            Conversation.id,
            Conversation.survey_id,
            Conversation.campaign_id,
            Conversation.current_question,
            Conversation.expires_at,
            Response.id,
            SurveyVersion.id,
            SurveyVersion.created_at,
            Survey.base_language,
            Survey.languages,
            waiting,
            stored,
            # The answers so far, one row each (a row of NULLs when there are none):
            # the state and the answers in one round trip.
            Answer.question_id,
            Answer.value,
        )
        .select_from(Participant)
        .join(Conversation, Conversation.participant_id == Participant.id)
        .join(Survey, Survey.id == Conversation.survey_id)
        # One response per participant and survey: the conversation's, or one begun on the
        # web (resumed, as ``conversation_queue.response_for`` does), or none yet.
        .outerjoin(
            Response,
            sa.and_(Response.survey_id == Survey.id, Response.participant_id == Participant.id),
        )
        .join(
            SurveyVersion,
            SurveyVersion.id == sa.func.coalesce(Response.version_id, current_version),
        )
        .outerjoin(Answer, Answer.response_id == Response.id)
        .where(
            Participant.phone == sa.bindparam("phone"),
            has_consent(),
            Conversation.state == ConversationState.ACTIVE,
            Conversation.current_question.is_not(None),
            Survey.status == SurveyStatus.OPEN,
            Response.completed_at.is_(None),  # also true with no response yet
        )
    )


@cache
def _update_answer() -> sa.Update:
    answers = table(Answer)
    return sa.update(answers).where(
        answers.c.response_id == sa.bindparam("b_response_id"),
        answers.c.question_id == sa.bindparam("b_question_id"),
    )


@cache
def _delete_answers() -> sa.Delete:
    answers = table(Answer)
    return sa.delete(answers).where(
        answers.c.response_id == sa.bindparam("response_id"),
        answers.c.question_id.in_(sa.bindparam("question_ids", expanding=True)),
    )


@cache
def participant_lock() -> sa.Select:
    """The participant with this phone, locked (``FOR UPDATE``; PostgreSQL).

    Every path that handles a text takes it first, before it reads or writes anything
    else: texts from one phone are handled one after the other, each seeing what the one
    before it committed, and two deliveries of one MessageSid never both pass the check
    for a stored one.
    """
    participants = table(Participant)
    return (
        sa.select(participants.c.id)
        .where(participants.c.phone == sa.bindparam("phone"))
        .with_for_update()
    )


# SQLite: the write lock at once, as PostgreSQL's participant lock is taken first. The
# driver would begin the transaction only at the first write, after the state was read.
_BEGIN_IMMEDIATE = sa.text("BEGIN IMMEDIATE")


def step_reads(dialect: str, phone: str, sid: str) -> list[Bound]:
    """The lock, then the read :func:`try_answer` starts from (the active conversation,
    its answers, and whether ``sid`` is stored), to be sent together in one round trip
    on a transaction begun for them.

    Nothing is written before :func:`try_answer` knows it handles the text, so a text it
    declines leaves a transaction to commit, not one to roll back. (A rollback would also
    cost psycopg every prepared statement of the connection: it forgets them all on
    ROLLBACK, and the next dozen texts would plan every statement again.)
    """
    if dialect == "postgresql":
        first: Bound = (participant_lock(), {"phone": phone})
    else:
        first = (_BEGIN_IMMEDIATE, {})
    return [first, (_state_statement(), {"phone": phone, "sid": sid})]


def _state(rows: list[tuple[Any, ...]]) -> tuple[StepState, list[tuple[int, Value]]] | None:
    """The state, and the answers so far (question id, value), from the state read's
    rows (:func:`step_reads`); None if the answer step cannot handle a text to this phone."""
    if not rows:
        return None
    answers = [(row[-2], row[-1]) for row in rows if row[-2] is not None]
    return StepState(*rows[0][:-2]), answers


def _response_params(state: StepState) -> dict[str, Any]:
    """What :func:`_begin_response` needs besides the time (``b_at``, ``b_completed_at``)."""
    return {
        "b_survey": state.survey_id,
        "b_version": state.version_id,
        "b_participant": state.participant_id,
        "b_language": state.language,
    }


def _start_response(connection: sa.Connection, state: StepState) -> int:
    """The response begun by the first answer, on its own (SQLite: before the writes)."""
    params = _response_params(state) | {"b_at": utcnow(), "b_completed_at": None}
    return int(fetch(_begin_response(), params, connection)[0][0])


def _answers(rows: list[tuple[int, Value]], plan: VersionPlan) -> dict[str, Value] | None:
    """The response's answers by question key; None if one is not in the plan's version."""
    answers: dict[str, Value] = {}
    for question_id, value in rows:
        key = plan.key_of(question_id)
        if key is None:
            return None
        answers[key] = value
    return answers


def try_answer(
    connection: sa.Connection,
    sid: str,
    body: str,
    to_phone: str,
    now: datetime,
    state_rows: list[tuple[Any, ...]],
) -> tuple[int, InboundResult] | None:
    """Take ``body`` as the answer to the current question; (participant id, result).

    ``state_rows`` are what the state read of :func:`step_reads` returned on
    ``connection``, in this transaction, after the lock. None, with nothing written,
    when the general engine must handle the text instead (a repeated ``sid`` too).
    Otherwise the text is stored here as well, with its outcome, in the same writes.
    """
    found = _state(state_rows)
    if found is None or found[0].text_stored:
        return None
    state, rows = found
    # A version with answers is frozen, so its plan may be kept for the next text.
    plan = version_plan(state.version_id, state.version_created_at, answered=bool(rows))
    question = plan.find(state.current_question) if plan is not None else None
    answers = _answers(rows, plan) if plan is not None else None
    if plan is None or question is None or answers is None:
        return None
    spec = question.spec
    raw = question_type(spec.type).from_sms(spec, body, state.language)
    try:
        value, after = answer_rules.apply_answer(plan.specs, answers, question.key, raw)
    except AnswerProblem:
        return None
    asked = plan.find(answer_rules.next_key(plan.specs, after))
    if asked is None:
        missing = answer_rules.missing_required(plan.specs, after)
        asked = plan.find(missing[0]) if missing else None
    if asked is None and state.has_waiting:  # the next survey starts: the general engine
        return None
    # A first answer begins the response: on PostgreSQL within the writes' one statement,
    # elsewhere before them.
    begins = state.response_id is None and connection.dialect.name == "postgresql"
    if state.response_id is None and not begins:
        state = replace(state, response_id=_start_response(connection, state))
    new_answer = _store_changed_answers(connection, state, plan, question, value, answers, after)
    at = utcnow()
    params = {
        "b_sid": sid,
        "b_from_phone": state.phone,
        "b_to_phone": to_phone,
        "b_body": body,
        "b_participant": state.participant_id,
        "b_response": state.response_id,
        "b_conversation": state.conversation_id,
        "b_question": question.id,
        "b_value": value,
        "b_at": at,
        "b_completed_at": None if asked is not None else at,
        "b_current_question": asked.key if asked is not None else None,
        **_touched(state, now),
    }
    if begins:
        del params["b_response"]
        params |= _response_params(state)
    languages = (state.language, state.base_language)
    if asked is not None:
        reply = plan.kept(
            ("question", asked.key, *languages), lambda: question_text(asked, *languages)
        )
        params |= _reply(state, reply, MessageKind.SURVEY, sid) | {"b_outcome": Outcome.ANSWER}
    else:
        reply = plan.kept(
            ("thank you", *languages), lambda: thank_you_text(plan.thank_you, *languages)
        )
        params |= _reply(state, reply, MessageKind.SYSTEM, sid) | {"b_outcome": Outcome.COMPLETED}
    reply_id = _write(
        connection, completes=asked is None, new_answer=new_answer, begins=begins, params=params
    )
    return state.participant_id, InboundResult(reply_id, params["b_outcome"])


def _store_changed_answers(
    connection: sa.Connection,
    state: StepState,
    plan: VersionPlan,
    question: QuestionPlan,
    value: Value,
    before: dict[str, Value],
    after: dict[str, Value],
) -> bool:
    """An answer given before rewritten, answers the change hides removed; whether the
    answer is new instead (then :func:`_write` inserts it, with the rest)."""
    hidden = [plan.find(key) for key in before.keys() - after.keys()]
    if hidden:
        question_ids = [q.id for q in hidden if q is not None]
        connection.execute(
            _delete_answers(), {"response_id": state.response_id, "question_ids": question_ids}
        )
    if question.key not in before:
        return True
    params = {"b_response_id": state.response_id, "b_question_id": question.id}
    connection.execute(_update_answer(), {**params, "value": value, "answered_at": utcnow()})
    return False


def _touched(state: StepState, now: datetime) -> dict[str, Any]:
    """The conversation's idle clock restarted, as ``conversation_queue.touch`` does."""
    idle_until = now + conversation_hours()
    expires_at = state.expires_at
    if expires_at is None or expires_at < idle_until:
        expires_at = idle_until
    return {"b_now": now, "b_expires_at": expires_at}


def _reply(state: StepState, body: str, kind: MessageKind, sid: str) -> dict[str, Any]:
    """The reply's columns, as parameters. Written with no look for an earlier one: its
    key names the text this transaction stored first, so none can exist (and the unique
    key would refuse a second rather than text anyone twice)."""
    values = outbox.message_values(
        state.participant_id,
        state.phone,
        body,
        kind,
        language=state.language,
        is_reply=True,
        dedupe_key=reply_key(sid),
        conversation_id=state.conversation_id,
        campaign_id=state.campaign_id,
    )
    return {f"b_out_{name}": value for name, value in values.items()}


@cache
def _writes(completes: bool, new_answer: bool, begins: bool = False) -> tuple[sa.UpdateBase, ...]:
    """The step's writes, in order; the reply's INSERT returns its id.

    Every parameter is named ``b_…``, unlike any column, and one name means one value
    across all of them, so they can also run as one statement (see :func:`_write`).
    With ``begins`` (PostgreSQL only, within :func:`_writes_as_one`), the response is
    begun by the same statement and the others take its id from there.
    """
    p = sa.bindparam
    answers, responses = table(Answer), table(Response)
    conversations, outbound = table(Conversation), table(OutboundMessage)
    inbound = table(InboundMessage)
    writes: list[sa.UpdateBase] = []
    response: Any = p("b_response")
    if begins:
        begun = _begin_response().cte("begun")
        response = sa.select(begun.c.id).scalar_subquery()
    if new_answer:
        writes.append(
            sa.insert(answers).values(
                response_id=response,
                question_id=p("b_question"),
                value=p("b_value"),
                answered_at=p("b_at"),
            )
        )
    if not begins:  # a response just begun has these already, as its INSERT set them
        writes.append(
            sa.update(responses)
            .where(responses.c.id == response)
            .values(updated_at=p("b_at"), completed_at=p("b_completed_at"))
        )
    conversation: dict[str, Any] = {
        "response_id": response,
        "last_activity_at": p("b_now"),
        "expires_at": p("b_expires_at"),
    }
    if completes:
        conversation |= {"state": ConversationState.COMPLETED, "active_phone": None}
    else:
        conversation |= {"current_question": p("b_current_question"), "reprompted": False}
    writes.append(
        sa.update(conversations)
        .where(conversations.c.id == p("b_conversation"))
        .values(**conversation)
    )
    columns = outbox.message_columns()
    writes.append(
        sa.insert(outbound)
        .values(
            {name: p(f"b_out_{name}") for name in columns}
            | {"status": MessageStatus.OUTBOX, "attempts": 0, "created_at": p("b_at")}
            | {"updated_at": p("b_at")}
        )
        .returning(outbound.c.id)
    )
    writes.append(  # the text itself, stored with what it was
        sa.insert(inbound).values(
            sid=p("b_sid"),
            from_phone=p("b_from_phone"),
            to_phone=p("b_to_phone"),
            body=p("b_body"),
            participant_id=p("b_participant"),
            outcome=p("b_outcome"),
            received_at=p("b_now"),
        )
    )
    return tuple(writes)


@cache
def _begin_response() -> sa.Insert:
    """The response a first answer begins, as ``responses.start_or_resume`` begins one,
    with every column given (an INSERT in a CTE gets no Python-side defaults)."""
    p = sa.bindparam
    responses = table(Response)
    return (
        sa.insert(responses)
        .values(
            survey_id=p("b_survey"),
            version_id=p("b_version"),
            participant_id=p("b_participant"),
            channel=Channel.SMS,
            language=p("b_language"),
            started_at=p("b_at"),
            updated_at=p("b_at"),
            completed_at=p("b_completed_at"),
        )
        .returning(responses.c.id)
    )


@cache
def _writes_as_one(completes: bool, new_answer: bool, begins: bool) -> sa.Select:
    """PostgreSQL: all the writes in one statement, each a data-modifying CTE, so a step
    costs one round trip to the database for them, not five. They touch different rows,
    which is what such a statement allows; foreign keys are checked at its end, when a
    response it began is there to be referred to."""
    writes = _writes(completes, new_answer, begins)
    reply = next(
        w for w in writes if isinstance(w, sa.Insert) and w.table is table(OutboundMessage)
    )
    others = [
        w.returning(w.table.c.id).cte(f"write_{index}")
        for index, w in enumerate(writes)
        if w is not reply
    ]
    returned = reply.cte("reply")
    return sa.select(returned.c.id).add_cte(*others)


def _write(
    connection: sa.Connection,
    *,
    completes: bool,
    new_answer: bool,
    begins: bool,
    params: dict[str, Any],
) -> int:
    """Run the step's writes (one statement on PostgreSQL); the reply's id."""
    if connection.dialect.name == "postgresql":
        writes = _writes_as_one(completes, new_answer, begins)
        return int(fetch(writes, params, connection)[0][0])
    reply_id = None
    for write in _writes(completes, new_answer):
        returned = fetch(write, params, connection)
        if returned:
            reply_id = returned[0][0]
    assert reply_id is not None
    return int(reply_id)
