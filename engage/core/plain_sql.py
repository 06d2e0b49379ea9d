"""Plain statements for the hottest paths: built once, run on the session's connection.

Building a statement from ORM attributes costs more than running it, and the ORM's
bookkeeping (identity map, flush) more again. Where a request runs the same few
statements every time (the SMS webhook), they are built once per process here and run
on the session's own connection and transaction, so they commit or roll back with
everything else the request did. Column defaults, ``onupdate`` and type conversions
still apply: they belong to the table, not the ORM.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect

from engage.extensions import db

Bound = tuple[sa.Executable, dict[str, Any]]  # a statement and its parameters


def table(model: type) -> sa.Table:
    return model.__table__  # type: ignore[attr-defined, no-any-return]


@cache
def update_by_id(model: type) -> sa.Update:
    """UPDATE … WHERE id = :row_id; the columns set are the parameters' other keys."""
    return sa.update(table(model)).where(table(model).c.id == sa.bindparam("row_id"))


def run(statement: sa.Executable, params: dict[str, Any]) -> sa.CursorResult[Any]:
    """On the session's connection, in its transaction, without the ORM's bookkeeping.

    Objects the session holds for rows written this way are stale until expired.
    """
    return db.session.connection().execute(statement, params)


# --- on the driver's cursor ---------------------------------------------------------------


@dataclass(frozen=True)
class _Prepared:
    """A statement compiled for one dialect and one set of parameter names, with what
    SQLAlchemy would add at execution: literal values, Python-side column defaults, and
    the types' conversions in and out."""

    sql: str
    positions: tuple[str, ...] | None  # the order of a positional paramstyle's values
    fixed: dict[str, Any]  # values compiled into the statement (literals)
    defaults: dict[str, Callable[[], Any]]  # column defaults SQLAlchemy fills in
    bind_types: dict[str, Callable[[Any], Any]]
    result_types: tuple[Callable[[Any], Any] | None, ...]


# One entry per statement, database and set of parameter names: a handful, since only
# statements built once per process (``functools.cache``) are run this way.
_prepared: dict[tuple[Any, str, frozenset[str]], _Prepared | None] = {}


def _prepare(statement: sa.Executable, dialect: Dialect, keys: frozenset[str]) -> _Prepared | None:
    """None for what this path does not take (expanding IN lists): those go through
    SQLAlchemy's execution as usual."""
    compiled = statement.compile(dialect=dialect, column_keys=sorted(keys))
    if any(bind.expanding for bind in compiled.binds.values()) or compiled.escaped_bind_names:
        return None
    template = compiled.construct_params(dict.fromkeys(keys))
    defaults: dict[str, Callable[[], Any]] = {}
    for column, default in [(c, c.default) for c in compiled.insert_prefetch] + [
        (c, c.onupdate) for c in compiled.update_prefetch
    ]:
        assert default is not None and (default.is_callable or default.is_scalar), column
        arg = default.arg  # type: ignore[attr-defined]
        defaults[column.key] = (
            (lambda arg=arg: arg(None)) if default.is_callable else (lambda arg=arg: arg)
        )
    bind_types = {}
    for name in template:
        process = compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None:
            bind_types[name] = process
    columns = getattr(statement, "exported_columns", ())
    return _Prepared(
        sql=str(compiled),
        positions=tuple(compiled.positiontup) if dialect.positional else None,  # type: ignore[arg-type]
        fixed={name: value for name, value in template.items() if name not in keys},
        defaults={name: make for name, make in defaults.items() if name not in keys},
        bind_types=bind_types,
        # Without the driver's type codes (None): enough for what the webhook reads
        # (integers, text, timestamps, JSON, booleans), not for, say, numerics.
        result_types=tuple(
            column.type.dialect_impl(dialect).result_processor(dialect, None) for column in columns
        ),
    )


def fetch(
    statement: sa.Executable, params: dict[str, Any], connection: sa.Connection | None = None
) -> list[tuple[Any, ...]]:
    """Like :func:`run`, on the driver's own cursor: the rows, converted as SQLAlchemy
    converts them. The statement is compiled once per parameter names and database.

    SQLAlchemy's execution (parameter and result bookkeeping, events) costs several times
    what the driver does for the webhook's small statements; this keeps what they need
    of it. A driver error comes out wrapped as SQLAlchemy would wrap it, and a dropped
    connection invalidated (``engage.core.connections`` counts on both).
    """
    return fetch_together([(statement, params)], connection)[0]


