"""Pooled database connections: tested when they may have gone stale, not on every use.

A server can drop a pooled connection (a restart, a failover, an idle timeout), and the
next request to use it then fails. SQLAlchemy's ``pool_pre_ping`` guards against that
with a round trip before every use, which is a sixth of the SMS webhook's time on
PostgreSQL. Instead:

- :func:`ping_when_idle`: a connection is pinged on checkout only if it sat unused in the
  pool longer than ``ENGAGE_DB_PING_AFTER_SECONDS`` (default 10). Connections in steady
  use (every one, when texts arrive) skip it; one left idle overnight is tested first.
- A connection that dropped while in steady use fails its request. SQLAlchemy then
  marks the whole pool stale, so every other connection is replaced before its next
  use: one failed request per worker, per outage. The webhooks, whose work is safe to
  repeat, run it once more on a fresh connection (:func:`once_more_if_disconnected`),
  so not even that text is lost.

SQLite files cannot drop: neither applies to them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, DisconnectionError

from engage.extensions import db

T = TypeVar("T")
_IDLE_SINCE = "engage_idle_since"


def ping_when_idle(engine: Engine, after_seconds: float) -> None:
    """Ping a connection on checkout when it was idle longer than ``after_seconds``."""
    if engine.dialect.name == "sqlite":
        return

    def checked_in(_dbapi_connection: Any, record: Any) -> None:
        record.info[_IDLE_SINCE] = time.monotonic()

    def checked_out(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        idle_since = record.info.pop(_IDLE_SINCE, None)
        if idle_since is None or time.monotonic() - idle_since < after_seconds:
            return  # just opened, or in steady use
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as error:
            # The pool discards this connection and checks out another (a new one).
            raise DisconnectionError(f"stale pooled connection: {error}") from error

    sa.event.listen(engine, "checkin", checked_in)
    sa.event.listen(engine, "checkout", checked_out)


def once_more_if_disconnected(work: Callable[[], T]) -> T:
    """Run ``work`` (which commits); if the database connection turned out to be dead,
    roll back and run it once more, on a fresh connection.

    Only for work that is safe to repeat after a rollback: the webhooks are, since every
    row they write is keyed by Twilio's sid, and nothing before the commit left the app.
    """
    try:
        return work()
    except DBAPIError as error:
        db.session.rollback()
        if not error.connection_invalidated:
            raise
    return work()
