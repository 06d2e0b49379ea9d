"""One conversation at a time per phone: starting, asking, finishing, expiring, and the queue.

A participant may have several surveys waiting for them. Exactly one conversation per
phone is ACTIVE (``active_phone`` is unique and set only while active, so a second
active one cannot be written, on SQLite and PostgreSQL alike); the others WAIT and are
asked one after another, **oldest first** (by when they were started, then id): the
order the clinic asked in, so a newer survey never jumps the queue and none starves.

A conversation ends COMPLETED (the thank-you was sent), EXPIRED (no answer within
``ENGAGE_SMS_CONVERSATION_HOURS`` of the last text, or the survey closed, or a required
question could not be answered), or STOPPED (the participant opted out). When the active
one ends, the oldest waiting one starts at once.

Every text goes through :func:`engage.sms.outbox.enqueue`, so the dispatcher applies
consent, quiet hours and the frequency cap to each. Services flush; callers commit.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from engage.core.errors import EngageError
from engage.core.types import utcnow
from engage.extensions import db
from engage.people.models import Participant
from engage.sms import outbox
from engage.sms.models import (
    Campaign,
    CampaignRecipient,
    Conversation,
    ConversationState,
    MessageKind,
    OutboundMessage,
)
from engage.sms.questions_text import question_text
from engage.sms.segments import describe
from engage.sms.survey_links import PERSONAL_LINK
from engage.sms.texts import SystemText, system_text
from engage.surveys import responses
from engage.surveys.models import (
    Channel,
    Question,
    Response,
    Survey,
    SurveyStatus,
    Texts,
    pick,
)
from engage.surveys.responses import SurveyNotOpen

OPEN_STATES = (ConversationState.ACTIVE, ConversationState.WAITING)
# A survey's own thank-you is used when it fits this; otherwise the short system one.
THANK_YOU_MAX_SEGMENTS = 2


class ConversationRefused(EngageError):
    """A conversation cannot be started: no consent, or the survey is not open."""


def conversation_hours() -> timedelta:
    return timedelta(hours=current_app.config["ENGAGE_SMS_CONVERSATION_HOURS"])


def asked_language(preferred: str, offered: list[str] | None, base_language: str) -> str:
    """The participant's language if the survey offers it, else the survey's base language.

    Questions and the words around them then come in one language, never a mix.
    """
    return preferred if preferred in (offered or []) else base_language


def survey_language(survey: Survey, participant: Participant) -> str:
    return asked_language(participant.preferred_language, survey.languages, survey.base_language)


def lock_participant(participant_id: int) -> None:
    """Serialize everything that happens to one participant's conversations.

    PostgreSQL: a row lock, so two texts from one phone arriving together are handled
    one after the other (not both as answers to the same question). SQLite has one
    writer at a time already, and ignores FOR UPDATE.
    """
    db.session.execute(
        sa.select(Participant.id).where(Participant.id == participant_id).with_for_update()
    )


def active_conversation(participant_id: int) -> Conversation | None:
    return db.session.scalar(
        sa.select(Conversation).where(
            Conversation.participant_id == participant_id,
            Conversation.state == ConversationState.ACTIVE,
        )
    )


def _expiry(conversation: Conversation, now: datetime) -> datetime:
    """Idle time from now; a campaign's conversation also outlives its last reminder."""
    expires = now + conversation_hours()
    if conversation.campaign_id is not None:
        hours = db.session.scalar(
            sa.select(Campaign.reminder_hours).where(Campaign.id == conversation.campaign_id)
        )
        if hours:
            expires += timedelta(hours=max(hours))
    return expires


def touch(conversation: Conversation, now: datetime) -> None:
    """The participant texted: the conversation stays open for another idle period."""
    conversation.last_activity_at = now
    idle_until = now + conversation_hours()
    if conversation.expires_at is None or conversation.expires_at < idle_until:
        conversation.expires_at = idle_until


