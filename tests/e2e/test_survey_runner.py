"""A patient answers a five-question survey in Vietnamese on a small phone, reloads midway,
and finishes where they left off; axe-core checks the question and thank-you pages."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from flask import Flask
from playwright.sync_api import Page, ViewportSize, expect

from engage.extensions import db
from engage.surveys import services
from engage.surveys.models import Response, Survey
from engage.surveys.services import ChoiceInput, QuestionInput
from tests.e2e.conftest import assert_accessible

pytestmark = pytest.mark.browser

SMALL_PHONE: ViewportSize = {"width": 375, "height": 667}
SLUG = "tieng-noi-2027"


def both(english: str, vietnamese: str) -> dict[str, str]:
    return {"en": english, "vi": vietnamese}


def options(*pairs: tuple[str, str, str]) -> list[ChoiceInput]:
    return [ChoiceInput(key, both(en, vi)) for key, en, vi in pairs]


QUESTIONS = [
    QuestionInput(
        "site",
        "single",
        both("Which site do you usually visit?", "Bạn thường khám ở cơ sở nào?"),
        required=True,
        choices=options(("eastside", "Eastside", "Cơ sở Eastside"),
                        ("riverside", "Riverside", "Cơ sở Riverside")),
    ),
    QuestionInput(
        "ease",
        "likert",
        both("How easy is it to get an appointment?", "Đặt lịch hẹn khám có dễ không?"),
        required=True,
        choices=options(("very_hard", "Very hard", "Rất khó"), ("hard", "Hard", "Khó"),
                        ("neutral", "Neither", "Bình thường"), ("easy", "Easy", "Dễ"),
                        ("very_easy", "Very easy", "Rất dễ")),
    ),
    QuestionInput(
        "needs",
        "multiple",
        both("What help do you need?", "Bạn cần hỗ trợ gì?"),
        choices=options(("interpreter", "An interpreter", "Thông dịch viên"),
                        ("transport", "A ride", "Phương tiện đi lại"),
                        ("housing", "Housing", "Nhà ở")),
    ),
    QuestionInput(
        "texts_ok",
        "yes_no",
        both("May we text you visit reminders?", "Chúng tôi có thể nhắn tin nhắc lịch hẹn không?"),
        required=True,
    ),
    QuestionInput(
        "idea",
        "text",
        both("What should we change first?", "Chúng tôi nên thay đổi điều gì trước tiên?"),
        settings={"max_length": 300},
    ),
]  # fmt: skip


@pytest.fixture(scope="module")
def vietnamese_survey(live_app: Flask) -> Iterator[str]:
    """A five-question survey offered in English and Vietnamese, open on the live server."""
    with live_app.app_context():
        survey = services.create_survey(
            SLUG,
            both("Your voice", "Tiếng nói của bạn"),
            base_language="en",
            languages=["en", "vi"],
            thank_you=both(
                "Thank you! Your answers help the clinic.",
                "Cảm ơn bạn! Câu trả lời của bạn giúp phòng khám tốt hơn.",
            ),
        )
        for question in QUESTIONS:
            services.add_question(survey, question)
        services.open_survey(survey)
        db.session.commit()
    yield SLUG


def question_heading(page: Page):
    return page.locator("main h1")


def next_screen(page: Page) -> None:
    with page.expect_navigation():
        page.locator("main form button:not([name=skip])").click()


def fits_the_screen(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("viewport", [SMALL_PHONE])
def test_a_patient_answers_in_vietnamese_reloads_midway_and_finishes(
    page: Page, live_server: str, live_app: Flask, vietnamese_survey: str
) -> None:
    page.goto(f"{live_server}/s/{vietnamese_survey}?lang=vi")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(question_heading(page)).to_have_text("Bạn thường khám ở cơ sở nào?")
    assert fits_the_screen(page)
    assert_accessible(page)

    next_screen(page)  # nothing chosen: the required question says why, next to it
    expect(page.locator("#answer-error")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Cơ sở Riverside").check()
    next_screen(page)
    expect(question_heading(page)).to_have_text("Đặt lịch hẹn khám có dễ không?")
    page.get_by_label("Rất dễ").check()
    next_screen(page)
    expect(question_heading(page)).to_have_text("Bạn cần hỗ trợ gì?")

    page.reload()  # midway: the phone drops the page; nothing answered is lost
    expect(question_heading(page)).to_have_text("Bạn cần hỗ trợ gì?")
    page.goto(f"{live_server}/s/{vietnamese_survey}")  # or they open the link again later
    expect(question_heading(page)).to_have_text("Bạn cần hỗ trợ gì?")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    assert fits_the_screen(page)

    page.get_by_label("Thông dịch viên").check()
    page.get_by_label("Nhà ở").check()
    next_screen(page)
    expect(question_heading(page)).to_have_text("Chúng tôi có thể nhắn tin nhắc lịch hẹn không?")
    page.locator("main input[value=yes]").check()
    next_screen(page)
    expect(question_heading(page)).to_have_text("Chúng tôi nên thay đổi điều gì trước tiên?")
    page.locator("#answer").fill("Cần thêm thông dịch viên tiếng Việt")
    next_screen(page)

    expect(page.locator("main")).to_contain_text(
        "Cảm ơn bạn! Câu trả lời của bạn giúp phòng khám tốt hơn."
    )
    expect(page.locator("#phone")).to_be_visible()  # the optional text sign-up
    assert fits_the_screen(page)
    assert_accessible(page)

    with live_app.app_context():
        response = db.session.scalars(
            sa.select(Response).join(Survey).where(Survey.slug == vietnamese_survey)
        ).one()
        assert response.language == "vi"
        assert response.completed_at is not None
        assert response.answer_map() == {
            "site": "riverside",
            "ease": 5,
            "needs": ["interpreter", "housing"],
            "texts_ok": True,
            "idea": "Cần thêm thông dịch viên tiếng Việt",
        }
