"""Operations on an item's measures and their data points: add, edit, record, import.

Each change writes its audit event; the view commits. An import is checked whole before
anything is written, so a file with one bad row changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _

from engage.backlog.models import DataPoint, Direction, ImprovementItem, Measure
from engage.backlog.pdsa_files import (
    RowProblem,
    measure_key,
    parse_day,
    parse_number,
    plan_points,
    point_problem,
)
from engage.backlog.services import BacklogRefused
from engage.core import audit
from engage.core.models import AuditAction
from engage.extensions import db
from engage.people.importing import ImportProblem
from engage.people.imports import problem_message

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_PROBLEMS_SHOWN = 30


class ImportRefused(BacklogRefused):
    """A file refused whole; ``problems`` says what is wrong on which row."""

    def __init__(self, message: object, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


@dataclass
class MeasureInput:
    name: str
    direction: Direction
    unit: str = ""
    baseline: float | None = None


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int


def is_percent(measure: Measure) -> bool:
    return measure.unit.strip() == "%"


def find_measure(item: ImprovementItem, measure_id: int) -> Measure | None:
    return next((m for m in item.measures if m.id == measure_id), None)


def _check(item: ImprovementItem, data: MeasureInput, measure: Measure | None) -> None:
    if not data.name.strip():
        raise BacklogRefused(_("Give the measure a name."))
    if len(data.name.strip()) > 200 or len(data.unit.strip()) > 40:
        raise BacklogRefused(_("A name is at most 200 characters and a unit at most 40."))
    # Imports name measures, so two with one name on an item would be ambiguous.
    taken = {measure_key(m.name) for m in item.measures if m is not measure}
    if measure_key(data.name) in taken:
        raise BacklogRefused(_("This item already has a measure with that name."))
    if data.unit.strip() == "%" and data.baseline is not None and not 0 <= data.baseline <= 100:
        raise BacklogRefused(_("A baseline in percent is between 0 and 100."))


def add_measure(item: ImprovementItem, data: MeasureInput) -> Measure:
    _check(item, data, None)
    measure = Measure(
        item_id=item.id,
        name=data.name.strip(),
        unit=data.unit.strip(),
        direction=data.direction,
        baseline=data.baseline,
    )
    db.session.add(measure)
    item.measures.append(measure)
    db.session.flush()
    audit.record(
        AuditAction.CREATE,
        "improvement_measure",
        measure.id,
        {"item": item.id, "name": measure.name},
    )
    return measure


def update_measure(measure: Measure, data: MeasureInput) -> None:
    _check(measure.item, data, measure)
    if data.unit.strip() == "%" and any(not 0 <= p.value <= 100 for p in measure.points):
        raise BacklogRefused(_("Some data points are outside 0 to 100, so the unit cannot be %."))
    measure.name = data.name.strip()
    measure.unit = data.unit.strip()
    measure.direction = data.direction
    measure.baseline = data.baseline
    db.session.flush()
    audit.record(AuditAction.UPDATE, "improvement_measure", measure.id, {"name": measure.name})


def point_message(code: str, value: str = "") -> str:
    """What is wrong with a data point, in the reader's language."""
    messages = {
        "missing_date": _("The date is missing."),
        "bad_date": _(
            "“%(value)s” is not a date. Write it as 2026-03-31 (or 3/31/2026).", value=value
        ),
        "missing_value": _("The value is missing."),
        "bad_value": _("“%(value)s” is not a number.", value=value),
        "bad_percent": _("“%(value)s” is not a percentage between 0 and 100.", value=value),
        "repeated_date": _("The date %(value)s is already on an earlier row.", value=value),
        "unknown_measure": _("“%(value)s” is not one of this item's measures.", value=value),
        "missing_measure": _("The measure is missing."),
    }
    return messages[code]


