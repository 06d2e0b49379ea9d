"""The SMS conversation engine: what a patient's text means, and what we answer.

:func:`handle_inbound` is a plain service over the database (no request object): the
Twilio webhook, the phone simulator and the tests all drive this same code. It flushes;
the caller commits. A text is read in this order:

1. **Once per MessageSid.** Twilio retries a webhook it got no answer to, and may call a
   fallback URL too. The unique ``sid`` decides: the row is written with
   ``INSERT … ON CONFLICT DO NOTHING`` (the race-free form of "insert, catch the
   IntegrityError": a concurrent duplicate waits for the first to commit, then finds its
   row), and a repeated sid returns the first result and writes nothing new.
2. **An unknown number** (no participant has it) gets one polite text saying how to join,
   if ``ENGAGE_SMS_REPLY_TO_UNKNOWN``, at most once a day per number (two auto-responders
   must not text each other forever), and nothing if it texted an opt-out word. It has no
   participant, so the reply is written here directly: ``participant_id`` None, kind
   SYSTEM, ``is_reply`` True. That is the one outbound row without a participant, and the
   dispatcher's consent rule lets exactly this shape through (``unknown:`` key, agreed with
   ``engage.sms.send_rules``); ``outbox.enqueue`` writes everything else.
3. **Keywords first** (``engage.sms.keywords``). Opt-out always wins: consent is withdrawn
   (``people.services.record_opt_out``), open conversations stop, texts not yet sent are
   withdrawn, and one confirmation goes out in their language (``optout-confirm:`` key, one
   a day; a second STOP while opted out sends nothing). Opt-in words (START, UNSTOP, YES,
   SÍ…) count only for someone not on the list (opted out, or never asked): consent is
   recorded with method ``keyword`` and the wording they were sent; for everyone else YES
   and SÍ are ordinary answers. HELP answers with the help text. A language word switches
   their language, confirms in the new one and asks the current question again in it.
4. **Opted out:** anything else is stored and nothing is answered, until they opt in.
5. **An answer** to the active conversation's current question (``engage.sms.answering``:
   stored with channel sms, then the next question or the thank-you; one re-prompt for an
   answer that does not fit, and what happens after a second). With no active
   conversation the text is stored for staff to read, and not answered.

Which conversation is active, and the order of those waiting (oldest first), is
``engage.sms.conversation_queue``.

Each reply's ``dedupe_key`` ties it to the text it answers (``reply:<sid>``), so a reply is
never written twice and a repeated sid can hand back the reply the first one wrote.
No text carries health information: questions are the survey's own words, everything
else comes from ``engage.sms.texts``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import lazyload

from engage.core import audit
from engage.core.i18n import offered_languages
from engage.core.models import AuditAction
from engage.core.plain_sql import Bound, fetch_together, run, table, update_by_id
from engage.core.types import utcnow
from engage.core.writer_turn import writer_turn
from engage.extensions import db
from engage.people.models import Participant
from engage.people.phones import parse_phone
from engage.people.services import record_opt_out
from engage.people.vocabulary import ConsentMethod
from engage.sms import outbox
from engage.sms.answer_step import participant_lock, step_reads, try_answer
from engage.sms.answering import answer
from engage.sms.conversation_queue import (
    SurveyNotOpen,
    active_conversation,
    ask,
    expire_conversations,
    find_question,
    response_for,
    start_conversation,
    stop_conversations,
    survey_language,
    touch,
)
from engage.sms.keywords import Keyword, KeywordMatch, guess_language, match_keyword
from engage.sms.models import (
    InboundMessage,
    MessageKind,
    MessageStatus,
    OutboundMessage,
)
from engage.sms.outcomes import InboundResult, Outcome, reply_key
from engage.sms.segments import describe
from engage.sms.send_rules import OPT_OUT_CONFIRMATION_PREFIX, SkipReason
from engage.sms.texts import SystemText, system_text
from engage.surveys.models import Survey

PHONE_LENGTH = 16  # E.164 at most, as the phone columns hold it
# Where a text is stored once with INSERT … ON CONFLICT on the driver's cursor, and the
# answer step may run on a connection of its own.
FAST_DIALECTS = ("postgresql", "sqlite")


def normalized_phone(raw: str) -> str:
    """E.164 as participants are stored; what cannot be parsed is kept as sent."""
    parsed = parse_phone(raw, current_app.config["ENGAGE_PHONE_REGION"])
    return parsed.e164 or (raw or "").strip()[:PHONE_LENGTH]


def _opt_out_key(participant_id: int, when: datetime) -> str:
    return f"{OPT_OUT_CONFIRMATION_PREFIX}{participant_id}:{when.date().isoformat()}"


def _stranger_key(phone: str, when: datetime) -> str:
    return f"unknown:{phone}:{when.date().isoformat()}"


def _earlier_result(sid: str) -> InboundResult | None:
    """What the first delivery of this MessageSid did, if it has been stored."""
    inbound = db.session.scalar(sa.select(InboundMessage).where(InboundMessage.sid == sid))
    if inbound is None:
        return None
    key: str | None = reply_key(sid)
    if inbound.outcome == Outcome.OPT_OUT and inbound.participant_id is not None:
        key = _opt_out_key(inbound.participant_id, inbound.received_at)
    elif inbound.outcome == Outcome.UNKNOWN_NUMBER:
        key = _stranger_key(inbound.from_phone, inbound.received_at)
    reply = db.session.scalar(sa.select(OutboundMessage).where(OutboundMessage.dedupe_key == key))
    return InboundResult.of(reply, inbound.outcome or "", duplicate=True)


@dataclass(frozen=True)
class IncomingText:
    """What a handler needs of the text just stored."""

    sid: str
    from_phone: str
    body: str


@cache
def _insert_once(dialect: str) -> sa.Executable:
    """INSERT … ON CONFLICT (sid) DO NOTHING RETURNING id, in the database's own words."""
    inbound = table(InboundMessage)
    participants = table(Participant)
    columns = ("sid", "from_phone", "to_phone", "body", "received_at")
    insert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(inbound)
    stored = insert.values(
        {name: sa.bindparam(f"b_{name}") for name in columns}
        # The sender's participant, if any, from the start: set later by an UPDATE, the
        # indexed column would cost PostgreSQL a new entry in every index of the table.
        | {
            "participant_id": sa.select(participants.c.id)
            .where(participants.c.phone == sa.bindparam("b_from_phone"))
            .scalar_subquery()
        }
    )
    return stored.on_conflict_do_nothing(index_elements=["sid"]).returning(inbound.c.id)


