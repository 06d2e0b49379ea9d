"""POST /sms/inbound as Twilio calls it, the phone simulator, and the conversation threads."""

from __future__ import annotations

import itertools

import pytest
import sqlalchemy as sa
from twilio.request_validator import RequestValidator

from engage.auth.roles import Role
from engage.core.models import AuditAction, AuditEvent
from engage.extensions import db
from engage.sms.conversation_queue import start_conversation
from engage.sms.conversations import Outcome
from engage.sms.dispatch import send_due_messages
from engage.sms.gateways import SendProblem
from engage.sms.models import InboundMessage, MessageKind, MessageStatus, OutboundMessage
from engage.sms.texts import SystemText, system_text
from engage.surveys.models import Answer, Channel, Response
from tests.conftest import POSTGRES_URL, make_user, sign_in
from tests.sms.checkin_survey import QUESTION_TEXTS, THANK_YOU, make_checkin_survey
from tests.sms.conftest import PUBLIC_URL, configure
from tests.sms.fake_twilio import AUTH_TOKEN

CLINIC = "+16175550100"
_sids = itertools.count(1)


def twilio_form(phone: str, body: str, sid: str | None = None) -> dict[str, str]:
    return {
        "MessageSid": sid or f"SM{next(_sids):032x}",
        "SmsSid": sid or "",
        "AccountSid": "AC" + "0" * 31 + "1",
        "From": phone,
        "To": CLINIC,
        "Body": body,
        "NumMedia": "0",
    }


def post_signed(client, form: dict[str, str], url: str = f"{PUBLIC_URL}/sms/inbound"):
    """As Twilio does it: the signature of the public URL and the form, with our token."""
    signature = RequestValidator(AUTH_TOKEN).compute_signature(url, form)
    return client.post("/sms/inbound", data=form, headers={"X-Twilio-Signature": signature})


def rows(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model)) or 0


def outbound() -> list[OutboundMessage]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(OutboundMessage).order_by(OutboundMessage.id)))


@pytest.fixture
def webhook(app_under_test):
    return app_under_test.test_client()


@pytest.fixture
def asked(app_under_test, make_participant):
    """An English and a Spanish speaker, each sent the check-in's first question."""
    survey = make_checkin_survey()
    people = {language: make_participant(language=language) for language in ("en", "es")}
    for participant in people.values():
        start_conversation(participant, survey)
    db.session.commit()
    return people


def expected(app, name: SystemText, language: str) -> str:
    with app.test_request_context():
        return system_text(name, language)


# --- the signature --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"X-Twilio-Signature": "not-a-signature"},
        {"X-Twilio-Signature": "c2lnbmVkIGZvciBhbm90aGVyIHRva2Vu"},
    ],
)
def test_a_request_without_a_valid_signature_is_refused_and_writes_nothing(
    app_under_test, webhook, asked, headers
):
    before = len(outbound())
    response = webhook.post(
        "/sms/inbound", data=twilio_form(asked["en"].phone, "STOP"), headers=headers
    )
    assert response.status_code == 403
    assert rows(InboundMessage) == 0 and len(outbound()) == before
    db.session.refresh(asked["en"])
    assert asked["en"].has_sms_consent


def test_a_signature_for_another_url_or_another_body_is_refused(app_under_test, webhook, asked):
    form = twilio_form(asked["en"].phone, "1")
    elsewhere = post_signed(webhook, form, url="https://attacker.example/sms/inbound")
    signature = RequestValidator(AUTH_TOKEN).compute_signature(f"{PUBLIC_URL}/sms/inbound", form)
    tampered = webhook.post(
        "/sms/inbound", data=form | {"Body": "STOP"}, headers={"X-Twilio-Signature": signature}
    )
    assert elsewhere.status_code == tampered.status_code == 403
    assert rows(InboundMessage) == 0 and rows(Answer) == 0


def test_without_an_auth_token_every_request_is_refused(app_under_test, webhook, asked):
    configure(app_under_test, TWILIO_AUTH_TOKEN="")
    assert post_signed(webhook, twilio_form(asked["en"].phone, "1")).status_code == 403
    assert rows(InboundMessage) == 0