def response_for(conversation: Conversation, survey: Survey, participant: Participant) -> Response:
    """The conversation's response, started (or a web one resumed) the first time it is needed.

    Raises :class:`SurveyNotOpen` when the survey has closed meanwhile.
    """
    if conversation.response_id is not None:
        response = db.session.get(
            Response, conversation.response_id, options=[joinedload(Response.version)]
        )
        if response is not None:
            return response
    response = responses.start_or_resume(
        survey,
        participant_id=participant.id,
        resume_key=None,
        channel=Channel.SMS,
        language=survey_language(survey, participant),
    )
    conversation.response_id = response.id
    return response


def find_question(response: Response, key: str | None) -> Question | None:
    return next((q for q in response.version.questions if q.key == key), None)


def opening_text(
    survey: Survey, question: Question, language: str, invite: bool, link: str | None = None
) -> str:
    """The first text of a conversation: for a campaign, the invitation, then the question.

    ``link``: the web link the invitation offers (for a queued text, the placeholder of
    :mod:`engage.sms.survey_links`), or None for none.
    """
    prefix = system_text(SystemText.INVITE, language, link=link) if invite else None
    return question_text(question, language, survey.base_language, prefix)


def ask(
    conversation: Conversation,
    participant: Participant,
    question: Question,
    *,
    kind: MessageKind,
    is_reply: bool,
    dedupe_key: str | None,
    prefix: str | None = None,
) -> OutboundMessage | None:
    """Send ``question`` (after ``prefix``, if any) and make it the one being answered."""
    survey = db.session.get_one(Survey, conversation.survey_id)
    language = survey_language(survey, participant)
    body = question_text(question, language, survey.base_language, prefix)
    conversation.current_question = question.key
    conversation.reprompted = False
    return outbox.enqueue(
        participant,
        body,
        kind,
        language=language,
        is_reply=is_reply,
        dedupe_key=dedupe_key,
        conversation_id=conversation.id,
        campaign_id=conversation.campaign_id,
    )


def thank_you_text(thank_you: Texts, language: str, base_language: str) -> str:
    """The survey's own thank-you (of the version answered) when it is short enough for a
    text, else engage's."""
    own = pick(thank_you, language, base_language).strip()
    if own and describe(own).segments <= THANK_YOU_MAX_SEGMENTS:
        return own
    return system_text(SystemText.THANK_YOU, language)


def close(conversation: Conversation, state: ConversationState, now: datetime) -> None:
    """End a conversation; flushed at once so the phone is free for the next one."""
    conversation.state = state
    conversation.active_phone = None
    conversation.last_activity_at = now
    db.session.flush()


def _activate(
    conversation: Conversation, participant: Participant, now: datetime, *, is_reply: bool
) -> OutboundMessage | None:
    """Make a conversation the active one and send its first question.

    Returns None (and ends the conversation quietly) when there is nothing to ask: the
    survey closed, or the participant already finished it on the web.
    """
    survey = db.session.get_one(Survey, conversation.survey_id)
    if survey.status is not SurveyStatus.OPEN:
        close(conversation, ConversationState.EXPIRED, now)
        return None
    conversation.state = ConversationState.ACTIVE
    conversation.active_phone = participant.phone
    conversation.last_activity_at = now
    conversation.expires_at = _expiry(conversation, now)
    db.session.flush()
    response = response_for(conversation, survey, participant)
    question = responses.next_question(response)
    if question is None or response.completed_at is not None:
        close(conversation, ConversationState.COMPLETED, now)
        return None
    invite = conversation.campaign_id is not None
    if invite:
        db.session.execute(
            sa.update(CampaignRecipient)
            .where(
                CampaignRecipient.campaign_id == conversation.campaign_id,
                CampaignRecipient.participant_id == participant.id,
                CampaignRecipient.invited_at.is_(None),
            )
            .values(invited_at=now)
        )
    language = survey_language(survey, participant)
    return ask(
        conversation,
        participant,
        question,
        kind=MessageKind.INVITE if invite else MessageKind.SURVEY,
        is_reply=is_reply,
        dedupe_key=f"start:{conversation.id}",
        prefix=(
            system_text(SystemText.INVITE, language, link=campaign_link(conversation.campaign_id))
            if invite
            else None
        ),
    )


def campaign_link(campaign_id: int | None) -> str | None:
    """The link placeholder for a campaign that offers the web, else None."""
    campaign = db.session.get(Campaign, campaign_id) if campaign_id is not None else None
    return PERSONAL_LINK if campaign is not None and campaign.offers_web_link else None


