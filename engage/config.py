"""Settings, read from the environment once.

Nothing else in engage reads ``os.environ``: the factory calls :func:`load_settings`
and tests pass a mapping of overrides to ``create_app`` instead.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

DEFAULT_LANGUAGES = "en,es,vi,zh_Hans,ar"


class ConfigurationError(RuntimeError):
    """Start-up refused because a setting is missing or unsafe."""


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def sqlite_url(instance_path: str) -> str:
    return "sqlite:///" + str(Path(instance_path) / "engage.sqlite")


def _development_secret(instance_path: str) -> str:
    """A secret generated once into the instance folder, so sessions survive restarts."""
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def load_settings(
    instance_path: str, environ: Mapping[str, str] | None = None, secret_given: bool = False
) -> dict[str, Any]:
    """Every setting engage reads, with its default; see the README for each.

    ``secret_given``: the caller overrides SECRET_KEY, so none is generated on disk.
    """
    env = os.environ if environ is None else environ
    production = env.get("ENGAGE_ENV", "development") == "production"
    database_url = env.get("DATABASE_URL") or sqlite_url(instance_path)
    if database_url.startswith("postgres://"):
        database_url = "postgresql+psycopg://" + database_url.removeprefix("postgres://")
    elif database_url.startswith("postgresql://"):
        database_url = "postgresql+psycopg://" + database_url.removeprefix("postgresql://")

    secret = env.get("SECRET_KEY")
    if production:
        if not secret and not secret_given:
            raise ConfigurationError(
                "SECRET_KEY is not set. In production engage needs a long random SECRET_KEY "
                "(for example: python -c 'import secrets; print(secrets.token_urlsafe(48))')."
            )
        if database_url.startswith("sqlite") and not _flag(env.get("ENGAGE_ALLOW_SQLITE")):
            raise ConfigurationError(
                "DATABASE_URL points at SQLite. In production use PostgreSQL, or set "
                "ENGAGE_ALLOW_SQLITE=1 to run a single small site on SQLite on purpose."
            )
    if not secret:
        secret = "" if secret_given else _development_secret(instance_path)

    languages = [code.strip() for code in env.get("ENGAGE_LANGUAGES", DEFAULT_LANGUAGES).split(",")]
    languages = [code for code in languages if code]
    if "en" not in languages:
        languages.insert(0, "en")

    return {
        "ENGAGE_ENV": "production" if production else "development",
        "SECRET_KEY": secret,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "ENGAGE_LANGUAGES": languages,
        "ENGAGE_TIMEZONE": env.get("ENGAGE_TIMEZONE", "America/New_York"),
        "ENGAGE_PHONE_REGION": env.get("ENGAGE_PHONE_REGION", "US"),
        "ENGAGE_CLINIC_NAME": env.get("ENGAGE_CLINIC_NAME", "Valley Community Health Center"),
        "ENGAGE_LOGIN_MAX_FAILURES": int(env.get("ENGAGE_LOGIN_MAX_FAILURES", "5")),
        "ENGAGE_LOGIN_LOCK_MINUTES": int(env.get("ENGAGE_LOGIN_LOCK_MINUTES", "15")),
        "ENGAGE_IMPORT_MAX_BYTES": int(env.get("ENGAGE_IMPORT_MAX_BYTES", str(10 * 1024 * 1024))),
        # Flask refuses any request body above this with 413, before a view reads it.
        "MAX_CONTENT_LENGTH": int(env.get("ENGAGE_MAX_UPLOAD_BYTES", str(12 * 1024 * 1024))),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": production,
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=12),
        "WTF_CSRF_TIME_LIMIT": None,
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_TRANSLATION_DIRECTORIES": str(Path(__file__).parent / "translations"),
        "TESTING": False,
    }
