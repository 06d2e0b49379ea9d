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
        "ENGAGE_SURVEY_LINK_DAYS": int(env.get("ENGAGE_SURVEY_LINK_DAYS", "30")),
        "MAX_CONTENT_LENGTH": int(env.get("ENGAGE_MAX_UPLOAD_BYTES", str(12 * 1024 * 1024))),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": production,
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=12),
        "WTF_CSRF_TIME_LIMIT": None,
        # Pooled connections unused this long are tested before use (engage.core.connections).
        "ENGAGE_DB_PING_AFTER_SECONDS": float(env.get("ENGAGE_DB_PING_AFTER_SECONDS", "10")),
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_TRANSLATION_DIRECTORIES": str(Path(__file__).parent / "translations"),
        "TESTING": False,
        # Text messages (see the README's SMS section).
        "ENGAGE_SMS_BACKEND": env.get("ENGAGE_SMS_BACKEND", "console"),
        "ENGAGE_PUBLIC_URL": env.get("ENGAGE_PUBLIC_URL", "http://127.0.0.1:5000").rstrip("/"),
        "ENGAGE_CLINIC_PHONE": env.get("ENGAGE_CLINIC_PHONE", "(617) 555-0100"),
        # Names the sender in every text; short, so HELP fits one segment in every language.
        "ENGAGE_CLINIC_SHORT_NAME": env.get("ENGAGE_CLINIC_SHORT_NAME")
        or env.get("ENGAGE_CLINIC_NAME", "Valley CHC"),
        "TWILIO_ACCOUNT_SID": env.get("TWILIO_ACCOUNT_SID", ""),
        "TWILIO_AUTH_TOKEN": env.get("TWILIO_AUTH_TOKEN", ""),
        "TWILIO_MESSAGING_SERVICE_SID": env.get("TWILIO_MESSAGING_SERVICE_SID", ""),
        "TWILIO_FROM_NUMBER": env.get("TWILIO_FROM_NUMBER", ""),
        "TWILIO_API_BASE_URL": env.get("TWILIO_API_BASE_URL", ""),
        "ENGAGE_SMS_QUIET_START_HOUR": int(env.get("ENGAGE_SMS_QUIET_START_HOUR", "21")),
        "ENGAGE_SMS_QUIET_END_HOUR": int(env.get("ENGAGE_SMS_QUIET_END_HOUR", "8")),
        "ENGAGE_SMS_DAILY_CAP": int(env.get("ENGAGE_SMS_DAILY_CAP", "1")),
        "ENGAGE_SMS_WEEKLY_CAP": int(env.get("ENGAGE_SMS_WEEKLY_CAP", "3")),
        "ENGAGE_SMS_RATE_PER_SECOND": float(env.get("ENGAGE_SMS_RATE_PER_SECOND", "1")),
        "ENGAGE_SMS_MAX_ATTEMPTS": int(env.get("ENGAGE_SMS_MAX_ATTEMPTS", "5")),
        "ENGAGE_SMS_CONVERSATION_HOURS": int(env.get("ENGAGE_SMS_CONVERSATION_HOURS", "48")),
        "ENGAGE_SMS_REPLY_TO_UNKNOWN": _flag(env.get("ENGAGE_SMS_REPLY_TO_UNKNOWN", "1")),
        "CELERY_BROKER_URL": env.get("CELERY_BROKER_URL", ""),
        # Sending (engage/sms/dispatch.py). A failed try waits base * 2**(tries - 1) seconds,
        # at most the maximum; a claim older than the timeout means its worker stopped; an
        # "unknown" send not found at Twilio after the grace period goes back to the outbox.
        "ENGAGE_SMS_RETRY_BASE_SECONDS": float(env.get("ENGAGE_SMS_RETRY_BASE_SECONDS", "30")),
        "ENGAGE_SMS_RETRY_MAX_SECONDS": float(env.get("ENGAGE_SMS_RETRY_MAX_SECONDS", "3600")),
        "ENGAGE_SMS_CLAIM_TIMEOUT_SECONDS": int(env.get("ENGAGE_SMS_CLAIM_TIMEOUT_SECONDS", "600")),
        "ENGAGE_SMS_UNKNOWN_GRACE_SECONDS": int(env.get("ENGAGE_SMS_UNKNOWN_GRACE_SECONDS", "900")),
        # The rate limit spaces texts (1 + jitter) / rate seconds apart, so a text reaching
        # Twilio up to this late still never puts more than the rate into one second.
        "ENGAGE_SMS_RATE_JITTER_SECONDS": float(env.get("ENGAGE_SMS_RATE_JITTER_SECONDS", "0.05")),
        "ENGAGE_SMS_HTTP_TIMEOUT_SECONDS": float(env.get("ENGAGE_SMS_HTTP_TIMEOUT_SECONDS", "15")),
        "ENGAGE_SMS_DISPATCH_BATCH": int(env.get("ENGAGE_SMS_DISPATCH_BATCH", "50")),
        "ENGAGE_SMS_DISPATCH_INTERVAL_SECONDS": float(
            env.get("ENGAGE_SMS_DISPATCH_INTERVAL_SECONDS", "5")
        ),
    }
