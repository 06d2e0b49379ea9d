"""The CSV import through its pages: upload, preview, confirm, refused rows, and who may."""

from __future__ import annotations

import csv
import html
import io
import re
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from engage.auth.roles import Role
from engage.core import audit
from engage.core.models import AuditAction, AuditEvent
from engage.extensions import db
from engage.people.models import Participant, ParticipantRaceEthnicity, Site
from engage.people.services import ensure_site
from tests.conftest import make_user, sign_in

IMPORT = "/participants/import"
CONFIRM = "/participants/import/confirm"


# --- helpers -------------------------------------------------------------------------------


def upload(client: FlaskClient, content: bytes | str, filename: str = "patients.csv"):
    if isinstance(content, str):
        content = content.encode()
    return client.post(
        IMPORT,
        data={"file": (io.BytesIO(content), filename)},
        content_type="multipart/form-data",
    )


def page(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def token_of(response) -> str:
    match = re.search(
        r'name="token" type="hidden" value="([^"]+)"', response.get_data(as_text=True)
    )
    assert match, response.get_data(as_text=True)[:3000]
    return match.group(1)


def counts(response) -> dict[str, int]:
    text = response.get_data(as_text=True)
    return {
        kind: int(re.search(rf'<dd id="count-{kind}">(\d+)</dd>', text).group(1))
        for kind in ("create", "update", "refused")
    }


def refused_rows(response) -> list[int]:
    text = response.get_data(as_text=True)
    table = text.split('<table class="refusals">', 1)[1].split("</table>", 1)[0]
    return [int(n) for n in re.findall(r"<tr><td>(\d+)</td>", table)]


def confirm(client: FlaskClient, token: str):
    return client.post(CONFIRM, data={"token": token})


def participants() -> dict[str, Participant]:
    db.session.expire_all()
    return {p.phone: p for p in db.session.scalars(sa.select(Participant))}


def participant_count() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Participant)) or 0


def events(action: AuditAction) -> list[AuditEvent]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            sa.select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
        )
    )


def add_sites() -> tuple[Site, Site]:
    sites = ensure_site("eastside", "Eastside Clinic"), ensure_site("riverside", "Riverside Clinic")
    db.session.commit()
    return sites


@pytest.fixture
def admin(db_app: Flask) -> FlaskClient:
    """An admin signed in on the parametrized database (SQLite, then PostgreSQL)."""
    make_user(Role.ADMIN)
    client = db_app.test_client()
    assert sign_in(client, "admin@clinic.example").status_code == 302
    return client


@pytest.fixture
def sites(db_app: Flask) -> tuple[Site, Site]:
    return add_sites()


EXISTING_PHONE = "+16172345600"

FILE = (
    "MRN,Name,Phone Number,Preferred Language,Site,Age,Race,ZIP,Consent\n"
    "A-1,Ana Lima,(617) 234-5601,Spanish,Eastside,34,Hispanic or Latino; White,02139,yes\n"
    "A-2,Bao Tran,617.234.5602,Vietnamese,Riverside Clinic,70,Asian,02140,no\n"
    "A-3,Carl Klingon,617 234 5603,Klingon,Eastside,50,White,02141,yes\n"  # row 4: refused
    ",New Name,617-234-5600,,,,,,\n"  # row 5: update, keeps everything not given
    "A-5,Dee Duplicate,+1 617 234 5601,English,Eastside,22,Black,02142,\n"  # row 6: dup of 2
)


def add_existing(site: Site, **overrides) -> Participant:
    values = {
        "phone": EXISTING_PHONE,
        "name": "Old Name",
        "external_id": "OLD-1",
        "preferred_language": "vi",
        "site_id": site.id,
        "age_band": "45_64",
        "gender": "woman",
        "zip_code": "02155",
        "race_ethnicity": [],
    } | overrides
    races = values.pop("race_ethnicity")
    participant = Participant(**values)
    participant.race_ethnicity = races
    db.session.add(participant)
    db.session.commit()
    return participant


# --- upload and preview --------------------------------------------------------------------


def test_upload_page_renders(admin_client):
    response = admin_client.get(IMPORT)
    assert response.status_code == 200
    assert 'name="file"' in response.get_data(as_text=True)


