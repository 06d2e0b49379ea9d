"""The demo clinic's priority-setting survey: complete, open, answered, and telling its story.

SCENARIOS.md: a few hundred respond; Spanish speakers are under-represented against the
panel; interpreter access ranks 1st among Spanish speakers but about 4th overall.
"""

from __future__ import annotations

from collections import Counter

import pytest
import sqlalchemy as sa

from engage.demo import load_demo
from engage.extensions import db
from engage.people.models import Participant
from engage.surveys.demo import SLUG
from engage.surveys.models import Answer, Response, Survey, SurveyStatus
from engage.surveys.question_types import check_answer, question_type
from engage.surveys.services import find_survey, missing_translations
from engage.surveys.specs import question_spec
from tests.conftest import DEMO_ALREADY_LOADED

LANGUAGES = ["en", "es", "vi", "zh_Hans", "ar"]


def count(model: type) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


@pytest.fixture
def demo(db_app):
    first = load_demo()
    db.session.commit()
    return first


def borda_order(responses: list[Response]) -> list[str]:
    """Issues from most to fewest Borda points, as the results page ranks them."""
    survey = find_survey(SLUG)
    spec = question_spec(next(q for q in survey.current.questions if q.key == "top3"))
    rankings = [response.answer_map()["top3"] for response in responses]
    scores = question_type("ranking").summarise(spec, rankings).scores
    return sorted(scores, key=lambda key: -scores[key])


def test_the_survey_is_loaded_once_open_and_in_five_languages(demo):
    assert demo["surveys"] == 1
    assert 250 <= demo["responses"] <= 350
    counts = (count(Survey), count(Response), count(Answer))
    assert load_demo() == DEMO_ALREADY_LOADED
    db.session.commit()
    assert (count(Survey), count(Response), count(Answer)) == counts
    assert counts[:2] == (1, demo["responses"])

    # Open, and complete in all five languages.
    survey = find_survey(SLUG)
    assert survey.status is SurveyStatus.OPEN and survey.is_priority_setting
    assert survey.languages == LANGUAGES
    for language in LANGUAGES:
        assert missing_translations(survey, language) == [], language
    questions = {q.key: q for q in survey.current.questions}
    assert [q.type for q in questions.values()] == [
        "ranking",
        "likert",
        "yes_no",
        "text",
        "multiple",
    ]
    top3 = questions["top3"]
    assert top3.settings["top_n"] == 3 and len(top3.choices) == 8
    assert all(choice.is_priority for choice in top3.choices)
    assert questions["interpreter_languages"].show_if == {
        "question": "needed_interpreter",
        "operator": "equals",
        "value": "yes",
    }
    assert questions["idea"].settings["max_length"] == 300
    # Each text differs from English: translated, not copied.
    for language in LANGUAGES[1:]:
        assert survey.current.title[language] != survey.current.title["en"]
        assert top3.choices[0].text[language] != top3.choices[0].text["en"]


def test_responses_come_from_consenting_participants_in_their_language(demo):
    survey = find_survey(SLUG)
    responses = list(db.session.scalars(sa.select(Response)))
    specs = {q.key: question_spec(q) for q in survey.current.questions}
    for response in responses:
        participant = db.session.get(Participant, response.participant_id)
        assert participant.has_sms_consent
        assert response.language == participant.preferred_language
        assert response.completed_at is not None
        assert survey.opened_at < response.started_at < response.completed_at
        answers = response.answer_map()
        assert {"top3", "access", "needed_interpreter"} <= set(answers)
        for key, value in answers.items():
            assert check_answer(specs[key], value, answers) == value
    channels = Counter(response.channel for response in responses)
    assert 0.3 <= channels["sms"] / len(responses) <= 0.5
    ideas = Counter(r.language for r in responses if r.answer_map().get("idea"))
    assert set(ideas) == set(LANGUAGES)


def test_spanish_speakers_answer_less_and_put_interpreters_first(demo):
    responses = list(db.session.scalars(sa.select(Response)))
    spanish = [r for r in responses if r.language == "es"]
    panel = db.session.scalar(
        sa.select(sa.func.count()).where(Participant.preferred_language == "es")
    ) / count(Participant)
    assert len(spanish) / len(responses) < panel * 0.75  # under-represented
    assert borda_order(spanish)[0] == "interpreter"
    overall = borda_order(responses)
    assert overall[0] != "interpreter"
    assert 3 <= overall.index("interpreter") + 1 <= 5  # about 4th
