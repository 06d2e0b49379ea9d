"""Reading a measure's data points and an item's PDSA cycles from CSV files.

Pure: plain data and pandas, no Flask and no database. The service gives it what exists
(the item's measures); it gives back the rows, or every problem with the row number a
spreadsheet shows (the header is row 1), as codes the service translates. The same
checks serve the forms, so a cycle typed in and a cycle imported obey one rule.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from engage.people.importing import ImportProblem, read_table

DECISIONS = {
    "adopt": "adopt",
    "adopted": "adopt",
    "adapt": "adapt",
    "adapted": "adapt",
    "abandon": "abandon",
    "abandoned": "abandon",
}
MAX_TEXT = 5000
POINT_COLUMNS = {
    "date": ("date", "on", "day", "week", "month", "period"),
    "value": ("value", "result", "rate", "percent", "percentage"),
    "measure": ("measure", "measure_name"),
}
CYCLE_COLUMNS = (
    "question",
    "prediction",
    "plan_on",
    "done",
    "done_on",
    "study",
    "decision",
    "decided_on",
)
POINTS_EXAMPLE = "date,value\n2026-01-31,62%\n2026-02-28,61.5"
CYCLES_EXAMPLE = (
    "question,prediction,plan_on,done,done_on,study,decision,decided_on\n"
    '"Will a same-day interpreter request at check-in work?","Most requests met",'
    '2026-03-02,"Tried at Eastside for a week",2026-03-09,"31 of 40 met",adapt,2026-03-12'
)

# ASCII digits only: float() would take "٦٢" or "1e3" or "nan", none of which a person
# typing a percentage means.
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$", re.ASCII)
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$", re.ASCII)
_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$", re.ASCII)
_ISO_DATE = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})([ T]00:00(:00)?)?$", re.ASCII)
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$", re.ASCII)


@dataclass(frozen=True)
class RowProblem:
    row: int  # as a spreadsheet shows it (the header is row 1)
    code: str
    value: str = ""


def parse_day(text: str) -> date | None:
    """A date as spreadsheets write it: 2026-03-31, 2026/3/31, 3/31/2026 (US order, the
    clinic's), or 2026-03 for a monthly measure (the first of the month)."""
    text = text.strip()
    try:
        if match := _ISO_DATE.match(text):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := _US_DATE.match(text):
            return date(int(match[3]), int(match[1]), int(match[2]))
        if match := _ISO_MONTH.match(text):
            return date(int(match[1]), int(match[2]), 1)
    except ValueError:  # 2026-02-30
        return None
    return None


def parse_number(text: str) -> float | None:
    """A value as people type it: 62, 62.5, "62%" (taken as 62), 1,250 (thousands)."""
    text = text.strip().removesuffix("%").strip()
    if _GROUPED.match(text):
        text = text.replace(",", "")
    if not _NUMBER.match(text):
        return None
    number = float(text)
    return number if math.isfinite(number) else None


# ---- data points ---------------------------------------------------------------------


@dataclass(frozen=True)
class PointRow:
    row: int
    measure_id: int
    on: date
    value: float


@dataclass
class PointPlan:
    rows: list[PointRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


def measure_key(name: str) -> str:
    """How a measure's name is matched: case and spacing do not matter."""
    return " ".join(name.split()).casefold()


def _key(header: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", header.strip().lower()).strip("_")


def _columns(headers: list[str], aliases: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    found: dict[str, str] = {}
    for header in headers:
        for name, spellings in aliases.items():
            if _key(header) in spellings and name not in found:
                found[name] = header
    return found


def point_problem(on_text: str, value_text: str, percent: bool) -> tuple[str, str] | None:
    """The first thing wrong with one data point, as (code, value), or None."""
    if not on_text.strip():
        return ("missing_date", "")
    if parse_day(on_text) is None:
        return ("bad_date", on_text.strip())
    if not value_text.strip():
        return ("missing_value", "")
    value = parse_number(value_text)
    if value is None:
        return ("bad_value", value_text.strip())
    if percent and not 0 <= value <= 100:
        return ("bad_percent", value_text.strip())
    return None


def plan_points(raw: bytes, measures: Mapping[str, int], percent_ids: set[int]) -> PointPlan:
    """The data points in ``raw``. ``measures`` maps :func:`measure_key` of each of the
    item's measures to its id; ``percent_ids`` are the measures kept in "%" (0 to 100).

    A date twice for the same measure is a problem, not "the later wins": a file that
    repeats a date is more likely a wrong extract than a correction.
    """
    if not measures:
        raise ImportProblem("no_measures")
    frame = read_table(raw)
    columns = _columns([str(header) for header in frame.columns], POINT_COLUMNS)
    if "date" not in columns or "value" not in columns:
        raise ImportProblem("points_need_columns")
    if "measure" not in columns and len(measures) > 1:
        raise ImportProblem("points_need_measure")
    only = next(iter(measures.values())) if len(measures) == 1 else None
    plan = PointPlan()
    seen: set[tuple[int, date]] = set()
    for row_number, row in frame.iterrows():
        row_no = int(row_number)  # type: ignore[call-overload]
        name = str(row[columns["measure"]]).strip() if "measure" in columns else ""
        measure_id = measures.get(measure_key(name)) if name else only
        if measure_id is None:
            code = "unknown_measure" if name else "missing_measure"
            plan.problems.append(RowProblem(row_no, code, name))
            continue
        on_text, value_text = str(row[columns["date"]]), str(row[columns["value"]])
        problem = point_problem(on_text, value_text, measure_id in percent_ids)
        if problem is not None:
            plan.problems.append(RowProblem(row_no, *problem))
            continue
        on, value = parse_day(on_text), parse_number(value_text)
        assert on is not None and value is not None  # point_problem checked both
        if (measure_id, on) in seen:
            plan.problems.append(RowProblem(row_no, "repeated_date", on.isoformat()))
            continue
        seen.add((measure_id, on))
        plan.rows.append(PointRow(row_no, measure_id, on, value))
    return plan


# ---- PDSA cycles ----------------------------------------------------------------------


@dataclass(frozen=True)
class CycleRecord:
    """A cycle as typed or imported: Plan, Do, Study, Act. ``decision`` is adopt, adapt
    or abandon (or None while the cycle is still running)."""

    question: str
    prediction: str = ""
    plan_on: date | None = None
    done: str = ""
    done_on: date | None = None
    study: str = ""
    decision: str | None = None
    decided_on: date | None = None
    row: int = 0


def cycle_problems(record: CycleRecord) -> list[str]:
    """Every rule a cycle breaks, as codes. Dates must follow the cycle: planned, then done,
    then decided; a decision needs what the data showed, and its date."""
    problems: list[str] = []
    if not record.question.strip():
        problems.append("no_question")
    texts = (record.question, record.prediction, record.done, record.study)
    if any(len(text) > MAX_TEXT for text in texts):
        problems.append("too_long")
    if record.plan_on and record.done_on and record.done_on < record.plan_on:
        problems.append("done_before_plan")
    if record.decided_on:
        if record.done_on and record.decided_on < record.done_on:
            problems.append("decided_before_done")
        elif not record.done_on and record.plan_on and record.decided_on < record.plan_on:
            problems.append("decided_before_plan")
    if record.decision is not None and record.decision not in DECISIONS.values():
        problems.append("bad_decision")
    elif record.decision is not None:
        if not record.study.strip():
            problems.append("decision_needs_study")
        if record.decided_on is None:
            problems.append("decision_needs_date")
    elif record.decided_on is not None:
        problems.append("date_needs_decision")
    return problems


@dataclass
class CyclePlan:
    records: list[CycleRecord] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


def plan_cycles(raw: bytes) -> CyclePlan:
    """The cycles in ``raw``, in file order, or every problem with its row."""
    frame = read_table(raw)
    columns = _columns(
        [str(header) for header in frame.columns], {name: (name,) for name in CYCLE_COLUMNS}
    )
    if "question" not in columns:
        raise ImportProblem("cycles_need_question")
    plan = CyclePlan()
    for row_number, row in frame.iterrows():
        row_no = int(row_number)  # type: ignore[call-overload]
        cells = {name: str(row[header]).strip() for name, header in columns.items()}
        found: list[RowProblem] = []
        days: dict[str, date | None] = {}
        for name in ("plan_on", "done_on", "decided_on"):
            text = cells.get(name, "")
            days[name] = parse_day(text) if text else None
            if text and days[name] is None:
                found.append(RowProblem(row_no, "bad_date", text))
        decision_text = cells.get("decision", "")
        decision = DECISIONS.get(decision_text.lower()) if decision_text else None
        if decision_text and decision is None:
            found.append(RowProblem(row_no, "bad_decision", decision_text))
        record = CycleRecord(
            question=cells.get("question", ""),
            prediction=cells.get("prediction", ""),
            plan_on=days["plan_on"],
            done=cells.get("done", ""),
            done_on=days["done_on"],
            study=cells.get("study", ""),
            decision=decision,
            decided_on=days["decided_on"],
            row=row_no,
        )
        if not found:
            found = [RowProblem(row_no, code) for code in cycle_problems(record)]
        if found:
            plan.problems.extend(found)
        else:
            plan.records.append(record)
    return plan
