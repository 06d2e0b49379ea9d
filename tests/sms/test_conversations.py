"""The conversation engine, driven as the webhook and the simulator drive it: handle_inbound."""

from __future__ import annotations

import itertools
import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from engage.core.types import utcnow
from engage.extensions import db
from engage.people.models import Participant
from engage.people.vocabulary import ConsentMethod
from engage.sms.conversation_queue import ConversationRefused, start_conversation
from engage.sms.conversations import Outcome, expire_conversations, handle_inbound
from engage.sms.dispatch import send_due_messages
from engage.sms.keywords import guess_language
from engage.sms.models import (
    Conversation,
    ConversationState,
    InboundMessage,
    MessageKind,
    MessageStatus,
    OutboundMessage,
)
from engage.sms.segments import describe
from engage.sms.texts import SystemText, system_text
from engage.surveys.messages import answer_problem_message
from engage.surveys.models import Answer, Channel, Response
from engage.surveys.question_types import AnswerProblem
from tests.sms.checkin_survey import QUESTION_TEXTS, THANK_YOU, make_checkin_survey

CLINIC = "+16175550100"
_sids = itertools.count(1)


def text(participant_or_phone, body: str, sid: str | None = None):
    """The participant texts ``body``; committed, as the webhook does."""
    phone = getattr(participant_or_phone, "phone", participant_or_phone)
    result = handle_inbound(sid or f"SM{next(_sids):032d}", phone, CLINIC, body)
    db.session.commit()
    return result


def outbound(**criteria) -> list[OutboundMessage]:
    db.session.expire_all()
    query = sa.select(OutboundMessage).order_by(OutboundMessage.id)
    for name, value in criteria.items():
        query = query.where(getattr(OutboundMessage, name) == value)
    return list(db.session.scalars(query))


def conversation_of(participant) -> Conversation:
    db.session.expire_all()
    return db.session.scalars(
        sa.select(Conversation)
        .where(Conversation.participant_id == participant.id)
        .order_by(Conversation.id.desc())
    ).first()


def in_language(app, name: SystemText, language: str) -> str:
    with app.test_request_context():
        return system_text(name, language)


@pytest.fixture
def survey(app_under_test):
    return make_checkin_survey()


@pytest.fixture
def asked(survey, make_participant):
    """A consented Spanish speaker who has just been sent the check-in's first question."""
    participant = make_participant(language="es")
    start_conversation(participant, survey)
    db.session.commit()
    return participant


# --- opting out, in, and asking for help ----------------------------------------------------

STOP_WORDS = [
    "STOP",
    "stop",
    "  Stop!  ",
    "STOPALL",
    "UNSUBSCRIBE",
    "CANCEL",
    "END",
    "QUIT",
    "REVOKE",
    "OPTOUT",
    "please stop texting me",
    "PARAR",
    "Alto",
    "cancelar",
    "BAJA",
]


@pytest.mark.parametrize("word", STOP_WORDS)
def test_an_opt_out_word_withdraws_consent_and_confirms_once_in_their_language(
    app_under_test, asked, word
):
    result = text(asked, word)

    assert result.outcome == Outcome.OPT_OUT
    db.session.refresh(asked)
    assert not asked.has_sms_consent and asked.sms_opted_out_at is not None
    assert conversation_of(asked).state is ConversationState.STOPPED
    confirmations = outbound(kind=MessageKind.SYSTEM, is_reply=True)
    assert [m.body for m in confirmations] == [
        in_language(app_under_test, SystemText.OPT_OUT_CONFIRMATION, "es")
    ]
    assert confirmations[0].dedupe_key.startswith("optout-confirm:")


def test_a_second_stop_sends_no_second_confirmation(app_under_test, asked):
    text(asked, "STOP")
    second = text(asked, "STOP")
    third = text(asked, "PARAR")

    assert second.outcome == third.outcome == Outcome.OPT_OUT_REPEAT
    assert second.reply is None and third.reply is None
    assert len(outbound(kind=MessageKind.SYSTEM)) == 1


def test_nothing_is_sent_after_stop(app_under_test, survey, asked):
    other = make_checkin_survey("second-checkin")
    start_conversation(asked, other)  # waiting behind the first
    db.session.commit()
    first_question = outbound(kind=MessageKind.SURVEY)
    assert len(first_question) == 1

    text(asked, "stop")
    answered = text(asked, "2")

    # The question not yet sent was withdrawn; nothing was enqueued after the STOP but
    # its confirmation; every conversation stopped, the waiting one too.
    assert outbound(id=first_question[0].id)[0].status is MessageStatus.SKIPPED
    assert answered.outcome == Outcome.OPTED_OUT and answered.reply is None
    assert [m.kind for m in outbound()] == [MessageKind.SURVEY, MessageKind.SYSTEM]
    assert all(
        c.state is ConversationState.STOPPED for c in db.session.scalars(sa.select(Conversation))
    )
    assert expire_conversations(utcnow() + timedelta(days=30)) == 0
    with pytest.raises(ConversationRefused):
        start_conversation(asked, make_checkin_survey("third-checkin"))