def activate_next(
    participant: Participant, now: datetime, *, is_reply: bool
) -> OutboundMessage | None:
    """Start the oldest waiting conversation of this participant, if any; its first text."""
    if not participant.has_sms_consent:
        return None
    while True:
        waiting = db.session.scalar(
            sa.select(Conversation)
            .where(
                Conversation.participant_id == participant.id,
                Conversation.state == ConversationState.WAITING,
            )
            .order_by(Conversation.created_at, Conversation.id)
            .limit(1)
        )
        if waiting is None:
            return None
        message = _activate(waiting, participant, now, is_reply=is_reply)
        if waiting.state is ConversationState.ACTIVE:
            return message


def start_conversation(
    participant: Participant,
    survey: Survey,
    campaign_id: int | None = None,
    *,
    now: datetime | None = None,
) -> Conversation:
    """Ask ``survey`` by text: at once if the phone is free, else after those waiting.

    Starting the same survey twice returns the open conversation instead of a second one.
    """
    now = now or utcnow()
    if survey.status is not SurveyStatus.OPEN:
        raise ConversationRefused(_("This survey is not open, so it cannot be sent."))
    if not participant.has_sms_consent:
        raise ConversationRefused(
            _("This participant has not agreed to text messages, or has opted out.")
        )
    lock_participant(participant.id)
    existing = db.session.scalar(
        sa.select(Conversation).where(
            Conversation.participant_id == participant.id,
            Conversation.survey_id == survey.id,
            Conversation.state.in_(OPEN_STATES),
        )
    )
    if existing is not None:
        return existing
    conversation = Conversation(
        participant_id=participant.id,
        survey_id=survey.id,
        campaign_id=campaign_id,
        state=ConversationState.WAITING,
        created_at=now,
        last_activity_at=now,
    )
    db.session.add(conversation)
    db.session.flush()
    if active_conversation(participant.id) is None:
        _activate(conversation, participant, now, is_reply=False)
    return conversation


def expire_conversations(now: datetime | None = None, limit: int = 500) -> int:
    """End active conversations idle past their time, politely, and start the next in line.

    Returns how many expired (at most ``limit`` a call; a worker calls again while it
    returns ``limit``). Each gets one closing text; the one that starts next sends its
    first question, which the frequency cap may hold until another day.
    """
    now = now or utcnow()
    due = sa.select(Conversation).where(
        Conversation.state == ConversationState.ACTIVE, Conversation.expires_at <= now
    )
    if db.session.get_bind().dialect.name == "postgresql":
        due = due.with_for_update(skip_locked=True, of=Conversation)
    conversations = list(db.session.scalars(due.order_by(Conversation.expires_at).limit(limit)))
    for conversation in conversations:
        participant = db.session.get_one(Participant, conversation.participant_id)
        survey = db.session.get_one(Survey, conversation.survey_id)
        outbox.enqueue(
            participant,
            system_text(SystemText.EXPIRED, survey_language(survey, participant)),
            MessageKind.SYSTEM,
            language=survey_language(survey, participant),
            dedupe_key=f"expired:{conversation.id}",
            conversation_id=conversation.id,
            campaign_id=conversation.campaign_id,
        )
        close(conversation, ConversationState.EXPIRED, now)
        activate_next(participant, now, is_reply=False)
    return len(conversations)


def stop_conversations(participant_id: int, now: datetime) -> int:
    """The participant opted out: end every open conversation, waiting ones too.

    If they opt back in nothing resumes by itself; a new campaign asks them again.
    """
    result = db.session.execute(
        sa.update(Conversation)
        .where(Conversation.participant_id == participant_id, Conversation.state.in_(OPEN_STATES))
        .values(state=ConversationState.STOPPED, active_phone=None, last_activity_at=now)
        .execution_options(synchronize_session="fetch")
    )
    return int(result.rowcount or 0)


__all__ = [
    "ConversationRefused",
    "SurveyNotOpen",
    "activate_next",
    "active_conversation",
    "ask",
    "close",
    "expire_conversations",
    "opening_text",
    "start_conversation",
    "stop_conversations",
]
