"""CSV and Excel exports: columns, coded and labelled cells, the codebook, the audit trail."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest
import sqlalchemy as sa

from engage.auth.roles import Role
from engage.core.models import AuditAction, AuditEvent
from engage.extensions import db
from engage.people.models import Participant
from engage.surveys import exports
from engage.surveys.result_rows import ResultFilter
from tests.conftest import make_user, sign_in
from tests.surveys.results_sample import add_sample_responses, build_survey, respond

COLUMNS = [
    "response_id",
    "participant_id",
    "channel",
    "language",
    "started",
    "completed",
    "visit",
    "needs.housing",
    "needs.food",
    "needs.transport",
    "satisfied",
    "top.housing",
    "top.food",
    "top.transport",
    "visits",
    "wait_ok",
    "why_no",
    "housing_help",
    "comments",
]


@pytest.fixture
def survey(app):
    survey = build_survey()
    add_sample_responses(survey, partial=1)
    return survey


@pytest.fixture
def staff(app, users):
    client = app.test_client()
    assert sign_in(client, users[Role.STAFF].email).status_code == 302
    return client


def read_csv(response):
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    raw = response.get_data()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM, so spreadsheets read every script
    return pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", dtype=str, keep_default_na=False)


def test_coded_csv_has_one_row_per_response_and_a_column_per_question_or_choice(survey, staff):
    response = staff.get("/surveys/clinic-check/results/export.csv")
    assert 'filename="clinic-check-responses-coded.csv"' in response.headers["Content-Disposition"]
    frame = read_csv(response)
    assert list(frame.columns) == COLUMNS
    assert len(frame) == 40  # the unfinished one is left out by default
    first = frame.iloc[0].to_dict()
    assert first | {"started": "", "completed": ""} == {
        "response_id": "1",
        "participant_id": "",
        "channel": "web",
        "language": "es",
        "started": "",
        "completed": "",
        "visit": "checkup",
        "needs.housing": "1",
        "needs.food": "0",
        "needs.transport": "0",
        "satisfied": "5",
        "top.housing": "1",
        "top.food": "2",
        "top.transport": "",
        "visits": "1",
        "wait_ok": "1",
        "why_no": "",
        "housing_help": "1",
        "comments": "Café was great",
    }
    assert first["completed"].endswith("Z") and "T" in first["started"]
    last = frame.iloc[-1]
    assert (last["channel"], last["top.transport"], last["wait_ok"]) == ("sms", "1", "0")
    assert last["why_no"] == "Waited 39 minutes"
    # A patient's "=..." is not run as a formula when the file is opened in a spreadsheet.
    assert frame.iloc[1]["comments"] == "'=1+1 parking"


def test_labelled_csv_uses_the_base_language_labels(survey, staff):
    frame = read_csv(staff.get("/surveys/clinic-check/results/export.csv?labels=1&lang=es"))
    assert list(frame.columns) == COLUMNS
    first = frame.iloc[0]
    assert (first["visit"], first["satisfied"], first["wait_ok"]) == (
        "Check-up",
        "Very happy",
        "Yes",
    )
    assert (first["needs.housing"], first["top.food"]) == ("1", "2")  # still 0/1 and ranks


def test_exports_follow_the_filters(survey, staff):
    assert len(read_csv(staff.get("/surveys/clinic-check/results/export.csv?language=es"))) == 12
    assert len(read_csv(staff.get("/surveys/clinic-check/results/export.csv?channel=sms"))) == 10
    partial = read_csv(staff.get("/surveys/clinic-check/results/export.csv?partial=1"))
    assert len(partial) == 41 and partial.iloc[-1]["completed"] == ""
    assert staff.get("/surveys/clinic-check/results/export.csv?channel=fax").status_code == 400


def test_participant_ids_are_exported_and_anonymous_rows_left_blank(app, staff):
    survey = build_survey("known-people")
    participant = Participant(phone="+16175550142", preferred_language="en")
    db.session.add(participant)
    db.session.flush()
    respond(survey, {"visit": "sick"}, participant_id=participant.id)
    respond(survey, {"visit": "sick"})
    db.session.commit()
    frame = read_csv(staff.get("/surveys/known-people/results/export.csv"))
    assert list(frame["participant_id"]) == [str(participant.id), ""]


def read_xlsx(response):
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    return response.get_data()


def test_excel_has_responses_and_a_codebook(survey, staff):
    data = read_xlsx(staff.get("/surveys/clinic-check/results/export.xlsx"))
    assert openpyxl.load_workbook(io.BytesIO(data), read_only=True).sheetnames == [
        "responses",
        "codebook",
    ]
    sheets = pd.read_excel(io.BytesIO(data), sheet_name=None)
    responses, book = sheets["responses"], sheets["codebook"]
    assert list(responses.columns) == COLUMNS and len(responses) == 40
    assert responses.loc[0, "visit"] == "checkup" and responses.loc[0, "satisfied"] == 5
    assert responses.loc[1, "comments"] == "=1+1 parking"  # text, not a formula
    assert pd.api.types.is_datetime64_any_dtype(responses["completed"])

    assert list(book.columns) == ["column", "question_key", "question_text", "type", "codes"]
    assert list(book["column"]) == COLUMNS
    rows = book.set_index("column")
    assert (
        rows.loc["visit", "codes"]
        == "checkup = Check-up; sick = Feeling sick; other = Something else"
    )
    assert rows.loc["satisfied", "codes"].startswith("1 = Very unhappy; 2 = Unhappy")
    assert rows.loc["needs.food", "question_text"] == "What do you need?: Food"
    assert (
        rows.loc["top.food", "type"] == "ranking" and rows.loc["top.food", "question_key"] == "top"
    )
    assert rows.loc["wait_ok", "codes"] == "1 = Yes; 0 = No"
    assert rows.loc["visits", "codes"] == "from 0 to 50"


def test_labelled_excel(survey, staff):
    data = read_xlsx(staff.get("/surveys/clinic-check/results/export.xlsx?labels=1"))
    responses = pd.read_excel(io.BytesIO(data), sheet_name="responses")
    assert responses.loc[0, "visit"] == "Check-up" and responses.loc[0, "wait_ok"] == "Yes"
    assert responses.loc[39, "satisfied"] == "Neither"


def test_each_export_is_in_the_audit_trail(survey, staff):
    staff.get("/surveys/clinic-check/results/export.csv?labels=1&language=es").get_data()
    staff.get("/surveys/clinic-check/results/export.xlsx")
    staff.get("/surveys/clinic-check/results/fhir/responses.json").get_data()
    staff.get("/surveys/clinic-check/results/fhir/questionnaire.json")
    db.session.expire_all()
    events = db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == AuditAction.EXPORT).order_by(AuditEvent.id)
    ).all()
    details = [(event.entity_id, event.detail["format"], event.detail["rows"]) for event in events]
    assert details == [
        (survey.id, "csv", 12),
        (survey.id, "xlsx", 40),
        (survey.id, "fhir-responses", 40),
        (survey.id, "fhir-questionnaire", 9),
    ]
    assert events[0].detail["variant"] == "labelled" and events[0].detail["language"] == "es"
    assert events[0].actor_email == "staff@clinic.example"


def test_board_members_and_strangers_cannot_export(app, users, survey):
    board = app.test_client()
    sign_in(board, users[Role.BOARD].email)
    for path in ("export.csv", "export.xlsx", "fhir/responses.json", "fhir/questionnaire.json"):
        assert board.get(f"/surveys/clinic-check/results/{path}").status_code == 403
        anonymous = app.test_client().get(f"/surveys/clinic-check/results/{path}")
        assert anonymous.status_code == 302
    assert (
        db.session.scalar(
            sa.select(sa.func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.action == AuditAction.EXPORT)
        )
        == 0
    )


def test_an_empty_survey_exports_a_header_and_an_empty_sheet(app, staff):
    build_survey("nobody-yet")
    frame = read_csv(staff.get("/surveys/nobody-yet/results/export.csv"))
    assert list(frame.columns) == COLUMNS and frame.empty
    data = read_xlsx(staff.get("/surveys/nobody-yet/results/export.xlsx?labels=1"))
    assert pd.read_excel(io.BytesIO(data), sheet_name="responses").empty


def test_csv_export_on_both_databases(db_app):
    survey = build_survey()
    add_sample_responses(survey)
    make_user(Role.STAFF)
    client = db_app.test_client()
    assert sign_in(client, "staff@clinic.example").status_code == 302
    frame = read_csv(client.get("/surveys/clinic-check/results/export.csv?labels=1"))
    assert len(frame) == 40 and list(frame.columns) == COLUMNS
    assert frame["visit"].value_counts().to_dict() == {
        "Check-up": 18,
        "Feeling sick": 11,
        "Something else": 11,
    }
    assert (frame["top.food"] == "1").sum() == 12
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == AuditAction.EXPORT))
    assert event.detail["rows"] == 40


def test_an_export_covers_the_responses_there_were_when_it_was_asked_for(survey):
    plan = exports.plan_export(survey, ResultFilter(), "csv", labelled=False)
    chunks = exports.csv_chunks(plan)
    header = next(chunks)
    respond(survey, {"visit": "sick"})  # arrives while the file is being written
    body = "".join(chunks)
    assert plan.rows == 40 and header.count("\n") == 1 and body.count("\n") == 40
