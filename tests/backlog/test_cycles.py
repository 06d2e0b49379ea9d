"""PDSA cycles: numbering, the order of their dates, decisions in the history, the pages,
the CSV import (all or nothing) and who may edit."""

from __future__ import annotations

import io
from datetime import date

import pytest
import sqlalchemy as sa

from engage.auth.roles import Role
from engage.backlog import cycles, services
from engage.backlog.models import CycleDecision, ItemEvent, ItemEventKind, PdsaCycle
from engage.backlog.services import BacklogRefused, ItemInput
from engage.extensions import db
from tests.conftest import make_user, sign_in


def _item(title: str = "Same-day interpreter access"):
    item = services.create_item(ItemInput(title=title), None)
    db.session.commit()
    return item


def _cycle_count() -> int:
    return db.session.scalar(sa.select(sa.func.count(PdsaCycle.id))) or 0


def _cycle_events() -> list[dict]:
    return [
        event.detail
        for event in db.session.scalars(
            sa.select(ItemEvent).where(ItemEvent.kind == ItemEventKind.CYCLE).order_by(ItemEvent.id)
        )
    ]


PLAN = cycles.CycleInput(
    question="Will a same-day interpreter request at check-in get one within 30 minutes?",
    prediction="Most requests met",
    plan_on=date(2026, 3, 2),
)


def test_cycles_are_numbered_and_a_decision_is_written_to_the_history(db_app):
    staff = make_user(Role.STAFF)
    item = _item()
    first = cycles.add_cycle(item, PLAN, staff.id)
    second = cycles.add_cycle(item, PLAN, staff.id)
    assert (first.number, second.number) == (1, 2)
    assert _cycle_events() == []  # planned, not decided

    decided = cycles.CycleInput(
        question=PLAN.question,
        plan_on=PLAN.plan_on,
        done="Tried at Eastside for a week",
        done_on=date(2026, 3, 9),
        study="31 of 40 requests met within 30 minutes",
        decision="adapt",
        decided_on=date(2026, 3, 12),
    )
    cycles.update_cycle(first, decided, staff.id)
    db.session.commit()
    assert first.decision == CycleDecision.ADAPT
    assert _cycle_events() == [{"number": 1, "decision": "adapt", "decided_on": "2026-03-12"}]
    event = db.session.scalar(sa.select(ItemEvent).where(ItemEvent.kind == ItemEventKind.CYCLE))
    assert event.actor_id == staff.id

    cycles.update_cycle(first, decided, staff.id)  # saved again, nothing newly decided
    assert len(_cycle_events()) == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"done_on": date(2026, 3, 1)}, "before the date it was planned"),
        (
            {
                "done_on": date(2026, 3, 9),
                "study": "x",
                "decision": "adopt",
                "decided_on": date(2026, 3, 8),
            },
            "before the cycle was done",
        ),
        ({"study": "x", "decision": "adopt", "decided_on": date(2026, 3, 1)}, "was planned"),
        ({"decision": "adopt", "decided_on": date(2026, 3, 9)}, "what the data showed"),
        ({"study": "x", "decision": "abandon"}, "date of the decision"),
        ({"decided_on": date(2026, 3, 9)}, "needs a decision"),
        ({"question": "  "}, "question"),
    ],
)
def test_a_cycle_that_breaks_a_rule_is_refused_and_changes_nothing(db_app, changes, message):
    item = _item()
    fields = {"question": PLAN.question, "plan_on": PLAN.plan_on} | changes
    with pytest.raises(BacklogRefused, match=message):
        cycles.add_cycle(item, cycles.CycleInput(**fields), None)
    db.session.rollback()
    assert _cycle_count() == 0
    assert _cycle_events() == []


# ---- pages ----------------------------------------------------------------------------


