"""The demo clinic's priorities: the list, its panel, the board, and two board rounds.

Follows shared/SCENARIOS.md: the survey's eight issues become the priority list; the
panel of about 18,000 patients is 48% English, 34% Spanish, 9% Vietnamese, 6% Chinese
and 3% Arabic speakers, so Spanish and Vietnamese speakers show as under-represented;
Dana opened a ranked round with the top 6 that has closed, and a dot-voting round is
open for Mai to try. Idempotent, like the rest of ``flask demo``.
"""

from __future__ import annotations

import random
import secrets
from datetime import datetime, timedelta
from itertools import product

import sqlalchemy as sa

from engage.auth import services as accounts
from engage.auth.models import User
from engage.auth.roles import Role
from engage.core.types import utcnow
from engage.extensions import db
from engage.priorities import items, rounds
from engage.priorities.community import community, snapshot
from engage.priorities.models import (
    Ballot,
    PanelStratum,
    PriorityItem,
    RoundMethod,
    VotingRound,
)
from engage.surveys.models import Survey

PANEL_PATIENTS = 18_000
PANEL_LANGUAGES = {"en": 0.48, "es": 0.34, "vi": 0.09, "zh_Hans": 0.06, "ar": 0.03}
PANEL_AGES = {"18_44": 0.45, "45_64": 0.35, "65_plus": 0.20}
PANEL_SITES = {"eastside": 0.55, "riverside": 0.45}
# Race and ethnicity of the panel within each language, as the EHR records it.
PANEL_RACE = {
    "en": {
        "white": 0.35,
        "black": 0.30,
        "hispanic": 0.10,
        "asian": 0.05,
        "aian": 0.02,
        "nhpi": 0.01,
        "multiple": 0.09,
        "prefer_not_to_say": 0.08,
    },
    "es": {"hispanic": 0.75, "multiple": 0.18, "prefer_not_to_say": 0.07},
    "vi": {"asian": 0.92, "prefer_not_to_say": 0.08},
    "zh_Hans": {"asian": 0.92, "prefer_not_to_say": 0.08},
    "ar": {"mena": 0.80, "multiple": 0.10, "prefer_not_to_say": 0.10},
}
# Fictional advisory board members beside Mai; their passwords are random and unpublished.
BOARD = (
    ("rosa.m@board.valleychc.example", "Rosa Medina", "es"),
    ("andre.b@board.valleychc.example", "Andre Brooks", "en"),
    ("linh.n@board.valleychc.example", "Linh Nguyen", "vi"),
    ("wei.z@board.valleychc.example", "Wei Zhang", "zh_Hans"),
    ("samira.h@board.valleychc.example", "Samira Haddad", "ar"),
    ("tom.o@board.valleychc.example", "Tom O'Brien", "en"),
)
CLOSED_ROUND = "Which priorities should we start on in 2027?"
OPEN_ROUND = "Spring focus: spread your dots"
IMPORTANCE = ("wait_times", "access")
# Words in patients' ideas that Luis, reading them, tagged to a priority.
IDEA_WORDS = {
    "interpreter": ("intérprete", "thông dịch", "翻译", "مترجم", "interpreter"),
    "text_reminders": ("recordatorio", "nhắn nhắc", "短信提醒", "رسائل التذكير", "send a text"),
    "evening_hours": ("saturday", "sábado", "tarde para", "buổi tối", "晚上", "مسائية", "السبت"),
    "food_housing": ("comida", "renta", "chỗ ở", "سكن", "الطعام"),
}  # "how hard is it to get care" rates shorter waits


def demo_panel() -> dict[tuple[str, str, str, str], int]:
    strata = {}
    for (language, lang_share), (age, age_share), (site, site_share) in product(
        PANEL_LANGUAGES.items(), PANEL_AGES.items(), PANEL_SITES.items()
    ):
        for race, race_share in PANEL_RACE[language].items():
            count = round(PANEL_PATIENTS * lang_share * age_share * site_share * race_share)
            if count:
                strata[(language, age, race, site)] = count
    return strata


def _board() -> list[User]:
    for email, name, language in BOARD:
        if accounts.find_user(email) is None:
            accounts.create_user(email, name, Role.BOARD, secrets.token_urlsafe(24), language)
    return rounds.board_members()


def _ranked_ballot(rng: random.Random, keys: list[str], lean: dict[str, float]) -> list[list[str]]:
    """A board member's ranking: the community order, shuffled by each member's leanings."""
    scored = sorted(keys, key=lambda key: -(lean.get(key, 1.0) * rng.uniform(0.4, 1.6)))
    return [[key] for key in scored[: rng.randint(3, len(keys))]]


def _tag_ideas(survey: Survey, by_key: dict[str, PriorityItem]) -> None:
    for answer, tags in items.idea_answers(survey):
        text = str(answer.value).lower()
        for key, words in IDEA_WORDS.items():
            if key in by_key and not tags and any(word in text for word in words):
                items.tag_idea(answer.id, by_key[key], None)


def load_demo_priorities(survey: Survey, now: datetime) -> dict[str, int]:
    added = {"priorities": 0, "rounds": 0}
    added["priorities"] = len(items.add_survey_choices(survey))
    by_key = {item.key: item for item in items.list_items()}
    item_key, question_key = IMPORTANCE
    if item_key in by_key and not any(not s.choice_key for s in by_key[item_key].sources):
        items.link_importance(by_key[item_key], survey, question_key)
    if db.session.scalar(sa.select(sa.func.count()).select_from(PanelStratum)) == 0:
        db.session.add_all(
            PanelStratum(language=lang, age_band=age, race_ethnicity=race, site=site, count=n)
            for (lang, age, race, site), n in demo_panel().items()
        )
    if db.session.scalar(sa.select(VotingRound.id).where(VotingRound.title == CLOSED_ROUND)):
        return added
    _tag_ideas(survey, by_key)
    db.session.flush()
    rng = random.Random(2027)
    members = _board()
    ranking = community(survey).figures.overall
    top = ranking[:6]
    figures = {by_key[row.item].id: snapshot(row) for row in ranking}
    closed = rounds.open_round(
        rounds.RoundPlan(
            title=CLOSED_ROUND,
            method=RoundMethod.RANKED,
            item_ids=[by_key[row.item].id for row in top],
            opens_at=now - timedelta(days=12),
            closes_at=now - timedelta(days=5),
            voter_ids=[member.id for member in members],
            quorum=5,
            survey_id=survey.id,
            community=figures,
        ),
        None,
        now=now - timedelta(days=12),
    )
    keys = [row.item for row in top]
    # The board leans toward what patients who rarely get heard asked for.
    lean = {"interpreter": 2.2, "text_reminders": 1.6, "wait_times": 1.4}
    for member in members:
        db.session.add(
            Ballot(
                round_id=closed.id,
                voter_id=member.id,
                content=_ranked_ballot(rng, keys, lean),
                cast_at=now - timedelta(days=rng.randint(6, 11)),
            )
        )
    real_now = utcnow()
    rounds.open_round(
        rounds.RoundPlan(
            title=OPEN_ROUND,
            method=RoundMethod.DOTS,
            item_ids=[by_key[row.item].id for row in ranking[:5]],
            opens_at=real_now - timedelta(days=1),
            closes_at=real_now + timedelta(days=14),
            voter_ids=[member.id for member in members],
            dots=10,
            survey_id=survey.id,
            community=figures,
        ),
        None,
        now=real_now,
    )
    added["rounds"] = 2
    db.session.flush()
    return added
