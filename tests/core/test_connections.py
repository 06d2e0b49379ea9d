"""Pooled connections on PostgreSQL: pinged after sitting idle, not on every use."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError

from engage.core.connections import once_more_if_disconnected, ping_when_idle
from engage.extensions import db
from tests.conftest import POSTGRES_URL


@pytest.fixture
def engine(postgres_schema_url: str) -> Iterator[sa.Engine]:
    engine = sa.create_engine(postgres_schema_url, pool_size=1, max_overflow=0)
    yield engine
    engine.dispose()


def backend_pid(engine: sa.Engine) -> int:
    with engine.connect() as connection:
        return int(connection.scalar(sa.text("SELECT pg_backend_pid()")))


def drop(pid: int) -> None:
    """What a server restart does to a pooled connection."""
    killer = sa.create_engine(POSTGRES_URL)
    with killer.connect() as connection:
        assert connection.scalar(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    killer.dispose()


def test_a_connection_idle_past_the_limit_is_pinged_and_replaced_when_dropped(engine):
    ping_when_idle(engine, after_seconds=0)
    pooled = backend_pid(engine)
    drop(pooled)

    assert backend_pid(engine) != pooled  # the ping found it dead; a new one served


def test_a_connection_in_steady_use_is_not_pinged(engine):
    """The other side of the bargain, and proof the ping is what saved the one above."""
    ping_when_idle(engine, after_seconds=3600)
    drop(backend_pid(engine))

    with pytest.raises(DBAPIError) as raised:
        backend_pid(engine)
    assert raised.value.connection_invalidated
    backend_pid(engine)  # the pool replaced it


def invalidated(flag: bool) -> DBAPIError:
    return DBAPIError("SELECT 1", {}, Exception("server closed"), connection_invalidated=flag)


def test_work_is_run_once_more_only_when_the_connection_died(app):
    calls: list[int] = []

    def dies_once() -> str:
        calls.append(1)
        if len(calls) == 1:
            raise invalidated(True)
        return "done"

    assert once_more_if_disconnected(dies_once) == "done" and len(calls) == 2

    def fails(error: DBAPIError) -> None:
        calls.append(1)
        raise error

    calls.clear()
    with pytest.raises(DBAPIError):
        once_more_if_disconnected(lambda: fails(invalidated(False)))  # a real error
    assert len(calls) == 1
    calls.clear()
    with pytest.raises(DBAPIError):
        once_more_if_disconnected(lambda: fails(invalidated(True)))  # dead twice: give up
    assert len(calls) == 2
    assert db.session.is_active  # rolled back, usable
