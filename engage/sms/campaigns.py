"""Check-in campaigns: a survey sent by text to a cohort at a time, with up to two reminders.

The lead builds a campaign as a draft, previews it (who gets it, who is left out and why,
and what every message costs in every language), schedules it, and a worker starts it
when its time comes (:func:`start_due_campaigns`) and sends reminders to those who have
not finished (:func:`send_due_reminders`). Both are plain functions over the session,
called the same way by the dev loop, Celery and the tests; they flush, callers commit.

Starting is set-based: recipients, conversations and the first texts are each written by
one ``INSERT … SELECT`` (the texts by one per language), never row by row, so a campaign
to 100,000 participants is queued in seconds. Exclusions are decided in the same SQL that
the preview counts with, so the preview and the start cannot disagree about the rules.
The dispatcher still applies every send rule to each text when it goes out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from engage.core import audit
from engage.core.errors import EngageError
from engage.core.models import AuditAction
from engage.core.types import utcnow
from engage.extensions import db
from engage.people.models import Participant
from engage.sms.campaign_sending import (
    MAX_REMINDERS,
    first_question,
    reminder_text,
    send_due_reminders,
    start_due_campaigns,
)
from engage.sms.cohorts import EXCLUSION_REASONS, Cohort, cohort_select
from engage.sms.conversation_queue import expire_conversations, opening_text, thank_you_text
from engage.sms.models import (
    Campaign,
    CampaignRecipient,
    CampaignStatus,
    Conversation,
    ConversationState,
)
from engage.sms.questions_text import question_text
from engage.sms.quiet_hours import is_quiet_hour
from engage.sms.segments import SegmentInfo, describe
from engage.sms.survey_links import sample_survey_url
from engage.surveys.models import Survey, SurveyStatus

__all__ = [
    "Cohort",
    "run_due_work",
    "send_due_reminders",
    "start_due_campaigns",
]


class CampaignRefused(EngageError):
    """A campaign could not be created, scheduled or cancelled as asked."""


@dataclass
class CampaignInput:
    name: str
    survey_id: int
    cohort: Cohort
    starts_at: datetime  # aware, UTC
    reminder_hours: list[int] = field(default_factory=list)
    offers_web_link: bool = False  # the invitation and reminders carry a personal link


@dataclass(frozen=True)
class MessageCost:
    """One message of a campaign in one language, and what it costs to send."""

    language: str
    label: str  # "opening", "question" (each later one), "reminder", "thank_you"
    text: str
    info: SegmentInfo


@dataclass(frozen=True)
class CampaignPreview:
    cohort: int
    eligible: int
    excluded: dict[str, int]
    messages: list[MessageCost]
    quiet_start: bool  # the start time falls in quiet hours: texts wait until morning


def clinic_zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["ENGAGE_TIMEZONE"])


def clinic_time_to_utc(day: date, clock: time) -> datetime:
    """A date and time on the clinic's wall clock, as an aware UTC datetime."""
    return datetime.combine(day, clock, tzinfo=clinic_zone()).astimezone(ZoneInfo("UTC"))


def open_surveys() -> list[Survey]:
    return list(
        db.session.scalars(
            sa.select(Survey).where(Survey.status == SurveyStatus.OPEN).order_by(Survey.slug)
        )
    )


def list_campaigns() -> list[Campaign]:
    return list(
        db.session.scalars(
            sa.select(Campaign).order_by(Campaign.starts_at.desc(), Campaign.id.desc())
        )
    )


def _check(data: CampaignInput, now: datetime) -> Survey:
    if not data.name.strip():
        raise CampaignRefused(_("Give the campaign a name."))
    survey = db.session.get(Survey, data.survey_id)
    if survey is None or survey.status is not SurveyStatus.OPEN:
        raise CampaignRefused(_("Choose an open survey."))
    if first_question(survey) is None:
        raise CampaignRefused(_("This survey has no question to send."))
    if data.starts_at < now - timedelta(minutes=5):
        raise CampaignRefused(_("Choose a start time from now on."))
    if len(data.reminder_hours) > MAX_REMINDERS:
        raise CampaignRefused(_("A campaign sends at most two reminders."))
    if any(hours <= 0 for hours in data.reminder_hours) or data.reminder_hours != sorted(
        set(data.reminder_hours)
    ):
        raise CampaignRefused(
            _("Reminder times must be hours after the start, each later than the one before.")
        )
    if data.cohort.not_contacted_days is not None and data.cohort.not_contacted_days < 0:
        raise CampaignRefused(_("Days without a text cannot be negative."))
    return survey


def create_campaign(
    data: CampaignInput, created_by: int | None, now: datetime | None = None
) -> Campaign:
    """A draft campaign; nothing is sent until it is scheduled and its time comes."""
    now = now or utcnow()
    _check(data, now)
    campaign = Campaign(
        name=data.name.strip(),
        survey_id=data.survey_id,
        cohort=data.cohort.as_json(),
        starts_at=data.starts_at,
        reminder_hours=list(data.reminder_hours),
        offers_web_link=data.offers_web_link,
        status=CampaignStatus.DRAFT,
        created_by=created_by,
    )
    db.session.add(campaign)
    db.session.flush()
    audit.record(AuditAction.CREATE, "campaign", campaign.id, {"name": campaign.name})
    return campaign


