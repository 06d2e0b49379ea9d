"""Small priority-setting surveys, participants, answers and board rounds for the tests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from itertools import count
from typing import Any

from engage.auth.roles import Role
from engage.core.types import utcnow
from engage.extensions import db
from engage.people.models import Participant
from engage.people.services import ensure_site
from engage.people.vocabulary import AgeBand
from engage.priorities import items, rounds
from engage.priorities.models import RoundMethod, VotingRound
from engage.surveys.models import Answer, Channel, Response, Survey
from engage.surveys.services import (
    ChoiceInput,
    QuestionInput,
    add_question,
    create_survey,
    open_survey,
)
from tests.conftest import make_user

ITEMS = ("interpreter", "wait_times", "evening_hours", "text_reminders")
_phones = count(100)


def priority_survey(
    slug: str = "priorities", keys: Sequence[str] = ITEMS, top_n: int = 3
) -> Survey:
    """A survey with a ranking of ``keys``, a Likert rating and a free-text idea, opened."""
    survey = create_survey(
        slug,
        {"en": "What should we work on?", "es": "¿En qué trabajamos?"},
        base_language="en",
        languages=["en", "es"],
        is_priority_setting=True,
    )
    add_question(
        survey,
        QuestionInput(
            "top",
            "ranking",
            {"en": "Pick your top 3", "es": "Elija 3"},
            settings={"top_n": top_n},
            choices=[
                ChoiceInput(key, {"en": key.replace("_", " ").title(), "es": f"ES {key}"}, True)
                for key in keys
            ],
        ),
    )
    add_question(
        survey,
        QuestionInput(
            "hard",
            "likert",
            {"en": "How hard is it?", "es": "¿Qué tan difícil?"},
            choices=[
                ChoiceInput(f"p{point}", {"en": f"Point {point}", "es": f"Punto {point}"})
                for point in range(1, 6)
            ],
        ),
    )
    add_question(survey, QuestionInput("idea", "text", {"en": "One idea", "es": "Una idea"}))
    open_survey(survey)
    db.session.flush()
    return survey


def participant(
    language: str = "en", site: str = "eastside", age: AgeBand | None = AgeBand.AGE_18_44
) -> Participant:
    person = Participant(
        phone=f"+1617555{next(_phones) % 10000:04d}",
        preferred_language=language,
        site_id=ensure_site(site, site.title()).id,
        age_band=age,
    )
    db.session.add(person)
    db.session.flush()
    return person


def respond(
    survey: Survey,
    ranking: Sequence[str],
    *,
    rating: int | None = None,
    idea: str | None = None,
    language: str = "en",
    channel: Channel = Channel.WEB,
    person: Participant | None = None,
) -> Response:
    """One finished response; ``person`` defaults to a new participant in ``language``."""
    person = person or participant(language)
    questions = {question.key: question for question in survey.current.questions}
    response = Response(
        survey_id=survey.id,
        version_id=survey.current.id,
        participant_id=person.id,
        channel=channel,
        language=language,
        completed_at=utcnow(),
    )
    values: dict[str, Any] = {"top": list(ranking)}
    if rating is not None:
        values["hard"] = rating
    if idea is not None:
        values["idea"] = idea
    response.answers = [
        Answer(question=questions[key], value=value) for key, value in values.items()
    ]
    db.session.add(response)
    db.session.flush()
    return response


def with_items(survey: Survey) -> dict[str, Any]:
    """Make the survey's choices the priority list; item key → item."""
    items.add_survey_choices(survey)
    return {item.key: item for item in items.list_items()}


def board(count_: int = 3) -> list[Any]:
    return [make_user(Role.BOARD, f"board{number}@clinic.example") for number in range(count_)]


def board_member(name: str, email: str) -> Any:
    """An advisory board member with a name of their own (``board`` names them all "Board")."""
    from engage.auth.services import create_user
    from tests.conftest import PASSWORD

    member = create_user(email, name, Role.BOARD, PASSWORD, "en")
    db.session.commit()
    return member


def open_ranked_round(
    item_ids: Sequence[int],
    voters: Sequence[Any],
    *,
    method: RoundMethod = RoundMethod.RANKED,
    quorum: int | None = None,
    now: datetime | None = None,
    **plan: Any,
) -> VotingRound:
    now = now or utcnow()
    voting_round = rounds.open_round(
        rounds.RoundPlan(
            title="Which first?",
            method=method,
            item_ids=list(item_ids),
            opens_at=now - timedelta(hours=1),
            closes_at=now + timedelta(days=7),
            voter_ids=[voter.id for voter in voters],
            quorum=quorum,
            **plan,
        ),
        None,
        now=now,
    )
    db.session.commit()
    return voting_round
