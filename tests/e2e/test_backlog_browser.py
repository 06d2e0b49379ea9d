"""The lead turns a board-chosen priority into a backlog item and reads its voices.

From the demo clinic's closed board round, Dana follows "Add to backlog" beside a
priority, saves the item the form prepared (title and link already filled in), and
lands on the item's page: the priority it answers, how many people put it in their
top choices and from which groups, the board round that weighed it, and the start
of its learning-loop timeline. axe-core checks each page.
"""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from flask import Flask
from playwright.sync_api import Page, expect

from engage.priorities.demo import CLOSED_ROUND
from engage.priorities.models import VotingRound
from tests.e2e.conftest import ADMIN, assert_accessible, path_of, sign_in_as

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def closed_round_id(live_app: Flask) -> int:
    from engage.extensions import db

    with live_app.app_context():
        return db.session.scalar(sa.select(VotingRound.id).where(VotingRound.title == CLOSED_ROUND))


def test_the_lead_adds_a_board_choice_to_the_backlog_and_sees_its_voices(
    page: Page, live_server: str, closed_round_id: int
):
    sign_in_as(page, live_server, ADMIN)
    page.goto(f"{live_server}/priorities/rounds/{closed_round_id}?lang=en")
    side_by_side = page.locator("#side-by-side")
    expect(side_by_side).to_be_visible()
    first_row = side_by_side.locator("tbody tr").first
    chosen = first_row.locator("th").inner_text()
    with page.expect_navigation():
        first_row.get_by_role("link").click()
    assert path_of(page) == "/backlog/new"
    expect(page.locator("#title")).to_have_value(chosen)
    expect(page.get_by_role("checkbox", name=chosen)).to_be_checked()
    assert_accessible(page)
    page.fill("#rationale", "The board put it first.")
    with page.expect_navigation():
        page.locator("#submit").click()
    assert re.fullmatch(r"/backlog/\d+", path_of(page)), path_of(page)

    expect(page.locator("h1")).to_have_text(chosen)
    expect(page.locator("#linked-priorities")).to_contain_text("The board put it first.")
    voices = page.locator("#voices")
    people = int(re.search(r"(\d+) people", voices.inner_text()).group(1))
    assert people >= 11
    expect(voices.locator("table").first).to_be_visible()  # the groups, small ones as <11
    expect(voices.get_by_role("link", name=CLOSED_ROUND)).to_be_visible()
    timeline = page.locator("#timeline li")
    expect(timeline.first).to_contain_text("First raised by a patient")
    expect(page.locator("#timeline")).to_contain_text("Board decision")
    assert_accessible(page)
