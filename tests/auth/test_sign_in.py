from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from engage.auth.models import LoginThrottle, User
from engage.auth.roles import Role
from engage.core.models import AuditAction, AuditEvent
from engage.core.types import utcnow
from engage.extensions import db
from tests.conftest import PASSWORD, sign_in


def test_passwords_are_stored_as_argon2id(users):
    assert users[Role.ADMIN].password_hash.startswith("$argon2id$")


def test_sign_in_and_out(client, users):
    response = sign_in(client, users[Role.STAFF].email)
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert b"Welcome, Staff" in client.get("/").data
    client.post("/logout")
    assert client.get("/").status_code == 302


def test_session_cookie_is_httponly_and_samesite_lax(client, users):
    response = sign_in(client, users[Role.STAFF].email)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_next_only_goes_to_this_site(client, users):
    response = client.post(
        "/login?next=https://evil.example/",
        data={"email": users[Role.ADMIN].email, "password": PASSWORD},
    )
    assert response.headers["Location"] == "/"
    client.post("/logout")
    response = client.post(
        "/login?next=/participants/", data={"email": users[Role.ADMIN].email, "password": PASSWORD}
    )
    assert response.headers["Location"] == "/participants/"


def test_wrong_password_ten_times_locks_the_address(client, users, app):
    email = users[Role.ADMIN].email
    answers = [sign_in(client, email, "wrong password!") for _ in range(10)]
    assert all(answer.status_code == 400 for answer in answers)
    assert b"The email address or password is not right." in answers[0].data
    assert b"Too many failed sign-ins. Try again in 15 minutes." in answers[4].data
    assert b"Too many failed sign-ins" in answers[9].data
    # While locked, even the right password is refused.
    assert sign_in(client, email).status_code == 400
    failures = db.session.scalar(
        sa.select(sa.func.count()).where(AuditEvent.action == AuditAction.LOGIN_FAILED)
    )
    assert failures == 5  # later attempts were refused before checking the password
    # When the lock runs out, the right password works again.
    throttle = db.session.get(LoginThrottle, email)
    throttle.locked_until = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert sign_in(client, email).status_code == 302


def test_unknown_email_is_throttled_the_same_way(client, users):
    answers = [sign_in(client, "nobody@clinic.example", "whatever it is") for _ in range(6)]
    assert b"The email address or password is not right." in answers[0].data
    assert b"Too many failed sign-ins" in answers[5].data


def test_disabled_account_cannot_sign_in_and_is_signed_out(app, users):
    staff_client = app.test_client()
    sign_in(staff_client, users[Role.STAFF].email)
    admin_client = app.test_client()
    sign_in(admin_client, users[Role.ADMIN].email)
    admin_client.post(
        f"/users/{users[Role.STAFF].id}",
        data={"name": "Staff", "role": "staff", "preferred_language": "en", "active": ""},
    )
    assert db.session.get(User, users[Role.STAFF].id).active is False
    assert staff_client.get("/").status_code == 302
    assert sign_in(app.test_client(), users[Role.STAFF].email).status_code == 400


def test_form_without_csrf_token_is_refused(app, users):
    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client()
    response = client.post("/login", data={"email": users[Role.ADMIN].email, "password": PASSWORD})
    assert response.status_code == 400
    assert b"This form has expired or was not sent from this site" in response.data
    assert client.get("/").status_code == 302  # not signed in


def test_csrf_error_is_shown_in_the_visitors_language(app, users):
    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client()
    response = client.post("/login?lang=es", data={"email": "a@b.example", "password": "x"})
    assert response.status_code == 400
    assert b'lang="es"' in response.data
    assert b"This form has expired" not in response.data
