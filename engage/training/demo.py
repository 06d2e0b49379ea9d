"""The demo clinic's training: three culture-of-inquiry modules, assigned to staff.

Follows shared/SCENARIOS.md, step 5. The modules' texts are in ``demo_content``; they go
in through the same services the editor uses, so demo content meets the editor's rules.
"Small tests of change" is due in 10 days and "Curious by default" was due 5 days ago,
so Luis (staff, Eastside) has one module due and one overdue. The due days are counted
from the real today, not the demo's fixed ``now``, as the open board round is, so the
demo shows the same picture whenever it is loaded. Idempotent: modules are found by slug
and an assignment by module and role.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from engage.auth import services as accounts
from engage.auth.roles import Role
from engage.extensions import db
from engage.people.services import ensure_site
from engage.training import services
from engage.training.assignments import AssignmentInput, add_assignment, clinic_today
from engage.training.models import Assignment, TrainingModule

STAFF_EMAIL = "luis@valleychc.example"
STAFF_SITE = ("eastside", "Eastside")
# (module slug, due in this many days from today; negative: already past)
STAFF_ASSIGNMENTS = (("small-tests-of-change", 10), ("curious-by-default", -5))


def _module_input(entry: dict[str, Any], published: bool) -> services.ModuleInput:
    return services.ModuleInput(
        slug=entry["slug"],
        title=entry["title"],
        summary=entry.get("summary", {}),
        body=entry["body"],
        minutes=entry["minutes"],
        pass_mark=entry["pass_mark"],
        max_attempts=entry.get("max_attempts"),
        published=published,
    )


def _question_input(entry: dict[str, Any]) -> services.QuestionInput:
    return services.QuestionInput(
        kind=entry["kind"],
        text=entry["text"],
        explanation=entry["explanation"],
        choices=[
            services.ChoiceInput(key=c["key"], text=c["text"], correct=bool(c["correct"]))
            for c in entry["choices"]
        ],
    )


def load_module(entry: dict[str, Any], now: datetime) -> TrainingModule | None:
    """Create one module with its quiz, published; None when its slug is already there."""
    if services.find_module(entry["slug"]) is not None:
        return None
    module = services.create_module(_module_input(entry, published=False))
    module.created_at = now
    for question in entry["questions"]:
        services.add_question(module, _question_input(question))
    services.update_module(module, _module_input(entry, published=True))
    return module


def load_demo_training(
    now: datetime, modules: list[dict[str, Any]] | None = None
) -> dict[str, int]:
    """Create what is missing of the demo training; return how many rows were added."""
    if modules is None:
        from engage.training.demo_content import MODULES

        modules = MODULES
    added = {"modules": 0, "assignments": 0}
    for entry in modules:
        if load_module(entry, now) is not None:
            added["modules"] += 1
    luis = accounts.find_user(STAFF_EMAIL)
    if luis is not None and luis.site_id is None:
        luis.site_id = ensure_site(*STAFF_SITE).id
    today = clinic_today()
    for slug, days in STAFF_ASSIGNMENTS:
        module = services.find_module(slug)
        if module is None:
            continue
        exists = db.session.scalar(
            sa.select(Assignment.id).where(
                Assignment.module_id == module.id, Assignment.role == Role.STAFF
            )
        )
        if exists is None:
            add_assignment(
                AssignmentInput(module.id, today + timedelta(days=days), role=Role.STAFF)
            )
            added["assignments"] += 1
    db.session.flush()
    return added
