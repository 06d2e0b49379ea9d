"""The whole learning loop in a real browser, as shared/SCENARIOS.md walks it.

A Spanish-speaking patient answers the priorities survey by text in the phone
simulator → the community priorities page counts one more respondent → the lead opens
a board round, the board member ranks interpreter access first on a phone, the lead
closes it → "Add to backlog" → a PDSA cycle and a data point → adopted → the lead
writes "you said, we did", translates it into Spanish and sends it → the dispatcher
runs → the simulator shows the Spanish text arriving, once.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from flask import Flask
from playwright.sync_api import Browser, Page, expect

from engage.extensions import db
from engage.people.models import Participant, PhoneStatus
from engage.sms.dispatch import send_due_messages
from engage.sms.models import MessageKind, OutboundMessage
from engage.surveys.demo import SLUG
from engage.surveys.models import Response
from engage.surveys.services import find_survey
from tests.e2e.conftest import ADMIN, BOARD, STAFF, assert_accessible, path_of, sign_in_as

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1280, "height": 900}
# Interpreter access is the survey's first issue; then wait times and text reminders.
REPLIES = ("1 2 3", "4", "sí", "Intérpretes en persona, por favor", "1")
UPDATE_EN = "Interpreters are now booked when you make the appointment."
UPDATE_ES = "Ahora reservamos intérprete al hacer su cita."


@pytest.fixture(scope="module")
def live_app(live_app: Flask) -> Iterator[Flask]:
    """Quiet hours and daily caps off: the test must not depend on the hour it runs at."""
    live_app.config.update(
        ENGAGE_SMS_QUIET_START_HOUR=0,
        ENGAGE_SMS_QUIET_END_HOUR=0,
        ENGAGE_SMS_DAILY_CAP=20,
        ENGAGE_SMS_WEEKLY_CAP=20,
    )
    yield live_app


@pytest.fixture(scope="module")
def patient_phone(live_app: Flask) -> str:
    """A Spanish-speaking demo participant who agreed to texts and has not answered yet."""
    with live_app.app_context():
        survey = find_survey(SLUG)
        answered = sa.select(Response.participant_id).where(Response.survey_id == survey.id)
        candidates = db.session.scalars(
            sa.select(Participant)
            .where(
                Participant.preferred_language == "es",
                Participant.phone_status == PhoneStatus.MOBILE,
                Participant.id.not_in(answered),
            )
            .order_by(Participant.id)
        )
        return next(p.phone for p in candidates if p.has_sms_consent)


def _laptop(browser: Browser) -> Page:
    context = browser.new_context(viewport=LAPTOP)
    context.set_default_timeout(15_000)
    return context.new_page()


def _respondents(page: Page, base: str) -> int:
    page.goto(f"{base}/priorities/?lang=en")
    return int(page.locator("#respondents").inner_text().replace(",", ""))


def _submit(page: Page, selector: str = "#submit") -> None:
    with page.expect_navigation():
        page.locator(selector).first.click()


def test_from_an_sms_answer_to_you_said_we_did(
    browser: Browser, page: Page, live_server: str, live_app: Flask, patient_phone: str
):
    lead = _laptop(browser)
    sign_in_as(lead, live_server, ADMIN)
    before = _respondents(lead, live_server)

    # 1. The patient answers by text, in Spanish, in the simulator.
    staff = _laptop(browser)
    sign_in_as(staff, live_server, STAFF)
    staff.goto(f"{live_server}/sms/simulator?phone={patient_phone.replace('+', '%2B')}&lang=en")
    _submit(staff, "#start-survey")
    for reply in REPLIES:
        staff.fill("#body", reply)
        _submit(staff, "#send-text")
    with live_app.app_context():
        survey = find_survey(SLUG)
        response = db.session.scalars(
            sa.select(Response)
            .join(Participant)
            .where(Response.survey_id == survey.id, Participant.phone == patient_phone)
        ).one()
        assert response.channel == "sms" and response.completed_at is not None
        assert response.answer_map()["top3"][0] == "interpreter"

    # 2. The community page counts it.
    assert _respondents(lead, live_server) == before + 1

    # 3. The lead opens a ranked round; the board member votes on a phone; the lead closes it.
    lead.goto(f"{live_server}/priorities/rounds/new?lang=en")
    lead.fill("#title", "Which change first?")
    lead.select_option("#method", "ranked")
    _submit(lead)
    round_path = path_of(lead)
    sign_in_as(page, live_server, BOARD)
    page.goto(f"{live_server}{round_path}?lang=en")
    page.select_option("#field-interpreter", "1")
    page.select_option("#field-wait_times", "2")
    with page.expect_navigation():
        page.locator("#ballot button[type=submit]").click()
    expect(page.locator("#voted")).to_be_visible()
    lead.goto(f"{live_server}{round_path}?lang=en")
    with lead.expect_navigation():
        lead.locator(f"form[action='{round_path}/close'] button").click()
    expect(lead.locator("#schulze")).to_contain_text("Same-day interpreter access")

    # 4. "Add to backlog" from the round's result.
    row = lead.locator("#side-by-side tbody tr", has_text="Same-day interpreter access")
    with lead.expect_navigation():
        row.get_by_role("link").click()
    lead.fill("#rationale", "The board and Spanish-speaking patients put it first.")
    _submit(lead)
    item_path = path_of(lead)
    expect(lead.locator("#voices")).to_contain_text("people")

    # 5. A PDSA cycle, a measure and a data point; then through testing to adopted.
    lead.goto(f"{live_server}{item_path}/cycles/new?lang=en")
    lead.fill("#question", "Does booking at scheduling get an interpreter to every visit?")
    lead.fill("#prediction", "At least 8 of 10 visits that need one will have one.")
    _submit(lead)
    lead.goto(f"{live_server}{item_path}/measures/new?lang=en")
    lead.fill("#name", "Visits with a needed interpreter present")
    lead.fill("#unit", "%")
    lead.fill("#baseline", "62")
    _submit(lead)
    lead.goto(f"{live_server}{item_path}?lang=en")
    point_form = lead.locator("#measures form").filter(has=lead.locator("input[id$='-value']"))
    point_form.locator("input[id$='-on']").fill("2026-11-02")
    point_form.locator("input[id$='-value']").fill("71")
    with lead.expect_navigation():
        point_form.locator("[type=submit]").click()
    for status in ("planned", "testing", "adopted"):
        lead.goto(f"{live_server}{item_path}?lang=en")
        lead.select_option("#status", status)
        _submit(lead)
    expect(lead.locator("#item-status")).to_have_text("adopted")

    # 6. "You said, we did": drafted in every language, Spanish translated, sent.
    lead.goto(f"{live_server}{item_path}/updates/new?lang=en")
    lead.fill("#update", UPDATE_EN)
    _submit(lead)
    spanish = lead.locator("#sms_es")
    text_es = spanish.input_value().replace(UPDATE_EN, UPDATE_ES)
    spanish.fill(text_es)
    _submit(lead)
    assert_accessible(lead)
    with lead.expect_navigation():
        lead.locator("#recipients form button[type=submit]").click()
    expect(lead.locator("#loop-status")).to_contain_text("Sent")

    # 7. The dispatcher sends what is due (``make run`` runs it beside the server).
    with live_app.app_context():
        send_due_messages()
        sent = db.session.scalars(
            sa.select(OutboundMessage).where(
                OutboundMessage.to_phone == patient_phone,
                OutboundMessage.kind == MessageKind.LOOP,
            )
        ).all()
        assert [(m.language, m.status.value) for m in sent] == [("es", "sent")]

    # 8. The simulator shows the Spanish text arriving, once.
    staff.goto(f"{live_server}/sms/simulator?phone={patient_phone.replace('+', '%2B')}&lang=en")
    thread = staff.locator("#simulator-thread").inner_text()
    assert thread.count(UPDATE_ES) == 1, thread
    assert UPDATE_EN not in thread
    for other in (lead, staff):
        other.context.close()
