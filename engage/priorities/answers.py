"""What each respondent said about each priority, as one respondents × columns number table.

Pure pandas/numpy, and no loop over respondents: respondent ids and item keys become
integer codes (``pd.Index.get_indexer``), so a quarter of a million people with a million
answers fit in a few arrays. Any group's figures are then column sums by group code
(``np.bincount``, one pass per column; the table is column-major so each column is one
contiguous array). Race's overlapping groups ("alone or in combination") need nothing
special: a group is a list of (respondent, group) pairs, and a respondent may be in several.
No matrix product: a multi-threaded BLAS stalls when another process holds a core.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

DIMENSIONS = ("language", "site", "age_band", "race_ethnicity", "gender", "channel")
RACE = "race_ethnicity"
UNKNOWN = "unknown"
MULTIPLE = "multiple"
WEIGHTING_COLUMNS = ("language", "age_band", "race_ethnicity", "site")

Floats = npt.NDArray[np.float64]

# The table's column blocks, each one column per item, then three per-respondent columns.
PICKED, POINTS, RATED, RATING, RATING_SQUARED = range(5)
BLOCKS = 5


@dataclass(frozen=True)
class PriorityInputs:
    """Everything ``rank_priorities`` reads, as plain tables (see the column notes)."""

    respondents: pd.DataFrame  # respondent_id, language, site, age_band, gender, channel
    race: pd.DataFrame  # respondent_id, category: one row per category chosen
    picks: pd.DataFrame  # respondent_id, item, position (1..top_n; 0 for an unordered pick)
    importance: pd.DataFrame  # respondent_id, item, value (a Likert answer, 1..k)
    top_n: int  # Borda: position p earns top_n - p + 1 points; position 0 earns none
    items: Sequence[str]  # every item key; earlier wins a tie


@dataclass(frozen=True)
class Sums:
    """The table's columns summed over some groups of respondents (groups × columns)."""

    table: Floats
    n_items: int

    def _block(self, block: int) -> Floats:
        return self.table[:, block * self.n_items : (block + 1) * self.n_items]

    @property
    def picked(self) -> Floats:  # people who put the item in their top N (weighted: Σw)
        return self._block(PICKED)

    @property
    def points(self) -> Floats:  # Borda points
        return self._block(POINTS)

    @property
    def rated(self) -> Floats:  # people who rated the item's importance
        return self._block(RATED)

    @property
    def rating(self) -> Floats:  # sum of the importance ratings
        return self._block(RATING)

    @property
    def rating_squared(self) -> Floats:
        return self._block(RATING_SQUARED)

    @property
    def answered(self) -> Floats:  # people who made any pick
        return self.table[:, BLOCKS * self.n_items]

    @property
    def ranked(self) -> Floats:  # people who gave at least one pick a place
        return self.table[:, BLOCKS * self.n_items + 1]

    @property
    def respondents(self) -> Floats:
        return self.table[:, BLOCKS * self.n_items + 2]


@dataclass(frozen=True)
class AnswerTable:
    """One row per respondent (in ``inputs.respondents`` order), ``BLOCKS`` × items + 3 columns.

    Picks of unknown respondents or items are left out. A respondent who names an item
    twice counts once, with its best place; a repeated rating keeps the last one given.
    """

    respondent_ids: pd.Index
    items: tuple[str, ...]
    data: Floats

    def sums(self, groups: Groups | None = None, weights: Floats | None = None) -> Sums:
        """Column sums over every respondent (times ``weights``), or per group of ``groups``."""
        if groups is None:
            if weights is None:
                return Sums(self.data.sum(axis=0)[None, :], len(self.items))
            return Sums(np.einsum("i,ij->j", weights, self.data)[None, :], len(self.items))
        table = np.empty((len(groups.keys), self.data.shape[1]))
        for column in range(self.data.shape[1]):
            values = self.data[:, column]
            if groups.person is not None:
                values = values[groups.person]
            table[:, column] = np.bincount(groups.group, values, len(groups.keys))
        return Sums(table, len(self.items))


def respondent_frame(inputs: PriorityInputs) -> pd.DataFrame:
    """The respondents once each, every dimension a string column ("unknown" when missing)."""
    frame = inputs.respondents.drop_duplicates("respondent_id").reset_index(drop=True)
    columns = {"respondent_id": frame["respondent_id"]}
    for name in DIMENSIONS:
        if name == RACE:
            continue
        column = frame[name] if name in frame.columns else pd.Series(UNKNOWN, index=frame.index)
        columns[name] = column.fillna(UNKNOWN).astype(str)
    return pd.DataFrame(columns)


