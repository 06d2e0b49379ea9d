from __future__ import annotations

import pytest

from engage.config import ConfigurationError, load_settings


def test_production_without_secret_key_refuses_to_start(tmp_path):
    with pytest.raises(ConfigurationError, match="SECRET_KEY is not set"):
        load_settings(str(tmp_path), {"ENGAGE_ENV": "production"})


def test_production_on_sqlite_needs_an_explicit_opt_in(tmp_path):
    env = {"ENGAGE_ENV": "production", "SECRET_KEY": "x" * 40}
    with pytest.raises(ConfigurationError, match="ENGAGE_ALLOW_SQLITE"):
        load_settings(str(tmp_path), env)
    settings = load_settings(str(tmp_path), env | {"ENGAGE_ALLOW_SQLITE": "1"})
    assert settings["SESSION_COOKIE_SECURE"] is True


def test_production_on_postgres_starts_with_secure_cookies(tmp_path):
    settings = load_settings(
        str(tmp_path),
        {
            "ENGAGE_ENV": "production",
            "SECRET_KEY": "x" * 40,
            "DATABASE_URL": "postgres://db/engage",
        },
    )
    assert settings["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://db/engage"
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["SESSION_COOKIE_HTTPONLY"] is True
    assert settings["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_development_generates_a_secret_once(tmp_path):
    first = load_settings(str(tmp_path), {})
    second = load_settings(str(tmp_path), {})
    assert len(first["SECRET_KEY"]) > 40
    assert first["SECRET_KEY"] == second["SECRET_KEY"]
    assert first["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")
    assert first["SESSION_COOKIE_SECURE"] is False


def test_languages_and_timezone_come_from_the_environment(tmp_path):
    settings = load_settings(
        str(tmp_path), {"ENGAGE_LANGUAGES": "es, vi", "ENGAGE_TIMEZONE": "America/Chicago"}
    )
    assert settings["ENGAGE_LANGUAGES"] == ["en", "es", "vi"]
    assert settings["ENGAGE_TIMEZONE"] == "America/Chicago"
    assert load_settings(str(tmp_path), {})["ENGAGE_LANGUAGES"] == [
        "en",
        "es",
        "vi",
        "zh_Hans",
        "ar",
    ]


def test_sqlite_runs_with_wal_and_foreign_keys(app):
    from engage.extensions import db

    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
