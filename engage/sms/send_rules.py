"""Whether one outbound text may go out now: consent, the number, quiet hours, the cap.

Plain functions over a message, its participant and the times of the texts that count
toward the frequency cap; ``dispatch`` gathers those and applies the verdict. The rules
live here, in the dispatcher's path, so no screen, campaign or import can route around them.

The rules, in order:

1. No participant, no consent, or opted out → skipped, with the reason. Two exceptions,
   both replies to a text that person just sent us:

   - the confirmation of an opt-out. Carriers (CTIA) expect exactly one such text, and it
     necessarily goes to someone who has just withdrawn consent. It is recognised by all
     of: kind SYSTEM, ``is_reply``, a ``dedupe_key`` starting with ``optout-confirm:``,
     the participant still opted out, and the text written no earlier than a minute
     before that opt-out (so it answers this opt-out, not an older one);
   - the reply to a number no participant has ("how to join", or help), written by the
     conversation engine with no participant: kind SYSTEM, ``is_reply``, a ``dedupe_key``
     starting with ``unknown:``. Quiet hours apply on the clinic's clock.

   Anything else is skipped; so is a text whose participant has since been deleted.
2. A number that is not a mobile (landline, unreachable) → skipped.
3. Frequency cap, for texts that are not replies: at most ``daily_cap`` per calendar day
   in the participant's time zone and ``weekly_cap`` in any 7 days. Texts that count are
   the participant's other non-reply texts that went out or may have (queued, sending,
   sent, delivered, undelivered, unknown), plus those another worker has claimed with a
   lower id, so two workers sending to one person at once cannot both pass. A capped
   text is held until the cap frees (the next local midnight, or when the oldest text
   leaves the 7-day window). Replies neither count nor wait. A cap of 0 turns it off.
4. Quiet hours: nothing goes out between ``quiet_start_hour`` and ``quiet_end_hour`` on the
   participant's clock (their zone, else the clinic's); the text is held until the quiet
   hours end. This applies to replies too: the issue says nothing goes out at night.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from engage.people.models import Participant
from engage.people.vocabulary import PhoneStatus
from engage.sms.models import MessageKind, MessageStatus, OutboundMessage
from engage.sms.quiet_hours import next_allowed_time

logger = logging.getLogger(__name__)

OPT_OUT_CONFIRMATION_PREFIX = "optout-confirm:"
STRANGER_REPLY_PREFIX = "unknown:"
# A confirmation may be written just before the opt-out is (same unit of work).
OPT_OUT_CONFIRMATION_SLACK = timedelta(minutes=1)
WEEK = timedelta(days=7)

# Texts that went out or may have: they count toward the frequency cap.
CAP_COUNTED = (
    MessageStatus.QUEUED,
    MessageStatus.SENDING,
    MessageStatus.SENT,
    MessageStatus.DELIVERED,
    MessageStatus.UNDELIVERED,
    MessageStatus.UNKNOWN,
)


class SkipReason(enum.StrEnum):
    NO_PARTICIPANT = "no_participant"
    NO_CONSENT = "no_consent"
    OPTED_OUT = "opted_out"
    LANDLINE = "landline"
    UNREACHABLE = "unreachable"


@dataclass(frozen=True)
class SendRules:
    clinic_timezone: str
    quiet_start_hour: int
    quiet_end_hour: int
    daily_cap: int
    weekly_cap: int

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> SendRules:
        return cls(
            clinic_timezone=config["ENGAGE_TIMEZONE"],
            quiet_start_hour=config["ENGAGE_SMS_QUIET_START_HOUR"],
            quiet_end_hour=config["ENGAGE_SMS_QUIET_END_HOUR"],
            daily_cap=config["ENGAGE_SMS_DAILY_CAP"],
            weekly_cap=config["ENGAGE_SMS_WEEKLY_CAP"],
        )


@dataclass(frozen=True)
class Verdict:
    """Send now, skip for good (``skip_reason``), or hold until ``hold_until``."""

    skip_reason: SkipReason | None = None
    hold_until: datetime | None = None

    @property
    def send(self) -> bool:
        return self.skip_reason is None and self.hold_until is None


def is_opt_out_confirmation(message: OutboundMessage, participant: Participant) -> bool:
    """The one text that may reach a participant who has just opted out (rule 1)."""
    opted_out_at = participant.sms_opted_out_at
    return (
        message.kind == MessageKind.SYSTEM
        and message.is_reply
        and (message.dedupe_key or "").startswith(OPT_OUT_CONFIRMATION_PREFIX)
        and opted_out_at is not None
        and not participant.has_sms_consent
        and message.created_at >= opted_out_at - OPT_OUT_CONFIRMATION_SLACK
    )


def is_stranger_reply(message: OutboundMessage) -> bool:
    """The reply to a number no participant has (rule 1's second exception)."""
    return (
        message.participant_id is None
        and message.kind == MessageKind.SYSTEM
        and message.is_reply
        and (message.dedupe_key or "").startswith(STRANGER_REPLY_PREFIX)
    )


def refusal(message: OutboundMessage, participant: Participant | None) -> SkipReason | None:
    """Why this text must never go out (rules 1 and 2), or None."""
    if participant is None:
        return None if is_stranger_reply(message) else SkipReason.NO_PARTICIPANT
    if not participant.has_sms_consent and not is_opt_out_confirmation(message, participant):
        if participant.sms_opted_out_at is not None:
            return SkipReason.OPTED_OUT
        return SkipReason.NO_CONSENT
    if participant.phone_status == PhoneStatus.LANDLINE:
        return SkipReason.LANDLINE
    if participant.phone_status != PhoneStatus.MOBILE:
        return SkipReason.UNREACHABLE
    return None


def participant_zone(participant: Participant, rules: SendRules) -> ZoneInfo:
    """The participant's own zone, else the clinic's (also for a zone name we cannot read)."""
    if participant.timezone:
        try:
            return ZoneInfo(participant.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            logger.warning(
                "participant %s has unknown time zone %r; using the clinic's",
                participant.id,
                participant.timezone,
            )
    return ZoneInfo(rules.clinic_timezone)


def _local_midnight(moment: datetime, zone: ZoneInfo, days_ahead: int = 0) -> datetime:
    day = moment.astimezone(zone).date() + timedelta(days=days_ahead)
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


def cap_frees_at(
    counted: Sequence[datetime], now: datetime, zone: ZoneInfo, rules: SendRules
) -> datetime | None:
    """When one more non-reply text fits under both caps (rule 3); None if it fits now.

    ``counted``: when each counted text went out (or was attempted).
    """
    frees: list[datetime] = []
    if rules.daily_cap > 0:
        today = _local_midnight(now, zone)
        if sum(1 for when in counted if when >= today) >= rules.daily_cap:
            frees.append(_local_midnight(now, zone, days_ahead=1))
    if rules.weekly_cap > 0:
        in_week = sorted(when for when in counted if when > now - WEEK)
        if len(in_week) >= rules.weekly_cap:
            # The window must lose enough texts to leave room for one more.
            frees.append(in_week[len(in_week) - rules.weekly_cap] + WEEK)
    return max(frees) if frees else None


def judge(
    message: OutboundMessage,
    participant: Participant | None,
    counted: Sequence[datetime],
    now: datetime,
    rules: SendRules,
) -> Verdict:
    """Apply every rule to one text about to be sent at ``now``."""
    reason = refusal(message, participant)
    if reason is not None:
        return Verdict(skip_reason=reason)
    zone = (
        participant_zone(participant, rules)
        if participant is not None
        else ZoneInfo(rules.clinic_timezone)
    )
    earliest = now
    if not message.is_reply:
        earliest = cap_frees_at(counted, now, zone, rules) or now
    allowed = next_allowed_time(earliest, zone.key, rules.quiet_start_hour, rules.quiet_end_hour)
    if allowed > now:
        return Verdict(hold_until=allowed)
    return Verdict()