def test_the_dispatcher_sends_the_confirmation_and_nothing_else(app_under_test, asked):
    text(asked, "STOP")
    text(asked, "1")
    send_due_messages()

    db.session.expire_all()
    sent = outbound(status=MessageStatus.SENT)
    assert [m.kind for m in sent] == [MessageKind.SYSTEM]
    assert sent[0].dedupe_key.startswith("optout-confirm:")


@pytest.mark.parametrize("word", ["START", "unstop", "Yes", "SÍ", "si", "COMENZAR"])
def test_an_opt_in_word_after_stop_records_keyword_consent(app_under_test, asked, word):
    text(asked, "STOP")
    result = text(asked, word)

    assert result.outcome == Outcome.OPT_IN
    db.session.refresh(asked)
    confirmation = in_language(app_under_test, SystemText.OPT_IN_CONFIRMATION, "es")
    assert asked.has_sms_consent
    assert asked.sms_consent_method is ConsentMethod.KEYWORD
    assert asked.sms_consent_wording == confirmation
    assert result.reply is not None and result.reply.body == confirmation


@pytest.mark.parametrize("word", ["yes", "SÍ", "Si"])
def test_yes_is_an_ordinary_answer_for_someone_not_opted_out(app_under_test, asked, word):
    text(asked, "1")  # ease: easy; now the yes/no question
    result = text(asked, word)

    assert result.outcome == Outcome.ANSWER
    answers = {a.question.key: a.value for a in db.session.scalars(sa.select(Answer))}
    assert answers == {"ease": "easy", "interpreter": True}
    db.session.refresh(asked)
    assert asked.sms_consent_method is ConsentMethod.FORM


@pytest.mark.parametrize(("word", "language"), [("HELP", "es"), ("info", "es"), ("Ayuda", "es")])
def test_help_answers_with_the_help_text_in_one_segment(app_under_test, asked, word, language):
    result = text(asked, word)

    assert result.outcome == Outcome.HELP
    assert result.reply.body == in_language(app_under_test, SystemText.HELP, language)
    assert describe(result.reply.body).segments == 1
    assert conversation_of(asked).current_question == "ease"  # the survey waits


def test_a_language_word_switches_and_asks_the_question_again_in_it(
    app_under_test, survey, make_participant
):
    participant = make_participant(language="en")
    start_conversation(participant, survey)
    db.session.commit()
    assert QUESTION_TEXTS["ease"]["en"] in outbound()[-1].body

    result = text(participant, "ESPAÑOL")

    assert result.outcome == Outcome.LANGUAGE
    db.session.refresh(participant)
    assert participant.preferred_language == "es"
    assert result.reply.body == in_language(app_under_test, SystemText.LANGUAGE_CHANGED, "es")
    again = outbound()[-1]
    assert QUESTION_TEXTS["ease"]["es"] in again.body and "Fácil" in again.body
    assert again.language == "es" and again.kind is MessageKind.SURVEY


# --- answering a survey by text -------------------------------------------------------------


def test_a_spanish_speaker_completes_a_three_question_survey_by_text(db_app, make_participant):
    survey = make_checkin_survey()
    participant = make_participant(language="es")
    start_conversation(participant, survey)
    db.session.commit()
    first = outbound()[0]
    assert QUESTION_TEXTS["ease"]["es"] in first.body and first.language == "es"

    replies = [text(participant, body) for body in ("3", "sí", "4")]

    assert [r.outcome for r in replies] == [Outcome.ANSWER, Outcome.ANSWER, Outcome.COMPLETED]
    assert QUESTION_TEXTS["interpreter"]["es"] in replies[0].reply.body
    assert QUESTION_TEXTS["visits"]["es"] in replies[1].reply.body
    assert replies[2].reply.body == THANK_YOU["es"]
    response = db.session.scalars(sa.select(Response).where(Response.survey_id == survey.id)).one()
    assert response.channel is Channel.SMS and response.language == "es"
    assert response.completed_at is not None
    assert response.answer_map() == {"ease": "hard", "interpreter": True, "visits": 4}
    assert conversation_of(participant).state is ConversationState.COMPLETED
    assert conversation_of(participant).active_phone is None


