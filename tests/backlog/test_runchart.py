"""The run-chart rules (pure): series checked by hand, then properties any series keeps."""

from __future__ import annotations

from math import comb

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engage.backlog.runchart import (
    RUNS_LIMITS,
    Rule,
    RunsVerdict,
    analyse,
    find_shifts,
    find_trends,
    layout,
    nice_ticks,
    runs_test,
)

# Interpreter access: seven months around 62%, then seven after the change around 73%.
# Sorted, the 7th and 8th values are 64 and 71, so the median is 67.5.
STEP = [62, 60, 63, 61, 64, 62, 63, 71, 74, 72, 75, 73, 76, 74]
# Stable, checked by hand: median 62.5; sides AA BBB AA BB AA BB A = 7 runs (4 to 12 are
# expected for 14 points); longest run 3; longest climb 60, 62, 65, 66 = 4 points.
STABLE = [63, 64, 61, 60, 62, 65, 66, 61, 60, 63, 64, 61, 59, 63]


def test_a_step_change_is_a_shift_on_each_side_of_the_median():
    result = analyse(STEP)
    assert result.median == 67.5
    assert [(s.indices, s.upward) for s in result.shifts] == [
        ((0, 1, 2, 3, 4, 5, 6), False),
        ((7, 8, 9, 10, 11, 12, 13), True),
    ]
    assert result.trends == ()
    assert result.astronomical == ()  # the new level is a shift, not a row of outliers


def test_a_stable_series_has_no_signal():
    result = analyse(STABLE)
    assert result.median == 62.5
    assert result.signals == ()
    assert (result.runs.useful, result.runs.runs) == (14, 7)
    assert result.runs.verdict == RunsVerdict.EXPECTED


def test_five_points_of_six_on_one_side_are_not_a_shift():
    assert find_shifts([4, 4, 4, 4, 4, 2, 4], median=3) == ()


def test_points_on_the_median_neither_add_to_a_shift_nor_break_it():
    # Five above with three on the median between them: still only five.
    assert find_shifts([4, 3, 4, 3, 4, 4, 3, 4], median=3) == ()
    # A sixth above: a shift of six, the points on the median left out of it.
    (shift,) = find_shifts([4, 3, 4, 3, 4, 4, 3, 4, 4], median=3)
    assert shift.indices == (0, 2, 4, 5, 7, 8)
    assert shift.counted == 6 and shift.upward


def test_points_on_the_median_in_a_whole_series():
    # 16 points, median 3 (the 8th and 9th sorted values are both 3).
    values = [1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4, 4, 3, 4, 4]
    result = analyse(values)
    assert result.median == 3
    above = next(s for s in result.shifts if s.upward)
    assert above.indices == (7, 9, 11, 12, 14, 15)
    assert [i for i in range(len(values)) if result.on_median(i)] == [6, 8, 10, 13]
    assert result.runs.useful == 12


def test_five_rising_points_are_a_trend_and_four_are_not():
    (trend,) = find_trends([20, 18, 21, 19, 20, 22, 24, 26, 25, 23, 24, 22])
    assert trend.indices == (3, 4, 5, 6, 7)
    assert trend.upward and trend.counted == 5
    assert find_trends([20, 18, 21, 19, 20, 22, 24, 23, 25, 23]) == ()


def test_equal_neighbours_neither_add_to_a_trend_nor_break_it():
    (trend,) = find_trends([19, 20, 20, 22, 24, 26])
    assert trend.counted == 5  # the repeated 20 counts once
    assert trend.indices == (0, 1, 2, 3, 4, 5)  # but is drawn as part of it
    assert find_trends([19, 20, 20, 22, 24]) == ()  # four points, not five


def test_a_falling_trend_and_a_rising_one_share_their_turning_point():
    up, down = find_trends([1, 2, 3, 4, 5, 4, 3, 2, 1])
    assert up.indices == (0, 1, 2, 3, 4) and up.upward
    assert down.indices == (4, 5, 6, 7, 8) and not down.upward


def test_too_few_runs_against_the_table():
    runs = analyse(STEP).runs
    assert (runs.useful, runs.runs, runs.lower, runs.upper) == (14, 2, 4, 12)
    assert runs.verdict == RunsVerdict.TOO_FEW_RUNS


def test_too_many_runs_against_the_table():
    runs = runs_test([1, 3] * 6, median=2)  # 12 useful points, 12 runs; 3 to 11 expected
    assert (runs.runs, runs.lower, runs.upper) == (12, 3, 11)
    assert runs.verdict == RunsVerdict.TOO_MANY_RUNS
    assert runs_test([1, 3, 3, 1, 1, 3, 3, 1, 1, 3, 3, 1], 2).verdict == RunsVerdict.EXPECTED


def test_runs_need_ten_points_off_the_median():
    runs = runs_test([1, 3, 2, 1, 3, 2, 1, 3, 2, 1, 3, 1], median=2)  # 12 points, 3 on it
    assert runs.useful == 9
    assert runs.verdict == RunsVerdict.TOO_FEW_POINTS
    assert runs.lower is None and runs.upper is None


def test_past_the_table_the_normal_approximation_judges_runs():
    runs = runs_test([1, 3] * 35, median=2)
    assert runs.approximate and runs.verdict == RunsVerdict.TOO_MANY_RUNS