# --- keywords end to end ----------------------------------------------------------------------

# Every word the issue names in English and Spanish, as a patient might type it. The
# keyword tables cover more (other languages, phrases); tests/sms/test_keywords.py checks
# each of those against the matcher, and these go the whole way: a signed webhook in,
# the reply sent through the real twilio SDK to the fake Twilio API.
OPT_OUT_WORDS = [
    *(("en", w) for w in ("STOP", "stopall", "Unsubscribe", "CANCEL", "end", "QUIT")),
    *(("en", w) for w in ("revoke", "OPTOUT", " Stop! ", "please stop texting me")),
    *(("es", w) for w in ("PARAR", "alto", "cancelar", "BAJA", "Parar.")),
]
OPT_IN_WORDS = [
    *(("en", w) for w in ("START", "yes", "UNSTOP")),
    *(("es", w) for w in ("COMENZAR", "sí", "SI")),
]
HELP_WORDS = [("en", "HELP"), ("en", "info"), ("es", "AYUDA"), ("es", "ayuda?")]


def dispatch_to_fake() -> None:
    assert send_due_messages().unknown == 0


@pytest.mark.parametrize(
    ("language", "word", "outcome", "reply"),
    [(*pair, Outcome.OPT_OUT, SystemText.OPT_OUT_CONFIRMATION) for pair in OPT_OUT_WORDS]
    + [(*pair, Outcome.HELP, SystemText.HELP) for pair in HELP_WORDS],
)
def test_stop_and_help_words_through_the_webhook_and_twilio(
    app_under_test, webhook, asked, use_twilio, fake_twilio, language, word, outcome, reply
):
    use_twilio(app_under_test)
    participant = asked[language]
    dispatch_to_fake()  # the first question, sent before the patient answers
    response = post_signed(webhook, twilio_form(participant.phone, word))

    assert response.status_code == 200
    assert response.mimetype == "text/xml"
    assert response.get_data(as_text=True).endswith("<Response/>")
    inbound = db.session.scalars(sa.select(InboundMessage)).one()
    assert inbound.outcome == outcome and inbound.participant_id == participant.id
    dispatch_to_fake()
    answer = expected(app_under_test, reply, language)
    assert fake_twilio.bodies_to(participant.phone)[1:] == [answer]
    if outcome is Outcome.OPT_OUT:
        # At most one confirmation: a second STOP, or anything else, gets nothing more.
        post_signed(webhook, twilio_form(participant.phone, word))
        post_signed(webhook, twilio_form(participant.phone, "HELP"))
        dispatch_to_fake()
        assert fake_twilio.bodies_to(participant.phone)[1:] == [answer]
        db.session.refresh(participant)
        assert not participant.has_sms_consent


@pytest.mark.parametrize(("language", "word"), OPT_IN_WORDS)
def test_start_words_through_the_webhook_and_twilio_opt_back_in(
    app_under_test, webhook, asked, use_twilio, fake_twilio, language, word
):
    use_twilio(app_under_test)
    participant = asked[language]
    post_signed(webhook, twilio_form(participant.phone, "STOP"))
    response = post_signed(webhook, twilio_form(participant.phone, word))
    dispatch_to_fake()

    assert response.status_code == 200
    db.session.refresh(participant)
    assert participant.has_sms_consent
    assert fake_twilio.bodies_to(participant.phone)[-1] == expected(
        app_under_test, SystemText.OPT_IN_CONFIRMATION, language
    )


