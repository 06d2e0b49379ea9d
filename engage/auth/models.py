"""Staff and advisory board accounts, and the sign-in throttle."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.auth.roles import Role
from engage.core.types import UTCDateTime, str_enum, utcnow
from engage.extensions import db

if TYPE_CHECKING:
    from engage.people.models import Site


def new_session_token() -> str:
    return secrets.token_urlsafe(24)


class User(UserMixin, db.Model):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    role: Mapped[Role] = mapped_column(str_enum(Role, 10))
    preferred_language: Mapped[str] = mapped_column(sa.String(10), default="en")
    # Where a staff member works, so training can be assigned to everyone at a site.
    site_id: Mapped[int | None] = mapped_column(sa.ForeignKey("site.id"), index=True)
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    # Rotated when the password changes or the account is disabled, which signs out
    # every session that still carries the old value.
    session_token: Mapped[str] = mapped_column(sa.String(64), default=new_session_token)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    site: Mapped[Site | None] = relationship("Site")

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.active

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"


class LoginThrottle(db.Model):
    """Failed sign-ins per email address, known or not, so a lock reveals nothing."""

    __tablename__ = "login_throttle"

    email: Mapped[str] = mapped_column(sa.String(254), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    last_failure_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
