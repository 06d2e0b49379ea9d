from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from engage.core.models import AuditAction, AuditEvent
from engage.extensions import db
from engage.people import services
from engage.people.models import Participant, ParticipantRaceEthnicity
from engage.people.vocabulary import AgeBand, ConsentMethod, RaceEthnicity
from tests.conftest import DEMO_ALREADY_LOADED

FORM = {
    "phone": "(617) 555-0143",
    "name": "Rosa García",
    "external_id": "MRN-1",
    "preferred_language": "es",
    "site_id": "",
    "age_band": "45_64",
    "race_ethnicity": ["hispanic", "white"],
    "gender": "woman",
    "zip_code": "02119",
    "consent_method": "form",
}


def _count(model: type) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_add_participant_stores_e164_demographics_and_consent(admin_client):
    response = admin_client.post("/participants/new", data=FORM)
    assert response.status_code == 302
    participant = db.session.scalar(sa.select(Participant))
    assert participant.phone == "+16175550143"
    assert participant.preferred_language == "es"
    assert participant.age_band is AgeBand.AGE_45_64
    assert participant.race_ethnicity == [RaceEthnicity.HISPANIC_LATINO, RaceEthnicity.WHITE]
    assert participant.has_sms_consent
    assert participant.sms_consent_method is ConsentMethod.FORM
    assert "Reply STOP to stop" in participant.sms_consent_wording
    page = admin_client.get(response.headers["Location"]).data.decode()
    assert "Rosa García" in page and "+1 617-555-0143" in page


@pytest.mark.parametrize(
    ("phone", "message"),
    [
        ("+1 555 0100", "too few digits"),
        ("not a phone", "not a phone number"),
        ("+1 800 555 1212", "cannot receive text messages"),
        ("", "This field is required"),
    ],
)
def test_bad_phone_is_refused_with_a_reason_and_nothing_saved(admin_client, phone, message):
    response = admin_client.post("/participants/new", data=FORM | {"phone": phone})
    assert response.status_code == 400
    assert message in response.data.decode()
    assert _count(Participant) == 0


def test_bad_phone_reason_is_in_the_users_language(admin_client):
    response = admin_client.post("/participants/new?lang=es", data=FORM | {"phone": "+1 555 0100"})
    assert response.status_code == 400
    assert b'lang="es"' in response.data
    assert b"too few digits" not in response.data


def test_duplicate_phone_and_record_number_are_refused(admin_client):
    admin_client.post("/participants/new", data=FORM)
    response = admin_client.post("/participants/new", data=FORM | {"phone": "+16175550143"})
    assert b"Another participant already has this phone number." in response.data
    response = admin_client.post("/participants/new", data=FORM | {"phone": "617 555 0144"})
    assert b"Another participant already has this record number." in response.data
    assert _count(Participant) == 1


def test_prefer_not_to_say_cannot_be_combined(admin_client):
    data = FORM | {"race_ethnicity": ["prefer_not_to_say", "asian"]}
    response = admin_client.post("/participants/new", data=data)
    assert response.status_code == 400
    assert b"but not both" in response.data


def test_bad_zip_and_unknown_choices_are_refused(admin_client):
    assert (
        admin_client.post("/participants/new", data=FORM | {"zip_code": "2119"}).status_code == 400
    )
    assert (
        admin_client.post("/participants/new", data=FORM | {"preferred_language": "fr"}).status_code
        == 400
    )
    assert admin_client.post("/participants/new", data=FORM | {"site_id": "999"}).status_code == 400
    assert _count(Participant) == 0


def test_edit_writes_the_change_to_the_audit_trail(admin_client):
    admin_client.post("/participants/new", data=FORM)
    participant = db.session.scalar(sa.select(Participant))
    response = admin_client.post(
        f"/participants/{participant.id}/edit",
        data=FORM | {"preferred_language": "en", "race_ethnicity": ["hispanic"]},
    )
    assert response.status_code == 302
    event = db.session.scalar(
        sa.select(AuditEvent).where(
            AuditEvent.action == AuditAction.UPDATE, AuditEvent.entity_id == participant.id
        )
    )
    assert event.detail["preferred_language"] == ["es", "en"]
    assert event.actor_email == "admin@clinic.example"
    assert _count(ParticipantRaceEthnicity) == 1