def _clinic_phone(to_phone: str) -> str:
    """The number the text was sent to, as the inbound row keeps it."""
    return (to_phone or "").strip()[:PHONE_LENGTH]


def _store_once(
    connection: sa.Connection, text: IncomingText, to_phone: str, now: datetime
) -> int | None:
    """The new inbound row's id, or None when this sid is already stored (by anyone, ever).

    On PostgreSQL the participant with this phone is locked first, in the same round trip
    (``answer_step.participant_lock``), as the answer step locks it.
    """
    values = {
        "b_sid": text.sid,
        "b_from_phone": text.from_phone,
        "b_to_phone": _clinic_phone(to_phone),
        "b_body": text.body,
        "b_received_at": now,
    }
    dialect = connection.dialect.name
    if dialect in FAST_DIALECTS:
        statements: list[Bound] = [(_insert_once(dialect), values)]
        if dialect == "postgresql":
            statements.insert(0, (participant_lock(), {"phone": text.from_phone}))
        stored = fetch_together(statements, connection)[-1]
        return stored[0][0] if stored else None
    try:  # any other database: the unique constraint, behind a savepoint
        with db.session.begin_nested():
            inbound = InboundMessage(**{name[2:]: value for name, value in values.items()})
            db.session.add(inbound)
        stored_id: int | None = inbound.id
    except IntegrityError:
        stored_id = None
    return stored_id


def _incoming(sid: str, from_phone: str, body: str) -> tuple[IncomingText, KeywordMatch | None]:
    sid = (sid or "").strip()
    if not sid:
        raise ValueError("an inbound text needs its MessageSid")
    text = IncomingText(sid, normalized_phone(from_phone), body or "")
    return text, match_keyword(text.body, offered_languages())


def _may_be_answer(match: KeywordMatch | None) -> bool:
    """YES and SÍ are opt-in words only for someone without consent, and the answer step
    handles only people with consent: for them these are answers like any other."""
    return match is None or match.kind is Keyword.OPT_IN


def receive(
    sid: str, from_phone: str, to_phone: str, body: str, *, now: datetime | None = None
) -> InboundResult:
    """A text as the webhook and the simulator take it: handled and committed.

    The common text, an answer that fits (``engage.sms.answer_step``), is handled on a
    connection of its own and committed without the ORM session. Anything else, and a
    repeated sid, leaves nothing written there and is handled by :func:`handle_inbound`
    on the session. It is a unit of work of its own: whatever the session holds is committed
    first, as the general engine's commit would have. On SQLite each attempt is one
    writer's turn (``engage.core.writer_turn``), with as little as possible inside it.
    """
    now = now or utcnow()
    text, match = _incoming(sid, from_phone, body)
    result = None
    if _may_be_answer(match) and db.engine.dialect.name in FAST_DIALECTS:
        with db.engine.connect() as connection, writer_turn():
            _commit_the_session()
            result = _answer_on(connection, text, to_phone, now)
    if result is None:
        with writer_turn():
            _commit_the_session()
            result = _handle_incoming(text, match, to_phone, now)
            db.session.commit()
    return result


