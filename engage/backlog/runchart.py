"""Run charts: the median and the four standard run-chart rules, and where to draw them.

Pure: numbers in, plain data out; no Flask and no database, so the rules are tested on
series checked by hand. The rules are those of Perla, Provost & Murray, "The run chart:
a simple analytical tool for learning from variation in healthcare processes", BMJ
Quality & Safety 2011;20:46-51 (the IHI rules):

* **Shift**: 6 or more consecutive points all above, or all below, the median. A point
  exactly on the median neither adds to a shift nor breaks it.
* **Trend**: 5 or more consecutive points all going up, or all going down. Points are
  counted, not steps; a value equal to the one before neither adds nor breaks.
* **Runs**: a run is a stretch of points on one side of the median (points on the median
  skipped); too few or too many runs for the number of useful observations (points not on
  the median), judged against :data:`RUNS_LIMITS`.
* **Astronomical point**: the paper leaves it to judgement ("obviously different"). Here it
  is defined so that two readers always agree: a point farther from the median than three
  estimated standard deviations, the estimate being the average moving range / 1.128 (d2
  for n = 2) as an XmR (individuals) chart makes it, and as far from the points either
  side of it (a one-off, not the first point of a new level). Centred on the median, not
  the mean, so the limits sit on the run chart's own centre line.

The median is of all the points shown, as on a run chart of one phase.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

SHIFT_LENGTH = 6
TREND_LENGTH = 5
FEWEST_FOR_RUNS = 10
D2 = 1.128  # bias correction of a moving range of two points (ASTM / Montgomery, table d2)
SIGMAS = 3.0

# Number of useful observations → (lower, upper) limits for the number of runs. Fewer runs
# than ``lower`` is "too few", more than ``upper`` "too many" (about a 5% risk overall).
# Source: Perla RJ, Provost LP, Murray SK. BMJ Qual Saf 2011;20:46-51, Table 1, adapted
# from Swed FS, Eisenhart C. Ann Math Stat 1943;14:66-87. tests/backlog/test_runchart.py
# checks each row against the exact Swed-Eisenhart distribution (within one run).
RUNS_LIMITS: dict[int, tuple[int, int]] = {
    10: (3, 9), 11: (3, 10), 12: (3, 11), 13: (4, 11), 14: (4, 12),
    15: (5, 12), 16: (5, 13), 17: (5, 13), 18: (6, 14), 19: (6, 15),
    20: (6, 16), 21: (7, 16), 22: (7, 17), 23: (7, 17), 24: (8, 18),
    25: (8, 18), 26: (9, 19), 27: (10, 19), 28: (10, 20), 29: (10, 20),
    30: (11, 21), 31: (11, 22), 32: (11, 23), 33: (12, 23), 34: (12, 24),
    35: (13, 24), 36: (13, 25), 37: (13, 25), 38: (14, 26), 39: (14, 26),
    40: (15, 27), 41: (16, 27), 42: (16, 28), 43: (17, 28), 44: (17, 29),
    45: (17, 30), 46: (17, 31), 47: (18, 31), 48: (18, 32), 49: (19, 32),
    50: (19, 33), 51: (20, 33), 52: (20, 34), 53: (21, 34), 54: (21, 35),
    55: (22, 35), 56: (22, 36), 57: (23, 36), 58: (23, 37), 59: (24, 38),
    60: (24, 38),
}  # fmt: skip


class Rule(enum.StrEnum):
    SHIFT = "shift"
    TREND = "trend"
    ASTRONOMICAL = "astronomical"


class RunsVerdict(enum.StrEnum):
    TOO_FEW_POINTS = "too_few_points"  # under 10 useful observations: not judged
    TOO_FEW_RUNS = "too_few_runs"
    TOO_MANY_RUNS = "too_many_runs"
    EXPECTED = "expected"


@dataclass(frozen=True)
class Signal:
    """One signal: the points it involves (positions in the series) and which way it goes.

    ``upward`` is above the median (shift), rising (trend) or above the upper limit
    (astronomical). ``counted`` is how many points the rule counted: for a trend, equal
    neighbours are drawn as part of it but counted once.
    """

    rule: Rule
    indices: tuple[int, ...]
    upward: bool
    counted: int

    def improvement(self, higher_is_better: bool) -> bool:
        """Whether this signal is good news for a measure with this direction."""
        return self.upward == higher_is_better


@dataclass(frozen=True)
class RunsTest:
    useful: int
    runs: int
    lower: int | None
    upper: int | None
    verdict: RunsVerdict
    approximate: bool = False  # beyond the table: the Swed-Eisenhart normal approximation


@dataclass(frozen=True)
class Analysis:
    values: tuple[float, ...]
    median: float
    sigma: float
    lower_limit: float
    upper_limit: float
    shifts: tuple[Signal, ...]
    trends: tuple[Signal, ...]
    astronomical: tuple[Signal, ...]
    runs: RunsTest
    rules_at: tuple[frozenset[Rule], ...] = field(default=())

    @property
    def signals(self) -> tuple[Signal, ...]:
        return self.shifts + self.trends + self.astronomical

    def on_median(self, index: int) -> bool:
        return _same(self.values[index], self.median)


def _same(a: float, b: float) -> bool:
    # The median of an even count is an average: (62.1 + 62.3) / 2 is 62.199999..., and a
    # point of 62.2 must count as on it.
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _sides(values: Sequence[float], median: float) -> list[tuple[int, bool]]:
    """(position, above?) for every point not on the median: the useful observations."""
    return [(i, value > median) for i, value in enumerate(values) if not _same(value, median)]


def _stretches(sides: list[tuple[int, bool]]) -> list[list[tuple[int, bool]]]:
    stretches: list[list[tuple[int, bool]]] = []
    for side in sides:
        if stretches and stretches[-1][-1][1] == side[1]:
            stretches[-1].append(side)
        else:
            stretches.append([side])
    return stretches


def find_shifts(values: Sequence[float], median: float) -> tuple[Signal, ...]:
    return tuple(
        Signal(Rule.SHIFT, tuple(i for i, _ in run), run[0][1], len(run))
        for run in _stretches(_sides(values, median))
        if len(run) >= SHIFT_LENGTH
    )


def find_trends(values: Sequence[float]) -> tuple[Signal, ...]:
    """Maximal stretches of 5 or more points going one way; a turning point ends one and
    starts the next, so two trends may share it."""
    plateaus: list[list[int]] = []  # consecutive equal values, counted as one point
    for i, value in enumerate(values):
        if plateaus and _same(values[plateaus[-1][0]], value):
            plateaus[-1].append(i)
        else:
            plateaus.append([i])
    levels = [values[plateau[0]] for plateau in plateaus]
    rising = [later > earlier for earlier, later in zip(levels, levels[1:], strict=False)]
    trends: list[Signal] = []
    first = 0
    while first < len(rising):
        last = first
        while last + 1 < len(rising) and rising[last + 1] == rising[first]:
            last += 1
        counted = last - first + 2  # steps first..last join plateaus first..last+1
        if counted >= TREND_LENGTH:
            indices = tuple(i for plateau in plateaus[first : last + 2] for i in plateau)
            trends.append(Signal(Rule.TREND, indices, rising[first], counted))
        first = last + 1
    return tuple(trends)


def _approximate_limits(above: int, below: int) -> tuple[int, int]:
    """Swed-Eisenhart normal approximation (mean ± 1.96 sd), past the table's 60 points."""
    n = above + below
    mean = 1 + 2 * above * below / n
    sd = math.sqrt(2 * above * below * (2 * above * below - n) / (n * n * (n - 1)))
    return math.ceil(mean - 1.96 * sd), math.floor(mean + 1.96 * sd)