def test_a_bad_answer_gets_one_reprompt_in_their_language(app, survey, asked):
    result = text(asked, "banana")

    assert result.outcome == Outcome.REPROMPT
    with app.test_request_context(), force_locale("es"):
        expected = answer_problem_message(AnswerProblem("unknown_choice"))
    assert expected in result.reply.body
    assert in_language(app, SystemText.REPROMPT, "es") in result.reply.body
    assert "1 Fácil 2 Regular 3 Difícil" in result.reply.body
    assert describe(result.reply.body).segments <= 2
    assert result.reply.language == "es"
    assert text(asked, "2").outcome == Outcome.ANSWER
    assert conversation_of(asked).current_question == "interpreter"


def test_a_second_bad_answer_skips_an_optional_question(app_under_test, asked):
    text(asked, "1")
    text(asked, "no")
    assert text(asked, "many").outcome == Outcome.REPROMPT
    result = text(asked, "lots")

    assert result.outcome == Outcome.SKIPPED
    response = db.session.scalars(sa.select(Response)).one()
    assert response.answer_map() == {"ease": "easy", "interpreter": False, "visits": None}
    assert response.completed_at is not None
    assert conversation_of(asked).state is ConversationState.COMPLETED


def test_a_required_question_is_reprompted_twice_then_the_conversation_ends(app_under_test, asked):
    outcomes = [text(asked, word).outcome for word in ("what", "why", "no idea")]

    assert outcomes == [Outcome.REPROMPT, Outcome.REPROMPT, Outcome.GAVE_UP]
    conversation = conversation_of(asked)
    assert conversation.state is ConversationState.EXPIRED and conversation.active_phone is None
    last = outbound()[-1]
    assert last.body == in_language(app_under_test, SystemText.THANK_YOU, "es")
    assert text(asked, "1").outcome == Outcome.NO_CONVERSATION


def test_a_repeated_message_sid_gives_one_answer_and_one_reply(db_app, make_participant):
    survey = make_checkin_survey()
    participant = make_participant()
    start_conversation(participant, survey)
    db.session.commit()

    first = text(participant, "2", sid="SMrepeated")
    again = text(participant, "3", sid="SMrepeated")  # a retry: the body is not looked at

    assert again.duplicate and not first.duplicate
    assert again.outcome == first.outcome == Outcome.ANSWER
    assert again.reply.id == first.reply.id
    assert db.session.scalar(sa.select(sa.func.count()).select_from(InboundMessage)) == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Answer)) == 1
    assert len(outbound(is_reply=True)) == 1
    assert db.session.scalars(sa.select(Answer)).one().value == "ok"


def test_concurrent_deliveries_of_one_sid_store_one_answer(db_app, make_participant):
    survey = make_checkin_survey()
    participant = make_participant()
    start_conversation(participant, survey)
    db.session.commit()
    phone = participant.phone
    results, errors = [], []
    barrier = threading.Barrier(4)

    def deliver() -> None:
        with db_app.app_context():
            try:
                barrier.wait()
                results.append(handle_inbound("SMraced", phone, CLINIC, "1"))
                db.session.commit()
            except Exception as error:  # noqa: BLE001  (reported below)
                errors.append(error)
            finally:
                db.session.remove()

    workers = [threading.Thread(target=deliver) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=30)

    assert errors == []
    assert sorted(r.duplicate for r in results) == [False, True, True, True]
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Answer)) == 1
    assert len(outbound(is_reply=True)) == 1


# --- the queue and expiry ---------------------------------------------------------------------


def test_waiting_conversations_are_asked_one_after_another_oldest_first(
    app_under_test, make_participant
):
    participant = make_participant()
    surveys = [make_checkin_survey(slug) for slug in ("first-one", "second-one", "third-one")]
    started = utcnow()
    for offset, survey in enumerate(surveys):
        start_conversation(participant, survey, now=started + timedelta(minutes=offset))
    db.session.commit()
    states = [
        c.state for c in db.session.scalars(sa.select(Conversation).order_by(Conversation.id))
    ]
    assert states == [
        ConversationState.ACTIVE,
        ConversationState.WAITING,
        ConversationState.WAITING,
    ]
    assert len(outbound()) == 1  # only the active one has asked anything

    for _ in surveys:
        for answer in ("1", "yes", "2"):
            text(participant, answer)

    conversations = list(db.session.scalars(sa.select(Conversation).order_by(Conversation.id)))
    assert [c.state for c in conversations] == [ConversationState.COMPLETED] * 3
    thanks = [m for m in outbound() if m.body == THANK_YOU["en"]]
    assert [m.conversation_id for m in thanks] == [c.id for c in conversations]
    firsts = outbound(dedupe_key=f"start:{conversations[2].id}")
    assert firsts and firsts[0].id > thanks[1].id  # the third began after the second ended


