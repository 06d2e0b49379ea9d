"""The common text, answered in a handful of plain statements.

Almost every text a clinic receives is an answer that fits the current question of the
participant's active conversation. :func:`try_answer` handles exactly that case: the
participant's state in one query, their answers in another, the version's questions
from the worker's cache (``engage.surveys.plans``), then the answer, the response, the
conversation and the reply written with plain INSERT and UPDATE statements. Loading
the same rows as ORM objects (and the version's questions and choices on every text)
cost the webhook three quarters of its time.

It returns None, having written nothing, whenever the text needs more than that: an
unknown number, no consent, no active conversation, a closed survey, a question the
version no longer has, or an answer that does not fit. The general engine
(``engage.sms.answering``) then handles the text with everything it can do (re-prompts,
skips, closing politely). Both apply the same rules (``engage.surveys.answer_rules``, the
question types' ``from_sms`` and validation, ``questions_text``, ``outbox`` row values)
and write the same rows; ``tests/sms/test_answer_step.py`` runs conversations both ways
and compares what they stored.

When a survey ends and another is waiting for the participant, the thank-you is written
here and the general engine starts the next one (``activate_next``), as it would have.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from engage.core.plain_sql import insert_returning_id, run, table, update_by_id
from engage.core.types import utcnow
from engage.extensions import db
from engage.people.models import Participant
from engage.sms import outbox
from engage.sms.cohorts import has_consent
from engage.sms.conversation_queue import (
    activate_next,
    asked_language,
    conversation_hours,
    thank_you_text,
)
from engage.sms.models import Conversation, ConversationState, MessageKind, OutboundMessage
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

    @property
    def language(self) -> str:
        return asked_language(self.preferred_language, self.languages, self.base_language)


# The statements are built once per process: building a SELECT of a dozen ORM columns
# costs more than running it, and the webhook runs these on every text.


@cache
def _lock_statement() -> sa.Select:
    return (
        sa.select(Participant.id)
        .where(Participant.phone == sa.bindparam("phone"))
        .with_for_update()
    )


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
        .where(
            Participant.id == sa.bindparam("participant_id"),
            has_consent(),
            Conversation.state == ConversationState.ACTIVE,
            Conversation.current_question.is_not(None),
            Survey.status == SurveyStatus.OPEN,
            Response.completed_at.is_(None),  # also true with no response yet
        )
    )


@cache
def _answers_statement() -> sa.Select:
    return sa.select(Answer.question_id, Answer.value).where(
        Answer.response_id == sa.bindparam("response_id")
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


def _state(phone: str) -> StepState | None:
    """The active conversation, if the answer step can handle a text to it.

    The participant is locked first (PostgreSQL), as the general engine does, so two texts
    from one phone are handled one after the other; the state is read after, in a
    statement of its own, so it sees what a text handled just before committed.
    """
    participant_id = run(_lock_statement(), {"phone": phone}).scalar()
    if participant_id is None:
        return None
    row = run(_state_statement(), {"participant_id": participant_id}).first()
    return StepState(*row) if row is not None else None


def _start_response(state: StepState) -> int:
    """The response begun by the first answer, as ``responses.start_or_resume`` begins one."""
    values = {
        "survey_id": state.survey_id,
        "version_id": state.version_id,
        "participant_id": state.participant_id,
        "channel": Channel.SMS,
        "language": state.language,
    }
    return int(run(insert_returning_id(Response), values).scalar_one())


def _answers(rows: list[tuple[int, Value]], plan: VersionPlan) -> dict[str, Value] | None:
    """The response's answers by question key; None if one is not in the plan's version."""
    answers: dict[str, Value] = {}
    for question_id, value in rows:
        key = plan.key_of(question_id)
        if key is None:
            return None
        answers[key] = value
    return answers


def try_answer(phone: str, sid: str, body: str, now: datetime) -> tuple[int, InboundResult] | None:
    """Take ``body`` as the answer to the current question; (participant id, result).

    None, with nothing written, when the general engine must handle the text instead.
    """
    state = _state(phone)
    if state is None:
        return None
    rows: list[tuple[int, Value]] = []
    if state.response_id is not None:
        params = {"response_id": state.response_id}
        rows = [(row[0], row[1]) for row in run(_answers_statement(), params)]
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
    if state.response_id is None:
        state = replace(state, response_id=_start_response(state))
    _store_answer(state, plan, question, value, answers, after)
    asked = plan.find(answer_rules.next_key(plan.specs, after))
    if asked is None:
        missing = answer_rules.missing_required(plan.specs, after)
        asked = plan.find(missing[0]) if missing else None
    if asked is not None:
        result = InboundResult(_ask(state, asked, sid, now), Outcome.ANSWER)
    else:
        result = InboundResult(_complete(state, plan, sid, now), Outcome.COMPLETED)
    # Objects the session may hold for these rows are stale now: read them afresh.
    db.session.expire_all()
    return state.participant_id, result


def _store_answer(
    state: StepState,
    plan: VersionPlan,
    question: QuestionPlan,
    value: Value,
    before: dict[str, Value],
    after: dict[str, Value],
) -> None:
    """The answer written (or rewritten), answers the change hides removed."""
    if question.key in before:
        params = {"b_response_id": state.response_id, "b_question_id": question.id}
        run(_update_answer(), {**params, "value": value, "answered_at": utcnow()})
    else:
        values = {"response_id": state.response_id, "question_id": question.id, "value": value}
        run(insert_returning_id(Answer), values)
    hidden = [plan.find(key) for key in before.keys() - after.keys()]
    if hidden:
        question_ids = [q.id for q in hidden if q is not None]
        run(_delete_answers(), {"response_id": state.response_id, "question_ids": question_ids})


def _touched(state: StepState, now: datetime) -> dict[str, Any]:
    """The conversation's idle clock restarted, as ``conversation_queue.touch`` does."""
    idle_until = now + conversation_hours()
    expires_at = state.expires_at
    if expires_at is None or expires_at < idle_until:
        expires_at = idle_until
    return {"last_activity_at": now, "expires_at": expires_at}


