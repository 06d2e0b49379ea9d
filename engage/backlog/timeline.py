"""An item's learning loop, end to end, with the days between each step.

First time a linked priority was raised → the board decision → the item created → its
PDSA cycles → adopted → patients told. Read from rows that already exist (responses,
rounds, item events, cycles, updates); nothing is stored twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

import sqlalchemy as sa

from engage.backlog.models import ImprovementItem, ItemEvent, ItemEventKind, ItemStatus, LoopUpdate
from engage.core.types import utcnow
from engage.extensions import db
from engage.priorities.models import RoundCandidate, VotingRound


@dataclass(frozen=True)
class Step:
    kind: str  # raised, decided, created, cycle, adopted, told
    at: datetime
    detail: str = ""
    days_since_previous: int | None = None


def _as_moment(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=UTC)


def _decided(item: ImprovementItem) -> tuple[datetime, str] | None:
    now = utcnow()
    if item.round_id is not None:
        voting_round = db.session.get(VotingRound, item.round_id)
    else:
        voting_round = db.session.scalar(
            sa.select(VotingRound)
            .join(RoundCandidate)
            .where(
                RoundCandidate.priority_id.in_([link.priority_id for link in item.links]),
                VotingRound.closes_at <= now,
            )
            .order_by(VotingRound.closes_at)
            .limit(1)
        )
    if voting_round is None or not voting_round.is_closed(now):
        return None
    return voting_round.closes_at, voting_round.title


def timeline(item: ImprovementItem, first_raised: datetime | None) -> list[Step]:
    """The item's steps in time order; ``first_raised`` comes from :func:`voices.voices`,
    which has already found the people who raised its priorities."""
    steps: list[Step] = []
    if first_raised is not None:
        steps.append(Step("raised", first_raised))
    if (decided := _decided(item)) is not None:
        steps.append(Step("decided", decided[0], decided[1]))
    steps.append(Step("created", item.created_at))
    for cycle in item.cycles:
        day = cycle.decided_on or cycle.done_on or cycle.plan_on
        if day is not None:
            steps.append(Step("cycle", _as_moment(day), str(cycle.number)))
    adopted = db.session.scalar(
        sa.select(sa.func.min(ItemEvent.at)).where(
            ItemEvent.item_id == item.id,
            ItemEvent.kind == ItemEventKind.STATUS,
            ItemEvent.status == ItemStatus.ADOPTED,
        )
    )
    if adopted is not None:
        steps.append(Step("adopted", adopted))
    told = db.session.scalar(
        sa.select(sa.func.min(LoopUpdate.sent_at)).where(LoopUpdate.item_id == item.id)
    )
    if told is not None:
        steps.append(Step("told", told))
    steps.sort(key=lambda step: step.at)
    dated: list[Step] = []
    for index, step in enumerate(steps):
        days = None if index == 0 else (step.at - steps[index - 1].at).days
        dated.append(Step(step.kind, step.at, step.detail, days))
    return dated
