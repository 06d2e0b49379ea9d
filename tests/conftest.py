"""Fixtures shared by every test: apps on fresh databases, signed-in clients, a browser.

PostgreSQL and Chromium are real parts. When either is missing the tests that need it
are skipped with a clear reason, except where ``ENGAGE_REQUIRE_POSTGRES=1`` or
``ENGAGE_REQUIRE_BROWSER=1`` is set (CI sets both), which turns the skip into a failure.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask, g
from flask.testing import FlaskClient

from engage import create_app
from engage.auth.roles import Role
from engage.extensions import db

POSTGRES_URL = os.environ.get(
    "ENGAGE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
PASSWORD = "correct horse battery"
# What ``load_demo`` returns when the demo clinic is already there: every part it
# reports, none of it added again. A new demo part is one more name here.
DEMO_ALREADY_LOADED = dict.fromkeys(
    (
        "accounts",
        "participants",
        "surveys",
        "responses",
        "priorities",
        "rounds",
        "backlog",
        "modules",
        "assignments",
    ),
    0,
)


def required(part: str) -> bool:
    """CI (``CI=true``) requires every part; a laptop may lack PostgreSQL or Chromium."""
    return os.environ.get(f"ENGAGE_REQUIRE_{part}", "") == "1" or os.environ.get("CI") == "true"


def missing(part: str, reason: str) -> None:
    """Skip on a laptop; fail where the part is required (CI)."""
    if required(part):
        pytest.fail(f"{reason} (ENGAGE_REQUIRE_{part}=1, so this is a failure, not a skip)")
    pytest.skip(reason)


def base_config(database_url: str, instance: Path) -> dict[str, Any]:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "ENGAGE_ARGON2_TIME_COST": 1,
        "ENGAGE_ARGON2_MEMORY_KIB": 1024,
    }


@pytest.fixture(scope="session")
def postgres_schema_url() -> Iterator[str]:
    """A schema of its own in the test database, so parallel runs never collide."""
    schema = f"engage_test_{uuid.uuid4().hex[:10]}"
    try:
        engine = sa.create_engine(POSTGRES_URL)
        with engine.begin() as connection:
            connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    except sa.exc.OperationalError as error:
        missing("POSTGRES", f"PostgreSQL is not reachable at {POSTGRES_URL}: {error.orig}")
    separator = "&" if "?" in POSTGRES_URL else "?"
    yield f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}"
    with engine.begin() as connection:
        connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


def _make_app(database_url: str, tmp_path: Path, **overrides: Any) -> Flask:
    app = create_app(base_config(database_url, tmp_path) | overrides)
    app.instance_path = str(tmp_path / "instance")
    Path(app.instance_path).mkdir(exist_ok=True)

    @app.teardown_request
    def forget_signed_in_user(_error: BaseException | None) -> None:
        # The fixture keeps one app context open, so ``g`` outlives a request here as it
        # never does in production; without this Flask-Login would reuse the last user.
        g.pop("_login_user", None)
        # Likewise the language Flask-Babel chose (and a participant's, set by a survey
        # link): each request must choose its own, as it does in production.
        g.pop("_flask_babel", None)
        g.pop("participant_language", None)

    return app


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    """An app on a fresh SQLite database."""
    app = _make_app(f"sqlite:///{tmp_path / 'test.sqlite'}", tmp_path)
    with app.app_context():
        db.create_all()
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def db_app(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Flask]:
    """An app on a fresh database, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        yield request.getfixturevalue("app")
        return
    url = request.getfixturevalue("postgres_schema_url")
    app = _make_app(url, tmp_path)
    with app.app_context():
        db.create_all()
        yield app
        db.session.remove()
        db.create_all()  # a test may have dropped tables (the migration tests do)
        tables = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
        with db.engine.begin() as connection:
            connection.execute(sa.text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        db.engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> Any:
    return app.test_cli_runner()


def make_user(role: Role, email: str | None = None, language: str = "en") -> Any:
    from engage.auth.services import create_user

    user = create_user(
        email or f"{role.value}@clinic.example", role.value.title(), role, PASSWORD, language
    )
    db.session.commit()
    return user


@pytest.fixture
def users(app: Flask) -> dict[Role, Any]:
    return {role: make_user(role) for role in Role}


def sign_in(client: FlaskClient, email: str, password: str = PASSWORD) -> Any:
    return client.post("/login", data={"email": email, "password": password})


@pytest.fixture
def admin_client(client: FlaskClient, users: dict[Role, Any]) -> FlaskClient:
    assert sign_in(client, users[Role.ADMIN].email).status_code == 302
    return client
