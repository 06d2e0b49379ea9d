"""``flask demo``: Valley Community Health Center, the clinic every demo and browser test shows.

Idempotent: accounts are found by email, sites by slug and participants by phone, so a
second run changes nothing. Every phone number is in the 555-01XX block that North
American numbering reserves for fiction, so no real person can ever be texted.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import click
import sqlalchemy as sa
from flask.cli import with_appcontext

from engage.auth import services as accounts
from engage.auth.roles import Role
from engage.backlog.demo import load_demo_backlog
from engage.extensions import db
from engage.people.models import Participant
from engage.people.services import ensure_site
from engage.people.vocabulary import AgeBand, ConsentMethod, Gender, PhoneStatus, RaceEthnicity
from engage.priorities.demo import load_demo_priorities
from engage.surveys.demo import SLUG as DEMO_SURVEY
from engage.surveys.demo import load_demo_survey
from engage.surveys.services import find_survey
from engage.training.demo import load_demo_training

SEED = 2027
PARTICIPANTS = 500
AREA_CODES = ("617", "857", "508", "781", "978", "339")
CONSENT_WORDING = (
    "I agree to receive text messages from Valley Community Health Center about surveys and "
    "changes at the clinic, up to 3 a week. Msg & data rates may apply. Reply STOP to stop, "
    "HELP for help."
)


@dataclass(frozen=True)
class DemoAccount:
    email: str
    name: str
    role: Role
    password: str
    language: str


ACCOUNTS = (
    DemoAccount("dana@valleychc.example", "Dana Whitfield", Role.ADMIN, "demo-admin-2027", "en"),
    DemoAccount("luis@valleychc.example", "Luis Ortega", Role.STAFF, "demo-staff-2027", "es"),
    DemoAccount("mai@valleychc.example", "Mai Tran", Role.BOARD, "demo-board-2027", "vi"),
)

# The clinic's panel: the share of patients preferring each language.
LANGUAGE_SHARES = {"en": 48, "es": 34, "vi": 9, "zh_Hans": 6, "ar": 3}

NAMES = {
    "en": (
        ["James", "Mary", "Robert", "Patricia", "Keisha", "Jamal", "Emily", "Michael", "Linda"],
        ["Johnson", "Williams", "Brown", "Davis", "Miller", "Wilson", "Moore", "Taylor"],
    ),
    "es": (
        ["María", "José", "Guadalupe", "Juan", "Rosa", "Carlos", "Ana", "Luis", "Carmen"],
        ["García", "Rodríguez", "Martínez", "Hernández", "López", "González", "Pérez", "Sánchez"],
    ),
    "vi": (
        ["Linh", "Minh", "Hoa", "Tuấn", "Lan", "Hùng", "Thảo", "Dũng"],
        ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng"],
    ),
    "zh_Hans": (
        ["伟", "芳", "娜", "敏", "静", "磊", "洋", "婷"],
        ["王", "李", "张", "刘", "陈", "杨"],
    ),
    "ar": (
        ["محمد", "فاطمة", "أحمد", "مريم", "علي", "ليلى", "يوسف", "نور"],
        ["حسن", "علي", "إبراهيم", "خليل", "سعيد", "منصور"],
    ),
}

# Race and ethnicity, weighted by language, to look like a real FQHC panel.
RACE_BY_LANGUAGE: dict[str, list[tuple[tuple[RaceEthnicity, ...], int]]] = {
    "en": [
        ((RaceEthnicity.WHITE,), 35),
        ((RaceEthnicity.BLACK_AFRICAN_AMERICAN,), 30),
        ((RaceEthnicity.HISPANIC_LATINO,), 10),
        ((RaceEthnicity.HISPANIC_LATINO, RaceEthnicity.WHITE), 5),
        ((RaceEthnicity.ASIAN,), 5),
        ((RaceEthnicity.BLACK_AFRICAN_AMERICAN, RaceEthnicity.WHITE), 4),
        ((RaceEthnicity.AMERICAN_INDIAN_ALASKA_NATIVE,), 2),
        ((RaceEthnicity.NATIVE_HAWAIIAN_PACIFIC_ISLANDER,), 1),
        ((RaceEthnicity.PREFER_NOT_TO_SAY,), 8),
    ],
    "es": [
        ((RaceEthnicity.HISPANIC_LATINO,), 75),
        ((RaceEthnicity.HISPANIC_LATINO, RaceEthnicity.WHITE), 10),
        ((RaceEthnicity.HISPANIC_LATINO, RaceEthnicity.BLACK_AFRICAN_AMERICAN), 5),
        ((RaceEthnicity.HISPANIC_LATINO, RaceEthnicity.AMERICAN_INDIAN_ALASKA_NATIVE), 3),
        ((RaceEthnicity.PREFER_NOT_TO_SAY,), 7),
    ],
    "vi": [((RaceEthnicity.ASIAN,), 92), ((RaceEthnicity.PREFER_NOT_TO_SAY,), 8)],
    "zh_Hans": [((RaceEthnicity.ASIAN,), 92), ((RaceEthnicity.PREFER_NOT_TO_SAY,), 8)],
    "ar": [
        ((RaceEthnicity.MIDDLE_EASTERN_NORTH_AFRICAN,), 80),
        ((RaceEthnicity.MIDDLE_EASTERN_NORTH_AFRICAN, RaceEthnicity.WHITE), 10),
        ((RaceEthnicity.PREFER_NOT_TO_SAY,), 10),
    ],
}


def _pick(rng: random.Random, weighted: list[tuple[object, int]]) -> object:
    choices, weights = zip(*weighted, strict=True)
    return rng.choices(choices, weights=weights)[0]


def demo_phones() -> list[str]:
    """The fictional numbers, in a fixed order: +1 NPA 555 0100 to 0199."""
    return [f"+1{area}5550{line:03d}" for area in AREA_CODES for line in range(100, 200)]


def _participant(rng: random.Random, phone: str, sites: list[int], now: datetime) -> Participant:
    language = str(_pick(rng, list(LANGUAGE_SHARES.items())))
    first, last = NAMES[language]
    name = f"{rng.choice(first)} {rng.choice(last)}"
    if language in ("zh_Hans",):
        name = f"{rng.choice(last)}{rng.choice(first)}"
    age_band = _pick(
        rng,
        [
            (AgeBand.AGE_18_44, 43),
            (AgeBand.AGE_45_64, 34),
            (AgeBand.AGE_65_PLUS, 19),
            (AgeBand.PREFER_NOT_TO_SAY, 3),
            (None, 1),
        ],
    )
    gender = _pick(
        rng,
        [
            (Gender.WOMAN, 56),
            (Gender.MAN, 39),
            (Gender.NONBINARY, 2),
            (Gender.PREFER_NOT_TO_SAY, 2),
            (None, 1),
        ],
    )
    participant = Participant(
        phone=phone,
        name=name,
        external_id=f"VCHC{rng.randint(100000, 999999)}",
        preferred_language=language,
        site_id=rng.choice(sites),
        age_band=age_band,
        gender=gender,
        zip_code=rng.choice(["02119", "02121", "02124", "02125", "02126", "02128", "02130"]),
    )
    participant.race_ethnicity = list(_pick(rng, RACE_BY_LANGUAGE[language]))  # type: ignore[arg-type]
    consent_state = _pick(
        rng, [("form", 52), ("keyword", 22), ("paper", 11), ("none", 10), ("opted_out", 5)]
    )
    if consent_state != "none":
        method = (
            ConsentMethod.FORM if consent_state == "opted_out" else ConsentMethod(consent_state)
        )
        participant.sms_consent_at = now - timedelta(days=rng.randint(30, 700))
        participant.sms_consent_method = method
        participant.sms_consent_wording = CONSENT_WORDING
    if consent_state == "opted_out":
        participant.sms_opted_out_at = now - timedelta(days=rng.randint(1, 25))
    participant.phone_status = _pick(
        rng, [(PhoneStatus.MOBILE, 97), (PhoneStatus.LANDLINE, 2), (PhoneStatus.UNREACHABLE, 1)]
    )
    return participant


def load_demo(now: datetime | None = None) -> dict[str, int]:
    """Create what is missing of the demo clinic; return how many rows were added."""
    now = now or datetime(2026, 11, 1, 15, tzinfo=UTC)
    rng = random.Random(SEED)
    added = {"accounts": 0, "participants": 0}
    for account in ACCOUNTS:
        if accounts.find_user(account.email) is None:
            accounts.create_user(
                account.email, account.name, account.role, account.password, account.language
            )
            added["accounts"] += 1
    sites = [
        ensure_site("eastside", "Eastside").id,
        ensure_site("riverside", "Riverside").id,
    ]
    existing = set(db.session.scalars(sa.select(Participant.phone)))
    for phone in demo_phones()[:PARTICIPANTS]:
        participant = _participant(rng, phone, sites, now)  # drawn even if present: stable
        if phone not in existing:
            db.session.add(participant)
            added["participants"] += 1
    db.session.flush()
    added |= load_demo_training(now)
    added |= load_demo_survey(now)
    survey = find_survey(DEMO_SURVEY)
    if survey is not None:
        added |= load_demo_priorities(survey, now)
        added |= load_demo_backlog(now)
    return added


@click.command("demo")
@with_appcontext
def demo_command() -> None:
    """Load the demo clinic (safe to run again)."""
    added = load_demo()
    db.session.commit()
    counts = ", ".join(f"{count} {what}" for what, count in added.items())
    click.echo(f"Demo clinic ready; added: {counts}.")
    click.echo("Sign in at http://127.0.0.1:5000 with:")
    for account in ACCOUNTS:
        click.echo(f"  {account.role.value:<6} {account.email:<28} password: {account.password}")
