"""The priority list: items from survey choices, importance questions, tagged ideas."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from engage.extensions import db
from engage.priorities import items
from engage.priorities.models import IdeaTag, PriorityItem, PriorityOrigin, PrioritySource
from engage.surveys.models import Answer, Question
from tests.priorities.builders import ITEMS, priority_survey, respond, with_items


def test_a_surveys_priority_choices_become_items_once(db_app):
    survey = priority_survey()
    created = items.add_survey_choices(survey)
    assert sorted(item.key for item in created) == sorted(ITEMS)
    interpreter = next(item for item in created if item.key == "interpreter")
    assert interpreter.title == {"en": "Interpreter", "es": "ES interpreter"}
    assert interpreter.origin == PriorityOrigin.SURVEY_CHOICE
    assert items.add_survey_choices(survey) == []
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PrioritySource)) == len(ITEMS)


def test_a_second_survey_feeds_the_items_with_the_same_keys(db_app):
    first = priority_survey("first")
    items.add_survey_choices(first)
    second = priority_survey("second", keys=("interpreter", "parking"), top_n=2)
    created = items.add_survey_choices(second)
    assert [item.key for item in created] == ["parking"]
    interpreter = db.session.scalar(
        sa.select(PriorityItem).where(PriorityItem.key == "interpreter")
    )
    assert {source.survey_id for source in interpreter.sources} == {first.id, second.id}


def test_a_likert_question_rates_one_item_only(db_app):
    survey = priority_survey()
    by_key = with_items(survey)
    items.link_importance(by_key["wait_times"], survey, "hard")
    with pytest.raises(items.PriorityRefused, match="already rates another priority"):
        items.link_importance(by_key["interpreter"], survey, "hard")
    with pytest.raises(items.PriorityRefused, match="rating"):
        items.link_importance(by_key["interpreter"], survey, "top")


def test_an_item_needs_an_english_title_and_a_free_key(db_app):
    with pytest.raises(items.PriorityRefused, match="English"):
        items.create_item({"es": "Solo español"}, {}, PriorityOrigin.BOARD_PROPOSAL)
    first = items.create_item({"en": "Saturday hours"}, {}, PriorityOrigin.BOARD_PROPOSAL)
    second = items.create_item({"en": "Saturday  hours!"}, {}, PriorityOrigin.BOARD_PROPOSAL)
    assert (first.key, second.key) == ("saturday_hours", "saturday_hours_2")
    with pytest.raises(items.PriorityRefused, match="already has the key"):
        items.create_item({"en": "X"}, {}, PriorityOrigin.BOARD_PROPOSAL, key="saturday_hours")
    with pytest.raises(items.PriorityRefused, match="lowercase"):
        items.create_item({"en": "X"}, {}, PriorityOrigin.BOARD_PROPOSAL, key="Bad Key")


def test_ideas_are_tagged_once_untagged_and_made_into_items(db_app):
    survey = priority_survey()
    by_key = with_items(survey)
    respond(survey, ["interpreter"], idea="Interpreters in person, please")
    respond(survey, ["wait_times"], idea="Open on Saturdays")
    ideas = items.idea_answers(survey)
    assert [answer.value for answer, _tags in ideas] == [
        "Open on Saturdays",
        "Interpreters in person, please",
    ]
    saturday, interpreters = (answer for answer, _tags in ideas)
    items.tag_idea(interpreters.id, by_key["interpreter"], None)
    items.tag_idea(interpreters.id, by_key["interpreter"], None)  # twice: still one tag
    assert items.tagged_idea_counts() == {by_key["interpreter"].id: 1}
    new = items.item_from_idea(saturday.id, {"en": "Saturday hours"}, None)
    assert new.origin == PriorityOrigin.PATIENT_IDEA
    assert items.idea_answers(survey)[0][1] == [new.id]
    items.untag_idea(interpreters.id, by_key["interpreter"])
    assert db.session.scalar(sa.select(sa.func.count()).select_from(IdeaTag)) == 1


def test_only_free_text_answers_can_be_tagged(db_app):
    survey = priority_survey()
    by_key = with_items(survey)
    response = respond(survey, ["interpreter"], rating=4)
    ranking_answer = db.session.scalar(
        sa.select(Answer)
        .join(Question)
        .where(Answer.response_id == response.id, Question.key == "top")
    )
    for answer_id in (ranking_answer.id, 999_999):
        with pytest.raises(items.PriorityRefused, match="no longer exists"):
            items.tag_idea(answer_id, by_key["interpreter"], None)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(IdeaTag)) == 0
