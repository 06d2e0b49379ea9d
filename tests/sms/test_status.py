"""``POST /sms/status``: Twilio's signed delivery reports.

Requests are signed exactly as Twilio signs them (the SDK's RequestValidator over the
public URL and the form), so a passing test means Twilio's real callbacks pass too.
"""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from twilio.request_validator import RequestValidator

from engage.core.models import AuditEvent
from engage.extensions import db
from engage.people.models import Participant
from engage.sms.dispatch import reconcile_unknown
from engage.sms.models import MessageStatus, OutboundMessage
from tests.sms.conftest import PUBLIC_URL, queue, reload
from tests.sms.fake_twilio import AUTH_TOKEN

SID = "SM" + "a" * 32


def post_status(
    client: FlaskClient, query: str, form: dict[str, str], token: str = AUTH_TOKEN
) -> Any:
    path = f"/sms/status{query}"
    signature = RequestValidator(token).compute_signature(f"{PUBLIC_URL}{path}", form)
    return client.post(path, data=form, headers={"X-Twilio-Signature": signature})


@pytest.fixture
def client(db_app: Flask, app_under_test: Flask) -> FlaskClient:
    return db_app.test_client()


@pytest.fixture
def sent_message(make_participant) -> OutboundMessage:
    """A text Twilio accepted: it has a sid and is queued."""
    participant = make_participant()
    message_id = queue(participant, "Reply 1-5")
    db.session.execute(
        sa.update(OutboundMessage)
        .where(OutboundMessage.id == message_id)
        .values(status=MessageStatus.QUEUED, sid=SID, attempts=1)
    )
    db.session.commit()
    return reload(message_id)


def test_a_bad_signature_is_refused_and_writes_nothing(
    client: FlaskClient, sent_message: OutboundMessage
) -> None:
    events_before = db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent))
    form = {"MessageSid": SID, "MessageStatus": "failed", "ErrorCode": "21610"}

    forged = post_status(client, f"?m={sent_message.id}", form, token="wrong-token")
    unsigned = client.post(f"/sms/status?m={sent_message.id}", data=form)

    assert forged.status_code == 403
    assert unsigned.status_code == 403
    message = reload(sent_message.id)
    assert message.status == MessageStatus.QUEUED
    assert message.error_code is None
    participant = db.session.get(Participant, message.participant_id)
    assert participant is not None and participant.has_sms_consent
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent)) == events_before


def test_a_signature_over_another_url_is_refused(
    client: FlaskClient, sent_message: OutboundMessage
) -> None:
    form = {"MessageSid": SID, "MessageStatus": "delivered"}
    path = f"/sms/status?m={sent_message.id}"
    signature = RequestValidator(AUTH_TOKEN).compute_signature(f"{PUBLIC_URL}/sms/status", form)

    response = client.post(path, data=form, headers={"X-Twilio-Signature": signature})

    assert response.status_code == 403
    assert reload(sent_message.id).status == MessageStatus.QUEUED


def test_status_moves_forward_and_never_back_when_callbacks_arrive_out_of_order(
    client: FlaskClient, sent_message: OutboundMessage
) -> None:
    query = f"?m={sent_message.id}"

    delivered = post_status(client, query, {"MessageSid": SID, "MessageStatus": "delivered"})
    late_sent = post_status(client, query, {"MessageSid": SID, "MessageStatus": "sent"})
    late_queued = post_status(client, query, {"MessageSid": SID, "MessageStatus": "queued"})

    assert [r.status_code for r in (delivered, late_sent, late_queued)] == [204, 204, 204]
    assert reload(sent_message.id).status == MessageStatus.DELIVERED


def test_an_unknown_status_is_a_400_with_a_json_error(
    client: FlaskClient, sent_message: OutboundMessage
) -> None:
    for value in ("exploded", "claimed", ""):
        response = post_status(
            client, f"?m={sent_message.id}", {"MessageSid": SID, "MessageStatus": value}
        )
        assert response.status_code == 400
        assert "error" in response.get_json()
    assert reload(sent_message.id).status == MessageStatus.QUEUED


def test_an_unknown_message_is_a_404_with_a_json_error(client: FlaskClient) -> None:
    response = post_status(
        client, "?m=999999", {"MessageSid": "SM" + "f" * 32, "MessageStatus": "delivered"}
    )

    assert response.status_code == 404
    assert "error" in response.get_json()


def test_the_message_is_found_by_its_sid_when_the_url_has_no_id(
    client: FlaskClient, sent_message: OutboundMessage
) -> None:
    response = post_status(client, "", {"MessageSid": SID, "MessageStatus": "sent"})

    assert response.status_code == 204
    assert reload(sent_message.id).status == MessageStatus.SENT


def test_an_error_code_is_recorded(client: FlaskClient, sent_message: OutboundMessage) -> None:
    form = {"MessageSid": SID, "MessageStatus": "undelivered", "ErrorCode": "30003"}

    assert post_status(client, f"?m={sent_message.id}", form).status_code == 204

    message = reload(sent_message.id)
    assert message.status == MessageStatus.UNDELIVERED
    assert message.error_code == 30003


def test_21610_in_a_callback_opts_the_participant_out(
    client: FlaskClient, sent_message: OutboundMessage
) -> None:
    form = {"MessageSid": SID, "MessageStatus": "failed", "ErrorCode": "21610"}

    assert post_status(client, f"?m={sent_message.id}", form).status_code == 204

    participant = db.session.get(Participant, reload(sent_message.id).participant_id)
    assert participant is not None and not participant.has_sms_consent


def test_a_callback_settles_a_send_whose_outcome_was_unknown(
    client: FlaskClient, make_participant, use_twilio, db_app: Flask
) -> None:
    use_twilio(db_app)
    message_id = queue(make_participant(), "Reply 1-5")
    db.session.execute(
        sa.update(OutboundMessage)
        .where(OutboundMessage.id == message_id)
        .values(status=MessageStatus.UNKNOWN, attempts=1)
    )
    db.session.commit()

    response = post_status(client, f"?m={message_id}", {"MessageSid": SID, "MessageStatus": "sent"})

    assert response.status_code == 204
    message = reload(message_id)
    assert message.status == MessageStatus.SENT
    assert message.sid == SID
    assert reconcile_unknown().requeued == 0


def test_csrf_protection_does_not_apply_to_twilio(
    client: FlaskClient, db_app: Flask, sent_message: OutboundMessage
) -> None:
    db_app.config["WTF_CSRF_ENABLED"] = True

    response = post_status(
        client, f"?m={sent_message.id}", {"MessageSid": SID, "MessageStatus": "delivered"}
    )

    assert response.status_code == 204
