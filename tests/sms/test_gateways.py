"""Gateways: the registry, the console backend, and the real twilio SDK against a fake API."""

from __future__ import annotations

import logging
import socket
from datetime import timedelta

import pytest
from flask import Flask

from engage.core.types import utcnow
from engage.sms.dispatch import send_due_messages
from engage.sms.gateways import (
    GATEWAYS,
    GatewayNotConfigured,
    OutgoingText,
    RedirectingHttpClient,
    SendOutcome,
    gateway_for,
)
from engage.sms.models import MessageStatus
from tests.sms.conftest import MESSAGING_SERVICE_SID, PUBLIC_URL, configure, queue, reload
from tests.sms.fake_twilio import FakeTwilio


def test_backends_are_registered_by_name() -> None:
    assert {"console", "twilio"} <= set(GATEWAYS)


def test_an_unknown_backend_is_refused_with_the_choices(app_under_test: Flask) -> None:
    configure(app_under_test, ENGAGE_SMS_BACKEND="carrier-pigeon")
    with pytest.raises(GatewayNotConfigured, match="console, twilio"):
        gateway_for(app_under_test)


def test_twilio_needs_a_sender(app_under_test: Flask, use_twilio) -> None:
    use_twilio(app_under_test, TWILIO_MESSAGING_SERVICE_SID="", TWILIO_FROM_NUMBER="")
    with pytest.raises(GatewayNotConfigured, match="TWILIO_FROM_NUMBER"):
        gateway_for(app_under_test)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json?PageSize=50",
            "http://127.0.0.1:8765/twilio/2010-04-01/Accounts/AC1/Messages.json?PageSize=50",
        ),
        (
            "https://api.dublin.ie1.twilio.com/2010-04-01/Accounts/AC1/Messages.json",
            "http://127.0.0.1:8765/twilio/2010-04-01/Accounts/AC1/Messages.json",
        ),
        ("https://messaging.twilio.com/v1/Services", "http://127.0.0.1:8765/twilio/v1/Services"),
        ("https://example.org/2010-04-01/x", "https://example.org/2010-04-01/x"),
        ("https://nottwilio.com/x", "https://nottwilio.com/x"),
    ],
)
def test_twilio_hosts_are_rewritten_to_the_configured_api(url: str, expected: str) -> None:
    assert RedirectingHttpClient("http://127.0.0.1:8765/twilio/").rewrite(url) == expected


def test_without_a_base_url_nothing_is_rewritten() -> None:
    url = "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json"
    assert RedirectingHttpClient("").rewrite(url) == url


def test_the_console_backend_marks_a_text_sent(db_app: Flask, app_under_test, make_participant):
    participant = make_participant()
    message_id = queue(participant, "Hello from the clinic")

    counts = send_due_messages()

    assert counts.sent == 1
    message = reload(message_id)
    assert message.status == MessageStatus.SENT
    assert message.sid is not None and message.sid.startswith("SMconsole")
    assert message.sent_at is not None
    assert message.attempts == 1


def test_twilio_sends_through_the_sdk_with_a_status_callback_carrying_our_id(
    db_app: Flask, app_under_test, make_participant, use_twilio, fake_twilio: FakeTwilio
) -> None:
    use_twilio(db_app)
    participant = make_participant()
    message_id = queue(participant, "Your check-in: reply 1-5")

    counts = send_due_messages()

    assert counts.sent == 1
    [received] = fake_twilio.messages
    assert received.to == participant.phone
    assert received.body == "Your check-in: reply 1-5"
    assert received.messaging_service_sid == MESSAGING_SERVICE_SID
    assert received.from_ is None
    assert received.status_callback == f"{PUBLIC_URL}/sms/status?m={message_id}"
    message = reload(message_id)
    assert message.sid == received.sid
    assert message.status == MessageStatus.QUEUED


def test_twilio_sends_from_a_number_when_there_is_no_messaging_service(
    app_under_test: Flask, make_participant, use_twilio, fake_twilio: FakeTwilio
) -> None:
    use_twilio(app_under_test, TWILIO_MESSAGING_SERVICE_SID="", TWILIO_FROM_NUMBER="+16175550100")
    queue(make_participant(), "Hello")

    send_due_messages()

    [received] = fake_twilio.messages
    assert received.from_ == "+16175550100"
    assert received.messaging_service_sid is None


def test_a_wrong_auth_token_fails_the_text_without_sending(
    app_under_test: Flask, make_participant, use_twilio, fake_twilio: FakeTwilio
) -> None:
    use_twilio(app_under_test, TWILIO_AUTH_TOKEN="not-the-token")
    message_id = queue(make_participant(), "Hello")

    counts = send_due_messages()

    assert counts.failed == 1
    assert fake_twilio.messages == []
    message = reload(message_id)
    assert message.status == MessageStatus.FAILED
    assert message.error_code == 20003


def test_a_refused_connection_is_safe_to_retry(app_under_test: Flask, use_twilio) -> None:
    with socket.socket() as closed:  # a port nothing listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    use_twilio(app_under_test, TWILIO_API_BASE_URL=f"http://127.0.0.1:{port}")
    text = OutgoingText(message_id=1, to="+16175550123", body="Hello")

    result = gateway_for(app_under_test).send(text)

    assert result.outcome == SendOutcome.RETRY


def test_sent_to_lists_what_twilio_sent_to_one_number_since_a_moment(
    app_under_test: Flask, make_participant, use_twilio, fake_twilio: FakeTwilio
) -> None:
    use_twilio(app_under_test)
    first, second = make_participant(), make_participant()
    queue(first, "One")
    queue(second, "Two")
    queue(first, "Three")
    send_due_messages()
    gateway = gateway_for(app_under_test)

    found = gateway.sent_to(first.phone, utcnow() - timedelta(minutes=1))
    later = gateway.sent_to(first.phone, utcnow() + timedelta(minutes=1))

    assert sorted(record.body for record in found) == ["One", "Three"]
    assert {record.sid for record in found} == {
        m.sid for m in fake_twilio.messages if m.to == first.phone
    }
    assert later == []


def test_no_phone_number_or_text_reaches_the_logs_through_the_sdk(
    app_under_test: Flask, make_participant, use_twilio, fake_twilio: FakeTwilio, caplog
) -> None:
    # Workers log at INFO, and the SDK logs each request's query at INFO: a reconcile's
    # query is the patient's number.
    use_twilio(app_under_test)
    participant = make_participant()
    queue(participant, "How easy was it to get care?")
    caplog.set_level(logging.INFO)

    send_due_messages()
    gateway_for(app_under_test).sent_to(participant.phone, utcnow() - timedelta(hours=1))

    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert participant.phone not in logged
    assert participant.phone.removeprefix("+") not in logged
    assert "How easy" not in logged
