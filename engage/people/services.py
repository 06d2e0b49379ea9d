"""Participants: adding, changing, finding and viewing them, each change in the audit trail."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from engage.core import audit
from engage.core.errors import EngageError
from engage.core.i18n import LANGUAGE_NAMES, offered_languages
from engage.core.models import AuditAction
from engage.core.types import utcnow
from engage.extensions import db
from engage.people.models import Participant, Site
from engage.people.phones import PhoneProblem, parse_phone
from engage.people.vocabulary import AgeBand, ConsentMethod, Gender, RaceEthnicity

PAGE_SIZE = 50


class ParticipantRefused(EngageError):
    """A participant could not be saved as entered."""

    def __init__(self, message: object, field_name: str | None = None) -> None:
        super().__init__(message)
        self.field_name = field_name


def phone_problem_message(problem: PhoneProblem) -> str:
    return {
        PhoneProblem.EMPTY: _("Enter a phone number."),
        PhoneProblem.NOT_A_NUMBER: _("This is not a phone number."),
        PhoneProblem.TOO_SHORT: _("This phone number has too few digits."),
        PhoneProblem.TOO_LONG: _("This phone number has too many digits."),
        PhoneProblem.INVALID: _(
            "This phone number does not exist in its country's numbering plan."
        ),
        PhoneProblem.NOT_MOBILE: _(
            "This is a landline, toll-free or other number that cannot receive text messages."
        ),
    }[problem]


def normalized_phone(raw: str) -> str:
    parsed = parse_phone(raw, current_app.config["ENGAGE_PHONE_REGION"])
    if parsed.problem is not None:
        raise ParticipantRefused(phone_problem_message(parsed.problem), "phone")
    assert parsed.e164 is not None
    return parsed.e164


@dataclass
class ParticipantDetails:
    """What staff enter on the participant form."""

    phone: str
    name: str | None = None
    external_id: str | None = None
    preferred_language: str = "en"
    site_id: int | None = None
    age_band: AgeBand | None = None
    race_ethnicity: list[RaceEthnicity] = field(default_factory=list)
    gender: Gender | None = None
    zip_code: str | None = None
    consent_method: ConsentMethod | None = None
    consent_wording: str | None = None


def sms_consent_wording() -> str:
    """The consent sentence the form shows, stored with each consent as it was shown."""
    return _(
        "I agree to receive text messages from %(clinic)s about surveys and changes at the "
        "clinic, up to 3 a week. Msg & data rates may apply. Reply STOP to stop, HELP for help.",
        clinic=current_app.config["ENGAGE_CLINIC_NAME"],
    )


def _check_unique(details: ParticipantDetails, phone: str, participant_id: int | None) -> None:
    clash = db.session.scalar(
        sa.select(Participant.id).where(
            Participant.phone == phone, Participant.id != participant_id
        )
    )
    if clash is not None:
        raise ParticipantRefused(_("Another participant already has this phone number."), "phone")
    if details.external_id:
        clash = db.session.scalar(
            sa.select(Participant.id).where(
                Participant.external_id == details.external_id, Participant.id != participant_id
            )
        )
        if clash is not None:
            raise ParticipantRefused(
                _("Another participant already has this record number."), "external_id"
            )


def _check_choices(details: ParticipantDetails) -> None:
    if details.preferred_language not in offered_languages():
        raise ParticipantRefused(_("Choose one of the offered languages."), "preferred_language")
    if (
        RaceEthnicity.PREFER_NOT_TO_SAY in details.race_ethnicity
        and len(details.race_ethnicity) > 1
    ):
        raise ParticipantRefused(
            _("Choose categories, or prefer not to say, but not both."), "race_ethnicity"
        )
    if details.site_id is not None and db.session.get(Site, details.site_id) is None:
        raise ParticipantRefused(_("Choose one of the clinic's sites."), "site_id")


def _snapshot(participant: Participant) -> dict[str, str]:
    return {
        "phone": participant.phone,
        "name": participant.name or "",
        "external_id": participant.external_id or "",
        "preferred_language": participant.preferred_language,
        "site_id": str(participant.site_id or ""),
        "age_band": participant.age_band or "",
        "race_ethnicity": ",".join(participant.race_ethnicity),
        "gender": participant.gender or "",
        "zip_code": participant.zip_code or "",
        "sms_consent_method": participant.sms_consent_method or "",
    }


def _apply(participant: Participant, details: ParticipantDetails, phone: str) -> None:
    participant.phone = phone
    participant.name = (details.name or "").strip() or None
    participant.external_id = (details.external_id or "").strip() or None
    participant.preferred_language = details.preferred_language
    participant.site_id = details.site_id
    participant.age_band = details.age_band
    participant.race_ethnicity = details.race_ethnicity
    participant.gender = details.gender
    participant.zip_code = (details.zip_code or "").strip() or None
    if details.consent_method and not participant.has_sms_consent:
        participant.sms_consent_at = utcnow()
        participant.sms_consent_method = details.consent_method
        participant.sms_consent_wording = details.consent_wording or sms_consent_wording()


def add_participant(details: ParticipantDetails) -> Participant:
    phone = normalized_phone(details.phone)
    _check_choices(details)
    _check_unique(details, phone, None)
    participant = Participant()
    _apply(participant, details, phone)
    db.session.add(participant)
    db.session.flush()
    audit.record(AuditAction.CREATE, "participant", participant.id, _snapshot(participant))
    return participant


def update_participant(participant: Participant, details: ParticipantDetails) -> None:
    phone = normalized_phone(details.phone)
    _check_choices(details)
    _check_unique(details, phone, participant.id)
    before = _snapshot(participant)
    _apply(participant, details, phone)
    db.session.flush()
    after = _snapshot(participant)
    changes = {key: [before[key], after[key]] for key in after if before[key] != after[key]}
    if changes:
        audit.record(AuditAction.UPDATE, "participant", participant.id, changes)


def record_opt_out(participant: Participant, when: datetime | None = None) -> None:
    """Consent withdrawn: nothing more is sent until the participant opts back in."""
    participant.sms_opted_out_at = when or utcnow()
    audit.record(AuditAction.UPDATE, "participant", participant.id, {"sms": "opted out"})


def find_participant_by_phone(phone: str) -> Participant | None:
    """The participant with this E.164 number, if any."""
    return db.session.scalar(sa.select(Participant).where(Participant.phone == phone))


def view_participant(participant_id: int) -> Participant | None:
    """The participant, with the viewing written to the audit trail."""
    participant = db.session.get(Participant, participant_id)
    if participant is not None:
        audit.record(AuditAction.VIEW, "participant", participant.id)
    return participant


@dataclass(frozen=True)
class ParticipantSearch:
    text: str = ""
    site_id: int | None = None
    language: str | None = None


def search_participants(criteria: ParticipantSearch) -> sa.Select[tuple[Participant]]:
    query = sa.select(Participant).order_by(Participant.id.desc())
    if criteria.site_id:
        query = query.where(Participant.site_id == criteria.site_id)
    if criteria.language:
        query = query.where(Participant.preferred_language == criteria.language)
    text = criteria.text.strip()
    if text:
        digits = "".join(ch for ch in text if ch.isdigit())
        conditions = [Participant.name.ilike(f"%{text}%"), Participant.external_id == text]
        if len(digits) >= 4:
            conditions.append(Participant.phone.contains(digits))
        query = query.where(sa.or_(*conditions))
    return query


def list_sites() -> list[Site]:
    return list(db.session.scalars(sa.select(Site).order_by(Site.name)))


def ensure_site(slug: str, name: str) -> Site:
    site = db.session.scalar(sa.select(Site).where(Site.slug == slug))
    if site is None:
        site = Site(slug=slug, name=name)
        db.session.add(site)
        db.session.flush()
    return site


def language_spellings() -> dict[str, str]:
    """Every way an import file may name an offered language, lower case, to its code."""
    spellings: dict[str, str] = {}
    english_names = {
        "en": ("english", "eng"),
        "es": ("spanish", "spa", "espanol"),
        "vi": ("vietnamese", "vie"),
        "zh_Hans": ("chinese", "simplified chinese", "mandarin", "zh", "zh-cn", "zh-hans", "chi"),
        "ar": ("arabic", "ara"),
    }
    for code in offered_languages():
        spellings[code.lower()] = code
        spellings[LANGUAGE_NAMES.get(code, code).lower()] = code
        for spelling in english_names.get(code, ()):
            spellings[spelling] = code
    return spellings
