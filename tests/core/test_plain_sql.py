"""plain_sql.fetch and fetch_together: statements on the driver's cursor, converted as
SQLAlchemy would, several in one round trip on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from functools import cache
from typing import Any

import pytest
import sqlalchemy as sa

from engage.core.plain_sql import fetch, fetch_together, table
from engage.extensions import db
from engage.surveys.models import Survey, SurveyStatus

OPENED = datetime(2026, 3, 8, 6, 30, tzinfo=UTC)


@cache
def insert_returning_id(model: type) -> sa.Insert:
    """INSERT of the parameters' columns, RETURNING the new row's id: built once, as the
    app's own statements are, so the compiled form is cached like theirs."""
    return sa.insert(table(model)).returning(table(model).c.id)


def test_an_insert_gets_the_column_defaults_and_a_select_converts_back(db_app):
    before = datetime.now(UTC)
    [(survey_id,)] = fetch(
        insert_returning_id(Survey),
        {"slug": "plain", "languages": ["es", "vi"], "opened_at": OPENED},
    )
    surveys = table(Survey)
    query = sa.select(
        surveys.c.status,
        surveys.c.languages,
        surveys.c.is_priority_setting,
        surveys.c.created_at,
        surveys.c.opened_at,
    ).where(surveys.c.id == sa.bindparam("survey_id"))

    [(status, languages, priority, created_at, opened_at)] = fetch(query, {"survey_id": survey_id})

    # Exactly what the ORM reads from the same row.
    survey = db.session.get_one(Survey, survey_id)
    assert (status, languages, priority) == (SurveyStatus.DRAFT, ["es", "vi"], False)
    assert (survey.status, survey.languages, survey.is_priority_setting) == (
        status,
        languages,
        priority,
    )
    assert created_at == survey.created_at and created_at >= before.replace(microsecond=0)
    assert opened_at == survey.opened_at == OPENED and opened_at.tzinfo is not None
    assert fetch(query, {"survey_id": survey_id + 1}) == []


def test_an_update_without_returning_gives_no_rows_and_is_in_the_transaction(db_app):
    [(survey_id,)] = fetch(insert_returning_id(Survey), {"slug": "plain"})
    surveys = table(Survey)
    update = (
        sa.update(surveys)
        .where(surveys.c.id == sa.bindparam("b_id"))
        .values(opened_at=sa.bindparam("b_at"))
    )
    assert fetch(update, {"b_id": survey_id, "b_at": OPENED}) == []
    db.session.rollback()  # the driver's statements are the session's: gone with it
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Survey)) == 0


def test_a_driver_error_comes_out_as_sqlalchemys(db_app):
    fetch(insert_returning_id(Survey), {"slug": "twice"})
    with pytest.raises(sa.exc.IntegrityError):
        fetch(insert_returning_id(Survey), {"slug": "twice"})
    db.session.rollback()


def test_an_expanding_list_goes_through_sqlalchemy(db_app):
    for slug in ("a", "b", "c"):
        fetch(insert_returning_id(Survey), {"slug": slug})
    surveys = table(Survey)
    query = sa.select(surveys.c.slug).where(
        surveys.c.slug.in_(sa.bindparam("slugs", expanding=True))
    )
    assert sorted(fetch(query, {"slugs": ["a", "c"]})) == [("a",), ("c",)]


def _slugs() -> list[str]:
    return sorted(db.session.scalars(sa.select(Survey.slug)))


def _count_of(slug_param: str = "slug") -> sa.Select:
    surveys = table(Survey)
    return (
        sa.select(sa.func.count())
        .select_from(surveys)
        .where(surveys.c.slug == sa.bindparam(slug_param))
    )


@pytest.fixture
def pipelines(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """How many times psycopg's pipeline mode was entered (one round trip each)."""
    entered: list[int] = []
    if db.engine.dialect.driver == "psycopg":
        import psycopg

        pipeline = psycopg.Connection.pipeline

        def counted(self: Any) -> Any:
            entered.append(1)
            return pipeline(self)

        monkeypatch.setattr(psycopg.Connection, "pipeline", counted)
    yield entered


def test_statements_sent_together_run_in_order_each_seeing_the_ones_before(db_app, pipelines):
    db.session.commit()  # nothing begun: the BEGIN travels with them on PostgreSQL
    inserted, counted = fetch_together(
        [(insert_returning_id(Survey), {"slug": "together"}), (_count_of(), {"slug": "together"})]
    )
    survey = db.session.get_one(Survey, inserted[0][0])
    assert survey.slug == "together" and counted == [(1,)]
    assert len(pipelines) == (1 if db.engine.dialect.name == "postgresql" else 0)
    db.session.rollback()  # on the session's transaction, like everything else
    assert _slugs() == []


def test_one_statement_alone_is_not_sent_as_a_pipeline(db_app, pipelines):
    assert fetch(_count_of(), {"slug": "alone"}) == [(0,)]
    assert pipelines == []


def test_a_failing_statement_stops_the_ones_after_it_and_nothing_stays(db_app):
    fetch(insert_returning_id(Survey), {"slug": "taken"})
    db.session.commit()
    with pytest.raises(sa.exc.IntegrityError):
        fetch_together(
            [
                (insert_returning_id(Survey), {"slug": "first"}),
                (insert_returning_id(Survey), {"slug": "taken"}),
                (insert_returning_id(Survey), {"slug": "after"}),
            ]
        )
    db.session.rollback()
    assert _slugs() == ["taken"]


def test_a_statement_sqlalchemy_must_run_keeps_its_place_among_the_others(db_app):
    surveys = table(Survey)
    listed = sa.select(surveys.c.slug).where(
        surveys.c.slug.in_(sa.bindparam("slugs", expanding=True))
    )
    results = fetch_together(
        [
            (insert_returning_id(Survey), {"slug": "a"}),
            (listed, {"slugs": ["a", "b"]}),
            (insert_returning_id(Survey), {"slug": "b"}),
            (_count_of(), {"slug": "b"}),
            (listed, {"slugs": ["a", "b"]}),
        ]
    )
    assert [len(rows) for rows in results] == [1, 1, 1, 1, 2]
    assert results[1] == [("a",)] and results[3] == [(1,)]
    assert sorted(results[4]) == [("a",), ("b",)]
