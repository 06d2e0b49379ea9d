"""The demo clinic's measures, data points and PDSA cycles for its two chosen items.

Deterministic: every figure is written here, and the dates count back from ``now``, so
the demo looks the same whenever it is loaded. The interpreter measure shifts up after
the change (a shift on its run chart); the no-show rate drifts down (a trend).
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta

from engage.backlog import cycles, measures
from engage.backlog.models import DataPoint, Direction, ImprovementItem, Measure
from engage.extensions import db

# Share of visits with a needed interpreter present, by month: seven months around 62%,
# then seven after same-day interpreter requests and video interpreting began.
INTERPRETER_MONTHLY = (62, 60, 63, 61, 64, 62, 63, 71, 74, 72, 75, 73, 77, 76)
CHANGE_MONTH = 7  # the first month of the new process (0-based)
# No-show rate by week, drifting down as reminders in patients' languages went out.
NO_SHOW_WEEKLY = (
    18.4, 18.9, 17.8, 18.2, 17.5, 17.9, 17.1, 16.4,
    16.8, 15.9, 15.2, 14.6, 14.1, 13.5, 13.8, 13.2,
)  # fmt: skip


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _months_back(today: date, count: int) -> list[date]:
    """The last day of each of the ``count`` months before this one, oldest first."""
    year, month = today.year, today.month
    ends: list[date] = []
    for _ in range(count):
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        ends.append(_month_end(year, month))
    return ends[::-1]


def _add_points(measure: Measure, points: list[tuple[date, float]]) -> None:
    measure.points.extend(DataPoint(measure_id=measure.id, on=on, value=v) for on, v in points)


def _interpreter(item: ImprovementItem, today: date) -> None:
    measure = measures.add_measure(
        item,
        measures.MeasureInput(
            name="Visits with a needed interpreter present",
            unit="%",
            direction=Direction.UP,
            baseline=62,
        ),
    )
    months = _months_back(today, len(INTERPRETER_MONTHLY))
    _add_points(measure, list(zip(months, INTERPRETER_MONTHLY, strict=True)))
    first_test = months[CHANGE_MONTH - 1] - timedelta(days=20)
    cycles.add_cycle(
        item,
        cycles.CycleInput(
            question=(
                "If the front desk requests an interpreter at check-in for every patient "
                "who needs one, will one be present within 30 minutes?"
            ),
            prediction="At least 8 of 10 requests at Eastside met within 30 minutes.",
            plan_on=first_test,
            done=(
                "For one week the Eastside front desk flagged interpreter needs at check-in "
                "and called the interpreter line straight away (42 visits)."
            ),
            done_on=first_test + timedelta(days=7),
            study=(
                "31 of 42 (74%) had an interpreter within 30 minutes, short of the "
                "prediction. Vietnamese and Arabic requests waited longest: the phone line "
                "had one interpreter for each on shift."
            ),
            decision="adapt",
            decided_on=first_test + timedelta(days=10),
        ),
        None,
    )
    second_test = months[CHANGE_MONTH] - timedelta(days=25)
    cycles.add_cycle(
        item,
        cycles.CycleInput(
            question=(
                "If we add video interpreting when no phone interpreter is free, will 9 of "
                "10 requests be met at both sites?"
            ),
            prediction="9 of 10 met at Eastside and Riverside; fewer visits rescheduled.",
            plan_on=second_test,
            done=(
                "Two tablets with video interpreting at each site, used whenever the phone "
                "line had no interpreter free, for two weeks (88 visits)."
            ),
            done_on=second_test + timedelta(days=14),
            study=(
                "80 of 88 (91%) met. Since then the monthly share has stayed above the "
                "median every month, a shift on the run chart, and no visit was rescheduled "
                "for want of an interpreter."
            ),
            decision="adopt",
            decided_on=months[-2] + timedelta(days=5),
        ),
        None,
    )


def _no_shows(item: ImprovementItem, today: date) -> None:
    measure = measures.add_measure(
        item,
        measures.MeasureInput(name="No-show rate", unit="%", direction=Direction.DOWN, baseline=18),
    )
    last_monday = today - timedelta(days=today.weekday() + 7)
    weeks = [last_monday - timedelta(weeks=n) for n in range(len(NO_SHOW_WEEKLY))][::-1]
    _add_points(measure, list(zip(weeks, NO_SHOW_WEEKLY, strict=True)))
    start = weeks[7]
    cycles.add_cycle(
        item,
        cycles.CycleInput(
            question=(
                "If patients get a reminder text in their preferred language two days "
                "before the visit, will fewer of them miss it?"
            ),
            prediction="The no-show rate at Riverside falls from 18% to 14% within two months.",
            plan_on=start - timedelta(days=7),
            done=(
                "Reminders in English, Spanish, Vietnamese, Chinese and Arabic sent to "
                "consented patients two days before each Riverside visit."
            ),
            done_on=start,
        ),
        None,
    )


def add_demo_measures(
    item_interpreter: ImprovementItem, item_no_shows: ImprovementItem, now: datetime
) -> None:
    """Add the demo measures, data points and cycles to the two items; the caller commits."""
    today = now.date()
    _interpreter(item_interpreter, today)
    _no_shows(item_no_shows, today)
    db.session.flush()