def test_starting_the_same_survey_twice_keeps_one_conversation(app_under_test, survey, asked):
    again = start_conversation(asked, survey)
    assert again.id == conversation_of(asked).id
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Conversation)) == 1


def test_an_idle_conversation_expires_politely_and_the_next_one_starts(
    app_under_test, survey, asked
):
    second = make_checkin_survey("next-in-line")
    start_conversation(asked, second)
    db.session.commit()
    hours = app_under_test.config["ENGAGE_SMS_CONVERSATION_HOURS"]

    assert expire_conversations(utcnow() + timedelta(hours=hours - 1)) == 0
    assert expire_conversations(utcnow() + timedelta(hours=hours, minutes=1)) == 1
    db.session.commit()

    first, nxt = db.session.scalars(sa.select(Conversation).order_by(Conversation.id)).all()
    assert first.state is ConversationState.EXPIRED and first.active_phone is None
    assert nxt.state is ConversationState.ACTIVE and nxt.active_phone == asked.phone
    expired = outbound(dedupe_key=f"expired:{first.id}")
    assert [m.body for m in expired] == [in_language(app_under_test, SystemText.EXPIRED, "es")]
    assert outbound(dedupe_key=f"start:{nxt.id}")[0].kind is MessageKind.SURVEY


def test_answering_keeps_a_conversation_open(app_under_test, asked):
    hours = app_under_test.config["ENGAGE_SMS_CONVERSATION_HOURS"]
    later = utcnow() + timedelta(hours=hours - 1)
    handle_inbound("SMlate", asked.phone, CLINIC, "1", now=later)
    db.session.commit()
    assert expire_conversations(utcnow() + timedelta(hours=hours + 1)) == 0


# --- numbers we do not know -------------------------------------------------------------------


def test_an_unknown_number_is_told_how_to_join_once_a_day(app_under_test):
    stranger = "+16175550777"
    first = text(stranger, "hello?")
    second = text(stranger, "hello??")

    assert first.outcome == Outcome.UNKNOWN_NUMBER
    assert first.reply.body == in_language(app_under_test, SystemText.UNKNOWN_NUMBER, "en")
    assert first.reply.participant_id is None
    assert first.reply.kind is MessageKind.SYSTEM and first.reply.is_reply
    assert second.outcome == Outcome.UNKNOWN_NUMBER_QUIET and second.reply is None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Participant)) == 0


@pytest.mark.parametrize(
    ("body", "language", "name"),
    [
        ("Hola, ¿quién es?", "es", SystemText.UNKNOWN_NUMBER),
        ("AYUDA", "es", SystemText.HELP),
        ("Xin chào, ai vậy?", "vi", SystemText.UNKNOWN_NUMBER),
        ("你好", "zh_Hans", SystemText.UNKNOWN_NUMBER),
        ("مرحبا", "ar", SystemText.UNKNOWN_NUMBER),
        ("who is this", "en", SystemText.UNKNOWN_NUMBER),
        ("2", "en", SystemText.UNKNOWN_NUMBER),
    ],
)
def test_an_unknown_number_is_answered_in_the_language_its_text_is_written_in(
    app_under_test, body, language, name
):
    reply = text("+16175550780", body).reply
    assert reply.body == in_language(app_under_test, name, language)
    assert reply.language == language


def test_a_language_the_clinic_does_not_offer_is_not_guessed(app_under_test):
    assert guess_language("你好", ["en", "es"]) is None
    assert guess_language("Hola, ¿quién es?", ["en", "es"]) == "es"


def test_an_unknown_number_that_texts_stop_gets_nothing(app_under_test):
    assert text("+16175550778", "STOP").reply is None
    assert outbound() == []


def test_unknown_numbers_get_no_reply_when_the_setting_is_off(app_under_test):
    app_under_test.config["ENGAGE_SMS_REPLY_TO_UNKNOWN"] = False
    result = text("+16175550779", "hi")
    assert result.outcome == Outcome.UNKNOWN_NUMBER_QUIET and outbound() == []
    assert db.session.scalars(sa.select(InboundMessage)).one().body == "hi"


def test_the_dispatcher_sends_the_reply_to_an_unknown_number(app_under_test):
    text("+16175550780", "hello")
    send_due_messages()
    assert [m.status for m in outbound()] == [MessageStatus.SENT]
