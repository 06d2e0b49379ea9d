"""Community priorities: what respondents put first, overall and group by group.

Pure pandas/numpy; codes and numbers out, the web layer writes the labels. The rules:

* **Figures.** ``share`` is the people who put an item in their top N (any place, an
  unordered pick too) over the people who made any pick. Borda: place p of N earns
  N - p + 1 points, an unordered pick none; ``borda_mean`` is points per respondent who
  placed at least one pick. Importance is the mean rating on the question's own scale,
  with a 95% confidence interval from Student's t (n - 1 degrees of freedom; weighted
  figures use Kish's effective n of the item's raters in place of n, and the weighted
  variance).
* **Ranking.** Share, then Borda points, then importance mean (highest first), then the
  order of ``items``. A figure takes part only when at least 11 people stand behind its
  denominator, and a group under 11 is not ranked at all: a rank must not tell what a
  handful of people chose. Ranks use the true figures, so a hidden count still has a rank.
* **Small cells.** No count under 11 is shown (``engage.surveys.results.SMALL_CELL``) and
  nothing is derived from a hidden count. A group whose count is hidden shows no figures.
  Splits also get complementary suppression (``suppression.suppress_counts``), column by
  column over the groups: respondents, and each item's pick and rating counts. Race is
  "alone or in combination", so its groups overlap and do not add up to the total; it
  gets the same treatment anyway, which only ever hides more.
* **Weighting** (with a panel): see ``weighting``. Race is then one value per person (the
  category, "multiple" or "unknown"); the weighted figures are overall only, and their
  counts are the unweighted people behind them, so the small-cell rule still holds.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import pandas as pd

from engage.priorities.answers import (
    DIMENSIONS,
    AnswerTable,
    Groups,
    PriorityInputs,
    Sums,
    answer_table,
    dimension_groups,
    respondent_frame,
    single_values,
)
from engage.priorities.figures import (
    CommunityPriorities,
    Disagreement,
    GroupFigures,
    ItemFigures,
    WeightedResult,
    report_table,
)
from engage.priorities.suppression import count_cell, small_cells, suppress_counts
from engage.priorities.weighting import panel_dimensions, weigh
from engage.priorities.weighting import representation as panel_representation
from engage.surveys.results import SMALL_CELL

__all__ = [
    "DIMENSIONS",
    "CommunityPriorities",
    "Disagreement",
    "GroupFigures",
    "ItemFigures",
    "PriorityInputs",
    "WeightedResult",
    "rank_priorities",
    "report_table",
    "t_quantile_975",
]

Floats = npt.NDArray[np.float64]
Mask = npt.NDArray[np.bool_]


def t_quantile_975(df: npt.ArrayLike) -> Floats:
    """Student's t 97.5% point, by the Cornish-Fisher series in the normal quantile
    (Abramowitz & Stegun 26.7.5): within 1e-5 from 10 degrees of freedom up, which is
    every interval shown (11 people at least). scipy is a test-only dependency."""
    nu = np.asarray(df, dtype=np.float64)
    z = 1.959963984540054
    with np.errstate(divide="ignore", invalid="ignore"):
        return (
            z
            + (z**3 + z) / (4 * nu)
            + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * nu**2)
            + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * nu**3)
            + (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / (92160 * nu**4)
        )


def _ratio(top: Floats, bottom: Floats) -> Floats:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(bottom > 0, top / np.where(bottom > 0, bottom, 1.0), np.nan)


def _figures(
    items: Sequence[str],
    people: Sums,
    values: Sums,
    squares: Sums,
    hidden_picked: Mask,
    hidden_rated: Mask,
    shown: Mask,
) -> list[dict[str, ItemFigures]]:
    """Each group's ItemFigures, by item, ranked. ``people`` counts people, ``values`` sums
    the (weighted) answers and ``squares`` sums squared weights (Kish's n per item)."""
    share = _ratio(values.picked, values.answered[:, None])
    borda_mean = _ratio(values.points, values.ranked[:, None])
    mean = _ratio(values.rating, values.rated)
    effective = _ratio(values.rated**2, squares.rated)
    spread = np.clip(_ratio(values.rating_squared, values.rated) - mean**2, 0.0, None)
    with np.errstate(divide="ignore", invalid="ignore"):
        half = t_quantile_975(effective - 1) * np.sqrt(spread / (effective - 1))
    half[~(effective >= 2)] = np.nan  # no interval from one effective person
    answered_enough = people.answered >= SMALL_CELL
    result = []
    for group in range(len(people.table)):
        if not shown[group]:
            result.append({})
            continue
        order = _rank_order(
            share[group] if answered_enough[group] else None,
            values.points[group] if answered_enough[group] else None,
            np.where(people.rated[group] >= SMALL_CELL, mean[group], np.nan),
        )
        base = int(people.answered[group])
        figures = {}
        for rank, index in enumerate(order, 1):
            no_picks = bool(hidden_picked[group, index])
            no_rating = bool(hidden_rated[group, index])
            figures[items[index]] = ItemFigures(
                item=items[index],
                rank=rank,
                picked=count_cell(int(people.picked[group, index]), no_picks),
                base=base,
                share=_shown(share[group, index], no_picks),
                borda_points=_shown(values.points[group, index], no_picks),
                borda_mean=_shown(borda_mean[group, index], no_picks),
                importance_mean=_shown(mean[group, index], no_rating),
                importance_low=_shown(mean[group, index] - half[group, index], no_rating),
                importance_high=_shown(mean[group, index] + half[group, index], no_rating),
                importance_n=count_cell(int(people.rated[group, index]), no_rating),
            )
        result.append(figures)
    return result


def _shown(value: float, hidden: bool) -> float | None:
    return None if hidden or not np.isfinite(value) else float(value)


def _rank_order(share: Floats | None, points: Floats | None, mean: Floats) -> list[int]:
    """Item indexes, rank 1 first: share, Borda points, importance, then ``items`` order."""
    n_items = len(mean)

    def highest_first(value: Floats | None) -> Floats:
        if value is None:
            return np.zeros(n_items)
        return np.where(np.isnan(value), np.inf, -value)

    keys = (np.arange(n_items), highest_first(mean), highest_first(points), highest_first(share))
    return [int(index) for index in np.lexsort(keys)]


def _item_masks(people: Sums, hidden_groups: Mask, complementary: bool) -> tuple[Mask, Mask]:
    """Hidden pick and rating counts: small, in a hidden group, or protecting another."""
    rows = np.broadcast_to(hidden_groups[:, None], people.picked.shape)
    if not complementary:
        return small_cells(people.picked) | rows, small_cells(people.rated) | rows
    return suppress_counts(people.picked, rows), suppress_counts(people.rated, rows)


def _overall(table: AnswerTable, population: int) -> list[ItemFigures]:
    people = table.sums()
    hidden = np.array([population < SMALL_CELL])
    picked, rated = _item_masks(people, hidden, complementary=False)
    figures = _figures(table.items, people, people, people, picked, rated, np.array([True]))
    return list(figures[0].values())


def _split(table: AnswerTable, groups: Groups) -> tuple[Sums, Mask, Mask, Mask]:
    people = table.sums(groups)
    hidden_groups = suppress_counts(people.respondents)
    picked, rated = _item_masks(people, hidden_groups, complementary=True)
    return people, hidden_groups, picked, rated


def _disagreements(
    splits: dict[str, list[GroupFigures]], overall: list[ItemFigures], gap: int
) -> list[Disagreement]:
    """Items a group ranks ``gap`` or more places from overall, biggest gap first.

    Only groups ranked on their own answers count: a group shown but with fewer than 11
    picks and no rating from 11 people is listed in ``items`` order, which says nothing.
    And only items whose count in the group is shown: a rank worked out from a hidden
    count ("1st among 23 Vietnamese speakers" with 9 picks) is a figure derived from it.
    """
    overall_rank = {figures.item: figures.rank for figures in overall}
    found = [
        Disagreement(item, group.dimension, group.group, figures.rank, overall_rank[item])
        for groups in splits.values()
        for group in groups
        if _ranked_on_answers(group.items)
        for item, figures in group.items.items()
        if not figures.picked.suppressed and abs(figures.rank - overall_rank[item]) >= gap
    ]
    dimension_order = {name: index for index, name in enumerate(splits)}
    found.sort(
        key=lambda d: (-d.gap, dimension_order[d.dimension], d.group, d.overall_rank, d.item)
    )
    return found


def _ranked_on_answers(items: dict[str, ItemFigures]) -> bool:
    return any(
        figures.base >= SMALL_CELL or figures.importance_n.count >= SMALL_CELL
        for figures in items.values()
    )


def _weighted(
    table: AnswerTable, values: pd.DataFrame, panel: pd.DataFrame, method: str
) -> WeightedResult:
    weights = weigh(values, panel, method)
    people = table.sums(weights=weights.included.astype(np.float64))
    weighted = table.sums(weights=weights.weights)
    squares = table.sums(weights=weights.weights**2)
    count = int(weights.included.sum())
    hidden = np.array([count < SMALL_CELL])
    picked, rated = _item_masks(people, hidden, complementary=False)
    figures = _figures(table.items, people, weighted, squares, picked, rated, np.array([True]))
    return WeightedResult(
        method=weights.method,
        effective_n=weights.effective_n,
        respondents_weighted=count,
        excluded=len(values) - count,
        iterations=weights.iterations,
        converged=weights.converged,
        max_margin_error=weights.max_margin_error,
        overall=list(figures[0].values()),
        fallback_reason=weights.fallback_reason,
        empty_cells=weights.empty_cells,
        missing_targets=weights.missing_targets,
    )


def rank_priorities(
    inputs: PriorityInputs,
    *,
    panel: pd.DataFrame | None = None,
    weighting: str | None = "raking",
    under_margin: float = 0.2,
    disagreement_gap: int = 3,
    dimensions: Sequence[str] = DIMENSIONS,
) -> CommunityPriorities:
    """The community's priorities overall, by group, against the panel, and weighted.

    ``weighting`` is "raking", "poststratification" or None; it and the representation
    table need a ``panel`` with at least one of language, age_band, race_ethnicity, site.
    """
    unknown = [name for name in dimensions if name not in DIMENSIONS]
    if unknown:
        raise ValueError(f"unknown dimensions {unknown}; expected some of {DIMENSIONS}")
    respondents = respondent_frame(inputs)
    table = answer_table(respondents, inputs)
    population = len(respondents)
    overall = _overall(table, population)

    splits: dict[str, list[GroupFigures]] = {}
    for name in dimensions:
        groups = dimension_groups(respondents, inputs.race, name)
        people, hidden_groups, picked, rated = _split(table, groups)
        figures = _figures(table.items, people, people, people, picked, rated, ~hidden_groups)
        splits[name] = [
            GroupFigures(
                name,
                key,
                count_cell(int(people.respondents[index]), bool(hidden_groups[index])),
                figures[index],
                list(figures[index]),
            )
            for index, key in enumerate(groups.keys)
        ]

    ranked_overall = _ranked_on_answers({figures.item: figures for figures in overall})
    disagreements = _disagreements(splits, overall, disagreement_gap) if ranked_overall else []
    if panel is None or not panel_dimensions(panel) or int(panel["count"].sum()) <= 0:
        return CommunityPriorities(population, overall, splits, disagreements)
    values = single_values(respondents, inputs.race)
    return CommunityPriorities(
        respondents=population,
        overall=overall,
        splits=splits,
        disagreements=disagreements,
        representation=panel_representation(values, panel, under_margin),
        weighted=_weighted(table, values, panel, weighting) if weighting else None,
    )