def _reply(state: StepState, body: str, kind: MessageKind, sid: str) -> int:
    """The reply written with a plain INSERT and no look for an earlier one: its key names
    the text this transaction stored first, so none can exist (and the unique key would
    refuse a second rather than text anyone twice)."""
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
    return int(run(insert_returning_id(OutboundMessage), values).scalar_one())


def _ask(state: StepState, question: QuestionPlan, sid: str, now: datetime) -> int:
    """The next question sent and made the one being answered."""
    run(update_by_id(Response), {"row_id": state.response_id, "updated_at": utcnow()})
    conversation = {
        "row_id": state.conversation_id,
        "current_question": question.key,
        "reprompted": False,
        "response_id": state.response_id,
        **_touched(state, now),
    }
    run(update_by_id(Conversation), conversation)
    body = question_text(question, state.language, state.base_language)
    return _reply(state, body, MessageKind.SURVEY, sid)


def _complete(state: StepState, plan: VersionPlan, sid: str, now: datetime) -> int:
    """The response completed, the thank-you sent, the conversation closed; the next
    waiting survey, if any, started by the general engine."""
    finished = utcnow()
    response = {"row_id": state.response_id, "updated_at": finished, "completed_at": finished}
    run(update_by_id(Response), response)
    body = thank_you_text(plan.thank_you, state.language, state.base_language)
    reply_id = _reply(state, body, MessageKind.SYSTEM, sid)
    conversation = {
        "row_id": state.conversation_id,
        "state": ConversationState.COMPLETED,
        "active_phone": None,
        "response_id": state.response_id,
        **_touched(state, now),
    }
    run(update_by_id(Conversation), conversation)
    if state.has_waiting:
        participant = db.session.get_one(Participant, state.participant_id)
        activate_next(participant, now, is_reply=True)
    return reply_id
