"""Which counts of people to hide in a groups × columns table, so that none can be worked out.

Pure numpy. The rule is engage's everywhere (``SMALL_CELL`` from the survey results): no
count of fewer than 11 people is shown. When a column's cells add up to a total that is
shown (respondents by language add up to all respondents), hiding one small cell is not
enough: the total minus the shown cells gives it back. So more cells are hidden
("complementary suppression") until the hidden ones together hold nobody or at least
``SMALL_CELL`` people. This is ``_hide_derivable`` of ``engage.surveys.results``, for a
whole table at once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from engage.surveys.results import SMALL_CELL, SUPPRESSED

Mask = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class CountCell:
    """A count of people; ``shown`` is what may be printed ("<11" when it is hidden)."""

    count: int
    suppressed: bool = False

    @property
    def shown(self) -> str:
        return SUPPRESSED if self.suppressed else str(self.count)


def count_cell(count: int, hidden: bool = False) -> CountCell:
    """A cell hidden when it is small, or when ``hidden`` says so (complementary)."""
    return CountCell(int(count), bool(hidden) or int(count) < SMALL_CELL)


def small_cells(counts: npt.ArrayLike) -> Mask:
    """Counts under ``SMALL_CELL``, zero included: "nobody" is a small count too."""
    return np.asarray(counts) < SMALL_CELL


def hide_derivable(counts: npt.ArrayLike, hidden: npt.ArrayLike) -> Mask:
    """``hidden`` plus, column by column, the smallest shown cells needed to protect it.

    ``counts`` is groups × columns (a 1-D array is one column). In a column whose hidden
    cells hold between 1 and ``SMALL_CELL - 1`` people, the smallest shown cell is hidden
    too (the first group on a tie), again until the hidden total is 0 or at least
    ``SMALL_CELL``, or nothing is left to hide. A column with nothing hidden is unchanged.
    """
    table = np.asarray(counts, dtype=np.int64)
    mask = np.array(hidden, dtype=bool, copy=True)
    if table.shape != mask.shape:
        raise ValueError(f"counts {table.shape} and hidden {mask.shape} differ in shape")
    one_column = table.ndim == 1
    if one_column:
        table, mask = table[:, None], mask[:, None]
    if table.size:
        biggest = np.iinfo(np.int64).max
        while True:
            hidden_total = np.where(mask, table, 0).sum(axis=0)
            open_columns = (hidden_total > 0) & (hidden_total < SMALL_CELL) & (~mask).any(axis=0)
            columns = np.flatnonzero(open_columns)
            if not columns.size:
                break
            candidates = np.where(mask[:, columns], biggest, table[:, columns])
            mask[candidates.argmin(axis=0), columns] = True
    return mask[:, 0] if one_column else mask


def suppress_counts(counts: npt.ArrayLike, hidden: npt.ArrayLike | None = None) -> Mask:
    """The cells of ``counts`` to hide: the small ones, ``hidden`` ones, and their protectors.

    ``hidden`` marks cells to hide whatever their count (every figure of a group too small
    to show). The result never lets a hidden cell be worked out from a column total.
    """
    table = np.asarray(counts, dtype=np.int64)
    mask = small_cells(table)
    if hidden is not None:
        mask |= np.asarray(hidden, dtype=bool)
    return hide_derivable(table, mask)
