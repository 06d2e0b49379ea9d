"""plain_sql.fetch: statements on the driver's cursor, converted as SQLAlchemy would."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from engage.core.plain_sql import fetch, insert_returning_id, table
from engage.extensions import db
from engage.surveys.models import Survey, SurveyStatus

OPENED = datetime(2026, 3, 8, 6, 30, tzinfo=UTC)


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
