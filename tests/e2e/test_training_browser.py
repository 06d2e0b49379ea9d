"""Luis, a medical assistant, does his training on a phone, in Spanish.

On a 390×844 screen he finds the module assigned to him on his home page, reads it, takes
its quiz (the right answers are read from the database here, never from the page), sees
his score and the explanations, and opens his certificate. axe-core checks each page.
"""

from __future__ import annotations

import re

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from engage.training.services import find_module
from tests.e2e.conftest import PHONE_VIEWPORT, STAFF, assert_accessible, path_of, sign_in_as

pytestmark = pytest.mark.browser

SLUG = "small-tests-of-change"


@pytest.fixture(scope="module")
def quiz_key(live_app: Flask) -> dict[str, list[str]]:
    """The ids of the right answers' inputs, and the module's Spanish title."""
    with live_app.app_context():
        module = find_module(SLUG)
        assert module is not None and module.published, "the demo clinic lacks the module"
        return {
            "inputs": [
                f"#q-{question.id}-{choice.key}"
                for question in module.questions
                for choice in question.choices
                if choice.correct
            ],
            "title": [module.title["es"]],
            "explanations": [question.explanation["es"] for question in module.questions],
        }


def assert_fits_the_phone(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_VIEWPORT["width"], f"{page.url} is {width}px wide on a phone"


def test_luis_completes_his_training_on_a_phone_in_spanish(
    page: Page, live_server: str, quiz_key: dict[str, list[str]]
) -> None:
    assert page.viewport_size == PHONE_VIEWPORT
    title = quiz_key["title"][0]
    sign_in_as(page, live_server, STAFF)
    expect(page.locator("html")).to_have_attribute("lang", "es")  # Luis's own language

    # Home: his assignments, the overdue one first.
    training = page.locator("section[aria-labelledby='training-heading']")
    expect(training.locator("a[href='/training/curious-by-default']")).to_be_visible()
    expect(training.locator(".duty").first).to_have_class(re.compile("duty-overdue"))
    with page.expect_navigation():
        training.locator(f"a[href='/training/{SLUG}']").click()
    assert path_of(page) == f"/training/{SLUG}"
    expect(page.locator("h1")).to_have_text(title)
    expect(page.locator(".module-body")).to_have_attribute("lang", "es")
    expect(page.locator(".module-body h2").first).to_be_visible()
    assert_fits_the_phone(page)
    assert_accessible(page)

    with page.expect_navigation():
        page.locator(f"a[href='/training/{SLUG}/quiz']").click()
    assert path_of(page) == f"/training/{SLUG}/quiz"
    # Nothing on the quiz page tells which answers are right: no flag, no explanation.
    html = page.content()
    assert page.locator("[data-correct], [name*='correct'], [class*='correct']").count() == 0
    assert not [text for text in quiz_key["explanations"] if text in html]
    assert_fits_the_phone(page)
    assert_accessible(page)
    for selector in quiz_key["inputs"]:
        page.check(selector)
    with page.expect_navigation():
        page.click("#submit-quiz")
    assert path_of(page) == f"/training/{SLUG}/attempts/1"
    expect(page.locator(".result-summary")).to_contain_text("100%")
    expect(page.locator(".answers .explanation")).to_have_count(
        len(page.locator(".answers > li").all())
    )
    expect(page.locator(".answers .wrong")).to_have_count(0)
    assert_accessible(page)

    with page.expect_navigation():
        page.click("#certificate-link")
    assert path_of(page) == f"/training/{SLUG}/certificate"
    certificate = page.locator(".certificate")
    expect(certificate.locator(".certificate-name")).to_have_text("Luis Ortega")
    expect(certificate.locator(".certificate-module")).to_have_text(title)
    expect(certificate).to_contain_text("100%")
    assert_fits_the_phone(page)
    assert_accessible(page)

    # Printed, the certificate stands alone: no navigation.
    page.emulate_media(media="print")
    expect(page.locator(".main-nav")).to_be_hidden()
    expect(page.locator(".site-header")).to_be_hidden()
    expect(certificate).to_be_visible()