def test_a_spanish_speaker_completes_a_three_question_survey_through_twilio(
    app_under_test, webhook, make_participant, use_twilio, fake_twilio
):
    """The whole loop as it runs live: each text comes in on the signed webhook, each
    reply goes out through the real twilio SDK to the fake Twilio API."""
    use_twilio(app_under_test)
    survey = make_checkin_survey()
    participant = make_participant(language="es")
    start_conversation(participant, survey)
    db.session.commit()
    dispatch_to_fake()

    for body in ("3", "quizás", "sí", "4"):  # "quizás" does not answer a yes/no question
        assert post_signed(webhook, twilio_form(participant.phone, body)).status_code == 200
        dispatch_to_fake()

    received = fake_twilio.bodies_to(participant.phone)
    assert len(received) == 5
    assert QUESTION_TEXTS["ease"]["es"] in received[0]
    assert QUESTION_TEXTS["interpreter"]["es"] in received[1]
    assert received[2].startswith(expected(app_under_test, SystemText.REPROMPT, "es"))
    assert "1 Sí 2 No" in received[2]  # what is expected, in Spanish
    assert QUESTION_TEXTS["visits"]["es"] in received[3]
    assert received[4] == THANK_YOU["es"]
    response = db.session.scalars(sa.select(Response).where(Response.survey_id == survey.id)).one()
    assert response.channel is Channel.SMS and response.language == "es"
    assert response.completed_at is not None
    assert response.answer_map() == {"ease": "hard", "interpreter": True, "visits": 4}
    assert all(m.sid and m.status is MessageStatus.QUEUED for m in outbound())


def test_a_repeated_message_sid_through_the_webhook_is_one_answer_and_one_reply(
    app_under_test, webhook, asked
):
    form = twilio_form(asked["es"].phone, "2", sid="SM" + "f" * 32)
    first = post_signed(webhook, form)
    retry = post_signed(webhook, form)

    assert first.status_code == retry.status_code == 200
    assert rows(InboundMessage) == 1 and rows(Answer) == 1
    replies = [m for m in outbound() if m.is_reply]
    assert len(replies) == 1 and QUESTION_TEXTS["interpreter"]["es"] in replies[0].body


@pytest.mark.parametrize("db_app", ["postgres"], indirect=True)
def test_an_answer_arriving_on_a_dropped_connection_is_answered_on_a_fresh_one(
    db_app, app_under_test, webhook, asked
):
    """The server dropped the pooled connection (a restart, a failover) while texts kept
    coming, so no idle ping tested it: the webhook's step fails on it and runs once more
    on a new connection, and the patient's answer is stored once, with one reply."""
    phone = asked["es"].phone
    assert post_signed(webhook, twilio_form(phone, "2")).status_code == 200
    pooled = db.session.scalar(sa.text("SELECT pg_backend_pid()"))
    db.session.commit()  # back to the pool, where the server drops it
    killer = sa.create_engine(POSTGRES_URL)
    with killer.connect() as connection:
        assert connection.scalar(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pooled})
    killer.dispose()

    response = post_signed(webhook, twilio_form(phone, "sí"))

    assert response.status_code == 200
    assert db.session.scalar(sa.text("SELECT pg_backend_pid()")) != pooled
    assert rows(InboundMessage) == 2 and rows(Answer) == 2
    replies = [m for m in outbound() if m.is_reply]
    assert len(replies) == 2 and QUESTION_TEXTS["visits"]["es"] in replies[1].body


def test_answers_by_webhook_are_stored_as_sms_responses(app_under_test, webhook, asked):
    for body in ("1", "no", "0"):
        assert post_signed(webhook, twilio_form(asked["en"].phone, body)).status_code == 200
    response = db.session.scalars(
        sa.select(Response).where(Response.participant_id == asked["en"].id)
    ).one()
    assert response.channel is Channel.SMS and response.completed_at is not None
    assert response.answer_map() == {"ease": "easy", "interpreter": False, "visits": 0}


def test_a_request_without_a_sid_or_a_sender_is_a_400(app_under_test, webhook):
    form = twilio_form("+16175550150", "hi")
    form["MessageSid"] = form["SmsSid"] = ""
    assert post_signed(webhook, form).status_code == 400
    assert rows(InboundMessage) == 0


def test_an_unknown_number_through_the_webhook_gets_the_join_text(app_under_test, webhook):
    response = post_signed(webhook, twilio_form("+16175550151", "hello"))
    assert response.status_code == 200
    (reply,) = outbound()
    assert reply.participant_id is None
    assert reply.body == expected(app_under_test, SystemText.UNKNOWN_NUMBER, "en")


