"""Who must pass which module by when.

An assignment names a role, a site or one person. A person's duties are every published
module an assignment reaches them by any of the three; when several reach them for the
same module, the earliest due day wins, so a personal deadline cannot be loosened by a
later one for their whole role. Days are the clinic's calendar days
(``ENGAGE_TIMEZONE``): a module due today is not overdue until tomorrow there.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from engage.auth.models import User
from engage.auth.roles import Role
from engage.core import audit
from engage.core.models import AuditAction
from engage.core.types import utcnow
from engage.extensions import db
from engage.people.models import Site
from engage.training.models import Assignment, Attempt, TrainingModule
from engage.training.services import TrainingRefused


class DutyStatus(enum.StrEnum):
    DONE = "done"
    DUE = "due"
    OVERDUE = "overdue"


def clinic_today(now: datetime | None = None) -> date:
    """Today on the clinic's wall calendar, whatever the server's zone."""
    zone = ZoneInfo(current_app.config["ENGAGE_TIMEZONE"])
    return (now or utcnow()).astimezone(zone).date()


def clinic_day(moment: datetime) -> date:
    return moment.astimezone(ZoneInfo(current_app.config["ENGAGE_TIMEZONE"])).date()


# --- the pure part: which assignments reach a person, and the status of each duty ---------


@dataclass(frozen=True)
class Person:
    id: int
    role: Role
    site_id: int | None


@dataclass(frozen=True)
class Target:
    """One assignment reduced to whom it names and when."""

    module_id: int
    due_on: date
    role: Role | None = None
    site_id: int | None = None
    user_id: int | None = None

    def reaches(self, person: Person) -> bool:
        return (
            self.user_id == person.id
            or (self.role is not None and self.role == person.role)
            or (self.site_id is not None and self.site_id == person.site_id)
        )


def due_days(person: Person, targets: Iterable[Target]) -> dict[int, date]:
    """Each module assigned to the person, with the earliest day any assignment asks."""
    due: dict[int, date] = {}
    for target in targets:
        if target.reaches(person):
            earlier = due.get(target.module_id)
            due[target.module_id] = (
                target.due_on if earlier is None else min(earlier, target.due_on)
            )
    return due


def status_of(due_on: date, done: bool, today: date) -> DutyStatus:
    if done:
        return DutyStatus.DONE
    return DutyStatus.OVERDUE if due_on < today else DutyStatus.DUE


# --- reading them from the database -------------------------------------------------------


@dataclass(frozen=True)
class Duty:
    """A module a person has to pass, by when, and how they stand."""

    module: TrainingModule
    due_on: date
    status: DutyStatus
    completion: Attempt | None


def published_targets() -> list[Target]:
    rows = db.session.execute(
        sa.select(Assignment)
        .join(Assignment.module)
        .where(TrainingModule.published.is_(True))
        .order_by(Assignment.id)
    ).scalars()
    return [
        Target(a.module_id, a.due_on, role=a.role, site_id=a.site_id, user_id=a.user_id)
        for a in rows
    ]


def first_passes(user_ids: Iterable[int] | None = None) -> dict[tuple[int, int], Attempt]:
    """Each person's completion of each module: their first passing attempt."""
    query = sa.select(Attempt).where(Attempt.passed).order_by(Attempt.number.desc())
    if user_ids is not None:
        query = query.where(Attempt.user_id.in_(list(user_ids)))
    # Ordered last to first, so the first passing attempt is the one left in the dict.
    return {(a.user_id, a.module_id): a for a in db.session.scalars(query)}


def duties_for(user: User, today: date | None = None) -> list[Duty]:
    """The person's assigned modules, most urgent first (overdue, due soonest, then done)."""
    today = today or clinic_today()
    person = Person(user.id, user.role, user.site_id)
    due = due_days(person, published_targets())
    if not due:
        return []
    modules = {
        m.id: m
        for m in db.session.scalars(sa.select(TrainingModule).where(TrainingModule.id.in_(due)))
    }
    passes = first_passes([user.id])
    duties = []
    for module_id, due_on in due.items():
        completion = passes.get((user.id, module_id))
        duties.append(
            Duty(
                modules[module_id],
                due_on,
                status_of(due_on, completion is not None, today),
                completion,
            )
        )
    order = {DutyStatus.OVERDUE: 0, DutyStatus.DUE: 1, DutyStatus.DONE: 2}
    return sorted(duties, key=lambda d: (order[d.status], d.due_on, d.module.id))


# --- changing them ------------------------------------------------------------------------


@dataclass
class AssignmentInput:
    """Exactly one of role, site_id and user_id names who is assigned."""

    module_id: int | None
    due_on: date | None
    role: Role | None = None
    site_id: int | None = None
    user_id: int | None = None


def _target_label(assignment: Assignment) -> str:
    if assignment.role is not None:
        return f"role:{assignment.role.value}"
    if assignment.site_id is not None:
        return f"site:{assignment.site_id}"
    return f"user:{assignment.user_id}"


def add_assignment(details: AssignmentInput) -> Assignment:
    module = db.session.get(TrainingModule, details.module_id) if details.module_id else None
    if module is None:
        raise TrainingRefused(_("Choose a module."), "module_id")
    if not module.published:
        raise TrainingRefused(_("Publish the module before assigning it."), "module_id")
    named = [v for v in (details.role, details.site_id, details.user_id) if v is not None]
    if len(named) != 1:
        raise TrainingRefused(_("Choose one role, one site or one person, and only one."), None)
    if details.site_id is not None and db.session.get(Site, details.site_id) is None:
        raise TrainingRefused(_("Choose one of the clinic's sites."), "site_id")
    if details.user_id is not None:
        user = db.session.get(User, details.user_id)
        if user is None or not user.active:
            raise TrainingRefused(_("Choose an active account."), "user_id")
    if details.due_on is None:
        raise TrainingRefused(_("Enter the day it is due."), "due_on")
    assignment = Assignment(
        module_id=module.id,
        role=details.role,
        site_id=details.site_id,
        user_id=details.user_id,
        due_on=details.due_on,
    )
    db.session.add(assignment)
    db.session.flush()
    audit.record(
        AuditAction.CREATE,
        "training_assignment",
        assignment.id,
        {
            "module": module.slug,
            "to": _target_label(assignment),
            "due_on": details.due_on.isoformat(),
        },
    )
    return assignment


def remove_assignment(assignment: Assignment) -> None:
    detail = {"module": assignment.module.slug, "to": _target_label(assignment), "removed": True}
    audit.record(AuditAction.UPDATE, "training_assignment", assignment.id, detail)
    db.session.delete(assignment)
    db.session.flush()


def list_assignments() -> list[Assignment]:
    return list(
        db.session.scalars(
            sa.select(Assignment).order_by(Assignment.due_on, Assignment.id)
        ).unique()
    )
