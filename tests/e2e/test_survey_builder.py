"""The engagement lead builds a survey with a condition in a real browser; axe-core checks it."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import ADMIN, assert_accessible, path_of, sign_in_as

pytestmark = pytest.mark.browser

SLUG = "builder-check-2027"


def submit(page: Page, button: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()


def add_question(page: Page, key: str, kind: str, text: str) -> None:
    with page.expect_navigation():
        page.get_by_role("link", name="Add a question").click()
    page.locator("#key").fill(key)  # each answer row has a "Code" too
    page.get_by_label("Type").select_option(kind)
    page.get_by_label("Question", exact=True).fill(text)


def test_admin_builds_a_survey_with_a_condition(page: Page, live_server: str) -> None:
    sign_in_as(page, live_server, ADMIN)
    page.goto(f"{live_server}/surveys/")
    expect(page.locator("h1")).to_have_text("Surveys")
    assert_accessible(page)

    with page.expect_navigation():
        page.get_by_role("link", name="New survey").click()
    page.get_by_label("Link").fill(SLUG)
    page.get_by_label("Title").fill("How was your visit?")
    page.get_by_label("Introduction").fill("Two questions about your last visit.")
    submit(page, "Create survey")
    assert path_of(page) == f"/surveys/{SLUG}"
    expect(page.locator("h1")).to_have_text("How was your visit?")
    assert_accessible(page)

    add_question(page, "interpreter", "yes_no", "Did you need an interpreter?")
    assert_accessible(page)  # the question form, with its blank answer rows
    page.get_by_label("An answer is required").check()
    submit(page, "Save question")
    assert path_of(page) == f"/surveys/{SLUG}"

    add_question(page, "interpreter_wait", "number", "How many minutes did you wait for one?")
    page.get_by_label("Smallest number allowed").fill("0")
    page.get_by_label("Show only if question").select_option("interpreter")
    page.get_by_label("Condition", exact=True).select_option("equals")
    page.locator("#condition_value").fill("yes")
    submit(page, "Save question")

    assert path_of(page) == f"/surveys/{SLUG}"
    questions = page.locator("ol.questions > li")
    expect(questions).to_have_count(2)
    expect(questions.nth(1)).to_contain_text("interpreter_wait")
    expect(questions.nth(1).locator(".condition")).to_have_text("Shown if interpreter is “Yes”")
    expect(questions.nth(0).locator(".condition")).to_have_count(0)
    assert_accessible(page)

    # The condition keeps the dependent question below the one it depends on.
    submit(page, "Move up interpreter_wait")
    expect(page.get_by_role("alert")).to_contain_text(
        "A question must stay below the question its condition depends on."
    )
    expect(questions.nth(0)).to_contain_text("Did you need an interpreter?")