def test_preview_shows_counts_and_refused_rows_and_writes_nothing(admin, sites):
    riverside = sites[1]
    add_existing(riverside)
    response = upload(admin, FILE)
    assert response.status_code == 200, page(response)[:3000]
    assert counts(response) == {"create": 2, "update": 1, "refused": 2}
    assert refused_rows(response) == [4, 6]
    text = page(response)
    assert "“Klingon” is not one of the offered languages." in text
    assert "The same phone number is already on row 2." in text
    assert participant_count() == 1  # only the one that was there
    assert events(AuditAction.IMPORT) == []


def test_upload_without_a_file(admin_client):
    response = admin_client.post(IMPORT, data={}, content_type="multipart/form-data")
    assert response.status_code == 400
    assert "Choose a CSV file to import." in page(response)


# --- confirm -------------------------------------------------------------------------------


def test_confirm_creates_updates_and_audits(admin, sites):
    eastside, riverside = sites
    existing = add_existing(riverside, race_ethnicity=["asian"])
    existing_id = existing.id
    token = token_of(upload(admin, FILE))

    response = confirm(admin, token)
    assert response.status_code == 302
    follow = admin.get(response.headers["Location"])
    assert "Import finished: 2 added, 1 updated, 2 refused." in page(follow)

    people = participants()
    assert set(people) == {EXISTING_PHONE, "+16172345601", "+16172345602"}

    ana = people["+16172345601"]
    assert (ana.name, ana.external_id, ana.preferred_language) == ("Ana Lima", "A-1", "es")
    assert (ana.site_id, ana.age_band, ana.zip_code) == (eastside.id, "18_44", "02139")
    assert sorted(ana.race_ethnicity) == ["hispanic", "white"]
    assert ana.has_sms_consent
    assert ana.sms_consent_method == "paper"
    assert "patients.csv" in (ana.sms_consent_wording or "")

    assert ana.phone_status == "mobile"  # the column's default
    assert ana.created_at is not None and ana.created_at == ana.updated_at

    bao = people["+16172345602"]
    assert (bao.site_id, bao.age_band, bao.preferred_language) == (riverside.id, "65_plus", "vi")
    assert bao.race_ethnicity == ["asian"]
    assert bao.sms_consent_at is None

    # The update changed the name and kept every field the file left blank.
    old = people[EXISTING_PHONE]
    assert old.id == existing_id
    assert old.name == "New Name"
    assert (old.external_id, old.preferred_language, old.site_id) == ("OLD-1", "vi", riverside.id)
    assert (old.age_band, old.gender, old.zip_code) == ("45_64", "woman", "02155")
    assert old.race_ethnicity == ["asian"]

    # Refused rows were never written.
    assert "+16172345603" not in people
    assert db.session.scalar(sa.select(Participant).where(Participant.name.like("%Dee%"))) is None

    race_rows = db.session.execute(
        sa.select(ParticipantRaceEthnicity.participant_id, ParticipantRaceEthnicity.category)
    ).all()
    assert sorted((pid, str(c)) for pid, c in race_rows) == sorted(
        [(ana.id, "hispanic"), (ana.id, "white"), (bao.id, "asian"), (old.id, "asian")]
    )

    (import_event,) = events(AuditAction.IMPORT)
    assert import_event.entity_type == "participant_import"
    assert import_event.actor_email == "admin@clinic.example"
    assert import_event.detail == {"file": "patients.csv", "created": 2, "updated": 1, "refused": 2}
    created = [e for e in events(AuditAction.CREATE) if e.entity_type == "participant"]
    assert sorted(e.entity_id for e in created) == sorted([ana.id, bao.id])
    updated = [e for e in events(AuditAction.UPDATE) if e.entity_type == "participant"]
    assert [e.entity_id for e in updated] == [existing_id]
    for event in created + updated:
        assert event.detail == {"import": "patients.csv"}
        assert event.actor_email == "admin@clinic.example"


def test_update_replaces_race_when_the_file_gives_one(admin, sites):
    existing = add_existing(sites[0], race_ethnicity=["asian", "white"])
    races = "Black; Middle Eastern or North African"
    token = token_of(upload(admin, f'phone,race\n{EXISTING_PHONE},"{races}"\n'))
    assert confirm(admin, token).status_code == 302
    db.session.expire_all()
    assert sorted(db.session.get(Participant, existing.id).race_ethnicity) == ["black", "mena"]


