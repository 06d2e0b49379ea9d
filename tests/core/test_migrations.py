"""The migrations build the schema the models describe, on SQLite and on PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from engage.extensions import db


def _empty_database() -> None:
    db.drop_all()
    with db.engine.begin() as connection:
        connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")


def test_migrations_match_the_models(db_app):
    _empty_database()
    upgrade()
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == []


def test_migrations_downgrade_to_nothing_and_up_again(db_app):
    _empty_database()
    upgrade()
    downgrade(revision="base")
    with db.engine.connect() as connection:
        names = set(db.inspect(connection).get_table_names()) - {"alembic_version"}
    assert names == set()
    upgrade()