# --- the phone simulator ------------------------------------------------------------------


@pytest.fixture
def staff(app_under_test):
    client = app_under_test.test_client()
    user = make_user(Role.STAFF)
    assert sign_in(client, user.email).status_code == 302
    return client


def test_the_simulator_texts_help_and_shows_the_reply(app_under_test, staff, asked):
    participant = asked["es"]
    page = staff.get("/sms/simulator")
    assert page.status_code == 200 and participant.phone in page.get_data(as_text=True)

    sent = staff.post(
        "/sms/simulator", data={"participant_phone": participant.phone, "body": "AYUDA"}
    )
    assert sent.status_code == 302
    thread = staff.get(sent.headers["Location"]).get_data(as_text=True)

    help_text = expected(app_under_test, SystemText.HELP, "es")
    assert "AYUDA" in thread and help_text.replace("&", "&amp;") in thread
    reply = [m for m in outbound() if m.is_reply][0]
    assert reply.status is MessageStatus.SENT
    inbound = db.session.scalars(sa.select(InboundMessage)).one()
    assert inbound.sid.startswith("SMsim") and inbound.outcome == Outcome.HELP


def test_the_simulator_takes_a_typed_number(app_under_test, staff):
    sent = staff.post(
        "/sms/simulator", data={"participant_phone": "", "phone": "(617) 555-0163", "body": "hi"}
    )
    assert sent.status_code == 302 and "phone=%2B16175550163" in sent.headers["Location"]
    assert db.session.scalars(sa.select(InboundMessage)).one().from_phone == "+16175550163"


@pytest.mark.parametrize(
    "data",
    [
        {"participant_phone": "", "phone": "", "body": "hi"},
        {"participant_phone": "", "phone": "12", "body": "hi"},
        {"participant_phone": "+16175550999", "phone": "", "body": "hi"},
        {"participant_phone": "", "phone": "(617) 555-0163", "body": ""},
    ],
)
def test_the_simulator_refuses_what_it_cannot_send(app_under_test, staff, data):
    response = staff.post("/sms/simulator", data=data)
    assert response.status_code == 400
    assert 'class="error"' in response.get_data(as_text=True)
    assert rows(InboundMessage) == 0


def test_the_simulator_is_off_without_the_console_backend(app_under_test, staff):
    configure(app_under_test, ENGAGE_SMS_BACKEND="twilio")
    page = staff.get("/sms/simulator")
    assert page.status_code == 200 and "ENGAGE_SMS_BACKEND=console" in page.get_data(as_text=True)
    assert (
        staff.post("/sms/simulator", data={"phone": "6175550163", "body": "hi"}).status_code == 200
    )
    assert rows(InboundMessage) == 0


def test_board_members_cannot_open_the_simulator_or_threads(app_under_test):
    client = app_under_test.test_client()
    sign_in(client, make_user(Role.BOARD).email)
    assert client.get("/sms/simulator").status_code == 403
    assert client.get("/sms/threads").status_code == 403


# --- threads ------------------------------------------------------------------------------


def test_threads_list_participants_with_texts(app_under_test, staff, asked):
    page = staff.get("/sms/threads").get_data(as_text=True)
    assert f"/sms/threads/{asked['en'].id}" in page and f"/sms/threads/{asked['es'].id}" in page


def test_a_thread_shows_each_text_with_its_status_and_is_audited(app_under_test, staff, asked):
    participant = asked["en"]
    post_signed(app_under_test.test_client(), twilio_form(participant.phone, "banana"))
    failed = outbound()[0]
    failed.status, failed.error_code = MessageStatus.UNDELIVERED, 30006
    db.session.commit()

    page = staff.get(f"/sms/threads/{participant.id}")

    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert QUESTION_TEXTS["ease"]["en"] in html and "banana" in html
    assert "30006" in html
    viewed = db.session.scalars(
        sa.select(AuditEvent).where(
            AuditEvent.action == AuditAction.VIEW, AuditEvent.entity_id == participant.id
        )
    ).all()
    assert len(viewed) == 1


