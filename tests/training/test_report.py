"""Completion by module, role and site, on the page and in CSV and Excel, each export audited."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import openpyxl
import sqlalchemy as sa

from engage.auth.roles import Role
from engage.core.models import AuditAction, AuditEvent
from engage.extensions import db
from engage.people.services import ensure_site
from engage.training import attempts
from engage.training.assignments import AssignmentInput, add_assignment, clinic_today
from tests.conftest import make_user
from tests.training.builders import answers, make_module


def clinic(users):
    """Two staff at two sites and a board member; one module for staff, one for Eastside."""
    today = clinic_today()
    eastside, riverside = ensure_site("eastside", "Eastside"), ensure_site("riverside", "Riverside")
    luis = make_user(Role.STAFF, "luis@clinic.example")
    luis.name, luis.site_id = "Luis Ortega", eastside.id
    ana = make_user(Role.STAFF, "ana@clinic.example")
    ana.name, ana.site_id = '=HYPERLINK("http://evil")', riverside.id
    users[Role.BOARD].site_id = eastside.id
    pdsa, curious = make_module("pdsa"), make_module("curious")
    add_assignment(AssignmentInput(pdsa.id, today + timedelta(days=10), role=Role.STAFF))
    add_assignment(AssignmentInput(curious.id, today - timedelta(days=5), site_id=eastside.id))
    db.session.commit()
    attempts.submit_attempt(pdsa, luis, answers(pdsa, 4))
    db.session.commit()
    return today


def test_the_report_counts_by_module_role_and_site_and_names_the_overdue(admin_client, users):
    today = clinic(users)
    html = admin_client.get("/training/report").get_data(as_text=True)
    # pdsa: Luis done, Ana due, and the staff user of the fixture due. curious: Luis, Mai overdue.
    assert "Overdue: Module curious" in html
    overdue = html[html.index("Overdue: Module curious") :]
    overdue = overdue[: overdue.index("</ul>")]
    assert "Luis Ortega" in overdue and "Board" in overdue and "Staff" not in overdue
    assert (today - timedelta(days=5)).strftime("%Y") in overdue
    assert "Overdue: Module pdsa" not in html
    assert (
        '<th scope="row">Module pdsa</th><td>3</td><td>1</td><td>2</td><td>0</td><td>33%</td>'
        in html
    )
    assert (
        '<th scope="row">Module curious</th><td>2</td><td>0</td><td>0</td><td>2</td><td>0%</td>'
        in html
    )
    assert '<th scope="row">Staff</th><td>4</td><td>1</td><td>2</td><td>1</td><td>25%</td>' in html
    assert (
        '<th scope="row">Eastside</th><td>3</td><td>1</td><td>0</td><td>2</td><td>33%</td>' in html
    )
    assert '<th scope="row">No site</th><td>1</td><td>0</td><td>1</td><td>0</td><td>0%</td>' in html


def test_csv_and_excel_exports_hold_every_row_and_are_audited(admin_client, users):
    clinic(users)
    response = admin_client.get("/training/report.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == 5
    luis_pdsa = next(r for r in rows if r["Name"] == "Luis Ortega" and r["Module"] == "pdsa")
    assert (
        luis_pdsa["Status"] == "done"
        and luis_pdsa["Score (%)"] == "100"
        and luis_pdsa["Site"] == "Eastside"
    )
    assert luis_pdsa["Completed"] == clinic_today().isoformat()
    assert any(r["Name"].startswith("'=HYPERLINK") for r in rows)  # a formula stays text
    assert sorted(r["Status"] for r in rows) == ["done", "due", "due", "overdue", "overdue"]

    response = admin_client.get("/training/report.xlsx")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == ["People", "By module", "By role", "By site"]
    people = list(book["People"].values)
    assert people[0][0] == "Name" and len(people) == 6
    by_module = {row[0]: row[1:] for row in list(book["By module"].values)[1:]}
    assert by_module["Module pdsa"] == (3, 1, 2, 0, 33)
    by_site = {row[0]: row[1:] for row in list(book["By site"].values)[1:]}
    assert by_site["Riverside"] == (1, 0, 1, 0, 0)

    exports = db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == AuditAction.EXPORT).order_by(AuditEvent.id)
    ).all()
    assert [(e.entity_type, e.detail["format"], e.detail["rows"]) for e in exports] == [
        ("training_report", "csv", 5),
        ("training_report", "xlsx", 5),
    ]
    assert all(e.actor_email == users[Role.ADMIN].email for e in exports)


def test_an_empty_report_says_so(admin_client):
    html = admin_client.get("/training/report").get_data(as_text=True)
    assert "No one has training assigned yet." in html


def test_admin_assigns_and_removes_through_the_form_and_bad_input_is_refused(admin_client, users):
    module = make_module()
    due = (clinic_today() + timedelta(days=7)).isoformat()
    site = ensure_site("eastside", "Eastside")
    db.session.commit()
    page = admin_client.get("/training/assignments").get_data(as_text=True)
    assert f"Module {module.slug}" in page
    bad = [
        ({"module_id": str(module.id), "due_on": due}, "Choose one role, one site or one person"),
        (
            {"module_id": str(module.id), "role": "staff", "site_id": str(site.id), "due_on": due},
            "only one",
        ),
        ({"module_id": str(module.id), "role": "staff", "due_on": ""}, "Enter the day it is due."),
        (
            {"module_id": str(module.id), "role": "staff", "due_on": "soon"},
            "Not a valid date value.",
        ),
        ({"module_id": "999999", "role": "staff", "due_on": due}, "Not a valid choice"),
        ({"module_id": "", "role": "staff", "due_on": due}, "Choose a module."),
        ({"module_id": str(module.id), "user_id": "999999", "due_on": due}, "Not a valid choice"),
    ]
    from engage.training.models import Assignment

    for data, message in bad:
        response = admin_client.post("/training/assignments", data=data)
        assert response.status_code == 400, data
        assert message in response.get_data(as_text=True), data
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Assignment)) == 0

    response = admin_client.post(
        "/training/assignments",
        data={"module_id": str(module.id), "site_id": str(site.id), "due_on": due},
    )
    assert response.status_code == 302
    assignment = db.session.scalar(sa.select(Assignment))
    assert assignment.site_id == site.id and assignment.due_on.isoformat() == due
    assert admin_client.post(f"/training/assignments/{assignment.id}/delete").status_code == 302
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Assignment)) == 0
