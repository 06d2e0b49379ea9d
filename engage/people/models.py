"""Participants, the clinic's sites, and self-reported race and ethnicity."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.core.types import UTCDateTime, str_enum, utcnow
from engage.extensions import db
from engage.people.vocabulary import AgeBand, ConsentMethod, Gender, PhoneStatus, RaceEthnicity


class Site(db.Model):
    __tablename__ = "site"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(40), unique=True)
    name: Mapped[str] = mapped_column(sa.String(120))


class Participant(db.Model):
    """A patient or community member. Never has a password: reached by SMS and signed links."""

    __tablename__ = "participant"

    id: Mapped[int] = mapped_column(primary_key=True)
    phone: Mapped[str] = mapped_column(sa.String(16), unique=True)  # E.164
    phone_status: Mapped[PhoneStatus] = mapped_column(
        str_enum(PhoneStatus, 12), default=PhoneStatus.MOBILE
    )
    name: Mapped[str | None] = mapped_column(sa.String(120))
    external_id: Mapped[str | None] = mapped_column(sa.String(64), unique=True)  # EHR's id
    preferred_language: Mapped[str] = mapped_column(sa.String(10), default="en", index=True)
    site_id: Mapped[int | None] = mapped_column(sa.ForeignKey("site.id"), index=True)
    timezone: Mapped[str | None] = mapped_column(sa.String(64))

    age_band: Mapped[AgeBand | None] = mapped_column(str_enum(AgeBand, 20))
    gender: Mapped[Gender | None] = mapped_column(str_enum(Gender, 20))
    zip_code: Mapped[str | None] = mapped_column(sa.String(10))

    sms_consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sms_consent_method: Mapped[ConsentMethod | None] = mapped_column(str_enum(ConsentMethod, 10))
    sms_consent_wording: Mapped[str | None] = mapped_column(sa.Text)
    sms_opted_out_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    site: Mapped[Site | None] = relationship(lazy="joined")
    race_ethnicity_rows: Mapped[list[ParticipantRaceEthnicity]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="ParticipantRaceEthnicity.category"
    )

    @property
    def race_ethnicity(self) -> list[RaceEthnicity]:
        return [row.category for row in self.race_ethnicity_rows]

    @race_ethnicity.setter
    def race_ethnicity(self, categories: list[RaceEthnicity]) -> None:
        wanted = list(dict.fromkeys(categories))
        kept = [row for row in self.race_ethnicity_rows if row.category in wanted]
        have = {row.category for row in kept}
        kept += [ParticipantRaceEthnicity(category=c) for c in wanted if c not in have]
        self.race_ethnicity_rows = kept

    @property
    def has_sms_consent(self) -> bool:
        """Consent given and not withdrawn since (a later consent re-opts in)."""
        if self.sms_consent_at is None:
            return False
        return self.sms_opted_out_at is None or self.sms_opted_out_at < self.sms_consent_at


class ParticipantRaceEthnicity(db.Model):
    """One row per category a participant chose, so strata can be counted in SQL."""

    __tablename__ = "participant_race_ethnicity"

    participant_id: Mapped[int] = mapped_column(
        sa.ForeignKey("participant.id", ondelete="CASCADE"), primary_key=True
    )
    category: Mapped[RaceEthnicity] = mapped_column(str_enum(RaceEthnicity, 20), primary_key=True)
