"""On SQLite, writers wait in line instead of sleeping and retrying.

SQLite lets one connection write at a time. A second writer that finds the lock taken
sleeps and tries again (1, 2, 5, 10… ms, up to ``busy_timeout``), so two gunicorn
workers answering texts spend much of their time asleep while the lock is already free:
each step holds the lock only a few milliseconds. :func:`writer_turn` wraps a short write
transaction in an exclusive ``flock`` on a file beside the database. The kernel wakes the
next waiter the moment the lock is released, so steps run back to back. A fresh file
description per turn makes it exclusive between threads of one process as well.

Only callers that opt in take turns (the SMS webhook, whose steps are many and short);
everything else still meets them through SQLite's own lock and ``busy_timeout``, so the
turn is a faster path, never a correctness requirement. On PostgreSQL, for an in-memory
database, or where ``fcntl`` does not exist, it does nothing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from engage.extensions import db

try:
    import fcntl
except ImportError:  # not a POSIX system: SQLite's busy_timeout alone
    fcntl = None  # type: ignore[assignment]


def _lock_path() -> str | None:
    url = db.engine.url
    if fcntl is None or url.get_backend_name() != "sqlite":
        return None
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        return None
    return f"{database}-writer"


@contextmanager
def writer_turn() -> Iterator[None]:
    """Run the block as this database's only turn-taking writer; roll back if it fails.

    The block must end its transaction (commit) before it returns: the turn is released
    on leaving, and the next writer would otherwise find SQLite's lock still held.
    """
    path = _lock_path()
    if path is None:
        yield
        return
    # A bare descriptor: a Python file object around it costs more than the lock itself.
    lock = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o666)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        except BaseException:
            db.session.rollback()
            raise
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    finally:
        os.close(lock)
