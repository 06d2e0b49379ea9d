"""Who has which module due: by role, by site, by person; earliest due day wins; overdue."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from engage.auth.roles import Role
from engage.extensions import db
from engage.people.services import ensure_site
from engage.training import attempts
from engage.training.assignments import (
    AssignmentInput,
    DutyStatus,
    Person,
    Target,
    add_assignment,
    clinic_today,
    due_days,
    duties_for,
    status_of,
)
from engage.training.models import Assignment
from engage.training.services import TrainingRefused
from tests.conftest import make_user
from tests.training.builders import answers, make_module

TODAY = date(2026, 11, 26)


def test_earliest_due_day_wins_across_role_site_and_person():
    person = Person(id=7, role=Role.STAFF, site_id=2)
    targets = [
        Target(1, date(2026, 12, 20), role=Role.STAFF),
        Target(1, date(2026, 12, 1), site_id=2),
        Target(1, date(2026, 12, 10), user_id=7),
        Target(2, date(2026, 12, 5), user_id=7),
        Target(3, date(2026, 11, 1), site_id=9),  # another site
        Target(4, date(2026, 11, 1), role=Role.BOARD),  # another role
        Target(5, date(2026, 11, 1), user_id=8),  # someone else
    ]
    assert due_days(person, targets) == {1: date(2026, 12, 1), 2: date(2026, 12, 5)}
    assert due_days(Person(id=9, role=Role.ADMIN, site_id=None), targets) == {}


def test_status_counts_in_whole_days():
    assert status_of(TODAY, done=False, today=TODAY) is DutyStatus.DUE  # due today: not late yet
    assert status_of(TODAY - timedelta(days=1), done=False, today=TODAY) is DutyStatus.OVERDUE
    assert status_of(TODAY - timedelta(days=30), done=True, today=TODAY) is DutyStatus.DONE


def test_today_is_the_clinics_calendar_day(app):
    late_evening_in_boston = datetime(2026, 11, 27, 3, 30, tzinfo=UTC)  # 22:30 on the 26th
    assert clinic_today(late_evening_in_boston) == date(2026, 11, 26)
    app.config["ENGAGE_TIMEZONE"] = "Asia/Ho_Chi_Minh"
    assert clinic_today(late_evening_in_boston) == date(2026, 11, 27)


def test_duties_by_role_site_and_person_with_done_due_and_overdue(db_app):
    eastside = ensure_site("eastside", "Eastside")
    riverside = ensure_site("riverside", "Riverside")
    luis = make_user(Role.STAFF, "luis@clinic.example")
    luis.site_id = eastside.id
    other_staff = make_user(Role.STAFF, "ana@clinic.example")
    other_staff.site_id = riverside.id
    mai = make_user(Role.BOARD, "mai@clinic.example")
    by_role, by_site, by_person = (make_module(f"m-{n}") for n in range(3))
    add_assignment(AssignmentInput(by_role.id, TODAY + timedelta(days=10), role=Role.STAFF))
    add_assignment(AssignmentInput(by_site.id, TODAY - timedelta(days=5), site_id=eastside.id))
    add_assignment(AssignmentInput(by_person.id, TODAY - timedelta(days=1), user_id=mai.id))
    # A later, looser deadline for Luis alone does not loosen his site's.
    add_assignment(AssignmentInput(by_site.id, TODAY + timedelta(days=30), user_id=luis.id))
    db.session.commit()

    luis_duties = {d.module.slug: d for d in duties_for(luis, TODAY)}
    assert {slug: (d.status, d.due_on) for slug, d in luis_duties.items()} == {
        "m-0": (DutyStatus.DUE, TODAY + timedelta(days=10)),
        "m-1": (DutyStatus.OVERDUE, TODAY - timedelta(days=5)),
    }
    assert [d.module.slug for d in duties_for(other_staff, TODAY)] == ["m-0"]
    assert [(d.module.slug, d.status) for d in duties_for(mai, TODAY)] == [
        ("m-2", DutyStatus.OVERDUE)
    ]

    attempts.submit_attempt(by_site, luis, answers(by_site, right=4))
    db.session.commit()
    statuses = [(d.module.slug, d.status) for d in duties_for(luis, TODAY)]
    assert statuses == [("m-0", DutyStatus.DUE), ("m-1", DutyStatus.DONE)]  # most urgent first


def test_a_draft_module_is_not_a_duty_and_cannot_be_assigned(db_app):
    staff = make_user(Role.STAFF)
    draft = make_module("draft-one", published=False)
    with pytest.raises(TrainingRefused, match="Publish"):
        add_assignment(AssignmentInput(draft.id, TODAY, role=Role.STAFF))
    db.session.rollback()
    assert duties_for(staff, TODAY) == []


@pytest.mark.parametrize(
    "details",
    [
        {"role": Role.STAFF, "site_id": 1},  # two targets
        {},  # no target
    ],
)
def test_an_assignment_names_exactly_one_target(db_app, details):
    module = make_module()
    ensure_site("eastside", "Eastside")
    with pytest.raises(TrainingRefused, match="only one"):
        add_assignment(AssignmentInput(module.id, TODAY, **details))
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Assignment)) == 0


def test_the_database_also_refuses_an_assignment_with_two_targets(db_app):
    module = make_module()
    db.session.add(
        Assignment(
            module_id=module.id, due_on=TODAY, role=Role.STAFF, user_id=make_user(Role.STAFF).id
        )
    )
    with pytest.raises(sa.exc.IntegrityError):
        db.session.commit()
    db.session.rollback()
