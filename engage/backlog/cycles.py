"""Operations on an item's PDSA cycles: add one, fill it in as it goes, import many.

A cycle is numbered 1, 2, … within its item. Recording its decision (adopt, adapt,
abandon) writes an ``ItemEvent`` of kind CYCLE, so the item's history says who decided
what and when; the timeline itself reads the cycles. The view commits.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _

from engage.backlog.measures import (
    ImportRefused,
    check_size,
    file_problem_message,
    refuse_rows,
)
from engage.backlog.models import (
    CycleDecision,
    ImprovementItem,
    ItemEvent,
    ItemEventKind,
    PdsaCycle,
)
from engage.backlog.pdsa_files import CycleRecord, RowProblem, cycle_problems, plan_cycles
from engage.backlog.services import BacklogRefused
from engage.core import audit
from engage.core.models import AuditAction
from engage.extensions import db
from engage.people.importing import ImportProblem

# The form's input and an imported row are the same thing.
CycleInput = CycleRecord


def cycle_message(code: str, value: str = "") -> str:
    """Why a cycle is refused, in the reader's language."""
    messages = {
        "no_question": _("Write the question this cycle tests."),
        "too_long": _("Each text is at most 5,000 characters."),
        "done_before_plan": _("The date it was done cannot be before the date it was planned."),
        "decided_before_done": _("The decision cannot be dated before the cycle was done."),
        "decided_before_plan": _("The decision cannot be dated before the cycle was planned."),
        "bad_decision": _("“%(value)s” is not a decision: adopt, adapt or abandon.", value=value),
        "decision_needs_study": _("Write what the data showed (Study) before the decision."),
        "decision_needs_date": _("Give the date of the decision."),
        "date_needs_decision": _("A decision date needs a decision."),
        "bad_date": _(
            "“%(value)s” is not a date. Write it as 2026-03-31 (or 3/31/2026).", value=value
        ),
    }
    return messages[code]


def _check(record: CycleRecord) -> None:
    problems = cycle_problems(record)
    if problems:
        raise BacklogRefused(" ".join(cycle_message(code) for code in problems))


def find_cycle(item: ImprovementItem, number: int) -> PdsaCycle | None:
    return next((cycle for cycle in item.cycles if cycle.number == number), None)


def _next_number(item: ImprovementItem) -> int:
    highest = db.session.scalar(
        sa.select(sa.func.max(PdsaCycle.number)).where(PdsaCycle.item_id == item.id)
    )
    return (highest or 0) + 1


def _fill(cycle: PdsaCycle, record: CycleRecord) -> None:
    cycle.question = record.question.strip()
    cycle.prediction = record.prediction.strip()
    cycle.plan_on = record.plan_on
    cycle.done = record.done.strip()
    cycle.done_on = record.done_on
    cycle.study = record.study.strip()
    cycle.decision = CycleDecision(record.decision) if record.decision else None
    cycle.decided_on = record.decided_on


def _decided(cycle: PdsaCycle, actor_id: int | None) -> None:
    assert cycle.decision is not None and cycle.decided_on is not None
    db.session.add(
        ItemEvent(
            item_id=cycle.item_id,
            kind=ItemEventKind.CYCLE,
            actor_id=actor_id,
            detail={
                "number": cycle.number,
                "decision": cycle.decision.value,
                "decided_on": cycle.decided_on.isoformat(),
            },
        )
    )


def _add(
    item: ImprovementItem, record: CycleRecord, number: int, actor_id: int | None
) -> PdsaCycle:
    cycle = PdsaCycle(item_id=item.id, number=number)
    _fill(cycle, record)
    db.session.add(cycle)
    item.cycles.append(cycle)
    db.session.flush()
    if cycle.decision is not None:
        _decided(cycle, actor_id)
    return cycle


def add_cycle(item: ImprovementItem, record: CycleRecord, actor_id: int | None) -> PdsaCycle:
    _check(record)
    cycle = _add(item, record, _next_number(item), actor_id)
    audit.record(
        AuditAction.CREATE, "pdsa_cycle", cycle.id, {"item": item.id, "number": cycle.number}
    )
    return cycle


def update_cycle(cycle: PdsaCycle, record: CycleRecord, actor_id: int | None) -> None:
    """Fill in more of a cycle. A decision recorded or changed is an event of its own."""
    _check(record)
    before = (cycle.decision, cycle.decided_on)
    _fill(cycle, record)
    db.session.flush()
    if cycle.decision is not None and (cycle.decision, cycle.decided_on) != before:
        _decided(cycle, actor_id)
    audit.record(
        AuditAction.UPDATE,
        "pdsa_cycle",
        cycle.id,
        {"item": cycle.item_id, "number": cycle.number, "decision": record.decision},
    )


def _row_message(problem: RowProblem) -> str:
    return _(
        "Row %(row)d: %(problem)s",
        row=problem.row,
        problem=cycle_message(problem.code, problem.value),
    )


def import_cycles(item: ImprovementItem, raw: bytes, actor_id: int | None) -> list[PdsaCycle]:
    """Every row of ``raw`` as a new cycle, numbered after the item's last, or nothing."""
    check_size(raw)
    try:
        plan = plan_cycles(raw)
    except ImportProblem as problem:
        raise ImportRefused(file_problem_message(problem)) from problem
    if plan.problems:
        rows = len({problem.row for problem in plan.problems})
        raise refuse_rows([_row_message(problem) for problem in plan.problems], rows)
    first = _next_number(item)
    cycles = [
        _add(item, record, first + offset, actor_id) for offset, record in enumerate(plan.records)
    ]
    audit.record(
        AuditAction.IMPORT,
        "improvement_item",
        item.id,
        {"pdsa_cycles": [cycle.number for cycle in cycles]},
    )
    return cycles
