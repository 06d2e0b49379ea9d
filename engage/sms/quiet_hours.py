"""When a text may go out: never in the recipient's quiet hours.

TCPA practice (and several state laws) forbid texts before 8 am and after 9 pm in
the recipient's local time, so the hours are read on the participant's own wall
clock (the clinic's zone when they have none) and only then turned into UTC. Wall
clock arithmetic goes through ``zoneinfo``, so "the next 08:00" is right on the
days clocks change: 08:00 New York time is 12:00 UTC one day and 13:00 UTC the next.

Pure functions: no Flask, so the arithmetic is tested and benchmarked alone.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


def is_quiet_hour(hour: int, quiet_start_hour: int, quiet_end_hour: int) -> bool:
    """Whether a local clock hour is quiet: ``[start, end)``, wrapping past midnight.

    With start 21 and end 8, 21:00-07:59 is quiet. Equal hours mean no quiet hours.
    """
    if quiet_start_hour == quiet_end_hour:
        return False
    if quiet_start_hour > quiet_end_hour:
        return hour >= quiet_start_hour or hour < quiet_end_hour
    return quiet_start_hour <= hour < quiet_end_hour


def _first_instant_at(day: date, hour: int, zone: ZoneInfo, not_before: datetime) -> datetime:
    """The first UTC instant, not before ``not_before``, the local clock reads ``day`` ``hour``:00.

    Normally that wall time itself: its first occurrence, or its second when clocks
    fall back over it after ``not_before`` has passed the first. When clocks spring
    forward over it, it does not exist, and the answer is the moment of the jump,
    found by bisection between the two readings of the gap.
    """
    wall = datetime.combine(day, time(hour))
    first = wall.replace(tzinfo=zone, fold=0).astimezone(UTC)
    if first.astimezone(zone).replace(tzinfo=None) == wall:
        if first < not_before:
            return wall.replace(tzinfo=zone, fold=1).astimezone(UTC)
        return first
    before = wall.replace(tzinfo=zone, fold=1).astimezone(UTC)  # the clock before the jump
    low, high = 0, int((first - before).total_seconds())
    while low < high:
        middle = (low + high) // 2
        if (before + timedelta(seconds=middle)).astimezone(zone).replace(tzinfo=None) >= wall:
            high = middle
        else:
            low = middle + 1
    return before + timedelta(seconds=low)


def next_allowed_time(
    now_utc: datetime, tz_name: str, quiet_start_hour: int = 21, quiet_end_hour: int = 8
) -> datetime:
    """``now_utc`` when a text may go out now, else the end of the quiet hours, in UTC.

    ``tz_name`` is an IANA zone ("America/Los_Angeles"); an unknown name raises
    ``zoneinfo.ZoneInfoNotFoundError``, since guessing a zone could wake someone up.
    """
    if now_utc.tzinfo is None:
        raise ValueError("next_allowed_time needs a timezone-aware datetime")
    for hour in (quiet_start_hour, quiet_end_hour):
        if not 0 <= hour <= 23:
            raise ValueError(f"quiet hours are clock hours 0-23, not {hour}")
    zone = ZoneInfo(tz_name)
    candidate = now_utc.astimezone(UTC)
    local = candidate.astimezone(zone)
    # Once, unless a clock jump lands in the next quiet hours (Samoa skipped a whole day).
    while is_quiet_hour(local.hour, quiet_start_hour, quiet_end_hour):
        day = local.date()
        if quiet_start_hour > quiet_end_hour and local.hour >= quiet_start_hour:
            day += timedelta(days=1)  # late evening: the quiet hours end tomorrow morning
        candidate = _first_instant_at(day, quiet_end_hour, zone, candidate)
        local = candidate.astimezone(zone)
    return candidate