def test_adding_and_filling_in_a_cycle_through_the_pages(admin_client):
    item = _item()
    response = admin_client.post(
        f"/backlog/{item.id}/cycles/new",
        data={"question": "Will a text in Spanish cut no-shows?", "plan_on": "2026-04-01"},
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/backlog/{item.id}#cycle-1")
    page = admin_client.get(f"/backlog/{item.id}/cycles/1/edit").get_data(as_text=True)
    assert "Will a text in Spanish cut no-shows?" in page

    response = admin_client.post(
        f"/backlog/{item.id}/cycles/1/edit",
        data={
            "question": "Will a text in Spanish cut no-shows?",
            "plan_on": "2026-04-01",
            "done": "Sent reminders in Spanish for two weeks",
            "done_on": "2026-04-15",
            "study": "No-shows fell from 18% to 13%",
            "decision": "adopt",
            "decided_on": "2026-04-20",
        },
    )
    assert response.status_code == 302
    page = admin_client.get(f"/backlog/{item.id}").get_data(as_text=True)
    assert 'id="cycle-1"' in page
    assert "No-shows fell from 18% to 13%" in page
    assert "Adopt" in page
    assert _cycle_events() == [{"number": 1, "decision": "adopt", "decided_on": "2026-04-20"}]


def test_dates_out_of_order_on_the_form_answer_400_and_save_nothing(admin_client):
    item = _item()
    response = admin_client.post(
        f"/backlog/{item.id}/cycles/new",
        data={"question": "Q", "plan_on": "2026-04-10", "done_on": "2026-04-01"},
    )
    assert response.status_code == 400
    assert "cannot be before the date it was planned" in response.get_data(as_text=True)
    assert _cycle_count() == 0


def test_a_decision_without_its_study_is_refused_on_edit(admin_client):
    item = _item()
    cycles.add_cycle(item, PLAN, None)
    db.session.commit()
    response = admin_client.post(
        f"/backlog/{item.id}/cycles/1/edit",
        data={"question": PLAN.question, "decision": "adopt", "decided_on": "2026-03-20"},
    )
    assert response.status_code == 400
    assert "what the data showed" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalar(sa.select(PdsaCycle.decision)) is None


def test_a_cycle_that_does_not_exist_is_404(admin_client):
    item = _item()
    assert admin_client.get(f"/backlog/{item.id}/cycles/3/edit").status_code == 404
    assert admin_client.get("/backlog/999/cycles/new").status_code == 404


GOOD_CYCLES = (
    "question,prediction,plan_on,done,done_on,study,decision,decided_on\n"
    "Interpreter at check-in?,Most met,2026-01-05,Eastside one week,2026-01-12,"
    "31 of 40 met,adapt,2026-01-15\n"
    "Add the video interpreter?,All met,2026-02-02,,,,,\n"
)


def test_importing_good_cycles_numbers_them_after_the_last(admin_client):
    item = _item()
    cycles.add_cycle(item, PLAN, None)
    db.session.commit()
    response = admin_client.post(
        f"/backlog/{item.id}/cycles/import",
        data={"file": (io.BytesIO(GOOD_CYCLES.encode()), "cycles.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    numbers = list(db.session.scalars(sa.select(PdsaCycle.number).order_by(PdsaCycle.number)))
    assert numbers == [1, 2, 3]
    imported = db.session.scalar(sa.select(PdsaCycle).where(PdsaCycle.number == 2))
    assert imported.decision == CycleDecision.ADAPT
    assert imported.decided_on == date(2026, 1, 15)
    assert _cycle_events() == [{"number": 2, "decision": "adapt", "decided_on": "2026-01-15"}]


def test_a_cycle_file_with_bad_rows_is_refused_whole(admin_client):
    item = _item()
    bad = (
        GOOD_CYCLES
        + "Third?,,2026-13-01,,,,,\n"  # row 4: no 13th month
        + "Fourth?,,2026-03-01,done,2026-02-01,,,\n"  # row 5: done before planned
        + "Fifth?,,,,,,adopt,2026-03-01\n"  # row 6: a decision with no study
        + "Sixth?,,,,,some study,keep going,\n"  # row 7: not a decision
    )
    before = _cycle_count()
    response = admin_client.post(f"/backlog/{item.id}/cycles/import", data={"text": bad})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Nothing was saved: 4 rows have problems" in page
    assert "Row 4: “2026-13-01” is not a date" in page
    assert "Row 5: The date it was done cannot be before" in page
    assert "Row 6: Write what the data showed" in page
    assert "Row 7: “keep going” is not a decision" in page
    assert _cycle_count() == before == 0
    assert _cycle_events() == []


def test_a_cycle_file_without_a_question_column_is_refused(admin_client):
    item = _item()
    response = admin_client.post(
        f"/backlog/{item.id}/cycles/import", data={"text": "plan,done\nx,y\n"}
    )
    assert response.status_code == 400
    assert "needs a “question” column" in response.get_data(as_text=True)
    empty = admin_client.post(f"/backlog/{item.id}/cycles/import", data={"text": ""})
    assert empty.status_code == 400
    assert _cycle_count() == 0


def test_staff_may_add_cycles(client, users):
    item = _item()
    sign_in(client, users[Role.STAFF].email)
    response = client.post(f"/backlog/{item.id}/cycles/new", data={"question": "Q?"})
    assert response.status_code == 302
    assert _cycle_count() == 1


def test_a_board_member_reads_cycles_but_cannot_edit_them(client, users):
    item = _item()
    cycles.add_cycle(item, PLAN, None)
    db.session.commit()
    sign_in(client, users[Role.BOARD].email)
    page = client.get(f"/backlog/{item.id}").get_data(as_text=True)
    assert PLAN.question in page
    assert "Add a cycle" not in page
    assert client.get(f"/backlog/{item.id}/cycles/new").status_code == 403
    assert client.post(f"/backlog/{item.id}/cycles/new", data={"question": "Q"}).status_code == 403
    assert (
        client.post(f"/backlog/{item.id}/cycles/1/edit", data={"question": "Q"}).status_code == 403
    )
    response = client.post(f"/backlog/{item.id}/cycles/import", data={"text": GOOD_CYCLES})
    assert response.status_code == 403
    assert _cycle_count() == 1
