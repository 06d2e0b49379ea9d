"""Answers by text: store the answer, then the next question, or re-prompt, or thank.

The answer to the active conversation's current question is read by the question type's
``from_sms`` and stored by ``responses.save_answer`` (channel sms), the one validation
the web runner uses too. Then the next question goes out, or, at the end, the thank-you;
the conversation is completed and the next waiting one starts.

A reply that does not fit gets **one re-prompt**, in the participant's language, saying
what is expected and how to reply. A second bad reply **skips an optional question**
(stored as skipped) and moves on; a **required** question is re-prompted once more, and
a third bad reply ends the conversation politely (EXPIRED, with a thank-you): we would
rather lose one answer than argue with a patient by text.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import sqlalchemy as sa
from flask_babel import force_locale

from engage.extensions import db
from engage.people.models import Participant
from engage.sms import outbox
from engage.sms.conversation_queue import (
    SurveyNotOpen,
    activate_next,
    ask,
    close,
    find_question,
    response_for,
    survey_language,
    thank_you_text,
    touch,
)
from engage.sms.models import Conversation, ConversationState, MessageKind, OutboundMessage
from engage.sms.outcomes import InboundResult, Outcome, reply_key
from engage.sms.questions_text import reprompt_text
from engage.sms.texts import SystemText, system_text
from engage.surveys import responses
from engage.surveys.messages import answer_problem_message
from engage.surveys.models import Question, Response, Survey
from engage.surveys.question_types import AnswerProblem, question_type
from engage.surveys.specs import question_spec

# Re-prompts for one required question before the conversation ends.
MAX_REPROMPTS = 2


def answer(
    conversation: Conversation, participant: Participant, sid: str, body: str, now: datetime
) -> InboundResult:
    """Take ``body`` as the answer to the conversation's current question; the reply."""
    survey = db.session.get_one(Survey, conversation.survey_id)
    try:
        response = response_for(conversation, survey, participant)
    except SurveyNotOpen:
        return _end(conversation, participant, sid, now, Outcome.SURVEY_CLOSED)
    question = find_question(response, conversation.current_question)
    if question is None:  # the survey changed under the conversation: ask what is next
        touch(conversation, now)
        return _ask_next(conversation, participant, response, sid, now, Outcome.SKIPPED)
    spec = question_spec(question)
    language = survey_language(survey, participant)
    raw = question_type(spec.type).from_sms(spec, body, language)
    try:
        responses.save_answer(response, question.key, raw)
    except AnswerProblem as problem:
        touch(conversation, now)
        if problem.code == "already_completed":  # finished on the web meanwhile
            return _ask_next(conversation, participant, response, sid, now, Outcome.ANSWER)
        if problem.code in ("unknown_question", "hidden_question"):
            return _ask_next(conversation, participant, response, sid, now, Outcome.SKIPPED)
        return _bad_answer(conversation, participant, response, question, problem, sid, now)
    # After the answer is stored, so the conversation is written once, with the next question.
    touch(conversation, now)
    return _ask_next(conversation, participant, response, sid, now, Outcome.ANSWER)


def _ask_next(
    conversation: Conversation,
    participant: Participant,
    response: Response,
    sid: str,
    now: datetime,
    outcome: Outcome,
) -> InboundResult:
    """The next question, or the thank-you, the conversation completed and the next begun."""
    question = None if response.completed_at else responses.next_question(response)
    if question is None and response.completed_at is None:
        missing = responses.complete(response)
        question = find_question(response, missing[0]) if missing else None
    if question is not None:
        reply = ask(
            conversation,
            participant,
            question,
            kind=MessageKind.SURVEY,
            is_reply=True,
            dedupe_key=reply_key(sid),
        )
        return InboundResult.of(reply, outcome)
    reply = _close_with_text(
        conversation,
        participant,
        sid,
        now,
        ConversationState.COMPLETED,
        lambda survey, language: thank_you_text(
            response.version.thank_you, language, survey.base_language
        ),
    )
    return InboundResult.of(reply, Outcome.COMPLETED if outcome is Outcome.ANSWER else outcome)


def _reprompts_so_far(conversation: Conversation) -> int:
    """Re-prompts sent since the current question was asked: the conversation's latest
    texts that are SYSTEM rows (a question is SURVEY, INVITE or REMINDER)."""
    if not conversation.reprompted:
        return 0
    kinds = db.session.scalars(
        sa.select(OutboundMessage.kind)
        .where(OutboundMessage.conversation_id == conversation.id)
        .order_by(OutboundMessage.id.desc())
        .limit(MAX_REPROMPTS + 1)
    )
    count = 0
    for kind in kinds:
        if kind != MessageKind.SYSTEM:
            break
        count += 1
    return max(count, 1)


def _bad_answer(
    conversation: Conversation,
    participant: Participant,
    response: Response,
    question: Question,
    problem: AnswerProblem,
    sid: str,
    now: datetime,
) -> InboundResult:
    """Re-prompt, skip an optional question, or end politely (see the module docstring)."""
    so_far = _reprompts_so_far(conversation)
    if so_far >= 1 and not question.required:
        responses.save_answer(response, question.key, None)  # recorded as skipped
        return _ask_next(conversation, participant, response, sid, now, Outcome.SKIPPED)
    if so_far >= MAX_REPROMPTS:
        return _end(conversation, participant, sid, now, Outcome.GAVE_UP)
    survey = db.session.get_one(Survey, conversation.survey_id)
    language = survey_language(survey, participant)
    with force_locale(language):
        what_is_wrong = answer_problem_message(problem)
    body = reprompt_text(
        question,
        language,
        survey.base_language,
        system_text(SystemText.REPROMPT, language),
        what_is_wrong,
    )
    conversation.reprompted = True
    reply = outbox.enqueue(
        participant,
        body,
        MessageKind.SYSTEM,
        language=language,
        is_reply=True,
        dedupe_key=reply_key(sid),
        conversation_id=conversation.id,
        campaign_id=conversation.campaign_id,
    )
    return InboundResult.of(reply, Outcome.REPROMPT)


def _end(
    conversation: Conversation,
    participant: Participant,
    sid: str,
    now: datetime,
    outcome: Outcome,
) -> InboundResult:
    """Close the conversation with thanks (the survey closed, or we gave up on a question)."""
    reply = _close_with_text(
        conversation,
        participant,
        sid,
        now,
        ConversationState.EXPIRED,
        lambda _survey, language: system_text(SystemText.THANK_YOU, language),
    )
    return InboundResult.of(reply, outcome)


def _close_with_text(
    conversation: Conversation,
    participant: Participant,
    sid: str,
    now: datetime,
    state: ConversationState,
    text: Callable[[Survey, str], str],
) -> OutboundMessage | None:
    """Reply with the closing text in the participant's language, close, start the next.

    The next waiting survey is asked as a reply only after a completed one: the patient
    just finished answering, while after giving up on a question they did not ask for more.
    """
    survey = db.session.get_one(Survey, conversation.survey_id)
    language = survey_language(survey, participant)
    reply = outbox.enqueue(
        participant,
        text(survey, language),
        MessageKind.SYSTEM,
        language=language,
        is_reply=True,
        dedupe_key=reply_key(sid),
        conversation_id=conversation.id,
        campaign_id=conversation.campaign_id,
    )
    close(conversation, state, now)
    activate_next(participant, now, is_reply=state is ConversationState.COMPLETED)
    return reply