def record_point(measure: Measure, on_text: str, value_text: str) -> tuple[DataPoint, bool]:
    """Record one data point from what was typed; True when it replaced the date's value."""
    problem = point_problem(on_text, value_text, is_percent(measure))
    if problem is not None:
        raise BacklogRefused(point_message(*problem))
    on, value = parse_day(on_text), parse_number(value_text)
    assert on is not None and value is not None  # point_problem checked both
    detail: dict[str, object] = {"measure": measure.id, "on": on.isoformat(), "value": value}
    point = next((p for p in measure.points if p.on == on), None)
    updated = point is not None
    if point is None:
        point = DataPoint(measure_id=measure.id, on=on, value=value)
        db.session.add(point)
        measure.points.append(point)
        measure.points.sort(key=lambda p: p.on)
    else:
        detail["before"] = point.value
        point.value = value
    db.session.flush()
    action = AuditAction.UPDATE if updated else AuditAction.CREATE
    audit.record(action, "improvement_data_point", point.id, detail)
    return point, updated


def delete_point(measure: Measure, point_id: int) -> DataPoint:
    point = next((p for p in measure.points if p.id == point_id), None)
    if point is None:
        raise BacklogRefused(_("That data point is not on this measure."))
    measure.points.remove(point)
    db.session.delete(point)
    db.session.flush()
    audit.record(
        AuditAction.UPDATE,
        "improvement_measure",
        measure.id,
        {"deleted_point": point.on.isoformat(), "value": point.value},
    )
    return point


def row_message(problem: RowProblem) -> str:
    return _(
        "Row %(row)d: %(problem)s",
        row=problem.row,
        problem=point_message(problem.code, problem.value),
    )


def file_problem_message(problem: ImportProblem) -> str:
    """A file refused as a whole (shared with the cycle import)."""
    messages = {
        "no_measures": _("Add a measure to this item before importing data points."),
        "points_need_columns": _("The file needs a “date” column and a “value” column."),
        "points_need_measure": _(
            "This item has several measures: add a “measure” column naming each row's measure."
        ),
        "cycles_need_question": _("The file needs a “question” column."),
    }
    return messages.get(problem.code) or problem_message(problem)


def refuse_rows(problems: list[str], rows: int) -> ImportRefused:
    return ImportRefused(
        _(
            "Nothing was saved: %(count)d rows have problems. Correct them and try again.",
            count=rows,
        ),
        problems[:MAX_PROBLEMS_SHOWN],
    )


def check_size(raw: bytes) -> None:
    if len(raw) > MAX_FILE_BYTES:
        raise ImportRefused(_("The file is larger than 2 MB."))


def import_points(item: ImprovementItem, raw: bytes) -> ImportResult:
    """Every row of ``raw`` into the item's measures, or nothing. A date a measure already
    has takes the file's value (reported as updated), as typing it in would."""
    check_size(raw)
    measures = {measure_key(m.name): m.id for m in item.measures}
    try:
        plan = plan_points(raw, measures, {m.id for m in item.measures if is_percent(m)})
    except ImportProblem as problem:
        raise ImportRefused(file_problem_message(problem)) from problem
    if plan.problems:
        rows = len({problem.row for problem in plan.problems})
        raise refuse_rows([row_message(problem) for problem in plan.problems], rows)
    by_id = {m.id: m for m in item.measures}
    existing = {(m.id, p.on): p for m in item.measures for p in m.points}
    added = updated = 0
    for row in plan.rows:
        point = existing.get((row.measure_id, row.on))
        if point is not None:
            point.value = row.value
            updated += 1
        else:
            measure = by_id[row.measure_id]
            point = DataPoint(measure_id=measure.id, on=row.on, value=row.value)
            db.session.add(point)
            measure.points.append(point)
            added += 1
    for measure in item.measures:
        measure.points.sort(key=lambda p: p.on)
    db.session.flush()
    audit.record(
        AuditAction.IMPORT,
        "improvement_item",
        item.id,
        {"data_points": len(plan.rows), "added": added, "updated": updated},
    )
    return ImportResult(added, updated)


def point_count(item: ImprovementItem) -> int:
    """Data points across the item's measures (for tests and the import page)."""
    return (
        db.session.scalar(
            sa.select(sa.func.count(DataPoint.id)).join(Measure).where(Measure.item_id == item.id)
        )
        or 0
    )
