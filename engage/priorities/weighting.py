"""How the respondents compare with the clinic's patient panel, and weights that correct it.

Pure pandas/numpy. ``values`` has one row per respondent and one value per panel dimension
(race in its single-value form: the category chosen, "multiple" or "unknown"); the panel
has a ``count`` of patients per stratum over any of ``PANEL_DIMENSIONS``.

A value is "in the panel" when the panel has at least one patient with it. A respondent
with a value outside the panel in a weighted dimension (often "unknown") cannot be given a
weight that means anything, so they are left out of the weighted figures and counted as
excluded, never silently given weight 1.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from engage.priorities.suppression import CountCell, count_cell, suppress_counts
from engage.surveys.results import SMALL_CELL

PANEL_DIMENSIONS = ("language", "age_band", "race_ethnicity", "site")
METHODS = ("raking", "poststratification")
TOLERANCE = 1e-6  # on margin shares: a thousandth of a percentage point
MAX_ITERATIONS = 100
UNKNOWN = "unknown"
EMPTY_CELL = "empty_cell"  # fallback_reason: a panel cell with patients has no respondents

Floats = npt.NDArray[np.float64]
Codes = npt.NDArray[np.intp]


@dataclass(frozen=True)
class Representation:
    """One group's share of respondents against its share of the clinic's patients.

    ``respondent_share`` is of the respondents whose value is in the panel, so that
    respondents who did not say (or said "multiple" to a panel without it) do not make
    every group look under-represented; it is None for values outside the panel.
    """

    dimension: str
    group: str
    respondents: CountCell
    respondent_share: float | None
    panel_count: int
    panel_share: float
    ratio: float | None  # respondent_share / panel_share; None when either is unknown or 0
    under: bool  # ratio below 1 - under_margin


@dataclass(frozen=True)
class Weights:
    """One weight per respondent (0 for the excluded, mean 1 over the rest) and how they came."""

    method: str  # what was done: "raking" or "poststratification"
    weights: Floats
    included: npt.NDArray[np.bool_]
    iterations: int
    converged: bool
    max_margin_error: float  # largest |weighted share - panel share| over every margin
    fallback_reason: str | None = None  # why post-stratification gave way to raking
    empty_cells: tuple[tuple[str, ...], ...] = ()  # panel cells with patients, no respondents
    missing_targets: tuple[tuple[str, str], ...] = ()  # (dimension, value) nobody represents

    @property
    def effective_n(self) -> float:
        return kish_effective_n(self.weights[self.included])


def panel_dimensions(panel: pd.DataFrame) -> list[str]:
    return [name for name in PANEL_DIMENSIONS if name in panel.columns]


def panel_margin(panel: pd.DataFrame, dimension: str) -> pd.Series:
    """Patients per value of ``dimension`` (values with patients, in the panel's order)."""
    counts = panel["count"].astype("int64").groupby(panel[dimension].astype(str), sort=False)
    margin = counts.sum()
    return margin[margin > 0]


def kish_effective_n(weights: npt.ArrayLike) -> float:
    """Kish's effective sample size, (Σw)² / Σw²: how many unweighted people the weights
    are worth. Equal weights give n; uneven weights give fewer."""
    array = np.asarray(weights, dtype=np.float64)
    squares = float(np.dot(array, array))
    return float(array.sum()) ** 2 / squares if squares > 0 else 0.0


def margin_error(weights: Floats, codes: Sequence[Codes], targets: Sequence[Floats]) -> float:
    """The largest gap between a weighted margin share and its target share."""
    total = float(weights.sum())
    if total <= 0:
        return 1.0
    return max(
        (
            float(np.abs(np.bincount(code, weights, len(target)) / total - target).max())
            for code, target in zip(codes, targets, strict=True)
            if len(target)
        ),
        default=0.0,
    )


def rake(
    codes: Sequence[Codes],
    targets: Sequence[Floats],
    *,
    tolerance: float = TOLERANCE,
    max_iterations: int = MAX_ITERATIONS,
) -> tuple[Floats, int, bool, float]:
    """Iterative proportional fitting: (weights with mean 1, sweeps, converged, error).

    ``codes[d]`` gives each respondent's value in dimension d (0..k-1) and ``targets[d]``
    the shares the weighted respondents should have (summing to 1; every value held by
    someone). Each sweep scales the weights to fit each margin in turn; it stops when every
    margin is within ``tolerance`` or after ``max_iterations`` sweeps.
    """
    size = len(codes[0]) if codes else 0
    weights = np.ones(size, dtype=np.float64)
    if not size:
        return weights, 0, True, 0.0
    error = margin_error(weights, codes, targets)
    sweeps = 0
    while error >= tolerance and sweeps < max_iterations:
        for code, target in zip(codes, targets, strict=True):
            current = np.bincount(code, weights, len(target))
            factor = np.divide(target * size, current, out=np.ones_like(current), where=current > 0)
            weights *= factor[code]
        sweeps += 1
        error = margin_error(weights, codes, targets)
    weights *= size / weights.sum()
    return weights, sweeps, error < tolerance, error


def weigh(values: pd.DataFrame, panel: pd.DataFrame, method: str) -> Weights:
    """Weights making the respondents look like the panel, by ``method`` (see METHODS).

    Post-stratification uses the panel's full cells (every combination of its dimensions):
    each respondent's weight is their cell's patient share over its respondent share. It
    needs respondents in every cell that has patients; when one is empty it falls back to
    raking and says so. A respondent in a cell without patients is excluded from it.
    Raking fits each dimension's margin alone. A panel value nobody holds cannot be fitted:
    it is listed in ``missing_targets`` and the other values' shares are scaled up to 1.
    """
    if method not in METHODS:
        raise ValueError(f"unknown weighting method {method!r}")
    dimensions = panel_dimensions(panel)
    margins = [panel_margin(panel, name) for name in dimensions]
    all_codes = [
        pd.Index(margin.index).get_indexer(values[name].astype(str))
        for name, margin in zip(dimensions, margins, strict=True)
    ]
    included = np.ones(len(values), dtype=bool)
    for code in all_codes:
        included &= code >= 0
    codes = [code[included] for code in all_codes]
    if method == "poststratification":
        empty_cells, cell_shares, cells = _cells(panel, dimensions, margins, codes)
        if not empty_cells:
            in_cell = cell_shares[cells] > 0
            included[np.flatnonzero(included)[~in_cell]] = False
            cells = cells[in_cell]
            people = np.bincount(cells, minlength=len(cell_shares)).astype(np.float64)
            weighted = np.zeros(len(values))
            size = len(cells)
            if size:
                weighted[included] = cell_shares[cells] * size / people[cells]
            codes = [code[in_cell] for code in codes]
            targets = [(margin / margin.sum()).to_numpy(np.float64) for margin in margins]
            error = margin_error(weighted[included], codes, targets) if size else 0.0
            return Weights(method, weighted, included, 1, True, error)
        fallback: tuple[str | None, tuple[tuple[str, ...], ...]] = (EMPTY_CELL, empty_cells)
    else:
        fallback = (None, ())
    return _raked(values, dimensions, margins, codes, included, fallback)


def _cells(
    panel: pd.DataFrame, dimensions: list[str], margins: list[pd.Series], codes: list[Codes]
) -> tuple[tuple[tuple[str, ...], ...], Floats, Codes]:
    """(panel cells with patients but no respondents, patient share per cell, each
    included respondent's cell), cells numbered over the margins' values."""
    shape = tuple(len(margin) for margin in margins)
    panel_codes = [
        pd.Index(margin.index).get_indexer(panel[name].astype(str))
        for name, margin in zip(dimensions, margins, strict=True)
    ]
    listed = np.all([code >= 0 for code in panel_codes], axis=0)
    panel_cells = np.ravel_multi_index([code[listed] for code in panel_codes], shape)
    size = int(np.prod(shape))
    patients = np.bincount(panel_cells, panel["count"].to_numpy(np.float64)[listed], minlength=size)
    cells = np.ravel_multi_index(codes, shape) if codes and len(codes[0]) else np.zeros(0, int)
    people = np.bincount(cells, minlength=size)
    empty = np.flatnonzero((patients > 0) & (people == 0))
    where = np.unravel_index(empty, shape)
    empty_cells = tuple(
        tuple(str(margin.index[at[k]]) for margin, at in zip(margins, where, strict=True))
        for k in range(len(empty))
    )
    return empty_cells, patients / max(patients.sum(), 1.0), cells


def _raked(
    values: pd.DataFrame,
    dimensions: list[str],
    margins: list[pd.Series],
    codes: list[Codes],
    included: npt.NDArray[np.bool_],
    fallback: tuple[str | None, tuple[tuple[str, ...], ...]],
) -> Weights:
    """Raking over the values someone holds; the others go to ``missing_targets``."""
    missing: list[tuple[str, str]] = []
    fitted_codes, targets = [], []
    for name, margin, code in zip(dimensions, margins, codes, strict=True):
        held = np.bincount(code, minlength=len(margin)) > 0
        missing += [(name, str(value)) for value in margin.index[~held]]
        renumber = np.cumsum(held) - 1
        fitted_codes.append(renumber[code])
        share = margin.to_numpy(np.float64)[held]
        targets.append(share / share.sum() if share.sum() else share)
    raked, sweeps, converged, error = rake(fitted_codes, targets)
    weights = np.zeros(len(values))
    weights[included] = raked
    reason, empty_cells = fallback
    return Weights(
        "raking", weights, included, sweeps, converged, error, reason, empty_cells, tuple(missing)
    )


def representation(
    values: pd.DataFrame, panel: pd.DataFrame, under_margin: float
) -> dict[str, list[Representation]]:
    """Per panel dimension: each group's respondents against its patients.

    Groups are the panel's values in its order, then values only respondents have
    (sorted, "unknown" last). Counts follow the small-cell rule with complementary
    suppression (the groups add up to all respondents). A hidden group is flagged
    ``under`` only when it certainly is, whatever its count under 11 (so the flag says
    nothing the "<11" does not) and its true ratio agrees.
    """
    result: dict[str, list[Representation]] = {}
    for name in panel_dimensions(panel):
        margin = panel_margin(panel, name)
        panel_total = int(margin.sum())
        held = values[name].astype(str).value_counts()
        others = sorted(set(held.index) - set(margin.index), key=lambda v: (v == UNKNOWN, v))
        groups = [*map(str, margin.index), *others]
        counts = np.array([int(held.get(group, 0)) for group in groups], dtype=np.int64)
        hidden = suppress_counts(counts)
        in_panel = np.arange(len(groups)) < len(margin)
        known = int(counts[in_panel].sum())
        rows = []
        for index, group in enumerate(groups):
            patients = int(margin.iloc[index]) if in_panel[index] else 0
            panel_share = patients / panel_total if panel_total else 0.0
            true_share = counts[index] / known if in_panel[index] and known else None
            true_ratio = (
                true_share / panel_share if true_share is not None and panel_share else None
            )
            below = true_ratio is not None and true_ratio < 1 - under_margin
            if hidden[index]:
                certain = (1 - under_margin) * panel_share * known >= SMALL_CELL
                share, ratio, under = None, None, bool(below and certain)
            else:
                share, ratio, under = true_share, true_ratio, bool(below)
            rows.append(
                Representation(
                    name,
                    group,
                    count_cell(int(counts[index]), bool(hidden[index])),
                    None if share is None else float(share),
                    patients,
                    float(panel_share),
                    None if ratio is None else float(ratio),
                    under,
                )
            )
        result[name] = rows
    return result
