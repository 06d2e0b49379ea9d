"""The phone simulator in a real browser: staff text HELP from a demo number, the reply shows."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from flask import Flask
from playwright.sync_api import Page, expect

from engage.extensions import db
from engage.people.models import Participant
from engage.sms.models import InboundMessage
from engage.sms.texts import SystemText, system_text
from tests.e2e.conftest import STAFF, assert_accessible, path_of, sign_in_as

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def live_app(live_app: Flask) -> Iterator[Flask]:
    """The demo clinic with quiet hours off: the test must not depend on the hour it runs at."""
    live_app.config.update(ENGAGE_SMS_QUIET_START_HOUR=0, ENGAGE_SMS_QUIET_END_HOUR=0)
    yield live_app


def test_staff_text_help_from_a_demo_number_and_see_the_reply(
    page: Page, live_server: str, live_app: Flask
) -> None:
    sign_in_as(page, live_server, STAFF)
    page.goto(f"{live_server}/sms/simulator")
    expect(page.locator("h1")).to_be_visible()
    assert_accessible(page)

    page.select_option("#participant_phone", index=1)
    phone = page.locator("#participant_phone").input_value()
    page.fill("#body", "HELP")
    with page.expect_navigation():
        page.click("#send-text")

    assert path_of(page) == "/sms/simulator"
    with live_app.app_context():
        participant = db.session.scalars(
            sa.select(Participant).where(Participant.phone == phone)
        ).one()
        with live_app.test_request_context():
            help_text = system_text(SystemText.HELP, participant.preferred_language)
        assert db.session.scalars(sa.select(InboundMessage)).one().from_phone == phone
    thread = page.locator("#simulator-thread")
    expect(thread).to_contain_text("HELP")
    expect(thread).to_contain_text(help_text)
    assert page.locator("#participant_phone").input_value() == phone
    assert_accessible(page)