def fetch_together(
    statements: Sequence[Bound],
    connection: sa.Connection | None = None,
) -> list[list[tuple[Any, ...]]]:
    """Several statements as :func:`fetch` runs each, in order; their rows, in order.

    On PostgreSQL they travel together in one round trip (psycopg's pipeline mode), with
    the BEGIN of a transaction not begun yet. The server still runs them one after the
    other, each with a snapshot taken when it starts, so each sees what the ones before
    it wrote and locked, and what other transactions committed meanwhile: the same as
    sending them one at a time, less the waits between them. The webhook's statements
    are tiny, so those waits (the server woken, the worker woken) were most of their
    cost. If one fails, the ones after it do not run, and the error is raised.
    """
    connection = connection or db.session.connection()
    dialect = connection.dialect
    batch: list[tuple[_Prepared, Any]] = []
    for statement, params in statements:
        key = (statement, dialect.name, frozenset(params))
        if key not in _prepared:
            _prepared[key] = _prepare(statement, dialect, key[2])
        prepared = _prepared[key]
        if prepared is None:  # through SQLAlchemy, after what came before it
            rows = _on_cursor(connection, batch) if batch else []
            result = connection.execute(statement, params)
            rest = statements[len(batch) + 1 :]
            return [
                *rows,
                [tuple(row) for row in result] if result.returns_rows else [],
                *(fetch_together(rest, connection) if rest else []),
            ]
        values = prepared.fixed | {name: make() for name, make in prepared.defaults.items()}
        values |= params
        for name, process in prepared.bind_types.items():
            values[name] = process(values[name])
        arguments: Any = (
            [values[name] for name in prepared.positions]
            if prepared.positions is not None
            else values
        )
        batch.append((prepared, arguments))
    return _on_cursor(connection, batch)


def _on_cursor(
    connection: sa.Connection, batch: list[tuple[_Prepared, Any]]
) -> list[list[tuple[Any, ...]]]:
    dialect = connection.dialect
    dbapi_connection = connection.connection
    together = len(batch) > 1 and dialect.driver == "psycopg"
    cursors = [dbapi_connection.cursor() for _ in batch]
    prepared, arguments = batch[0]
    try:
        # A pipeline sends when its block ends, and waits once for all the results.
        driver = dbapi_connection.driver_connection
        with driver.pipeline() if together else nullcontext():  # type: ignore[union-attr]
            for cursor, (prepared, arguments) in zip(cursors, batch, strict=True):
                cursor.execute(prepared.sql, arguments)
        # Whether rows come back is known from the statement; asking the cursor
        # (``description``) costs psycopg a column object per column, every time.
        fetched = [
            cursor.fetchall() if prepared.result_types else []
            for cursor, (prepared, _arguments) in zip(cursors, batch, strict=True)
        ]
    except dialect.loaded_dbapi.Error as error:
        dropped = dialect.is_disconnect(error, dbapi_connection, cursors[0])
        if dropped:
            connection.invalidate(error)
            db.engine.dispose(close=False)  # its other connections are as stale as this one
        if together:  # the pipeline's error does not say which statement: name them all
            statement, arguments = "; ".join(p.sql for p, _a in batch), [a for _p, a in batch]
        else:
            statement = prepared.sql
        raise sa.exc.DBAPIError.instance(
            statement,
            arguments,
            error,
            dialect.loaded_dbapi.Error,
            connection_invalidated=dropped,
            dialect=dialect,
        ) from error
    finally:
        for cursor in cursors:
            cursor.close()
    return [
        _converted(rows, prepared.result_types)
        for rows, (prepared, _arguments) in zip(fetched, batch, strict=True)
    ]


def _converted(
    rows: list[Any], types: tuple[Callable[[Any], Any] | None, ...]
) -> list[tuple[Any, ...]]:
    if not any(types):
        return [tuple(row) for row in rows]
    return [
        tuple(
            value if process is None else process(value)
            for process, value in zip(types, row, strict=True)
        )
        for row in rows
    ]