def test_second_confirm_with_the_same_token_is_refused(admin, sites):
    token = token_of(upload(admin, FILE))
    assert confirm(admin, token).status_code == 302
    before = participant_count(), len(events(AuditAction.CREATE)), len(events(AuditAction.UPDATE))

    again = confirm(admin, token)
    assert again.status_code == 400
    assert "This preview has expired or was already imported. Upload the file again." in page(again)
    after = participant_count(), len(events(AuditAction.CREATE)), len(events(AuditAction.UPDATE))
    assert len(events(AuditAction.IMPORT)) == 1
    assert after == before


def test_another_admin_cannot_use_my_token(admin, db_app, sites):
    token = token_of(upload(admin, FILE))
    make_user(Role.ADMIN, "other-admin@clinic.example")
    other = db_app.test_client()
    assert sign_in(other, "other-admin@clinic.example").status_code == 302

    response = confirm(other, token)
    assert response.status_code == 400
    assert "This preview has expired or was already imported." in page(response)
    assert other.get(f"/participants/import/{token}/refused.csv").status_code == 404
    assert participant_count() == 0
    # The owner still can (rows 2, 3 and 5: nobody has row 5's phone yet).
    assert confirm(admin, token).status_code == 302
    assert participant_count() == 3


@pytest.mark.parametrize("token", ["", "../../secret_key", "nope", "a" * 24])
def test_unknown_or_malformed_token(admin_client, token):
    response = confirm(admin_client, token)
    assert response.status_code == 400


def test_failure_during_commit_writes_nothing(admin, sites, monkeypatch):
    add_existing(sites[0])
    token = token_of(upload(admin, FILE))

    def broken(*args, **kwargs):
        raise RuntimeError("audit table is gone")

    monkeypatch.setattr(audit, "record_many", broken)
    response = confirm(admin, token)
    assert response.status_code == 500
    people = participants()
    assert set(people) == {EXISTING_PHONE}
    assert people[EXISTING_PHONE].name == "Old Name"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ParticipantRaceEthnicity)) == 0
    assert events(AuditAction.IMPORT) == []

    # Nothing was half-done, so the same preview can be imported once the fault is gone.
    monkeypatch.undo()
    assert confirm(admin, token).status_code == 302
    assert participant_count() == 3


def test_import_never_consents_someone_who_opted_out(admin, sites):
    earlier = datetime(2025, 1, 1, tzinfo=UTC)
    opted_out = add_existing(
        sites[0],
        sms_consent_at=earlier,
        sms_consent_method="form",
        sms_consent_wording="original wording",
        sms_opted_out_at=earlier + timedelta(days=30),
    )
    never_consented_but_opted_out = add_existing(
        sites[0], phone="+16172345690", external_id="OLD-2", sms_opted_out_at=earlier
    )
    consented = add_existing(
        sites[0],
        phone="+16172345691",
        external_id="OLD-3",
        sms_consent_at=earlier,
        sms_consent_method="keyword",
        sms_consent_wording="keyword wording",
    )
    never_asked = add_existing(sites[0], phone="+16172345692", external_id="OLD-4")
    text = "phone,consent,consent_date\n" + "".join(
        f"{p.phone},yes,2026-03-01\n"
        for p in (opted_out, never_consented_but_opted_out, consented, never_asked)
    )
    assert confirm(admin, token_of(upload(admin, text))).status_code == 302

    people = participants()
    first = people[opted_out.phone]
    assert first.sms_consent_at == earlier
    assert first.sms_consent_wording == "original wording"
    assert not first.has_sms_consent
    second = people[never_consented_but_opted_out.phone]
    assert second.sms_consent_at is None
    assert not second.has_sms_consent
    third = people[consented.phone]
    assert (third.sms_consent_at, third.sms_consent_method) == (earlier, "keyword")
    fourth = people[never_asked.phone]
    assert fourth.has_sms_consent
    assert fourth.sms_consent_at == datetime(2026, 3, 1, 12, tzinfo=UTC)


