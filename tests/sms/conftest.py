"""Fixtures for the SMS tests: a fake Twilio API, participants, outbox rows.

``fake_twilio`` is one local server per test session (``tests/sms/fake_twilio.py``),
emptied before each test. ``use_twilio(app)`` points an app's twilio backend at it
through TWILIO_API_BASE_URL, so the real SDK does the talking.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from flask import Flask

from engage.core.types import utcnow
from engage.extensions import db
from engage.people.models import Participant
from engage.people.vocabulary import ConsentMethod, PhoneStatus
from engage.sms.models import MessageKind, OutboundMessage
from engage.sms.outbox import enqueue
from tests.sms.fake_twilio import ACCOUNT_SID, AUTH_TOKEN, FakeTwilio

MESSAGING_SERVICE_SID = "MG" + "0" * 31 + "7"
PUBLIC_URL = "https://engage.clinic.example"

# Rules off unless a test turns one on: the suite must not depend on the hour it runs at.
NEUTRAL_RULES = {
    "ENGAGE_SMS_RATE_PER_SECOND": 0,
    "ENGAGE_SMS_QUIET_START_HOUR": 0,
    "ENGAGE_SMS_QUIET_END_HOUR": 0,
    "ENGAGE_SMS_DAILY_CAP": 0,
    "ENGAGE_SMS_WEEKLY_CAP": 0,
    "ENGAGE_SMS_RETRY_BASE_SECONDS": 60,
    "ENGAGE_SMS_MAX_ATTEMPTS": 3,
    "ENGAGE_PUBLIC_URL": PUBLIC_URL,
    "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
}


@pytest.fixture(scope="session")
def fake_twilio_server() -> Iterator[FakeTwilio]:
    with FakeTwilio() as server:
        yield server


@pytest.fixture
def fake_twilio(fake_twilio_server: FakeTwilio) -> FakeTwilio:
    """The fake Twilio API, empty and with no failures scripted."""
    fake_twilio_server.reset()
    return fake_twilio_server


def configure(app: Flask, **settings: Any) -> None:
    """Change settings of a running test app; the gateway is rebuilt on next use."""
    app.config.update(settings)
    app.extensions.pop("engage.sms.gateway", None)


@pytest.fixture
def sms_rules(app_under_test: Flask) -> Callable[..., None]:
    """``sms_rules(ENGAGE_SMS_DAILY_CAP=1, ...)``: turn rules back on for one test."""
    return lambda **settings: configure(app_under_test, **settings)


@pytest.fixture
def app_under_test(request: pytest.FixtureRequest) -> Flask:
    """Whichever app the test asked for (``db_app`` or ``app``), with neutral SMS rules."""
    name = "db_app" if "db_app" in request.fixturenames else "app"
    app: Flask = request.getfixturevalue(name)
    configure(app, **NEUTRAL_RULES)
    return app


@pytest.fixture
def use_twilio(fake_twilio: FakeTwilio) -> Callable[..., None]:
    """``use_twilio(app)``: send through the real SDK to the fake Twilio."""

    def point(app: Flask, **overrides: Any) -> None:
        settings = {
            "ENGAGE_SMS_BACKEND": "twilio",
            "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
            "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
            "TWILIO_MESSAGING_SERVICE_SID": MESSAGING_SERVICE_SID,
            "TWILIO_FROM_NUMBER": "",
            "TWILIO_API_BASE_URL": fake_twilio.url,
        }
        configure(app, **(settings | overrides))

    return point


_phones = itertools.count(1)


@pytest.fixture
def make_participant(app_under_test: Flask) -> Callable[..., Participant]:
    """A committed participant; consented and on a mobile number unless told otherwise."""

    def make(
        *,
        consent: bool = True,
        opted_out: bool = False,
        timezone: str | None = None,
        phone_status: PhoneStatus = PhoneStatus.MOBILE,
        language: str = "en",
    ) -> Participant:
        now = utcnow()
        participant = Participant(
            phone=f"+1617555{next(_phones) % 10000:04d}",
            preferred_language=language,
            timezone=timezone,
            phone_status=phone_status,
            sms_consent_at=now - timedelta(days=30) if consent else None,
            sms_consent_method=ConsentMethod.FORM if consent else None,
            sms_opted_out_at=now - timedelta(days=1) if opted_out else None,
        )
        db.session.add(participant)
        db.session.commit()
        return participant

    return make


def queue(
    participant: Participant,
    body: str,
    at: datetime | None = None,
    *,
    kind: MessageKind = MessageKind.SURVEY,
    is_reply: bool = False,
    dedupe_key: str | None = None,
) -> int:
    """Put one text in the outbox, due at ``at``; its id."""
    message = enqueue(
        participant,
        body,
        kind,
        is_reply=is_reply,
        send_after=at or utcnow(),
        dedupe_key=dedupe_key,
    )
    assert message is not None
    db.session.commit()
    return message.id


def reload(message_id: int) -> OutboundMessage:
    """The row as the database has it now."""
    db.session.expire_all()
    message = db.session.get(OutboundMessage, message_id)
    assert message is not None
    return message
