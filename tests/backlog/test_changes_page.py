"""The public "What we changed" page: anyone may read it, in their language or in English."""

from __future__ import annotations

from typing import Any

import pytest
from babel.dates import format_skeleton

from engage.backlog import loop
from engage.backlog.models import ImprovementItem, ItemStatus
from engage.core.types import utcnow
from engage.extensions import db
from engage.surveys import services as surveys
from engage.surveys.services import QuestionInput
from tests.backlog.test_loop import UPDATE, adopted_item
from tests.priorities.builders import priority_survey, with_items

SPANISH = "Ahora hay intérpretes en la recepción cada mañana."
ENGLISH = "Interpreters now wait at the front desk every morning, at both sites."


@pytest.fixture
def priorities(app) -> dict[str, Any]:
    return with_items(priority_survey())


def told(priorities: dict[str, Any], public: dict[str, str], *, published: bool = True) -> Any:
    """An adopted item whose update was sent (to nobody: no one answered) with these page texts."""
    item = adopted_item(priorities["interpreter"])
    update = loop.draft_update(item, UPDATE, None)
    loop.save_texts(update, update.texts, dict(update.public_texts, **public), published)
    loop.send_update(update, None)
    db.session.commit()
    return update


def page(response: Any) -> str:
    return response.get_data(as_text=True)


def test_anyone_reads_the_page_without_signing_in(client, priorities):
    told(priorities, {"en": ENGLISH})
    response = client.get("/changes/")
    assert response.status_code == 200
    assert ENGLISH in page(response)
    assert "Interpreter" in page(response)  # the priority it answered


def test_a_published_update_shows_in_spanish(client, priorities):
    update = told(priorities, {"en": ENGLISH, "es": SPANISH})
    shown = page(client.get("/changes/?lang=es"))
    assert SPANISH in shown and ENGLISH not in shown
    assert "ES interpreter" in shown  # the priority's Spanish title
    assert format_skeleton("yMMMM", update.sent_at, locale="es") in shown


def test_a_language_without_a_text_falls_back_to_english(client, priorities):
    told(priorities, {"en": ENGLISH, "es": SPANISH, "vi": ""})
    shown = page(client.get("/changes/?lang=vi"))
    assert f'<span lang="en" dir="ltr">{ENGLISH}</span>' in shown
    # Arabic still holds the English sentence it was drafted with: English, marked so.
    arabic = page(client.get("/changes/?lang=ar"))
    assert '<html lang="ar" dir="rtl">' in arabic
    assert f'<span lang="en" dir="ltr">{ENGLISH}</span>' in arabic


def test_drafts_unpublished_and_reopened_items_stay_off_the_page(client, priorities):
    told(priorities, {"en": "Hidden from the page."}, published=False)
    draft_item = adopted_item(priorities["wait_times"])
    loop.draft_update(draft_item, "Not sent yet.", None)
    gone = told(priorities, {"en": "Its item was later abandoned."})
    db.session.get(ImprovementItem, gone.item_id).status = ItemStatus.ABANDONED
    db.session.commit()
    shown = page(client.get("/changes/"))
    assert "Hidden from the page." not in shown
    assert "Not sent yet." not in shown
    assert "later abandoned" not in shown
    assert "Nothing yet" in shown


def test_newest_first(client, priorities):
    older = told(priorities, {"en": "The older change."})
    older.sent_at = utcnow().replace(year=utcnow().year - 1)
    db.session.commit()
    told(priorities, {"en": "The newer change."})
    shown = page(client.get("/changes/"))
    assert shown.index("The newer change.") < shown.index("The older change.")


def test_the_survey_thank_you_page_links_to_it(client, app):
    survey = surveys.create_survey(
        "quick-check", {"en": "Quick check"}, base_language="en", languages=["en"]
    )
    surveys.add_question(survey, QuestionInput("comment", "text", {"en": "Anything else?"}))
    surveys.open_survey(survey)
    db.session.commit()
    client.get("/s/quick-check")
    assert client.post("/s/quick-check/q/comment", data={"skip": "1"}).status_code == 303
    thank_you = page(client.get("/s/quick-check"))
    assert "Thank you!" in thank_you
    assert 'href="/changes/"' in thank_you
