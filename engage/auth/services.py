"""Accounts: creating them, changing them, and signing in with a throttle."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext

from engage.auth.models import LoginThrottle, User, new_session_token
from engage.auth.roles import Role
from engage.core import audit
from engage.core.errors import EngageError
from engage.core.models import AuditAction
from engage.core.types import utcnow
from engage.extensions import db

MIN_PASSWORD_LENGTH = 12


class AccountRefused(EngageError):
    """An account could not be created or changed as asked."""


class SignInRefused(EngageError):
    """Wrong email or password, or too many failures in a row."""


def password_hasher() -> PasswordHasher:
    """Argon2id, a memory-hard hash; tests lower the cost through the app's settings."""
    config = current_app.config
    return PasswordHasher(
        time_cost=config.get("ENGAGE_ARGON2_TIME_COST", 3),
        memory_cost=config.get("ENGAGE_ARGON2_MEMORY_KIB", 65536),
        parallelism=1,
    )


def normalize_email(email: str) -> str:
    return email.strip().lower()


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountRefused(
            _("Use a password of at least %(count)d characters.", count=MIN_PASSWORD_LENGTH)
        )


def find_user(email: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.email == normalize_email(email)))


def create_user(
    email: str,
    name: str,
    role: Role,
    password: str,
    preferred_language: str = "en",
    site_id: int | None = None,
) -> User:
    email = normalize_email(email)
    if "@" not in email or email.startswith("@") or email.endswith("@"):
        raise AccountRefused(_("Enter a valid email address."))
    if find_user(email) is not None:
        raise AccountRefused(_("An account with this email address already exists."))
    check_password_strength(password)
    user = User(
        email=email,
        name=name.strip() or email,
        role=role,
        preferred_language=preferred_language,
        password_hash=password_hasher().hash(password),
        site_id=site_id,
    )
    db.session.add(user)
    db.session.flush()
    audit.record(AuditAction.CREATE, "user", user.id, {"email": email, "role": role.value})
    return user


def update_user(
    user: User,
    *,
    name: str,
    role: Role,
    preferred_language: str,
    active: bool,
    site_id: int | None = None,
) -> None:
    changes = {}
    for field, value in (
        ("name", name.strip() or user.email),
        ("role", role),
        ("preferred_language", preferred_language),
        ("active", active),
        ("site_id", site_id),
    ):
        old = getattr(user, field)
        if old != value:
            changes[field] = [str(old), str(value)]
            setattr(user, field, value)
    if not active:
        user.session_token = new_session_token()
    if changes:
        audit.record(AuditAction.UPDATE, "user", user.id, changes)


def set_password(user: User, password: str) -> None:
    check_password_strength(password)
    user.password_hash = password_hasher().hash(password)
    user.session_token = new_session_token()
    audit.record(AuditAction.UPDATE, "user", user.id, {"password": "changed"})


def set_preferred_language(user: User, language: str) -> None:
    if user.preferred_language != language:
        audit.record(
            AuditAction.UPDATE,
            "user",
            user.id,
            {"preferred_language": [user.preferred_language, language]},
        )
        user.preferred_language = language


# A valid hash to verify against when the email is unknown, so both cases take as long.
_DUMMY_HASH: dict[tuple[int, int], str] = {}


def _dummy_hash(hasher: PasswordHasher) -> str:
    key = (hasher.time_cost, hasher.memory_cost)
    if key not in _DUMMY_HASH:
        _DUMMY_HASH[key] = hasher.hash("not a real password")
    return _DUMMY_HASH[key]


@dataclass(frozen=True)
class LockState:
    locked: bool
    minutes_left: int


def lock_state(email: str) -> LockState:
    throttle = db.session.get(LoginThrottle, normalize_email(email))
    now = utcnow()
    if throttle and throttle.locked_until and throttle.locked_until > now:
        return LockState(True, math.ceil((throttle.locked_until - now).total_seconds() / 60))
    return LockState(False, 0)


def _locked_message(minutes: int) -> str:
    return ngettext(
        "Too many failed sign-ins. Try again in %(num)d minute.",
        "Too many failed sign-ins. Try again in %(num)d minutes.",
        minutes,
    )


def authenticate(email: str, password: str) -> User:
    """The account for these credentials, or :class:`SignInRefused`.

    After ``ENGAGE_LOGIN_MAX_FAILURES`` failures in a row for one address, that address
    is locked for ``ENGAGE_LOGIN_LOCK_MINUTES``, even for the right password.
    """
    email = normalize_email(email)
    state = lock_state(email)
    if state.locked:
        raise SignInRefused(_locked_message(state.minutes_left))

    hasher = password_hasher()
    user = find_user(email)
    ok = False
    try:
        ok = hasher.verify(user.password_hash if user else _dummy_hash(hasher), password)
    except (VerificationError, InvalidHashError):
        ok = False
    if user is None or not user.active:
        ok = False

    throttle = db.session.get(LoginThrottle, email)
    if ok:
        assert user is not None
        if throttle:
            db.session.delete(throttle)
        if hasher.check_needs_rehash(user.password_hash):
            user.password_hash = hasher.hash(password)
        user.last_login_at = utcnow()
        audit.record(AuditAction.LOGIN, "user", user.id, actor=audit.Actor(user.id, user.email))
        return user

    now = utcnow()
    if throttle is None:
        throttle = LoginThrottle(email=email, failures=0)
        db.session.add(throttle)
    throttle.failures += 1
    throttle.last_failure_at = now
    actor = audit.Actor(None, email)
    audit.record(AuditAction.LOGIN_FAILED, "user", user.id if user else None, actor=actor)
    limit = current_app.config["ENGAGE_LOGIN_MAX_FAILURES"]
    if throttle.failures >= limit:
        minutes = current_app.config["ENGAGE_LOGIN_LOCK_MINUTES"]
        throttle.locked_until = now + timedelta(minutes=minutes)
        throttle.failures = 0
        audit.record(AuditAction.LOCKED, "user", user.id if user else None, actor=actor)
        raise SignInRefused(_locked_message(minutes))
    raise SignInRefused(_("The email address or password is not right."))


def load_user_from_session(token: str) -> User | None:
    """Flask-Login's loader: the id and the session token must both still match."""
    user_id, _sep, session_token = token.partition(":")
    if not user_id.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or user.session_token != session_token:
        return None
    return user


def list_users() -> list[User]:
    return list(db.session.scalars(sa.select(User).order_by(User.role, User.name)))