def test_a_thread_shows_why_a_send_went_wrong_in_the_readers_language(app_under_test, staff, asked):
    participant = asked["en"]
    lost = outbound()[0]
    lost.status, lost.error_message = MessageStatus.UNKNOWN, SendProblem.CONNECTION_LOST
    twilios = OutboundMessage(
        participant_id=participant.id,
        to_phone=participant.phone,
        body="Thanks!",
        kind=MessageKind.MANUAL,
        status=MessageStatus.FAILED,
        error_code=30005,
        error_message="Unknown destination handset",
    )
    db.session.add(twilios)
    db.session.commit()

    english = staff.get(f"/sms/threads/{participant.id}").get_data(as_text=True)
    spanish = staff.get(f"/sms/threads/{participant.id}?lang=es").get_data(as_text=True)

    assert "The connection to Twilio was lost" in english
    assert SendProblem.CONNECTION_LOST.value not in english  # engage's stored words
    assert "La conexión con Twilio se perdió" in spanish
    # Twilio's own words cannot be translated: they are shown as Twilio gave them.
    assert "Unknown destination handset" in spanish and "30005" in spanish


def test_staff_reply_by_hand_through_the_outbox(app_under_test, staff, asked):
    participant = asked["en"]
    response = staff.post(f"/sms/threads/{participant.id}", data={"body": "Call us any time."})
    assert response.status_code == 302
    manual = [m for m in outbound() if m.kind is MessageKind.MANUAL]
    assert [(m.body, m.status, m.participant_id) for m in manual] == [
        ("Call us any time.", MessageStatus.OUTBOX, participant.id)
    ]


def test_a_reply_to_someone_opted_out_is_refused_with_a_reason(app_under_test, staff, asked):
    participant = asked["en"]
    post_signed(app_under_test.test_client(), twilio_form(participant.phone, "STOP"))
    response = staff.post(f"/sms/threads/{participant.id}", data={"body": "Are you sure?"})
    assert response.status_code == 400
    assert "opted out" in response.get_data(as_text=True)
    assert not [m for m in outbound() if m.kind is MessageKind.MANUAL]


def test_a_reply_to_someone_without_consent_is_refused(app_under_test, staff, make_participant):
    participant = make_participant(consent=False)
    response = staff.post(f"/sms/threads/{participant.id}", data={"body": "Hello"})
    assert response.status_code == 400
    assert "not agreed" in response.get_data(as_text=True)
    assert outbound() == []


def test_an_empty_reply_is_a_form_error(app_under_test, staff, asked):
    assert staff.post(f"/sms/threads/{asked['en'].id}", data={"body": ""}).status_code == 400
    assert staff.get("/sms/threads/999999").status_code == 404


def test_the_simulator_starts_a_text_survey_on_a_participants_phone(
    app_under_test, staff, make_participant
):
    survey = make_checkin_survey()
    participant = make_participant(language="es")
    db.session.commit()
    page = staff.get("/sms/simulator", query_string={"phone": participant.phone})
    page = page.get_data(as_text=True)
    assert 'id="start-survey"' in page

    started = staff.post(
        "/sms/simulator/start", data={"phone": participant.phone, "survey_id": str(survey.id)}
    )
    assert started.status_code == 302
    question = [m for m in outbound() if m.participant_id == participant.id]
    assert len(question) == 1 and question[0].status is MessageStatus.SENT
    assert question[0].language == "es"
    # Asking again does not start a second conversation or send the question twice.
    staff.post(
        "/sms/simulator/start", data={"phone": participant.phone, "survey_id": str(survey.id)}
    )
    assert len([m for m in outbound() if m.participant_id == participant.id]) == 1


def test_the_simulator_start_refuses_an_unknown_phone_or_survey(app_under_test, staff):
    survey = make_checkin_survey()
    db.session.commit()
    response = staff.post(
        "/sms/simulator/start", data={"phone": "+16175550999", "survey_id": str(survey.id)}
    )
    assert response.status_code == 302
    assert rows(OutboundMessage) == 0
    assert "Choose a participant" in staff.get(response.headers["Location"]).get_data(as_text=True)
