"""Version plans: read in one query, kept by the worker only once the version is frozen."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from engage.extensions import db
from engage.surveys import responses, services
from engage.surveys.models import Channel, SurveyVersion
from engage.surveys.plans import CACHE_KEY, QuestionPlan, version_plan
from engage.surveys.services import QuestionInput
from engage.surveys.specs import question_spec
from tests.sms.checkin_survey import make_checkin_survey


def _cache(app) -> dict:
    return app.extensions.get(CACHE_KEY, {})


def test_a_plan_holds_the_questions_as_the_orm_reads_them(app):
    survey = make_checkin_survey()
    version = survey.current
    plan = version_plan(version.id, version.created_at)
    assert plan is not None
    assert [q.key for q in plan.questions] == ["ease", "interpreter", "visits"]
    assert plan.questions == tuple(QuestionPlan.of(q) for q in version.questions)
    assert plan.specs == [question_spec(q) for q in version.questions]
    assert plan.thank_you == version.thank_you
    assert plan.key_of(version.questions[1].id) == "interpreter"
    assert plan.find("visits") is plan.questions[2] and plan.find("nope") is None


def test_an_unanswered_version_is_read_afresh_every_time(app):
    survey = make_checkin_survey()
    version = survey.current
    version_plan(version.id, version.created_at)
    assert version.id not in _cache(app)
    services.update_question(
        survey,
        "ease",
        QuestionInput(key="ease", type="text", required=False, text={"en": "How was it?"}),
    )
    db.session.commit()
    plan = version_plan(version.id, version.created_at)
    assert plan is not None and plan.find("ease").text == {"en": "How was it?"}


def test_an_answered_version_is_kept_and_found_by_id_and_creation_time(app):
    survey = make_checkin_survey()
    version = survey.current
    response = responses.start_or_resume(
        survey, participant_id=None, resume_key=None, channel=Channel.WEB, language="en"
    )
    responses.save_answer(response, "ease", "easy")
    db.session.commit()
    kept = version_plan(version.id, version.created_at)
    assert _cache(app)[version.id] is kept
    statements: list[str] = []

    def count(*args) -> None:
        statements.append(args[2])

    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        assert version_plan(version.id, version.created_at) is kept
        # The same id with another creation time is another version (an id used again).
        other = version_plan(version.id, version.created_at + timedelta(seconds=1))
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)
    assert len(statements) == 2  # only the second look read the database (and its answers)
    assert other is not kept


def test_a_missing_version_has_no_plan(app):
    make_checkin_survey()
    latest = db.session.scalar(sa.select(sa.func.max(SurveyVersion.id)))
    assert version_plan(latest + 1, db.session.get(SurveyVersion, latest).created_at) is None
