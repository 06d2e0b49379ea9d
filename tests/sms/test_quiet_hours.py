"""Quiet hours: nothing from 21:00 to 08:00 on the recipient's clock, across clock changes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engage.sms.quiet_hours import is_quiet_hour, next_allowed_time

NEW_YORK = "America/New_York"
LOS_ANGELES = "America/Los_Angeles"


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def local(moment: datetime, zone: str) -> str:
    return moment.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M %Z")


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        # The day before: 08:00 EST is 13:00 UTC.
        ("2026-03-07 06:00", "2026-03-07 13:00"),
        # 2026-03-08, clocks spring forward at 02:00: 08:00 EDT is 12:00 UTC.
        ("2026-03-08 06:00", "2026-03-08 12:00"),  # 01:00 EST
        ("2026-03-08 07:30", "2026-03-08 12:00"),  # 03:30 EDT, just after the jump
        ("2026-03-08 02:00", "2026-03-08 12:00"),  # 21:00 EST the evening before
        ("2026-03-08 11:59", "2026-03-08 12:00"),
        # The day before falling back: 08:00 EDT is 12:00 UTC.
        ("2026-10-31 06:00", "2026-10-31 12:00"),
        # 2026-11-01, clocks fall back at 02:00: 08:00 EST is 13:00 UTC.
        ("2026-11-01 01:00", "2026-11-01 13:00"),  # 21:00 EDT the evening before
        ("2026-11-01 05:30", "2026-11-01 13:00"),  # 01:30 EDT, the first time round
        ("2026-11-01 06:30", "2026-11-01 13:00"),  # 01:30 EST, the second time round
        ("2026-11-01 12:30", "2026-11-01 13:00"),  # 07:30 EST
    ],
)
def test_the_next_eight_am_in_new_york_across_clock_changes(now, expected):
    result = next_allowed_time(utc(now), NEW_YORK, 21, 8)
    assert result == utc(expected)
    assert result.tzinfo is UTC
    assert result.astimezone(ZoneInfo(NEW_YORK)).hour == 8


@pytest.mark.parametrize(
    "now",
    [
        "2026-03-08 13:00",  # 09:00 EDT
        "2026-03-08 01:59",  # 20:59 EST the evening before
        "2026-11-01 13:00",  # 08:00 EST sharp
        "2026-11-02 01:59",  # 20:59 EST
    ],
)
def test_inside_the_window_a_text_goes_now(now):
    assert next_allowed_time(utc(now), NEW_YORK, 21, 8) == utc(now)


def test_nine_pm_sharp_is_quiet():
    assert next_allowed_time(utc("2026-11-02 02:00"), NEW_YORK) == utc("2026-11-02 13:00")


def test_a_participant_in_los_angeles_waits_for_their_own_morning():
    now = utc("2026-06-15 13:30")  # 09:30 in New York, 06:30 in Los Angeles
    assert next_allowed_time(now, NEW_YORK) == now
    result = next_allowed_time(now, LOS_ANGELES)
    assert local(result, LOS_ANGELES) == "2026-06-15 08:00 PDT"
    assert result == utc("2026-06-15 15:00")


def test_los_angeles_across_its_own_clock_changes():
    # 22:00 PST on 2026-03-07, then clocks spring forward: 08:00 PDT is 15:00 UTC.
    assert next_allowed_time(utc("2026-03-08 06:00"), LOS_ANGELES) == utc("2026-03-08 15:00")
    # 22:00 PDT on 2026-10-31, then clocks fall back: 08:00 PST is 16:00 UTC.
    assert next_allowed_time(utc("2026-11-01 05:00"), LOS_ANGELES) == utc("2026-11-01 16:00")


def test_an_evening_in_los_angeles_is_already_quiet_tomorrow_in_utc():
    now = utc("2026-06-16 04:30")  # 21:30 PDT on the 15th
    assert local(next_allowed_time(now, LOS_ANGELES), LOS_ANGELES) == "2026-06-16 08:00 PDT"


def test_an_aware_time_in_another_zone_is_accepted():
    now = datetime(2026, 6, 15, 22, 0, tzinfo=timezone(timedelta(hours=-4)))  # 22:00 EDT
    assert next_allowed_time(now, NEW_YORK) == utc("2026-06-16 12:00")


def test_a_naive_time_is_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        next_allowed_time(datetime(2026, 6, 15, 12), NEW_YORK)


def test_an_unknown_zone_is_refused():
    with pytest.raises(ZoneInfoNotFoundError):
        next_allowed_time(utc("2026-06-15 12:00"), "Mars/Olympus_Mons")


def test_hours_outside_the_clock_are_refused():
    with pytest.raises(ValueError, match="0-23"):
        next_allowed_time(utc("2026-06-15 12:00"), NEW_YORK, 24, 8)


def test_quiet_hours_that_do_not_cross_midnight():
    assert is_quiet_hour(3, 1, 6)
    assert not is_quiet_hour(6, 1, 6)
    # 02:00 EDT is 06:00 UTC; quiet from 01:00 to 06:00, so 06:00 EDT, 10:00 UTC.
    assert next_allowed_time(utc("2026-06-15 06:00"), NEW_YORK, 1, 6) == utc("2026-06-15 10:00")


def test_equal_hours_mean_no_quiet_hours():
    now = utc("2026-06-15 07:00")  # 03:00 EDT
    assert next_allowed_time(now, NEW_YORK, 8, 8) == now


def test_an_end_hour_the_clock_skips_ends_at_the_jump():
    # Quiet until 02:00, but on 2026-03-08 New York's clock goes 01:59 -> 03:00.
    result = next_allowed_time(utc("2026-03-08 06:30"), NEW_YORK, 21, 2)  # 01:30 EST
    assert local(result, NEW_YORK) == "2026-03-08 03:00 EDT"


def test_a_skipped_day_does_not_land_in_the_next_night():
    # Samoa skipped 2011-12-30: 23:59 on the 29th was followed by 00:00 on the 31st.
    result = next_allowed_time(utc("2011-12-30 09:30"), "Pacific/Apia")  # 23:30 on the 29th
    assert local(result, "Pacific/Apia").startswith("2011-12-31 08:00")


ZONES = [
    NEW_YORK,
    LOS_ANGELES,
    "America/Chicago",
    "America/Phoenix",
    "Pacific/Honolulu",
    "America/Santiago",  # changes at midnight
    "Asia/Beirut",  # changes at midnight
    "Australia/Lord_Howe",  # changes by 30 minutes
    "Pacific/Chatham",
    "Asia/Kolkata",
    "Pacific/Apia",
    "Europe/London",
    "UTC",
]
moments = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2037, 12, 31), timezones=st.just(UTC)
)
hours = st.integers(min_value=0, max_value=23)


@given(moments, st.sampled_from(ZONES), hours, hours)
def test_the_result_is_never_early_and_always_in_the_window(now, zone, start, end):
    result = next_allowed_time(now, zone, start, end)
    assert result >= now
    assert result.tzinfo is UTC
    assert not is_quiet_hour(result.astimezone(ZoneInfo(zone)).hour, start, end)
    if result > now:  # it is the first allowed moment: a second earlier is still quiet
        before = (result - timedelta(seconds=1)).astimezone(ZoneInfo(zone))
        assert is_quiet_hour(before.hour, start, end)
    assert result - now <= timedelta(days=2)


@given(moments, st.sampled_from(ZONES))
def test_with_the_default_hours_texts_go_between_eight_and_nine(now, zone):
    hour = next_allowed_time(now, zone).astimezone(ZoneInfo(zone)).hour
    assert 8 <= hour < 21