def test_viewing_a_participant_is_audited(admin_client):
    admin_client.post("/participants/new", data=FORM)
    participant = db.session.scalar(sa.select(Participant))
    admin_client.get(f"/participants/{participant.id}")
    views = db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == AuditAction.VIEW)
    ).all()
    assert [(v.entity_type, v.entity_id) for v in views] == [("participant", participant.id)]
    page = admin_client.get("/audit?action=view").data.decode()
    assert f"participant #{participant.id}" in page


def test_list_filters_by_site_and_language_and_searches(admin_client):
    eastside = services.ensure_site("eastside", "Eastside")
    db.session.commit()
    admin_client.post("/participants/new", data=FORM | {"site_id": str(eastside.id)})
    admin_client.post(
        "/participants/new",
        data=FORM
        | {
            "phone": "617 555 0144",
            "external_id": "",
            "name": "Linh Nguyen",
            "preferred_language": "vi",
        },
    )
    assert "Linh Nguyen" in admin_client.get("/participants/?language=vi").data.decode()
    assert "Linh Nguyen" not in admin_client.get(f"/participants/?site={eastside.id}").data.decode()
    assert "Rosa García" in admin_client.get("/participants/?q=555-0143").data.decode()
    assert "Rosa García" not in admin_client.get("/participants/?q=Linh").data.decode()


def test_list_is_paginated(admin_client):
    db.session.add_all(
        Participant(phone=f"+1617555{n:04d}", preferred_language="en") for n in range(100, 160)
    )
    db.session.commit()
    first = admin_client.get("/participants/").data.decode()
    assert "Page 1 of 2" in first
    assert "Page 2 of 2" in admin_client.get("/participants/?page=2").data.decode()


def test_participant_rows_on_both_databases(db_app):
    """Timezones, many race rows and the unique phone behave the same on SQLite and PostgreSQL."""
    consent = datetime(2026, 3, 8, 6, 30, tzinfo=UTC)
    participant = Participant(
        phone="+16175550101",
        preferred_language="ar",
        sms_consent_at=consent,
        sms_consent_method=ConsentMethod.PAPER,
    )
    participant.race_ethnicity = [RaceEthnicity.MIDDLE_EASTERN_NORTH_AFRICAN, RaceEthnicity.WHITE]
    db.session.add(participant)
    db.session.commit()
    db.session.expire_all()
    stored = db.session.scalar(sa.select(Participant))
    assert stored.sms_consent_at == consent and stored.sms_consent_at.tzinfo is not None
    assert stored.race_ethnicity == [
        RaceEthnicity.MIDDLE_EASTERN_NORTH_AFRICAN,
        RaceEthnicity.WHITE,
    ]
    stored.sms_opted_out_at = datetime(2026, 4, 1, tzinfo=UTC)
    assert not stored.has_sms_consent
    db.session.add(Participant(phone="+16175550101", preferred_language="en"))
    with pytest.raises(sa.exc.IntegrityError):
        db.session.commit()
    db.session.rollback()
    db.session.delete(db.session.scalar(sa.select(Participant)))
    db.session.commit()
    assert _count(ParticipantRaceEthnicity) == 0


def test_demo_data_is_believable_and_idempotent(db_app):
    from engage.demo import load_demo

    first = load_demo()
    db.session.commit()
    assert first == {"accounts": 3, "participants": 500, "surveys": 1} | {
        "responses": first["responses"],  # counted in tests/surveys/test_demo_survey.py
        "priorities": 8,
        "rounds": 2,
        "backlog": 8,
        "modules": 3,
        "assignments": 2,
    }
    assert load_demo() == DEMO_ALREADY_LOADED
    languages = dict(
        db.session.execute(
            sa.select(Participant.preferred_language, sa.func.count()).group_by(
                Participant.preferred_language
            )
        ).all()
    )
    assert set(languages) == {"en", "es", "vi", "zh_Hans", "ar"}
    assert languages["en"] > languages["es"] > languages["vi"] > languages["ar"]
    opted_out = db.session.scalar(
        sa.select(sa.func.count()).where(Participant.sms_opted_out_at.is_not(None))
    )
    assert 10 <= opted_out <= 45
    never_asked = db.session.scalar(
        sa.select(sa.func.count()).where(Participant.sms_consent_at.is_(None))
    )
    assert never_asked > 0
    assert db.session.scalar(sa.select(sa.func.count(sa.distinct(Participant.site_id)))) == 2