def _commit_the_session() -> None:
    if db.session.registry.has() and db.session().in_transaction():
        db.session.commit()


def _answer_on(
    connection: sa.Connection, text: IncomingText, to_phone: str, now: datetime
) -> InboundResult | None:
    """The answer step in a transaction of its own, committed; None when the general
    engine must handle the text (or find what a repeated sid did). Nothing is written
    then, so the transaction is committed too: it only held the lock."""
    transaction = connection.begin()
    try:
        reads = step_reads(connection.dialect.name, text.from_phone, text.sid)
        state_rows = fetch_together(reads, connection)[-1]
        stepped = try_answer(
            connection, text.sid, text.body, _clinic_phone(to_phone), now, state_rows
        )
        transaction.commit()
    except BaseException:
        transaction.rollback()
        raise
    return stepped[1] if stepped is not None else None


def handle_inbound(
    sid: str, from_phone: str, to_phone: str, body: str, *, now: datetime | None = None
) -> InboundResult:
    """Store a text from a phone once and act on it; see the module docstring. Flushes."""
    text, match = _incoming(sid, from_phone, body)
    return _handle_incoming(text, match, to_phone, now or utcnow())


def _handle_incoming(
    text: IncomingText, match: KeywordMatch | None, to_phone: str, now: datetime
) -> InboundResult:
    """:func:`handle_inbound` for a text whose phone and keyword are already worked out
    (``receive`` has them from before the answer step)."""
    # The insert comes first: it decides "new or repeated", and it takes the lock at once
    # (SQLite's write lock; on PostgreSQL the participant's row, just before it), so
    # what is read after it is what will be written over.
    inbound_id = _store_once(db.session.connection(), text, to_phone, now)
    if inbound_id is None:  # a repeat, perhaps still being handled by a concurrent delivery
        return _earlier_result(text.sid) or InboundResult.of(None, "", duplicate=True)
    # Locked (already, on PostgreSQL) so two texts from one phone are handled one after
    # the other.
    participant = db.session.scalar(
        sa.select(Participant)
        .where(Participant.phone == text.from_phone)
        .options(lazyload(Participant.site), lazyload(Participant.race_ethnicity_rows))
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if participant is None:
        result = _reply_to_stranger(text, match, now)
    else:
        result = _from_participant(participant, text, match, now)
    _record_outcome(inbound_id, participant.id if participant else None, result)
    return result


def _record_outcome(inbound_id: int, participant_id: int | None, result: InboundResult) -> None:
    db.session.flush()  # what the general engine changed, before the outcome is written
    values = {"row_id": inbound_id, "participant_id": participant_id, "outcome": result.outcome}
    run(update_by_id(InboundMessage), values)


def _reply_to_stranger(
    text: IncomingText, match: KeywordMatch | None, now: datetime
) -> InboundResult:
    quiet = InboundResult.of(None, Outcome.UNKNOWN_NUMBER_QUIET)
    if not current_app.config["ENGAGE_SMS_REPLY_TO_UNKNOWN"]:
        return quiet
    if match is not None and match.kind is Keyword.OPT_OUT:
        return quiet
    if parse_phone(text.from_phone, current_app.config["ENGAGE_PHONE_REGION"]).e164 is None:
        return quiet  # a short code or a landline: nothing to text back to
    key = _stranger_key(text.from_phone, now)
    if db.session.scalar(sa.select(OutboundMessage.id).where(OutboundMessage.dedupe_key == key)):
        return quiet
    language = (
        (match.language if match is not None else None)
        or guess_language(text.body, offered_languages())
        or "en"
    )
    name = SystemText.HELP if match and match.kind is Keyword.HELP else SystemText.UNKNOWN_NUMBER
    body = system_text(name, language)
    reply = OutboundMessage(
        participant_id=None,
        to_phone=text.from_phone,
        body=body,
        language=language,
        kind=MessageKind.SYSTEM,
        is_reply=True,
        send_after=now,
        dedupe_key=key,
        segments=describe(body).segments,
    )
    db.session.add(reply)
    db.session.flush()
    return InboundResult.of(reply, Outcome.UNKNOWN_NUMBER)


def _is_opted_out(participant: Participant) -> bool:
    return participant.sms_opted_out_at is not None and not participant.has_sms_consent


def _system_reply(
    participant: Participant, name: SystemText, sid: str, language: str | None = None
) -> OutboundMessage | None:
    language = language or participant.preferred_language
    return outbox.enqueue(
        participant,
        system_text(name, language),
        MessageKind.SYSTEM,
        language=language,
        is_reply=True,
        dedupe_key=reply_key(sid),
    )


def _from_participant(
    participant: Participant, text: IncomingText, match: KeywordMatch | None, now: datetime
) -> InboundResult:
    kind = match.kind if match is not None else None
    if kind is Keyword.OPT_OUT:
        return _opt_out(participant, now)
    if kind is Keyword.OPT_IN and not participant.has_sms_consent:
        return _opt_in(participant, text.sid, now)
    if not participant.has_sms_consent:
        return InboundResult.of(
            None, Outcome.OPTED_OUT if _is_opted_out(participant) else Outcome.NO_CONSENT
        )
    if kind is Keyword.HELP:
        return InboundResult.of(_system_reply(participant, SystemText.HELP, text.sid), Outcome.HELP)
    if kind is Keyword.LANGUAGE and match is not None and match.language:
        return _switch_language(participant, match.language, text.sid, now)
    conversation = active_conversation(participant.id)
    if conversation is None:
        return InboundResult.of(None, Outcome.NO_CONVERSATION)
    return answer(conversation, participant, text.sid, text.body, now)


def _opt_out(participant: Participant, now: datetime) -> InboundResult:
    """Withdraw consent; confirm once. Nothing else goes to them until they opt back in."""
    if _is_opted_out(participant):
        return InboundResult.of(None, Outcome.OPT_OUT_REPEAT)
    record_opt_out(participant, now)
    stop_conversations(participant.id, now)
    # Texts still waiting in the outbox are withdrawn here as well as refused by the
    # dispatcher, so the thread shows at once that they will never go.
    db.session.execute(
        sa.update(OutboundMessage)
        .where(
            OutboundMessage.participant_id == participant.id,
            OutboundMessage.status == MessageStatus.OUTBOX,
        )
        .values(status=MessageStatus.SKIPPED, skip_reason=SkipReason.OPTED_OUT)
        .execution_options(synchronize_session="fetch")
    )
    reply = outbox.enqueue(
        participant,
        system_text(SystemText.OPT_OUT_CONFIRMATION, participant.preferred_language),
        MessageKind.SYSTEM,
        is_reply=True,
        dedupe_key=_opt_out_key(participant.id, now),
    )
    return InboundResult.of(reply, Outcome.OPT_OUT if reply is not None else Outcome.OPT_OUT_REPEAT)


def _opt_in(participant: Participant, sid: str, now: datetime) -> InboundResult:
    """Consent by keyword, with the wording of the confirmation they are sent as the record."""
    wording = system_text(SystemText.OPT_IN_CONFIRMATION, participant.preferred_language)
    participant.sms_consent_at = now
    participant.sms_consent_method = ConsentMethod.KEYWORD
    participant.sms_consent_wording = wording
    audit.record(AuditAction.UPDATE, "participant", participant.id, {"sms": "opted in by keyword"})
    reply = outbox.enqueue(
        participant, wording, MessageKind.SYSTEM, is_reply=True, dedupe_key=reply_key(sid)
    )
    return InboundResult.of(reply, Outcome.OPT_IN)


def _switch_language(
    participant: Participant, language: str, sid: str, now: datetime
) -> InboundResult:
    before = participant.preferred_language
    participant.preferred_language = language
    if before != language:
        audit.record(
            AuditAction.UPDATE,
            "participant",
            participant.id,
            {"preferred_language": [before, language], "by": "text"},
        )
    reply = _system_reply(participant, SystemText.LANGUAGE_CHANGED, sid, language)
    conversation = active_conversation(participant.id)
    if conversation is not None and conversation.current_question:
        survey = db.session.get_one(Survey, conversation.survey_id)
        try:
            response = response_for(conversation, survey, participant)
        except SurveyNotOpen:
            return InboundResult.of(reply, Outcome.LANGUAGE)
        response.language = survey_language(survey, participant)
        question = find_question(response, conversation.current_question)
        if question is not None:
            touch(conversation, now)
            ask(
                conversation,
                participant,
                question,
                kind=MessageKind.SURVEY,
                is_reply=True,
                dedupe_key=f"{reply_key(sid)}:again",
            )
    return InboundResult.of(reply, Outcome.LANGUAGE)


__all__ = [
    "InboundResult",
    "Outcome",
    "expire_conversations",
    "handle_inbound",
    "normalized_phone",
    "receive",
    "start_conversation",
]