def answer_table(respondents: pd.DataFrame, inputs: PriorityInputs) -> AnswerTable:
    ids = pd.Index(respondents["respondent_id"])
    items = tuple(str(item) for item in inputs.items)
    item_index = pd.Index(items)
    n_people, n_items = len(ids), len(items)
    data = np.zeros((n_people, BLOCKS * n_items + 3), dtype=np.float64, order="F")

    picks = inputs.picks
    person = ids.get_indexer(picks["respondent_id"])
    item = item_index.get_indexer(picks["item"].astype(str))
    position = picks["position"].to_numpy(np.int64)
    keep = (person >= 0) & (item >= 0)
    person, item, position = person[keep], item[keep], position[keep]
    placed = (position >= 1) & (position <= inputs.top_n)
    points = np.where(placed, inputs.top_n - position + 1, 0).astype(np.float64)
    data[person, PICKED * n_items + item] = 1.0
    np.maximum.at(data, (person, POINTS * n_items + item), points)
    data[person, BLOCKS * n_items] = 1.0
    data[person[placed], BLOCKS * n_items + 1] = 1.0
    data[:, BLOCKS * n_items + 2] = 1.0

    ratings = inputs.importance
    person = ids.get_indexer(ratings["respondent_id"])
    item = item_index.get_indexer(ratings["item"].astype(str))
    value = ratings["value"].to_numpy(np.float64)
    keep = (person >= 0) & (item >= 0) & ~np.isnan(value)
    cell = person[keep] * n_items + item[keep]
    value = value[keep]
    # np.unique on the reversed cells finds each cell's last rating.
    cell, last = np.unique(cell[::-1], return_index=True)
    value = value[::-1][last]
    person, item = np.divmod(cell, n_items) if n_items else (cell, cell)
    data[person, RATED * n_items + item] = 1.0
    data[person, RATING * n_items + item] = value
    data[person, RATING_SQUARED * n_items + item] = value * value
    return AnswerTable(ids, items, data)


@dataclass(frozen=True)
class Groups:
    """The groups of one dimension and who is in each: (respondent row, group code) pairs.

    ``person`` is None when every respondent is in exactly one group, in row order.
    """

    dimension: str
    keys: list[str]
    group: npt.NDArray[np.intp]
    person: npt.NDArray[np.intp] | None = None


def _order(keys: Sequence[str]) -> list[str]:
    """Groups sorted by their code, "unknown" last; the web layer puts them in its order."""
    return sorted(keys, key=lambda key: (key == UNKNOWN, key))


def dimension_groups(respondents: pd.DataFrame, race: pd.DataFrame, dimension: str) -> Groups:
    """Exclusive groups for every dimension but race; race "alone or in combination"."""
    n_people = len(respondents)
    if dimension == RACE:
        person, chosen = _race_pairs(respondents, race)
        nobody = np.bincount(person, minlength=n_people) == 0
        keys = _order(list(dict.fromkeys([*chosen, *([UNKNOWN] if nobody.any() else [])])))
        group = pd.Index(keys).get_indexer(chosen)
        if nobody.any():
            unknown = np.flatnonzero(nobody)
            person = np.concatenate([person, unknown])
            group = np.concatenate([group, np.full(len(unknown), keys.index(UNKNOWN))])
        return Groups(dimension, keys, group.astype(np.intp), person)
    values = respondents[dimension]
    codes, uniques = pd.factorize(values)
    keys = _order([str(key) for key in uniques])
    codes = pd.Index(keys).get_indexer(pd.Index(uniques).astype(str))[codes]
    return Groups(dimension, keys, codes.astype(np.intp))


def _race_pairs(
    respondents: pd.DataFrame, race: pd.DataFrame
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.object_]]:
    """(respondent row, category) once per category a respondent chose."""
    person = pd.Index(respondents["respondent_id"]).get_indexer(race["respondent_id"])
    category = race["category"].astype(str).to_numpy(object)
    pairs = pd.DataFrame({"person": person, "category": category})
    pairs = pairs[pairs["person"] >= 0].drop_duplicates()
    return pairs["person"].to_numpy(np.intp), pairs["category"].to_numpy(object)


def single_values(respondents: pd.DataFrame, race: pd.DataFrame) -> pd.DataFrame:
    """The weighting dimensions, race as one value: the category, "multiple" or "unknown"."""
    person, chosen = _race_pairs(respondents, race)
    chose = np.bincount(person, minlength=len(respondents))
    single = np.full(len(respondents), UNKNOWN, dtype=object)
    single[chose > 1] = MULTIPLE
    alone = chose[person] == 1
    single[person[alone]] = chosen[alone]
    frame = respondents[[name for name in WEIGHTING_COLUMNS if name != RACE]].copy()
    frame[RACE] = single
    return frame