def test_someone_added_between_preview_and_confirm_is_updated_not_duplicated(admin, sites):
    token = token_of(upload(admin, "phone,name\n617 234 5601,From file\n"))
    add_existing(sites[0], phone="+16172345601", name="Typed in meanwhile")
    assert confirm(admin, token).status_code == 302
    people = participants()
    assert list(people) == ["+16172345601"]
    assert people["+16172345601"].name == "From file"


def test_record_number_of_another_participant_is_refused(admin, sites):
    add_existing(sites[0])  # external id OLD-1
    response = upload(admin, "phone,mrn\n617 234 5601,OLD-1\n617 234 5602,NEW-2\n")
    assert counts(response) == {"create": 1, "update": 0, "refused": 1}
    assert refused_rows(response) == [2]
    assert "Record number “OLD-1” belongs to a participant with another phone." in page(response)


# --- refused rows as CSV -------------------------------------------------------------------


def test_refused_rows_download(admin, sites):
    token = token_of(upload(admin, FILE))
    response = admin.get(f"/participants/import/{token}/refused.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[0] == ["Row", "Phone", "Reasons"]
    assert rows[1] == ["4", "617 234 5603", "“Klingon” is not one of the offered languages."]
    assert rows[2] == ["6", "+1 617 234 5601", "The same phone number is already on row 2."]
    assert len(rows) == 3
    (export,) = events(AuditAction.EXPORT)
    assert export.detail == {"refused_rows": "patients.csv"}
    # Once imported, the preview and its refused rows are gone.
    assert confirm(admin, token).status_code == 302
    assert admin.get(f"/participants/import/{token}/refused.csv").status_code == 404


# --- whole-file refusals -------------------------------------------------------------------


def test_file_over_the_import_limit_is_refused(app, admin_client):
    app.config["ENGAGE_IMPORT_MAX_BYTES"] = 1024 * 1024
    big = "phone,name\n" + "617 234 5601,Ana\n" * 70_000  # about 1.2 MB
    response = upload(admin_client, big)
    assert response.status_code == 400
    assert "The file is larger than 1 MB. Split it into smaller files." in page(response)
    assert participant_count() == 0


def test_upload_over_the_request_limit_gets_the_friendly_413_page(app, admin_client):
    assert app.config["MAX_CONTENT_LENGTH"] == 12 * 1024 * 1024
    twenty_mb = b"phone\n" + b"6172345601\n" * (20 * 1024 * 1024 // 11)
    response = upload(admin_client, twenty_mb)
    assert response.status_code == 413
    text = page(response)
    assert "The file is too large to upload. Split it into smaller files." in text
    assert "<html" in text.lower()  # the site's page, not a bare error
    assert participant_count() == 0


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (
            "name,language\nAna,English\n",
            "patients.csv",
            "The file has no phone column. Name one column “phone”. Columns found: name, language",
        ),
        ("", "patients.csv", "The file is empty."),
        ("phone,name\n", "patients.csv", "The file has a header but no rows."),
        (
            b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\x00\x00\x00\x00[Content_Types].xml",
            "patients.xlsx",
            "The file could not be read as CSV:",
        ),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00",
            "photo.png",
            "The file could not be read as CSV:",
        ),
        (
            "phone,name\n617 234 5601,Ana\n617 234 5602,Bo,extra\n",
            "patients.csv",
            "The file could not be read as CSV:",
        ),
    ],
    ids=["no-phone-column", "empty", "header-only", "xlsx", "png", "ragged"],
)
def test_unusable_file_is_refused_on_the_page(admin_client, content, filename, message):
    response = upload(admin_client, content, filename)
    assert response.status_code == 400
    text = page(response)
    assert message in text
    assert 'class="error"' in response.get_data(as_text=True)
    assert participant_count() == 0
    assert list((_instance_imports(admin_client)).glob("*.json")) == []


def _instance_imports(client: FlaskClient):
    from pathlib import Path

    return Path(client.application.instance_path) / "imports"


# --- who may -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.STAFF, Role.BOARD])
def test_only_admins_may_import(client, users, role):
    assert sign_in(client, users[role].email).status_code == 302
    assert client.get(IMPORT).status_code == 403
    assert upload(client, FILE).status_code == 403
    assert confirm(client, "whatever").status_code == 403
    assert client.get("/participants/import/whatever/refused.csv").status_code == 403
    assert participant_count() == 0


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(IMPORT)
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
    assert confirm(client, "whatever").status_code == 302
