"""Read what participants said in a priority-setting survey into the aggregation's tables.

Web and SMS answers are the same rows (``Response.channel`` tells them apart), so both
count alike. A response counts once it has answered any question that feeds a priority,
finished or not: a patient who ranked their top 3 by text and stopped replying was heard.
The language of a respondent is the language they answered in.
"""

from __future__ import annotations

import json
from collections import defaultdict

import pandas as pd
import sqlalchemy as sa

from engage.extensions import db
from engage.people.models import Participant, ParticipantRaceEthnicity, Site
from engage.priorities.aggregation import PriorityInputs
from engage.priorities.models import PriorityItem, PrioritySource
from engage.surveys.models import Answer, Question, Response, Survey
from engage.surveys.question_types import question_type
from engage.surveys.specs import question_spec

UNKNOWN = "unknown"
RESPONDENT_COLUMNS = ["respondent_id", "language", "site", "age_band", "gender", "channel"]


def _sources(survey: Survey) -> tuple[dict[tuple[str, str], str], dict[str, str]]:
    """(question key, choice key) → item key for picks; question key → item key for ratings."""
    picks: dict[tuple[str, str], str] = {}
    ratings: dict[str, str] = {}
    for source, item_key in db.session.execute(
        sa.select(PrioritySource, PriorityItem.key)
        .join(PriorityItem, PrioritySource.priority_id == PriorityItem.id)
        .where(PrioritySource.survey_id == survey.id)
    ):
        if source.choice_key:
            picks[(source.question_key, source.choice_key)] = item_key
        else:
            ratings[source.question_key] = item_key
    return picks, ratings


def _top_n(survey: Survey, question_keys: set[str]) -> int:
    spec_top = [
        question_type("ranking").top_n(question_spec(question))  # type: ignore[attr-defined]
        for question in survey.current.questions
        if question.type == "ranking" and question.key in question_keys
    ]
    return max(spec_top, default=0)


def load_inputs(survey: Survey, items: list[PriorityItem] | None = None) -> PriorityInputs:
    """Every respondent, pick and rating of ``survey`` that feeds a priority item."""
    pick_sources, rating_sources = _sources(survey)
    pick_questions = {question_key for question_key, _ in pick_sources}
    keys = pick_questions | set(rating_sources)
    item_keys = [item.key for item in (items if items is not None else _all_items())]

    answer_rows = db.session.execute(
        sa.select(Answer.response_id, Question.key, Question.type, sa.cast(Answer.value, sa.Text))
        .join(Response, Answer.response_id == Response.id)
        .join(Question, Answer.question_id == Question.id)
        .where(Response.survey_id == survey.id, Question.key.in_(keys))
    ).all()

    picks: list[tuple[int, str, int]] = []
    importance: list[tuple[int, str, float]] = []
    heard: set[int] = set()
    for response_id, question_key, kind, raw in answer_rows:
        value = json.loads(raw) if raw is not None else None
        if value in (None, "", []):
            continue
        if kind in ("ranking", "multiple") and question_key in pick_questions:
            ordered = kind == "ranking"
            for place, choice_key in enumerate(value, 1):
                item_key = pick_sources.get((question_key, choice_key))
                if item_key is not None:
                    picks.append((response_id, item_key, place if ordered else 0))
                    heard.add(response_id)
        elif kind == "likert" and question_key in rating_sources:
            importance.append((response_id, rating_sources[question_key], float(value)))
            heard.add(response_id)

    respondents, race = _respondents(survey, heard)
    return PriorityInputs(
        respondents=respondents,
        race=race,
        picks=pd.DataFrame(picks, columns=["respondent_id", "item", "position"]),
        importance=pd.DataFrame(importance, columns=["respondent_id", "item", "value"]),
        top_n=_top_n(survey, pick_questions),
        items=item_keys,
    )


def _all_items() -> list[PriorityItem]:
    return list(db.session.scalars(sa.select(PriorityItem).order_by(PriorityItem.id)))


def _respondents(survey: Survey, heard: set[int]) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows = db.session.execute(
        sa.select(
            Response.id,
            Response.language,
            Site.slug,
            Participant.age_band,
            Participant.gender,
            Response.channel,
            Response.participant_id,
        )
        .outerjoin(Participant, Response.participant_id == Participant.id)
        .outerjoin(Site, Participant.site_id == Site.id)
        .where(Response.survey_id == survey.id)
        .order_by(Response.id)
    ).all()
    rows = [row for row in rows if row[0] in heard]
    people = {row[6]: row[0] for row in rows if row[6] is not None}
    categories: dict[int, list[str]] = defaultdict(list)
    if people:
        for participant_id, category in db.session.execute(
            sa.select(ParticipantRaceEthnicity.participant_id, ParticipantRaceEthnicity.category)
            .join(Response, Response.participant_id == ParticipantRaceEthnicity.participant_id)
            .where(Response.survey_id == survey.id)
        ):
            if participant_id in people:
                categories[people[participant_id]].append(str(category))
    respondents = pd.DataFrame(
        [
            (
                response_id,
                language or UNKNOWN,
                site or UNKNOWN,
                str(age_band) if age_band else UNKNOWN,
                str(gender) if gender else UNKNOWN,
                str(channel),
            )
            for response_id, language, site, age_band, gender, channel, _ in rows
        ],
        columns=RESPONDENT_COLUMNS,
    )
    race = pd.DataFrame(
        [(rid, category) for rid, chosen in categories.items() for category in chosen],
        columns=["respondent_id", "category"],
    )
    return respondents, race
