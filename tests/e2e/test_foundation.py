"""The foundation in a real browser: sign-in, roles, languages, the CSV import, and axe-core."""

from __future__ import annotations

import unicodedata
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import (
    ADMIN,
    BOARD,
    STAFF,
    assert_accessible,
    catalog,
    path_of,
    sign_in_as,
)

pytestmark = pytest.mark.browser


def html_attributes(page: Page) -> tuple[str | None, str | None]:
    root = page.locator("html")
    return root.get_attribute("lang"), root.get_attribute("dir")


def switch_language(page: Page, code: str) -> None:
    """Follow the header's language link for ``code``, as a person would."""
    link = page.locator(f'header nav a[hreflang="{code}"]')
    with page.expect_navigation():
        link.click()


def heading(page: Page) -> str:
    return page.locator("h1").inner_text().strip()


def scripts(text: str) -> set[str]:
    """The writing systems of ``text``'s letters: {"LATIN"}, {"ARABIC"}, {"CJK"}…"""
    return {unicodedata.name(char, "?").split()[0] for char in text if char.isalpha()}


def assert_written_in(text: str, script: str, language: str) -> None:
    """Catch a catalog holding another language's strings: the page must be in its script."""
    assert scripts(text) == {script}, f"{language} page shows {text!r}, not {script} script"


def test_anonymous_visitor_is_sent_to_sign_in(page: Page, live_server: str) -> None:
    response = page.goto(f"{live_server}/participants/")

    assert response is not None and response.ok
    assert path_of(page) == "/login"
    assert parse_qs(urlsplit(page.url).query).get("next") == ["/participants/"]
    expect(page.locator("#email")).to_be_visible()
    expect(page.locator("#password")).to_be_visible()
    languages = page.get_by_role("navigation", name="Language")
    expect(languages.locator('a[hreflang="es"]')).to_have_text("Español")
    assert_accessible(page)


def test_admin_signs_in_and_pages_are_accessible(page: Page, live_server: str) -> None:
    sign_in_as(page, live_server, ADMIN)

    assert path_of(page) == "/"
    assert heading(page) == f"Welcome, {ADMIN.name}"
    assert_accessible(page)
    for path, title in [
        ("/participants/", "Participants"),
        ("/participants/new", "Add a participant"),
        ("/participants/import", "Import participants"),
        ("/users", "Accounts"),
        ("/audit", "Audit trail"),
    ]:
        response = page.goto(f"{live_server}{path}")
        assert response is not None and response.status == 200, path
        assert heading(page) == title
        assert_accessible(page)


def test_switching_to_spanish(page: Page, live_server: str) -> None:
    spanish = catalog("es")

    page.goto(f"{live_server}/login")
    switch_language(page, "es")
    assert html_attributes(page) == ("es", "ltr")
    # The catalogs are being translated: until a string is, the English shows, which is right.
    assert heading(page) == spanish.gettext("Sign in")
    assert_written_in(heading(page), "LATIN", "Spanish")
    assert_accessible(page)

    # Signing in hands over to the person's own language (English for Dana); switch again.
    page.fill("#email", ADMIN.email)
    page.fill("#password", ADMIN.password)
    with page.expect_navigation():
        page.click("#submit")
    assert path_of(page) == "/"
    assert html_attributes(page) == ("en", "ltr")
    switch_language(page, "es")
    assert html_attributes(page) == ("es", "ltr")
    assert heading(page) == spanish.gettext("Welcome, %(name)s") % {"name": ADMIN.name}
    assert_written_in(heading(page), "LATIN", "Spanish")
    assert_accessible(page)


def test_switching_to_arabic_turns_the_page_right_to_left(page: Page, live_server: str) -> None:
    arabic = catalog("ar")

    page.goto(f"{live_server}/login")
    switch_language(page, "ar")
    assert html_attributes(page) == ("ar", "rtl")
    assert heading(page) == arabic.gettext("Sign in")
    if heading(page) != "Sign in":  # translated: then in Arabic letters
        assert_written_in(heading(page), "ARABIC", "Arabic")
    assert_accessible(page)

    sign_in_as(page, live_server, ADMIN)
    switch_language(page, "ar")
    assert html_attributes(page) == ("ar", "rtl")
    assert_accessible(page)


def test_admin_imports_a_csv_after_previewing_it(page: Page, live_server: str) -> None:
    # Area code 413 is not among the demo clinic's, so every good row is a new participant.
    csv = (
        b"phone,name,language\n"
        b"+1 413 555 0150,Ada Import,en\n"
        b"+1 555 0100,Bad Number,es\n"
        b"+1 413 555 0151,Bea Import,es\n"
    )
    sign_in_as(page, live_server, ADMIN)
    page.goto(f"{live_server}/participants/import")
    page.set_input_files(
        "#file", files=[{"name": "ehr-export.csv", "mimeType": "text/csv", "buffer": csv}]
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Preview import").click()

    assert heading(page) == "Check the import"
    expect(page.locator("#count-create")).to_have_text("2")
    expect(page.locator("#count-update")).to_have_text("0")
    expect(page.locator("#count-refused")).to_have_text("1")
    refusals = page.locator("table.refusals tbody tr")
    expect(refusals).to_have_count(1)
    cells = refusals.first.locator("td")
    expect(cells.nth(0)).to_have_text("3")
    expect(cells.nth(1)).to_have_text("+1 555 0100")
    assert cells.nth(2).inner_text().strip(), "a refused row gives its reason"
    assert_accessible(page)

    with page.expect_navigation():
        page.get_by_role("button", name="Import these rows").click()

    assert path_of(page) == "/participants/"
    expect(page.locator(".flashes")).to_contain_text(
        "Import finished: 2 added, 0 updated, 1 refused."
    )
    assert_accessible(page)
    page.goto(f"{live_server}/participants/?q=Import")
    expect(page.locator("tbody tr")).to_have_count(2)


def test_board_member_is_refused_the_participant_list(page: Page, live_server: str) -> None:
    sign_in_as(page, live_server, BOARD)
    response = page.goto(f"{live_server}/participants/")

    assert response is not None and response.status == 403
    # Mai reads Vietnamese; the error page is hers, whatever the catalog holds today.
    expected = catalog("vi").gettext("You do not have access to this page.")
    assert heading(page) == expected
    assert_written_in(heading(page), "LATIN", "Vietnamese")
    expect(page.locator("nav.main-nav")).to_be_visible()
    expect(page.locator('nav.main-nav a[href="/participants/"]')).to_have_count(0)
    assert_accessible(page)


def test_staff_member_opens_the_participant_list(page: Page, live_server: str) -> None:
    sign_in_as(page, live_server, STAFF)
    response = page.goto(f"{live_server}/participants/")

    assert response is not None and response.status == 200
    assert heading(page) == catalog("es").gettext("Participants")
    assert_written_in(heading(page), "LATIN", "Spanish")
    expect(page.locator("tbody tr").first).to_be_visible()
    assert_accessible(page)
