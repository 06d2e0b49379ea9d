from __future__ import annotations

import sqlalchemy as sa

from engage.auth.models import User
from engage.auth.roles import Role
from engage.core.models import AuditAction, AuditEvent
from engage.extensions import db
from tests.conftest import sign_in


def test_admin_creates_a_board_account(admin_client):
    response = admin_client.post(
        "/users/new",
        data={
            "email": "Mai@Clinic.example ",
            "name": "Mai",
            "role": "board",
            "preferred_language": "vi",
            "password": "a long enough password",
            "active": "y",
        },
    )
    assert response.status_code == 302
    user = db.session.scalar(sa.select(User).where(User.email == "mai@clinic.example"))
    assert user.role is Role.BOARD and user.preferred_language == "vi"
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.entity_id == user.id))
    assert event.action is AuditAction.CREATE


def test_short_password_and_duplicate_email_are_refused(admin_client, users):
    data = {"email": "new@clinic.example", "name": "N", "role": "staff", "preferred_language": "en"}
    response = admin_client.post("/users/new", data=data | {"password": "short"})
    assert response.status_code == 400
    assert b"at least 12 characters" in response.data
    response = admin_client.post(
        "/users/new", data=data | {"email": users[Role.STAFF].email, "password": "long enough pass"}
    )
    assert response.status_code == 400
    assert b"already exists" in response.data
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 3


def test_admin_cannot_remove_their_own_admin_access(admin_client, users):
    admin = users[Role.ADMIN]
    response = admin_client.post(
        f"/users/{admin.id}",
        data={"name": "Admin", "role": "staff", "preferred_language": "en", "active": "y"},
    )
    assert response.status_code == 400
    assert db.session.get(User, admin.id).role is Role.ADMIN


def test_own_language_is_used_after_sign_in(client, users):
    sign_in(client, users[Role.BOARD].email)
    client.post("/account", data={"preferred_language": "es"})
    assert db.session.get(User, users[Role.BOARD].id).preferred_language == "es"
    assert b'lang="es"' in client.get("/").data


def test_changing_password_signs_out_other_sessions(app, users):
    first, second = app.test_client(), app.test_client()
    sign_in(first, users[Role.STAFF].email)
    sign_in(second, users[Role.STAFF].email)
    response = first.post(
        "/account",
        data={
            "preferred_language": "en",
            "new_password": "a brand new password",
            "confirm_password": "a brand new password",
        },
    )
    assert response.status_code == 302
    assert first.get("/").status_code == 200
    assert second.get("/").status_code == 302


def test_users_create_command(runner):
    result = runner.invoke(
        args=[
            "users",
            "create",
            "Lead@Clinic.example",
            "--role",
            "admin",
            "--password",
            "long enough pass",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "Created admin account lead@clinic.example" in result.output
    result = runner.invoke(
        args=[
            "users",
            "create",
            "lead@clinic.example",
            "--role",
            "admin",
            "--password",
            "long enough pass",
        ]
    )
    assert result.exit_code != 0
    assert "already exists" in result.output
    result = runner.invoke(
        args=[
            "users",
            "create",
            "x@clinic.example",
            "--role",
            "boss",
            "--password",
            "long enough pass",
        ]
    )
    assert result.exit_code != 0
