"""The demo clinic's training: three modules in five languages, one due and one overdue
for staff, and Luis at Eastside."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

from engage.auth.roles import Role
from engage.auth.services import find_user
from engage.extensions import db
from engage.training.assignments import DutyStatus, clinic_today, duties_for
from engage.training.demo import load_demo_training
from engage.training.demo_content import MODULES
from engage.training.markdown import render_markdown
from engage.training.models import Assignment, TrainingModule
from engage.training.services import find_module
from tests.conftest import make_user
from tests.training.test_markdown import elements

LANGUAGES = {"en", "es", "vi", "zh_Hans", "ar"}
NOW = datetime(2026, 11, 1, 15, tzinfo=UTC)  # the demo clinic's fixed "now"


def test_demo_training_loads_once_published_in_five_languages(db_app):
    make_user(Role.STAFF, "luis@valleychc.example", "es")
    assert load_demo_training(NOW) == {"modules": 3, "assignments": 2}
    db.session.commit()
    assert load_demo_training(NOW) == {"modules": 0, "assignments": 0}
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(TrainingModule)) == 3
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Assignment)) == 2

    for entry in MODULES:
        module = find_module(entry["slug"])
        assert module.published and len(module.questions) == len(entry["questions"]) >= 4
        assert set(module.title) == set(module.body) == LANGUAGES
        for question in module.questions:
            assert set(question.text) == set(question.explanation) == LANGUAGES
            assert all(set(choice.text) == LANGUAGES for choice in question.choices)
        for language in LANGUAGES:  # every body renders to ordinary, safe HTML
            html = str(render_markdown(module.body_in(language)))
            assert (
                html
                and "<script" not in html
                and all(not any(a.startswith("on") for a in attrs) for _, attrs in elements(html))
            )

    luis = find_user("luis@valleychc.example")
    assert luis.site is not None and luis.site.slug == "eastside"
    duties = {d.module.slug: d for d in duties_for(luis)}
    today = clinic_today()
    assert duties["curious-by-default"].status is DutyStatus.OVERDUE
    assert (today - duties["curious-by-default"].due_on).days == 5
    assert duties["small-tests-of-change"].status is DutyStatus.DUE
    assert (duties["small-tests-of-change"].due_on - today).days == 10
    assert "patient-voice-and-equity" not in duties