def schedule_campaign(campaign: Campaign, now: datetime | None = None) -> None:
    now = now or utcnow()
    if campaign.status is not CampaignStatus.DRAFT:
        raise CampaignRefused(_("Only a draft campaign can be scheduled."))
    survey = db.session.get_one(Survey, campaign.survey_id)
    if survey.status is not SurveyStatus.OPEN:
        raise CampaignRefused(_("The survey has closed; this campaign cannot be sent."))
    if campaign_preview(campaign, now).eligible == 0:
        raise CampaignRefused(_("Nobody in this cohort can be texted; change the filters."))
    campaign.status = CampaignStatus.SCHEDULED
    audit.record(AuditAction.UPDATE, "campaign", campaign.id, {"status": "scheduled"})
    db.session.flush()


def cancel_campaign(campaign: Campaign) -> None:
    """A draft or scheduled campaign is called off; one already started runs its course."""
    if campaign.status not in (CampaignStatus.DRAFT, CampaignStatus.SCHEDULED):
        raise CampaignRefused(_("This campaign has started and can no longer be cancelled."))
    campaign.status = CampaignStatus.CANCELLED
    audit.record(AuditAction.UPDATE, "campaign", campaign.id, {"status": "cancelled"})
    db.session.flush()


def campaign_preview(campaign: Campaign, now: datetime | None = None) -> CampaignPreview:
    """How many get it, how many are left out and why, and each message's cost per language."""
    now = now or utcnow()
    rows = cohort_select(campaign, now, Participant.id).subquery()
    counts = Counter(
        {
            reason: count
            for reason, count in db.session.execute(
                sa.select(rows.c.reason, sa.func.count()).group_by(rows.c.reason)
            )
        }
    )
    eligible = counts.pop(None, 0)
    excluded = {reason: counts.get(reason, 0) for reason in EXCLUSION_REASONS}
    survey = db.session.get_one(Survey, campaign.survey_id)
    start_local = campaign.starts_at.astimezone(clinic_zone())
    quiet = is_quiet_hour(
        start_local.hour,
        current_app.config["ENGAGE_SMS_QUIET_START_HOUR"],
        current_app.config["ENGAGE_SMS_QUIET_END_HOUR"],
    )
    return CampaignPreview(
        cohort=eligible + sum(excluded.values()),
        eligible=eligible,
        excluded=excluded,
        messages=message_costs(
            survey, bool(campaign.reminder_hours), with_link=campaign.offers_web_link
        ),
        quiet_start=quiet,
    )


def message_costs(
    survey: Survey, with_reminder: bool, *, with_link: bool = False
) -> list[MessageCost]:
    """Every text a recipient may get, in every language the survey offers: the first
    text as sent (invitation and first question), each later question, the reminder and
    the thank-you, with encoding, length and segments.

    A personal link is shown as the longest one a recipient can get, so no real text is
    longer than its preview. A question's re-prompt and the keyword replies are system
    texts, checked to fit two segments (one for HELP) in every language by the tests.
    """
    first = first_question(survey)
    costs: list[MessageCost] = []
    if first is None:
        return costs
    version = survey.current
    sample = sample_survey_url(survey) if with_link else None
    for language in survey.languages or [survey.base_language]:
        texts = [("opening", opening_text(survey, first, language, invite=True, link=sample))]
        texts += [
            ("question", question_text(question, language, survey.base_language))
            for question in version.questions
            if question.key != first.key
        ]
        if with_reminder:
            texts.append(("reminder", reminder_text(survey, first, language, link=sample)))
        texts.append(
            ("thank_you", thank_you_text(version.thank_you, language, survey.base_language))
        )
        costs += [MessageCost(language, label, text, describe(text)) for label, text in texts]
    return costs


@dataclass(frozen=True)
class CampaignProgress:
    recipients: int
    excluded: int
    invited: int
    completed: int
    reminded: int


def campaign_progress(campaign: Campaign) -> CampaignProgress:
    recipient = CampaignRecipient
    row = db.session.execute(
        sa.select(
            sa.func.count(),
            sa.func.count(recipient.excluded_reason),
            sa.func.count(recipient.invited_at),
            sa.func.coalesce(sa.func.sum(sa.case((recipient.reminders_sent > 0, 1), else_=0)), 0),
        ).where(recipient.campaign_id == campaign.id)
    ).one()
    completed = (
        db.session.scalar(
            sa.select(sa.func.count())
            .select_from(Conversation)
            .where(
                Conversation.campaign_id == campaign.id,
                Conversation.state == ConversationState.COMPLETED,
            )
        )
        or 0
    )
    return CampaignProgress(
        recipients=row[0], excluded=row[1], invited=row[2], completed=completed, reminded=row[3]
    )


def run_due_work(now: datetime | None = None) -> dict[str, int]:
    """The scheduled part of a worker's pass: start due campaigns, expire idle conversations,
    queue due reminders. Flushes; the caller (``flask sms dispatch``, a Celery task) commits,
    then sends what this queued."""
    now = now or utcnow()
    return {
        "campaign_conversations": start_due_campaigns(now),
        "expired": expire_conversations(now),
        "reminders": send_due_reminders(now),
    }
