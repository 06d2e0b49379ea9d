"""The audit trail: who saw, exported or changed participant data or accounts, and when."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from engage.core.types import UTCDateTime, str_enum, utcnow
from engage.extensions import db


class AuditAction(enum.StrEnum):
    VIEW = "view"
    CREATE = "create"
    UPDATE = "update"
    IMPORT = "import"
    EXPORT = "export"
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOCKED = "locked"


class AuditEvent(db.Model):
    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    # Kept as a plain id, not a foreign key: the trail must outlive the account it names.
    actor_id: Mapped[int | None] = mapped_column(index=True)
    actor_email: Mapped[str | None] = mapped_column(sa.String(254))
    action: Mapped[AuditAction] = mapped_column(str_enum(AuditAction, 20))
    entity_type: Mapped[str] = mapped_column(sa.String(40))
    entity_id: Mapped[int | None]
    detail: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)

    __table_args__ = (sa.Index("ix_audit_event_entity", "entity_type", "entity_id"),)