def runs_test(values: Sequence[float], median: float) -> RunsTest:
    sides = _sides(values, median)
    useful = len(sides)
    runs = len(_stretches(sides))
    if useful < FEWEST_FOR_RUNS:
        return RunsTest(useful, runs, None, None, RunsVerdict.TOO_FEW_POINTS)
    approximate = useful not in RUNS_LIMITS
    if approximate:
        above = sum(1 for _, up in sides if up)
        lower, upper = _approximate_limits(above, useful - above)
    else:
        lower, upper = RUNS_LIMITS[useful]
    if runs < lower:
        verdict = RunsVerdict.TOO_FEW_RUNS
    elif runs > upper:
        verdict = RunsVerdict.TOO_MANY_RUNS
    else:
        verdict = RunsVerdict.EXPECTED
    return RunsTest(useful, runs, lower, upper, verdict, approximate)


def find_astronomical(
    values: Sequence[float], median: float
) -> tuple[tuple[Signal, ...], float, float, float]:
    """One-off points far from the rest; and the sigma estimate and the limits.

    A point is astronomical when it lies outside median ± 3 sigma (sigma = the average
    moving range / 1.128) *and* is more than 3 sigma from its neighbour on each side (the
    one neighbour at either end). The second condition keeps a new level out: after a
    step change the points of the new level sit far from the old median but close to each
    other, and that sustained change is what the shift and runs rules report.
    """
    series = np.asarray(values, dtype=float)
    sigma = float(np.mean(np.abs(np.diff(series)))) / D2 if len(series) >= 2 else 0.0
    reach = SIGMAS * sigma
    lower, upper = median - reach, median + reach

    def far(a: float, b: float) -> bool:
        return abs(a - b) > reach and not _same(abs(a - b), reach)

    found: list[Signal] = []
    if sigma > 0:
        for i, value in enumerate(values):
            neighbours = [values[j] for j in (i - 1, i + 1) if 0 <= j < len(values)]
            if far(value, median) and all(far(value, other) for other in neighbours):
                found.append(Signal(Rule.ASTRONOMICAL, (i,), value > median, 1))
    return tuple(found), sigma, lower, upper


