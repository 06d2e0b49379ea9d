"""Plain statements for the hottest paths: built once, run on the session's connection.

Building a statement from ORM attributes costs more than running it, and the ORM's
bookkeeping (identity map, flush) more again. Where a request runs the same few
statements every time (the SMS webhook), they are built once per process here and run
on the session's own connection and transaction, so they commit or roll back with
everything else the request did. Column defaults, ``onupdate`` and type conversions
still apply: they belong to the table, not the ORM.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import sqlalchemy as sa

from engage.extensions import db


def table(model: type) -> sa.Table:
    return model.__table__  # type: ignore[attr-defined, no-any-return]


@cache
def insert_returning_id(model: type) -> sa.Insert:
    """INSERT of the parameters' columns, RETURNING the new row's id."""
    return sa.insert(table(model)).returning(table(model).c.id)


@cache
def update_by_id(model: type) -> sa.Update:
    """UPDATE … WHERE id = :row_id; the columns set are the parameters' other keys."""
    return sa.update(table(model)).where(table(model).c.id == sa.bindparam("row_id"))


def run(statement: sa.Executable, params: dict[str, Any]) -> sa.CursorResult[Any]:
    """On the session's connection, in its transaction, without the ORM's bookkeeping.

    Objects the session holds for rows written this way are stale until expired.
    """
    return db.session.connection().execute(statement, params)
