"""Who a campaign reaches: the cohort filters, and why some in it are left out.

Pure SQL expressions over the participant table, shared by the campaign preview (which
counts them) and the campaign start (which writes them), so the number the lead saw and
the texts that go out follow the same rules. The dispatcher applies the send rules again
to every text; leaving people out here keeps them out of the numbers and the outbox.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from flask import current_app

from engage.people.models import Participant, ParticipantRaceEthnicity
from engage.people.vocabulary import PhoneStatus
from engage.sms.models import (
    Campaign,
    Conversation,
    ConversationState,
    MessageStatus,
    OutboundMessage,
)
from engage.sms.send_rules import CAP_COUNTED, WEEK
from engage.surveys.models import Response

# Why a participant in the cohort gets nothing, in the order the rules are checked.
EXCLUSION_REASONS = (
    "opted_out",
    "no_consent",
    "invalid_number",
    "already_answered",
    "in_progress",
    "frequency_cap",
)
# Texts that will count toward the weekly cap once sent: those sent and those on their way.
CAP_PENDING = (*CAP_COUNTED, MessageStatus.OUTBOX, MessageStatus.CLAIMED)


@dataclass(frozen=True)
class Cohort:
    """Who a campaign is for; an empty list means "any"."""

    site_ids: tuple[int, ...] = ()
    languages: tuple[str, ...] = ()
    age_bands: tuple[str, ...] = ()
    race_ethnicity: tuple[str, ...] = ()
    not_contacted_days: int | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            key: list(value) if isinstance(value, tuple) else value
            for key, value in asdict(self).items()
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Cohort:
        return cls(
            site_ids=tuple(int(v) for v in data.get("site_ids") or ()),
            languages=tuple(data.get("languages") or ()),
            age_bands=tuple(data.get("age_bands") or ()),
            race_ethnicity=tuple(data.get("race_ethnicity") or ()),
            not_contacted_days=data.get("not_contacted_days"),
        )


def has_consent() -> sa.ColumnElement[bool]:
    return sa.and_(
        Participant.sms_consent_at.is_not(None),
        sa.or_(
            Participant.sms_opted_out_at.is_(None),
            Participant.sms_opted_out_at < Participant.sms_consent_at,
        ),
    )


def cohort_filters(cohort: Cohort, now: datetime) -> list[sa.ColumnElement[bool]]:
    filters: list[sa.ColumnElement[bool]] = []
    if cohort.site_ids:
        filters.append(Participant.site_id.in_(cohort.site_ids))
    if cohort.languages:
        filters.append(Participant.preferred_language.in_(cohort.languages))
    if cohort.age_bands:
        filters.append(Participant.age_band.in_(cohort.age_bands))
    if cohort.race_ethnicity:
        filters.append(
            sa.exists().where(
                ParticipantRaceEthnicity.participant_id == Participant.id,
                ParticipantRaceEthnicity.category.in_(cohort.race_ethnicity),
            )
        )
    if cohort.not_contacted_days:
        since = now - timedelta(days=cohort.not_contacted_days)
        filters.append(
            ~sa.exists().where(
                OutboundMessage.participant_id == Participant.id,
                OutboundMessage.created_at > since,
                OutboundMessage.status != MessageStatus.SKIPPED,
            )
        )
    return filters


def exclusion(campaign: Campaign, now: datetime) -> tuple[sa.ColumnElement[Any], Any]:
    """The SQL for "why not this participant" (NULL: they get it) and the join it needs."""
    weekly_cap = current_app.config["ENGAGE_SMS_WEEKLY_CAP"]
    week = (
        sa.select(OutboundMessage.participant_id, sa.func.count().label("texts"))
        .where(
            OutboundMessage.is_reply.is_(False),
            OutboundMessage.status.in_(CAP_PENDING),
            OutboundMessage.created_at > now - WEEK,
        )
        .group_by(OutboundMessage.participant_id)
        .subquery()
    )
    answered = sa.exists().where(
        Response.survey_id == campaign.survey_id,
        Response.participant_id == Participant.id,
        Response.completed_at.is_not(None),
    )
    in_progress = sa.exists().where(
        Conversation.survey_id == campaign.survey_id,
        Conversation.participant_id == Participant.id,
        Conversation.state.in_((ConversationState.ACTIVE, ConversationState.WAITING)),
    )
    capped = sa.func.coalesce(week.c.texts, 0) >= weekly_cap if weekly_cap > 0 else sa.false()
    reason = sa.case(
        (
            sa.and_(Participant.sms_opted_out_at.is_not(None), sa.not_(has_consent())),
            "opted_out",
        ),
        (Participant.sms_consent_at.is_(None), "no_consent"),
        (Participant.phone_status != PhoneStatus.MOBILE, "invalid_number"),
        (answered, "already_answered"),
        (in_progress, "in_progress"),
        (capped, "frequency_cap"),
        else_=sa.null(),
    )
    return reason, week


def cohort_select(campaign: Campaign, now: datetime, *columns: Any) -> sa.Select[Any]:
    reason, week = exclusion(campaign, now)
    query = sa.select(*columns, reason.label("reason")).select_from(Participant)
    query = query.outerjoin(week, week.c.participant_id == Participant.id)
    return query.where(*cohort_filters(Cohort.from_json(campaign.cohort or {}), now))
