"""The community priorities of a survey: load its answers, aggregate, and describe them.

The figures come from the pure :mod:`engage.priorities.aggregation`; this module only
chooses the survey, reads the rows and the panel, and names the items.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask_babel import format_percent

from engage.extensions import db
from engage.priorities.aggregation import CommunityPriorities, ItemFigures, rank_priorities
from engage.priorities.inputs import load_inputs
from engage.priorities.items import list_items, priority_surveys, tagged_idea_counts
from engage.priorities.models import PriorityItem, PrioritySource
from engage.priorities.panel import panel_frame
from engage.surveys.models import Survey

WEIGHTINGS = ("raking", "poststratification")
# A group is flagged when its share of respondents is under 80% of its share of the panel.
UNDER_MARGIN = 0.2


@dataclass
class Community:
    survey: Survey
    figures: CommunityPriorities
    items: dict[str, PriorityItem]
    ideas: dict[str, int]  # item key → free-text ideas tagged to it
    has_panel: bool
    top_n: int  # places in the ranking question: first place earns this many points


def surveys_with_priorities() -> list[Survey]:
    """Priority-setting surveys that feed at least one item, newest first."""
    fed = set(db.session.scalars(sa.select(PrioritySource.survey_id).distinct()))
    return [survey for survey in priority_surveys() if survey.id in fed]


def choose_survey(slug: str | None) -> Survey | None:
    surveys = surveys_with_priorities()
    if slug:
        return next((survey for survey in surveys if survey.slug == slug), None)
    return surveys[0] if surveys else None


def community(survey: Survey, weighting: str | None = None) -> Community:
    items = list_items()
    panel = panel_frame()
    inputs = load_inputs(survey, items)
    figures = rank_priorities(
        inputs,
        panel=panel,
        weighting=weighting if panel is not None and weighting in WEIGHTINGS else None,
        under_margin=UNDER_MARGIN,
    )
    counts = tagged_idea_counts()
    return Community(
        survey=survey,
        figures=figures,
        items={item.key: item for item in items},
        ideas={item.key: counts.get(item.id, 0) for item in items},
        has_panel=panel is not None,
        top_n=inputs.top_n,
    )


def snapshot(figures: ItemFigures) -> dict[str, Any]:
    """The community figures a board round keeps beside a candidate, as they were then."""
    return {
        "rank": figures.rank,
        "picked": figures.picked.shown,
        "base": figures.base,
        "share": figures.share,
        "borda_mean": figures.borda_mean,
    }


def chart_bars(
    rows: list[ItemFigures], labels: dict[str, str]
) -> list[tuple[str, float | None, str]]:
    """(label, bar length, figure beside it) for the share chart; hidden shares get no bar."""
    return [
        (
            labels.get(row.item, row.item),
            None if row.share is None else row.share * 100,
            row.picked.shown if row.share is None else format_percent(row.share),
        )
        for row in rows
    ]