def _exact_limits(n: int) -> tuple[int, int]:
    """Swed-Eisenhart limits at 2.5% in each tail, as many above the median as below."""
    n1, n2 = n // 2, n - n // 2
    total = comb(n, n1)

    def ways(runs: int) -> int:
        k, odd = divmod(runs, 2)
        if not odd:
            return 2 * comb(n1 - 1, k - 1) * comb(n2 - 1, k - 1)
        return comb(n1 - 1, k) * comb(n2 - 1, k - 1) + comb(n1 - 1, k - 1) * comb(n2 - 1, k)

    cumulative, lower = 0, 2
    for runs in range(2, n + 1):
        cumulative += ways(runs)
        if cumulative / total > 0.025:
            lower = runs
            break
    cumulative, upper = 0, n
    for runs in range(n, 1, -1):
        cumulative += ways(runs)
        if cumulative / total > 0.025:
            upper = runs
            break
    return lower, upper


@pytest.mark.parametrize("n", sorted(RUNS_LIMITS))
def test_the_runs_table_agrees_with_swed_and_eisenhart(n):
    """A check on the transcription: each published limit within one run of the exact one."""
    lower, upper = RUNS_LIMITS[n]
    exact_lower, exact_upper = _exact_limits(n)
    assert abs(lower - exact_lower) <= 1 and abs(upper - exact_upper) <= 1
    assert lower < upper


def test_an_astronomical_point_is_flagged():
    values = [62, 61, 63, 62, 64, 60, 95, 62, 63, 61, 62, 64]
    result = analyse(values)
    (point,) = result.astronomical
    assert point.indices == (6,) and point.upward
    # 95 is 33 from the median 62; 3 sigma is 3 × (84 / 11) / 1.128 ≈ 20.3.
    assert round(3 * result.sigma, 1) == 20.3
    assert point.improvement(higher_is_better=True)
    assert not point.improvement(higher_is_better=False)


def test_a_shift_below_the_median_is_an_improvement_when_lower_is_better():
    below = analyse(STEP).shifts[0]
    assert below.improvement(higher_is_better=False)
    assert not below.improvement(higher_is_better=True)


def test_a_flat_series_has_no_signal_and_no_useful_point():
    result = analyse([5.0] * 12)
    assert result.signals == () and result.sigma == 0
    assert result.runs.useful == 0 and result.runs.verdict == RunsVerdict.TOO_FEW_POINTS


def test_a_median_that_is_an_average_of_decimals_still_catches_points_on_it():
    result = analyse([62.1, 62.3, 62.2, 62.2])
    assert [result.on_median(i) for i in range(4)] == [False, False, True, True]


def test_the_layout_runs_right_to_left_on_an_arabic_page():
    result = analyse(STABLE)
    ltr, rtl = layout(STABLE, result, 62), layout(STABLE, result, 62, rtl=True)
    assert ltr.points[0].x < ltr.points[-1].x
    assert rtl.points[0].x > rtl.points[-1].x
    assert [p.y for p in ltr.points] == [p.y for p in rtl.points]
    assert ltr.baseline_y is not None and ltr.top <= ltr.baseline_y <= ltr.bottom
    assert nice_ticks(55, 80) == [55, 60, 65, 70, 75, 80]


series = st.lists(st.integers(min_value=-50, max_value=50), min_size=2, max_size=70)


@given(series)
def test_every_shift_is_six_or_more_points_on_one_side(values):
    result = analyse(values)
    for shift in result.shifts:
        assert shift.counted == len(shift.indices) >= 6
        assert all((values[i] > result.median) == shift.upward for i in shift.indices)
        assert not any(result.on_median(i) for i in shift.indices)


@given(series)
def test_runs_are_one_more_than_the_crossings(values):
    result = analyse(values)
    sides = [v > result.median for i, v in enumerate(values) if not result.on_median(i)]
    crossings = sum(1 for a, b in zip(sides, sides[1:], strict=False) if a != b)
    assert result.runs.runs == (crossings + 1 if sides else 0)
    assert result.runs.useful == len(sides)


@given(series)
def test_every_trend_goes_one_way(values):
    for trend in analyse(values).trends:
        distinct = [values[trend.indices[0]]]
        for i in trend.indices[1:]:
            if values[i] != distinct[-1]:
                distinct.append(values[i])
        assert len(distinct) == trend.counted >= 5
        assert distinct == sorted(distinct, reverse=not trend.upward)


@given(series, st.integers(min_value=1, max_value=9), st.integers(min_value=-100, max_value=100))
def test_the_rules_do_not_depend_on_the_scale(values, scale, offset):
    before = analyse(values)
    after = analyse([scale * v + offset for v in values])
    assert before.rules_at == after.rules_at
    assert before.runs.verdict == after.runs.verdict


@given(series)
def test_turning_the_series_upside_down_turns_every_signal(values):
    before, after = analyse(values), analyse([-v for v in values])
    assert [(s.rule, s.indices) for s in before.signals] == [
        (s.rule, s.indices) for s in after.signals
    ]
    assert [s.upward for s in before.signals] == [not s.upward for s in after.signals]


def test_rules_are_named_as_the_page_marks_them():
    assert {rule.value for rule in Rule} == {"shift", "trend", "astronomical"}
