"""Send rules, enforced by the dispatcher: consent, the number, quiet hours, the cap.

Each test queues texts and runs ``send_due_messages`` at a fixed moment, then reads the
rows: sent, skipped with a reason, or held with the exact moment it may go out.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask

from engage.core.types import utcnow
from engage.extensions import db
from engage.people.services import record_opt_out
from engage.people.vocabulary import PhoneStatus
from engage.sms.dispatch import send_due_messages
from engage.sms.models import MessageKind, MessageStatus, OutboundMessage
from tests.sms.conftest import queue, reload

TZ = "America/New_York"
# Tuesday 10 June 2025, 12:00 in New York (EDT, UTC-4).
NOON = datetime(2025, 6, 10, 16, 0, tzinfo=UTC)


@pytest.fixture
def rules_app(app_under_test: Flask, sms_rules) -> Flask:
    """The shipped defaults: quiet 21:00-08:00, 1 a day, 3 a week."""
    sms_rules(
        ENGAGE_TIMEZONE=TZ,
        ENGAGE_SMS_QUIET_START_HOUR=21,
        ENGAGE_SMS_QUIET_END_HOUR=8,
        ENGAGE_SMS_DAILY_CAP=1,
        ENGAGE_SMS_WEEKLY_CAP=3,
    )
    return app_under_test


@pytest.mark.parametrize(
    ("participant_kwargs", "reason"),
    [
        ({"consent": False}, "no_consent"),
        ({"opted_out": True}, "opted_out"),
        ({"phone_status": PhoneStatus.LANDLINE}, "landline"),
        ({"phone_status": PhoneStatus.UNREACHABLE}, "unreachable"),
    ],
)
def test_texts_that_must_not_go_out_are_skipped_with_the_reason(
    rules_app: Flask, make_participant, participant_kwargs, reason: str
) -> None:
    participant = make_participant(**participant_kwargs)
    message_id = queue(participant, "Reply 1-5", NOON)

    counts = send_due_messages(now=NOON)

    assert counts.skipped == 1 and counts.sent == 0
    message = reload(message_id)
    assert message.status == MessageStatus.SKIPPED
    assert message.skip_reason == reason
    assert message.attempts == 0


def test_the_opt_out_confirmation_reaches_a_patient_who_just_opted_out_and_nothing_else(
    rules_app: Flask, make_participant
) -> None:
    participant = make_participant()
    older = queue(participant, "A question sent before STOP", NOON)
    record_opt_out(participant)
    db.session.commit()
    confirmation = queue(
        participant,
        "You will get no more texts. Reply START to rejoin.",
        NOON,
        kind=MessageKind.SYSTEM,
        is_reply=True,
        dedupe_key="optout-confirm:SM123",
    )
    look_alike = queue(
        participant,
        "Not a confirmation",
        NOON,
        kind=MessageKind.SYSTEM,
        is_reply=True,
        dedupe_key="help:SM124",
    )

    send_due_messages(now=NOON)

    assert reload(confirmation).status == MessageStatus.SENT
    assert reload(older).skip_reason == "opted_out"
    assert reload(look_alike).skip_reason == "opted_out"


def test_an_old_confirmation_does_not_reach_a_patient_who_opted_out_again(
    rules_app: Flask, make_participant
) -> None:
    participant = make_participant()
    stale = queue(
        participant,
        "Confirmation written long ago",
        NOON,
        kind=MessageKind.SYSTEM,
        is_reply=True,
        dedupe_key="optout-confirm:SM1",
    )
    record_opt_out(participant, when=utcnow() + timedelta(minutes=5))
    db.session.commit()

    send_due_messages(now=NOON)

    assert reload(stale).skip_reason == "opted_out"


DAYLIGHT_SAVING_NIGHTS = [
    # 01:30 EST on the night clocks spring forward (2 am → 3 am): 08:00 EDT is 12:00 UTC.
    (datetime(2025, 3, 9, 6, 30, tzinfo=UTC), datetime(2025, 3, 9, 12, 0, tzinfo=UTC)),
    # 22:00 EST the evening before: still the next 08:00 EDT.
    (datetime(2025, 3, 9, 3, 0, tzinfo=UTC), datetime(2025, 3, 9, 12, 0, tzinfo=UTC)),
    # 01:30 EDT on the night clocks fall back (2 am → 1 am): 08:00 EST is 13:00 UTC.
    (datetime(2025, 11, 2, 5, 30, tzinfo=UTC), datetime(2025, 11, 2, 13, 0, tzinfo=UTC)),
]


@pytest.mark.parametrize(("now", "expected"), DAYLIGHT_SAVING_NIGHTS)
def test_quiet_hours_hold_a_text_until_8_am_local_across_daylight_saving_changes(
    rules_app: Flask, make_participant, now: datetime, expected: datetime
) -> None:
    message_id = queue(make_participant(timezone=TZ), "Reply 1-5", now)

    counts = send_due_messages(now=now)

    assert counts.held == 1
    message = reload(message_id)
    assert message.status == MessageStatus.OUTBOX
    assert message.send_after == expected
    assert message.attempts == 0
    assert send_due_messages(now=expected - timedelta(seconds=1)).claimed == 0

    assert send_due_messages(now=expected).sent == 1
    assert reload(message_id).status == MessageStatus.SENT


def test_quiet_hours_follow_the_participants_zone_else_the_clinics(
    rules_app: Flask, make_participant
) -> None:
    # 23:00 UTC = 19:00 in New York (allowed), 16:00 in Los Angeles (allowed),
    # 00:00 in London (quiet until 08:00 BST = 07:00 UTC).
    moment = datetime(2025, 6, 10, 23, 0, tzinfo=UTC)
    clinic = queue(make_participant(), "Clinic zone", moment)
    london = queue(make_participant(timezone="Europe/London"), "London", moment)

    send_due_messages(now=moment)

    assert reload(clinic).status == MessageStatus.SENT
    assert reload(london).send_after == datetime(2025, 6, 11, 7, 0, tzinfo=UTC)


def test_daily_cap_holds_a_second_text_until_the_next_local_morning_replies_exempt(
    rules_app: Flask, make_participant
) -> None:
    participant = make_participant(timezone=TZ)
    first = queue(participant, "Invitation", NOON)
    second = queue(participant, "Reminder", NOON)
    reply = queue(participant, "Thanks!", NOON, kind=MessageKind.SYSTEM, is_reply=True)
    question = queue(participant, "Question 2", NOON, is_reply=True)

    counts = send_due_messages(now=NOON)

    assert counts.sent == 3 and counts.held == 1
    assert reload(first).status == MessageStatus.SENT
    assert reload(reply).status == MessageStatus.SENT
    assert reload(question).status == MessageStatus.SENT
    held = reload(second)
    assert held.status == MessageStatus.OUTBOX
    # Midnight is in the quiet hours, so the next chance is 08:00 the next day (EDT).
    assert held.send_after == datetime(2025, 6, 11, 12, 0, tzinfo=UTC)


def test_weekly_cap_holds_the_fourth_text_until_the_first_leaves_the_week(
    rules_app: Flask, make_participant
) -> None:
    participant = make_participant(timezone=TZ)
    for day in range(3):
        moment = NOON + timedelta(days=day)
        queue(participant, f"Day {day}", moment)
        queue(participant, f"Reply {day}", moment, is_reply=True)  # never counted
        assert send_due_messages(now=moment).sent == 2
    fourth_day = NOON + timedelta(days=3)
    fourth = queue(participant, "Day 3", fourth_day)

    counts = send_due_messages(now=fourth_day)

    assert counts.held == 1
    assert reload(fourth).send_after == NOON + timedelta(days=7)
    assert send_due_messages(now=NOON + timedelta(days=7)).sent == 1


def test_a_cap_of_zero_turns_the_cap_off(rules_app: Flask, make_participant, sms_rules) -> None:
    sms_rules(ENGAGE_SMS_DAILY_CAP=0, ENGAGE_SMS_WEEKLY_CAP=0)
    participant = make_participant()
    for number in range(5):
        queue(participant, f"Text {number}", NOON)

    assert send_due_messages(now=NOON).sent == 5


def test_the_reply_to_an_unknown_number_goes_out_and_nothing_else_without_a_participant(
    rules_app: Flask,
) -> None:
    def stranger_text(body: str, dedupe_key: str) -> int:
        message = OutboundMessage(
            participant_id=None,
            to_phone="+16175550199",
            body=body,
            kind=MessageKind.SYSTEM,
            is_reply=True,
            send_after=NOON,
            dedupe_key=dedupe_key,
        )
        db.session.add(message)
        db.session.commit()
        return message.id

    how_to_join = stranger_text("Text JOIN to sign up.", "unknown:+16175550199:2025-06-10")
    orphan = stranger_text("A reply whose participant was deleted", "reply:SM1")

    send_due_messages(now=NOON)

    assert reload(how_to_join).status == MessageStatus.SENT
    assert reload(orphan).skip_reason == "no_participant"


# --- the same rules in front of the real twilio SDK and the fake Twilio API -----------------


@pytest.mark.parametrize(("now", "expected"), DAYLIGHT_SAVING_NIGHTS)
def test_nothing_reaches_twilio_in_quiet_hours_across_daylight_saving_changes(
    rules_app: Flask, make_participant, use_twilio, fake_twilio, now: datetime, expected: datetime
) -> None:
    use_twilio(rules_app)
    participant = make_participant(timezone=TZ)
    message_id = queue(participant, "Reply 1-5", now)

    send_due_messages(now=now)
    send_due_messages(now=expected - timedelta(seconds=1))

    assert fake_twilio.requests == []
    send_due_messages(now=expected)
    assert fake_twilio.bodies_to(participant.phone) == ["Reply 1-5"]
    message = reload(message_id)
    assert message.status == MessageStatus.QUEUED  # Twilio's word once it accepted it
    assert message.sid == fake_twilio.messages[0].sid


def test_the_frequency_cap_holds_texts_back_from_twilio(
    rules_app: Flask, make_participant, use_twilio, fake_twilio
) -> None:
    use_twilio(rules_app)
    participant = make_participant(timezone=TZ)
    for day in range(3):
        moment = NOON + timedelta(days=day)
        queue(participant, f"Day {day}", moment)
        queue(participant, f"Day {day}, second", moment)  # over the daily cap: waits
        queue(participant, f"Reply {day}", moment, is_reply=True)  # replies are never capped
        send_due_messages(now=moment)
    # One capped text a day, the longest waiting first; every reply at once. By day 2
    # the week's three are used.
    assert fake_twilio.bodies_to(participant.phone) == [
        "Day 0",
        "Reply 0",
        "Day 0, second",
        "Reply 1",
        "Day 1",
        "Reply 2",
    ]
    fourth_day = NOON + timedelta(days=3)
    send_due_messages(now=fourth_day)  # three this week already: nothing until day 7

    assert len(fake_twilio.requests) == 6
    send_due_messages(now=NOON + timedelta(days=7))
    # Day 0's text leaves the week: one more may go.
    assert fake_twilio.bodies_to(participant.phone)[6:] == ["Day 1, second"]
