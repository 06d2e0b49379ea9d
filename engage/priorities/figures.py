"""What the community priorities come to, as plain dataclasses, and their rows for a CSV.

Plain Python values only (ints, floats, strings, None), so a template prints them and a
board round can keep a snapshot. Counts are ``CountCell``s: print ``.shown``, never
``.count``. A figure worked out from a hidden count is None.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from engage.priorities.suppression import CountCell
from engage.priorities.weighting import Representation
from engage.surveys.results import SMALL_CELL, SUPPRESSED


@dataclass(frozen=True)
class ItemFigures:
    """One item's figures in one population; None where the count behind it is hidden."""

    item: str
    rank: int
    picked: CountCell  # people who put it in their top N
    base: int  # people who made any pick: the share's denominator
    share: float | None
    borda_points: float | None  # hidden with ``picked``, as on the survey results page
    borda_mean: float | None
    importance_mean: float | None
    importance_low: float | None  # 95% CI, Student's t
    importance_high: float | None
    importance_n: CountCell

    @property
    def base_shown(self) -> str:
        """The base as it may be printed: it is a count of people too."""
        return SUPPRESSED if self.base < SMALL_CELL else str(self.base)


@dataclass(frozen=True)
class GroupFigures:
    """One group of a split; ``items`` and ``ranked`` are empty when the group is hidden."""

    dimension: str
    group: str
    respondents: CountCell
    items: dict[str, ItemFigures] = field(default_factory=dict)
    ranked: list[str] = field(default_factory=list)  # item keys, rank 1 first


@dataclass(frozen=True)
class Disagreement:
    """A group ranks an item far from where everyone together ranks it."""

    item: str
    dimension: str
    group: str
    group_rank: int
    overall_rank: int

    @property
    def gap(self) -> int:
        return abs(self.group_rank - self.overall_rank)


@dataclass(frozen=True)
class WeightedResult:
    """The overall figures with respondents weighted to look like the patient panel.

    Counts stay the unweighted people behind each figure, so the small-cell rule holds.
    """

    method: str  # what was done: "raking" or "poststratification"
    effective_n: float  # Kish: (Σw)² / Σw²
    respondents_weighted: int
    excluded: int  # a value (post-stratification: a cell) not in the panel
    iterations: int
    converged: bool
    max_margin_error: float
    overall: list[ItemFigures]
    fallback_reason: str | None = None  # "empty_cell": post-stratification gave way to raking
    empty_cells: tuple[tuple[str, ...], ...] = ()  # panel cells with patients, no respondents
    missing_targets: tuple[tuple[str, str], ...] = ()  # (dimension, value) nobody represents


@dataclass(frozen=True)
class CommunityPriorities:
    respondents: int
    overall: list[ItemFigures]
    splits: dict[str, list[GroupFigures]]
    disagreements: list[Disagreement]
    representation: dict[str, list[Representation]] = field(default_factory=dict)
    weighted: WeightedResult | None = None


ITEM_COLUMNS = [
    "rank",
    "item",
    "picked",
    "base",
    "share",
    "borda_points",
    "borda_mean",
    "importance_mean",
    "importance_low",
    "importance_high",
    "importance_n",
]
GROUP_COLUMNS = ["dimension", "group", "respondents"]


def _item_row(figures: ItemFigures) -> dict[str, object]:
    return {
        "rank": figures.rank,
        "item": figures.item,
        "picked": figures.picked.shown,
        "base": figures.base_shown,
        "share": figures.share,
        "borda_points": figures.borda_points,
        "borda_mean": figures.borda_mean,
        "importance_mean": figures.importance_mean,
        "importance_low": figures.importance_low,
        "importance_high": figures.importance_high,
        "importance_n": figures.importance_n.shown,
    }


def report_table(result: CommunityPriorities, by: str | None) -> pd.DataFrame:
    """The rows of a CSV export: overall (``by=None``) or one row per group × item.

    Counts are text as they may be shown ("<11" when hidden); a derived figure of a hidden
    count is blank. A hidden group still gets a row per item (in overall order), every
    figure blank, so the file says the group exists without saying what it chose.
    """
    if by is None:
        return pd.DataFrame(
            [_item_row(figures) for figures in result.overall], columns=ITEM_COLUMNS
        )
    if by not in result.splits:
        raise ValueError(f"no split by {by!r}; expected one of {sorted(result.splits)}")
    rows: list[dict[str, object]] = []
    for group in result.splits[by]:
        head = {"dimension": by, "group": group.group, "respondents": group.respondents.shown}
        if group.items:
            rows += [{**head, **_item_row(group.items[item])} for item in group.ranked]
        else:
            rows += [{**head, "item": figures.item} for figures in result.overall]
    return pd.DataFrame(rows, columns=[*GROUP_COLUMNS, *ITEM_COLUMNS])