def analyse(values: Sequence[float]) -> Analysis:
    """Every rule over ``values`` in time order (at least one value)."""
    if not values:
        raise ValueError("a run chart needs at least one value")
    numbers = tuple(float(value) for value in values)
    median = float(np.median(np.asarray(numbers)))
    shifts = find_shifts(numbers, median)
    trends = find_trends(numbers)
    astronomical, sigma, lower, upper = find_astronomical(numbers, median)
    rules_at: list[set[Rule]] = [set() for _ in numbers]
    for signal in shifts + trends + astronomical:
        for i in signal.indices:
            rules_at[i].add(signal.rule)
    return Analysis(
        values=numbers,
        median=median,
        sigma=sigma,
        lower_limit=lower,
        upper_limit=upper,
        shifts=shifts,
        trends=trends,
        astronomical=astronomical,
        runs=runs_test(numbers, median),
        rules_at=tuple(frozenset(rules) for rules in rules_at),
    )


# ---- where to draw it ------------------------------------------------------------------

WIDTH, HEIGHT = 600, 280
MARGIN_AXIS, MARGIN_FAR, MARGIN_TOP, MARGIN_BOTTOM = 56, 16, 16, 36


@dataclass(frozen=True)
class PlottedPoint:
    index: int
    x: float
    y: float
    rules: frozenset[Rule]


@dataclass(frozen=True)
class Layout:
    """SVG coordinates for a run chart. On a right-to-left page time runs from the right
    and the value axis stands on the right, as a reader of Arabic expects; the SVG then
    says ``direction="rtl"`` so that text anchors ("start", "end") mirror with it."""

    width: int
    height: int
    plot_start: float  # x of the first point's edge of the plot area
    plot_end: float
    top: float
    bottom: float
    points: tuple[PlottedPoint, ...]
    line: str  # the polyline's ``points`` attribute
    median_y: float
    baseline_y: float | None
    ticks: tuple[tuple[float, float], ...]  # (y, value)
    axis_x: float
    label_x: float  # value labels end here, beside the axis
    rtl: bool


def nice_ticks(low: float, high: float, most: int = 6) -> list[float]:
    """Round values from ``low`` to ``high`` for the value axis (1, 2, 2.5 or 5 × 10^k)."""
    if high <= low:
        return [low]
    raw = (high - low) / (most - 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.ceil(low / step - 1e-9) * step
    ticks: list[float] = []
    tick = first
    while tick <= high + step * 1e-9:
        ticks.append(round(tick, 10))
        tick += step
    return ticks


def layout(
    values: Sequence[float], analysis: Analysis, baseline: float | None = None, rtl: bool = False
) -> Layout:
    """Coordinates for ``values`` (two or more) with the median and the baseline."""
    shown = [*values, analysis.median] + ([baseline] if baseline is not None else [])
    low, high = min(shown), max(shown)
    pad = (high - low) * 0.1 or max(abs(high) * 0.1, 1.0)
    ticks = nice_ticks(low - pad, high + pad)
    low, high = min(ticks[0], low - pad), max(ticks[-1], high + pad)
    top, bottom = float(MARGIN_TOP), float(HEIGHT - MARGIN_BOTTOM)
    start, end = float(MARGIN_AXIS), float(WIDTH - MARGIN_FAR)
    if rtl:
        start, end = WIDTH - start, WIDTH - end

    def y_of(value: float) -> float:
        return round(bottom - (value - low) / (high - low) * (bottom - top), 1)

    steps = max(len(values) - 1, 1)
    points = tuple(
        PlottedPoint(
            i,
            round(start + (end - start) * i / steps, 1),
            y_of(value),
            analysis.rules_at[i] if analysis.rules_at else frozenset(),
        )
        for i, value in enumerate(values)
    )
    return Layout(
        width=WIDTH,
        height=HEIGHT,
        plot_start=start,
        plot_end=end,
        top=top,
        bottom=bottom,
        points=points,
        line=" ".join(f"{p.x},{p.y}" for p in points),
        median_y=y_of(analysis.median),
        baseline_y=y_of(baseline) if baseline is not None else None,
        ticks=tuple((y_of(tick), tick) for tick in ticks),
        axis_x=start,
        label_x=start + 6 if rtl else start - 6,
        rtl=rtl,
    )
