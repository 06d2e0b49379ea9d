"""The demo clinic's backlog: the two changes the board chose, and the usual QI work.

"Same-day interpreter access" and "Cut no-shows with text reminders in the patient's
language" came from the closed board round and are being tested, each with a measure
and PDSA cycles; the rest are the common health-center measures a backlog holds.
Idempotent: items are found by title.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa

from engage.auth.services import find_user
from engage.backlog import services
from engage.backlog.demo_measures import add_demo_measures
from engage.backlog.models import ImprovementItem, ItemStatus, ItemTraining
from engage.extensions import db
from engage.people.models import Site
from engage.priorities.models import PriorityItem, VotingRound
from engage.training.services import find_module

INTERPRETERS = "Same-day interpreter access"
NO_SHOWS = "Cut no-shows with text reminders in the patient's language"
TESTERS_TRAINING = "small-tests-of-change"  # staff testing either change take it first
# title, description, priority key, site slug, status path, due in days
OTHER_ITEMS = (
    (
        "Third-next-available appointment under 7 days",
        "Track third-next-available weekly per provider team and open same-day slots.",
        "wait_times",
        None,
        (ItemStatus.PLANNED,),
        45,
    ),
    (
        "Colorectal cancer screening: raise FIT kit return",
        "Mail FIT kits with a prepaid envelope and a reminder text two weeks later.",
        "crc_screening",
        "riverside",
        (ItemStatus.PLANNED, ItemStatus.TESTING),
        60,
    ),
    (
        "Close blood pressure control gaps by race and ethnicity",
        "Stratify controlled hypertension by race and ethnicity; add nurse BP visits.",
        "bp_diabetes",
        None,
        (),
        90,
    ),
    (
        "A1c above 9%: outreach and group visits",
        "Monthly list of patients with A1c above 9% for outreach by the care team.",
        "bp_diabetes",
        "eastside",
        (),
        120,
    ),
    (
        "Depression screening follow-up within 30 days",
        "Warm handoff to behavioral health after a positive PHQ-9.",
        "mental_health",
        None,
        (ItemStatus.PLANNED,),
        75,
    ),
    (
        "Food insecurity screening with PRAPARE",
        "Ask PRAPARE food questions at annual visits and refer to the food pantry.",
        "food_housing",
        "eastside",
        (),
        100,
    ),
)


def load_demo_backlog(now: datetime) -> dict[str, int]:
    if db.session.scalar(sa.select(ImprovementItem.id).where(ImprovementItem.title == NO_SHOWS)):
        return {"backlog": 0}
    dana = find_user("dana@valleychc.example")
    luis = find_user("luis@valleychc.example")
    priorities = {item.key: item.id for item in db.session.scalars(sa.select(PriorityItem))}
    sites = {site.slug: site.id for site in db.session.scalars(sa.select(Site))}
    chosen = db.session.scalar(sa.select(VotingRound).order_by(VotingRound.id).limit(1))
    today = now.date()

    def item(
        title: str, description: str, key: str, age: timedelta = timedelta(days=4), **fields: object
    ) -> ImprovementItem:
        data = services.ItemInput(
            title=title,
            description=description,
            priorities={priorities[key]: fields.pop("rationale", "")} if key in priorities else {},
            **fields,  # type: ignore[arg-type]
        )
        made = services.create_item(data, dana.id if dana else None)
        made.created_at = now - age
        return made

    interpreters = item(
        INTERPRETERS,
        "Book an in-person or video interpreter when the visit is scheduled, not at check-in.",
        "interpreter",
        # Staff began testing it in the spring; the survey and the board then made it a
        # community priority, so its cycles and data come before the round that chose it.
        age=timedelta(days=270),
        owner_id=luis.id if luis else None,
        site_id=sites.get("eastside"),
        due_on=today + timedelta(days=60),
        round_id=chosen.id if chosen else None,
        rationale="Spanish and Vietnamese speakers ranked interpreter access first.",
    )
    no_shows = item(
        NO_SHOWS,
        "A reminder text two days before the visit, in the language the patient reads.",
        "text_reminders",
        age=timedelta(days=80),
        owner_id=dana.id if dana else None,
        due_on=today + timedelta(days=45),
        round_id=chosen.id if chosen else None,
        rationale="Patients asked for reminders in their own language.",
    )
    for made in (interpreters, no_shows):
        for status in (ItemStatus.PLANNED, ItemStatus.TESTING):
            services.move(made, status, dana.id if dana else None)
    for title, description, key, site, path, due in OTHER_ITEMS:
        made = item(
            title,
            description,
            key,
            site_id=sites.get(site) if site else None,
            due_on=today + timedelta(days=due),
        )
        for status in path:
            services.move(made, status, None)
    add_demo_measures(interpreters, no_shows, now)
    module = find_module(TESTERS_TRAINING)
    if module is not None:
        for made in (interpreters, no_shows):
            db.session.add(ItemTraining(item_id=made.id, module_id=module.id))
    db.session.flush()
    return {"backlog": 2 + len(OTHER_ITEMS)}
