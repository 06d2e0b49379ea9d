"""Throwaway databases for the benchmarks: a temporary SQLite file or a PostgreSQL schema."""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

POSTGRES_URL = os.environ.get(
    "ENGAGE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


@contextmanager
def database(kind: str) -> Iterator[str]:
    """A fresh, empty database URL ("sqlite" or "postgres"), removed afterwards."""
    if kind == "sqlite":
        with tempfile.TemporaryDirectory(prefix="engage-bench-") as folder:
            yield f"sqlite:///{Path(folder) / 'bench.sqlite'}"
        return
    schema = f"engage_bench_{uuid.uuid4().hex[:10]}"
    engine = sa.create_engine(POSTGRES_URL)
    with engine.begin() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in POSTGRES_URL else "?"
    try:
        yield f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}"
    finally:
        with engine.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()
