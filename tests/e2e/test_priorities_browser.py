"""The board votes on a phone and the lead reads the community priorities, in a real browser.

Mai (a board member) ranks three items of an open ranked round on a 390×844 screen with
the ballot's <select> fields; Dana (the lead) closes the round and reads the Schulze
pairwise matrix. Dana also reads the demo clinic's ranking by language and the "whose
voice" table. axe-core checks each page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, ViewportSize, expect

from engage.auth.services import find_user
from engage.priorities import items
from tests.e2e.conftest import (
    ADMIN,
    BOARD,
    PHONE_VIEWPORT,
    assert_accessible,
    path_of,
    sign_in_as,
)
from tests.priorities.builders import open_ranked_round

pytestmark = pytest.mark.browser

LAPTOP: ViewportSize = {"width": 1280, "height": 900}
ROUND_TITLE = "Which first?"  # as tests.priorities.builders names it
CANDIDATES = ("interpreter", "wait_times", "text_reminders", "evening_hours")


@pytest.fixture(scope="module")
def ranked_round_id(live_app: Flask) -> int:
    """An open ranked round of four demo priorities, with Mai invited."""
    with live_app.app_context():
        by_key = {item.key: item for item in items.list_items()}
        missing = [key for key in CANDIDATES if key not in by_key]
        assert not missing, f"the demo priority list lacks {missing}"
        mai = find_user(BOARD.email)
        voting_round = open_ranked_round([by_key[key].id for key in CANDIDATES], [mai])
        return voting_round.id


@pytest.fixture
def lead_page(browser: Browser) -> Iterator[Page]:
    """A second browser, on a laptop, for the engagement lead."""
    context = browser.new_context(viewport=LAPTOP)
    context.set_default_timeout(10_000)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_board_member_ranks_on_a_phone_and_the_lead_reads_schulze(
    page: Page, lead_page: Page, live_server: str, ranked_round_id: int
) -> None:
    assert page.viewport_size == PHONE_VIEWPORT
    sign_in_as(page, live_server, BOARD)
    page.goto(f"{live_server}/priorities/rounds")
    with page.expect_navigation():
        page.get_by_role("link", name=ROUND_TITLE, exact=True).click()
    assert path_of(page) == f"/priorities/rounds/{ranked_round_id}"
    expect(page.locator("html")).to_have_attribute("lang", BOARD.language)  # Mai's own language
    expect(page.locator("#results-later")).to_be_visible()
    expect(page.locator("#voted")).to_have_count(0)
    assert_accessible(page)

    page.select_option("#field-text_reminders", "1")
    page.select_option("#field-interpreter", "2")
    page.select_option("#field-wait_times", "3")
    # The ballot fits the phone: nothing scrolls sideways.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_VIEWPORT["width"], f"the ballot page is {width}px wide on a phone"
    with page.expect_navigation():
        # Mai reads engage in Vietnamese, so the button is found by its form, not its words.
        page.locator("#ballot button[type=submit]").click()

    expect(page.locator("#voted")).to_be_visible()
    expect(page.locator("#field-text_reminders")).to_have_value("1")
    expect(page.locator("#field-interpreter")).to_have_value("2")
    expect(page.locator("#field-wait_times")).to_have_value("3")
    expect(page.locator("#field-evening_hours")).to_have_value("")
    expect(page.locator("#schulze-matrix")).to_have_count(0)
    assert_accessible(page)

    sign_in_as(lead_page, live_server, ADMIN)
    lead_page.goto(f"{live_server}/priorities/rounds/{ranked_round_id}")
    expect(lead_page.locator("#turnout")).to_contain_text("1")
    with lead_page.expect_navigation():
        lead_page.locator(f"form[action$='/rounds/{ranked_round_id}/close'] button").click()

    matrix = lead_page.locator("#schulze-matrix")
    expect(matrix).to_be_visible()
    expect(matrix.locator("tbody tr")).to_have_count(len(CANDIDATES))
    cells = [text.strip() for text in matrix.locator("tbody td").all_inner_texts()]
    assert all(re.fullmatch(r"\d+|–", cell) for cell in cells), cells
    # One ballot: text reminders (ranked first) is above each of the three others on it.
    rows = matrix.locator("tbody tr")
    reminders = rows.nth(CANDIDATES.index("text_reminders"))  # rows keep the ballot's order
    assert [c.strip() for c in reminders.locator("td").all_inner_texts()].count("1") == 3
    reminders_label = re.sub(r"^\d+\.\s*", "", reminders.locator("th").inner_text().strip())
    expect(lead_page.locator("#schulze .winner")).to_contain_text(reminders_label)
    expect(lead_page.locator("#borda")).to_be_visible()
    expect(lead_page.locator("#irv-rounds")).to_be_visible()
    assert_accessible(lead_page)

    # The member's own page now shows the same result, and no ballot form.
    page.reload()
    expect(page.locator("#schulze-matrix")).to_be_visible()
    expect(page.locator("#ballot")).to_have_count(0)


@pytest.mark.parametrize("viewport", [LAPTOP])
def test_lead_reads_the_ranking_by_language_and_whose_voice(page: Page, live_server: str) -> None:
    sign_in_as(page, live_server, ADMIN)
    page.goto(f"{live_server}/priorities/?by=language")
    respondents = int(re.sub(r"\D", "", page.locator("#respondents").inner_text()))
    assert respondents > 100
    ranking = page.locator("table.priorities tbody tr")
    assert ranking.count() >= 6
    expect(page.locator("#priority-interpreter")).to_be_visible()
    first = ranking.first.locator("td").first.inner_text().strip()
    assert first == "1"
    split = page.locator("table.split")
    expect(split).to_be_visible()
    # The five languages, each a column beside the priority's own.
    expect(split.locator("thead th")).to_have_count(6)
    assert_accessible(page)

    page.goto(f"{live_server}/priorities/voices")
    representation = page.locator("#representation-language")
    expect(representation).to_be_visible()
    expect(representation.locator("tbody tr")).to_have_count(5)
    # Spanish and Vietnamese speakers answered less than their share of the panel.
    expect(representation.locator("tbody tr.under")).not_to_have_count(0)
    effective = page.locator("#effective-n").inner_text()
    assert re.search(r"\d", effective), effective
    assert_accessible(page)
