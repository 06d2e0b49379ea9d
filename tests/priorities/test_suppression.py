"""Small cells in a groups × columns table: hidden, and never derivable from a total."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

from engage.priorities.suppression import count_cell, hide_derivable, suppress_counts
from engage.surveys.results import SMALL_CELL, SUPPRESSED


def test_ten_people_are_hidden_and_eleven_are_shown():
    assert suppress_counts([10]).tolist() == [True]
    assert suppress_counts([11]).tolist() == [False]
    assert count_cell(10).shown == SUPPRESSED == "<11"
    assert count_cell(11).shown == "11"
    assert count_cell(0).suppressed  # "nobody" is a small count too


def test_a_hidden_cell_of_four_hides_the_smallest_shown_one_with_it():
    # 4 + 30 + 50 = 84 is shown: with only the 4 hidden, 84 - 30 - 50 gives it back.
    assert suppress_counts([50, 4, 30]).tolist() == [False, True, True]


def test_hidden_cells_holding_eleven_together_need_no_more():
    assert suppress_counts([5, 6, 40, 50]).tolist() == [True, True, False, False]


def test_a_column_with_nothing_hidden_is_unchanged():
    table = np.array([[4, 20], [30, 25], [50, 40]])
    assert suppress_counts(table).tolist() == [[True, False], [True, False], [False, False]]


def test_the_first_of_two_equal_smallest_cells_is_hidden():
    assert suppress_counts([30, 3, 30]).tolist() == [True, True, False]


def test_a_group_hidden_whatever_its_counts_is_protected_too():
    # The first group is hidden (too few respondents elsewhere): its 6 needs a partner.
    hidden = np.array([[True], [False], [False]])
    assert suppress_counts(np.array([[6], [12], [40]]), hidden).tolist() == [
        [True],
        [True],
        [False],
    ]


def test_hide_derivable_keeps_what_is_already_hidden():
    mask = hide_derivable([3, 20, 25], [True, False, False])
    assert mask.tolist() == [True, True, False]
    with pytest.raises(ValueError):
        hide_derivable([3, 20], [True])


def test_everything_hidden_stays_hidden_without_looping():
    assert suppress_counts([1, 2, 3]).tolist() == [True, True, True]
    assert suppress_counts(np.zeros((0, 3), dtype=int)).shape == (0, 3)


@given(
    arrays(np.int64, array_shapes(min_dims=2, max_dims=2, max_side=8), elements=st.integers(0, 60))
)
def test_no_hidden_cell_can_be_worked_out_from_its_column_total(table):
    mask = suppress_counts(table)
    assert (mask | (table >= SMALL_CELL)).all()  # every small cell is hidden
    assert (table[~mask] >= SMALL_CELL).all()  # every shown count is at least 11
    for column in range(table.shape[1]):
        hidden = mask[:, column]
        total = int(table[hidden, column].sum())
        assert total == 0 or total >= SMALL_CELL or hidden.all()
        # One more cell (itself at least 11) always suffices to protect the small ones.
        assert int((hidden & (table[:, column] >= SMALL_CELL)).sum()) <= 1
