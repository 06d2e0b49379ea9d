"""The voices behind an item: who raised or ranked the priorities it answers.

Counts people (responses) who put a linked priority in their top choices, in any
priority-setting survey, plus the ideas staff tagged to those priorities, split by
language, site, age band and race and ethnicity with the same small-cell rule as the
community page: under 11 shows as "<11", with complementary suppression.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
import pandas as pd
import sqlalchemy as sa

from engage.backlog.models import ImprovementItem
from engage.extensions import db
from engage.priorities.inputs import load_inputs
from engage.priorities.models import IdeaTag, PrioritySource, RoundCandidate, VotingRound
from engage.priorities.suppression import CountCell, count_cell, suppress_counts
from engage.surveys.models import Response, Survey

VOICE_DIMENSIONS = ("language", "site", "age_band", "race_ethnicity")


@dataclass
class Voices:
    people: CountCell
    ideas: int
    groups: dict[str, list[tuple[str, CountCell]]] = field(default_factory=dict)
    rounds: list[VotingRound] = field(default_factory=list)  # rounds it was on
    first_raised: datetime | None = None  # when the first of these people began answering


def _cells(counts: pd.Series) -> list[tuple[str, CountCell]]:
    values = counts.to_numpy(dtype=np.int64)
    hidden = suppress_counts(values) if len(values) else np.zeros(0, dtype=bool)
    return [
        (str(group), CountCell(int(count), bool(hide)))
        for group, count, hide in zip(counts.index, values, hidden, strict=True)
    ]


def voices(item: ImprovementItem) -> Voices:
    keys = {link.priority.key for link in item.links}
    priority_ids = [link.priority_id for link in item.links]
    survey_ids = set(
        db.session.scalars(
            sa.select(PrioritySource.survey_id).where(PrioritySource.priority_id.in_(priority_ids))
        )
    )
    respondents: list[pd.DataFrame] = []
    races: list[pd.DataFrame] = []
    heard_ids: list[int] = []
    for survey in db.session.scalars(sa.select(Survey).where(Survey.id.in_(survey_ids))):
        inputs = load_inputs(survey)
        heard = set(inputs.picks.loc[inputs.picks["item"].isin(keys), "respondent_id"])
        heard_ids += [int(respondent) for respondent in heard]
        respondents.append(inputs.respondents[inputs.respondents["respondent_id"].isin(heard)])
        races.append(inputs.race[inputs.race["respondent_id"].isin(heard)])
    people = pd.concat(respondents) if respondents else pd.DataFrame()
    total = len(people)
    result = Voices(
        people=count_cell(total),
        ideas=db.session.scalar(
            sa.select(sa.func.count(sa.distinct(IdeaTag.answer_id))).where(
                IdeaTag.priority_id.in_(priority_ids)
            )
        )
        or 0,
        rounds=_rounds(priority_ids),
        first_raised=db.session.scalar(
            sa.select(sa.func.min(Response.started_at)).where(Response.id.in_(heard_ids))
        )
        if heard_ids
        else None,
    )
    if total == 0:
        return result
    for dimension in VOICE_DIMENSIONS:
        if dimension == "race_ethnicity":
            race = pd.concat(races)
            counts = race["category"].value_counts()
            unknown = total - race["respondent_id"].nunique()
            if unknown:
                counts["unknown"] = unknown
        else:
            counts = people[dimension].value_counts()
        result.groups[dimension] = _cells(counts.sort_index())
    return result


def _rounds(priority_ids: list[int]) -> list[VotingRound]:
    return list(
        db.session.scalars(
            sa.select(VotingRound)
            .where(
                VotingRound.id.in_(
                    sa.select(RoundCandidate.round_id).where(
                        RoundCandidate.priority_id.in_(priority_ids)
                    )
                )
            )
            .order_by(VotingRound.closes_at)
        )
    )
