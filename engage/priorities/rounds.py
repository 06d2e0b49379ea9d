"""Operations on the advisory board's voting rounds: open, vote, close, tally, Delphi.

The rules live here, not in the views: only invited members vote, only while the round
is open, one ballot each (a unique constraint; voting again replaces the ballot), and
no ballot changes after the round closes. Results exist only once a round has closed,
and only if it reached its quorum. Nothing here returns who cast which ballot.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _

from engage.auth.models import User
from engage.auth.roles import Role
from engage.core import audit
from engage.core.errors import EngageError
from engage.core.models import AuditAction
from engage.core.types import utcnow
from engage.extensions import db
from engage.priorities.models import (
    Ballot,
    PriorityItem,
    RoundCandidate,
    RoundMethod,
    RoundVoter,
    VotingRound,
)
from engage.priorities.voting import agreement, voting_method

MIN_CANDIDATES = 2
MAX_CANDIDATES = 20
MAX_DOTS = 100
MAX_SCORE = 10


class RoundRefused(EngageError):
    """A round cannot be opened, voted in or continued as asked."""


@dataclass(frozen=True)
class RoundPlan:
    """What the lead asks for when opening a round."""

    title: str
    method: RoundMethod
    item_ids: Sequence[int]  # in the community ranking's order: the tie-break order
    opens_at: datetime
    closes_at: datetime
    voter_ids: Sequence[int]
    quorum: int | None = None
    dots: int = 10
    max_score: int = 5
    delphi: bool = False
    agreement: float | None = None  # 0.7 = 70% of members
    important_from: int | None = None  # a score at least this counts as "important"
    survey_id: int | None = None
    community: Mapping[int, dict[str, Any]] | None = None  # item id → figures shown beside it


def board_members() -> list[User]:
    return list(
        db.session.scalars(
            sa.select(User)
            .where(User.role == Role.BOARD, User.active.is_(True))
            .order_by(User.name)
        )
    )


def list_rounds(user: User) -> list[VotingRound]:
    """Every round for the lead and staff; a board member sees the rounds they are invited to."""
    query = sa.select(VotingRound).order_by(VotingRound.opens_at.desc(), VotingRound.id.desc())
    if user.role == Role.BOARD:
        query = query.join(RoundVoter).where(RoundVoter.user_id == user.id)
    return list(db.session.scalars(query))


def find_round(round_id: int) -> VotingRound | None:
    return db.session.get(VotingRound, round_id)


def _settings(plan: RoundPlan) -> dict[str, Any]:
    if plan.method == RoundMethod.DOTS:
        if not 1 <= plan.dots <= MAX_DOTS:
            raise RoundRefused(_("Give each member between 1 and %(most)d dots.", most=MAX_DOTS))
        return {"dots": plan.dots}
    if plan.method == RoundMethod.SCORE:
        if not 2 <= plan.max_score <= MAX_SCORE:
            raise RoundRefused(_("The top score is between 2 and %(most)d.", most=MAX_SCORE))
        return {"max_score": plan.max_score}
    return {}


def _check_plan(plan: RoundPlan, now: datetime) -> None:
    if not plan.title.strip():
        raise RoundRefused(_("Give the round a title."))
    if not MIN_CANDIDATES <= len(set(plan.item_ids)) <= MAX_CANDIDATES:
        raise RoundRefused(
            _(
                "Choose between %(least)d and %(most)d priorities.",
                least=MIN_CANDIDATES,
                most=MAX_CANDIDATES,
            )
        )
    if plan.closes_at <= plan.opens_at:
        raise RoundRefused(_("The round must close after it opens."))
    if plan.closes_at <= now:
        raise RoundRefused(_("The closing time has already passed."))
    if not plan.voter_ids:
        raise RoundRefused(_("Invite at least one board member."))
    if plan.quorum is not None and not 1 <= plan.quorum <= len(set(plan.voter_ids)):
        raise RoundRefused(_("The quorum is between 1 and the number of members invited."))
    if plan.delphi:
        if plan.method != RoundMethod.SCORE:
            raise RoundRefused(_("A Delphi series rates each priority: choose the score method."))
        if plan.agreement is None or not 0 < plan.agreement <= 1:
            raise RoundRefused(_("Set the agreement that ends the series, between 1% and 100%."))
        if plan.important_from is None or not 1 <= plan.important_from <= plan.max_score:
            raise RoundRefused(
                _("The score that counts as important is between 1 and the top score.")
            )


def open_round(plan: RoundPlan, user_id: int | None, now: datetime | None = None) -> VotingRound:
    now = now or utcnow()
    _check_plan(plan, now)
    settings = _settings(plan)
    items = {
        item.id: item
        for item in db.session.scalars(
            sa.select(PriorityItem).where(PriorityItem.id.in_(list(plan.item_ids)))
        )
    }
    if len(items) != len(set(plan.item_ids)):
        raise RoundRefused(_("One of the chosen priorities no longer exists."))
    members = {member.id for member in board_members()}
    if not set(plan.voter_ids) <= members:
        raise RoundRefused(_("Only active advisory board members can be invited to vote."))
    voting_round = VotingRound(
        title=plan.title.strip(),
        method=plan.method,
        settings=settings,
        opens_at=plan.opens_at,
        closes_at=plan.closes_at,
        quorum=plan.quorum,
        survey_id=plan.survey_id,
        delphi=plan.delphi,
        agreement=plan.agreement if plan.delphi else None,
        important_from=plan.important_from if plan.delphi else None,
        created_by_id=user_id,
    )
    community = plan.community or {}
    voting_round.candidates = [
        RoundCandidate(priority_id=item_id, position=position, community=community.get(item_id, {}))
        for position, item_id in enumerate(dict.fromkeys(plan.item_ids))
    ]
    voting_round.voters = [
        RoundVoter(user_id=voter_id) for voter_id in dict.fromkeys(plan.voter_ids)
    ]
    db.session.add(voting_round)
    db.session.flush()
    audit.record(
        AuditAction.CREATE,
        "voting_round",
        voting_round.id,
        {"method": plan.method.value, "candidates": len(items), "voters": len(plan.voter_ids)},
    )
    return voting_round


def candidate_keys(voting_round: VotingRound) -> list[str]:
    return [candidate.item.key for candidate in voting_round.candidates]


def ballot_of(voting_round: VotingRound, user_id: int) -> Ballot | None:
    """The member's own ballot, to show it back to them while the round is open."""
    return db.session.scalar(
        sa.select(Ballot).where(Ballot.round_id == voting_round.id, Ballot.voter_id == user_id)
    )


def cast_ballot(
    voting_round: VotingRound,
    user: User,
    form: Mapping[str, list[str]],
    now: datetime | None = None,
) -> Ballot:
    """Store ``user``'s ballot from the form, replacing any earlier one of theirs.

    Raises :class:`RoundRefused` (not invited, not open) or :class:`BallotProblem`.
    """
    now = now or utcnow()
    if not voting_round.invites(user.id):
        raise RoundRefused(_("You are not invited to vote in this round."))
    if now < voting_round.opens_at:
        raise RoundRefused(_("This round has not opened yet."))
    if voting_round.is_closed(now):
        raise RoundRefused(_("This round has closed. Ballots can no longer be cast or changed."))
    method = voting_method(voting_round.method.value)
    content = method.parse_form(candidate_keys(voting_round), form, voting_round.settings)
    # Lock the member's row so two tabs submitting at once do not both insert.
    ballot = db.session.scalar(
        sa.select(Ballot)
        .where(Ballot.round_id == voting_round.id, Ballot.voter_id == user.id)
        .with_for_update()
    )
    if ballot is None:
        ballot = Ballot(round_id=voting_round.id, voter_id=user.id, content=content, cast_at=now)
        db.session.add(ballot)
    else:
        ballot.content = content
        ballot.updated_at = now
    db.session.flush()
    return ballot


def turnout(voting_round: VotingRound) -> int:
    return (
        db.session.scalar(
            sa.select(sa.func.count()).select_from(Ballot).where(Ballot.round_id == voting_round.id)
        )
        or 0
    )


def close_now(voting_round: VotingRound, now: datetime | None = None) -> None:
    """End voting early (the lead decided enough members have voted)."""
    now = now or utcnow()
    if voting_round.is_closed(now):
        raise RoundRefused(_("This round has already closed."))
    voting_round.closes_at = now
    if voting_round.opens_at > now:
        voting_round.opens_at = now
    db.session.flush()
    audit.record(AuditAction.UPDATE, "voting_round", voting_round.id, {"closed": now.isoformat()})


@dataclass(frozen=True)
class RoundOutcome:
    """A closed round's result, or why there is none."""

    ballots: int
    invited: int
    quorum_met: bool
    result: Any | None  # the method's result (see voting.py); None without quorum
    agreement: dict[str, float] | None = None  # Delphi: share rating each item important
    agreed: list[str] | None = None  # Delphi: items that reached the agreement


def _contents(voting_round: VotingRound) -> list[Any]:
    # Ordered by content, not by time or voter, so nothing about who voted leaks.
    contents = list(
        db.session.scalars(sa.select(Ballot.content).where(Ballot.round_id == voting_round.id))
    )
    return sorted(contents, key=repr)


def outcome(voting_round: VotingRound, now: datetime | None = None) -> RoundOutcome | None:
    """The result of a closed round (None while it is open: nobody sees results early)."""
    now = now or utcnow()
    if not voting_round.is_closed(now):
        return None
    contents = _contents(voting_round)
    invited = len(voting_round.voters)
    quorum_met = voting_round.quorum is None or len(contents) >= voting_round.quorum
    if not quorum_met:
        return RoundOutcome(len(contents), invited, False, None)
    keys = candidate_keys(voting_round)
    result = voting_method(voting_round.method.value).tally(keys, contents, voting_round.settings)
    shares = agreed = None
    if voting_round.delphi and voting_round.important_from is not None:
        shares = agreement(contents, voting_round.important_from)
        shares = {key: shares.get(key, 0.0) for key in keys}
        agreed = [key for key in keys if shares[key] >= (voting_round.agreement or 1.0)]
    return RoundOutcome(len(contents), invited, True, result, shares, agreed)


def delphi_series(voting_round: VotingRound) -> list[VotingRound]:
    """The rounds of a Delphi series up to this one, first round first."""
    series = [voting_round]
    while series[0].previous_round is not None:
        series.insert(0, series[0].previous_round)
    return series


def next_delphi_round(
    voting_round: VotingRound, user_id: int | None, now: datetime | None = None
) -> VotingRound:
    """Open the next round of a Delphi series: same items, members and rules, same length."""
    now = now or utcnow()
    if not voting_round.delphi:
        raise RoundRefused(_("Only a Delphi round continues into another round."))
    result = outcome(voting_round, now)
    if result is None:
        raise RoundRefused(_("Wait until this round closes."))
    if result.agreed:
        raise RoundRefused(_("Agreement was reached: the series is over."))
    if db.session.scalar(
        sa.select(VotingRound.id).where(VotingRound.previous_round_id == voting_round.id)
    ):
        raise RoundRefused(_("The next round of this series is already open."))
    length = voting_round.closes_at - voting_round.opens_at
    number = len(delphi_series(voting_round)) + 1
    plan = RoundPlan(
        title=_(
            "%(title)s (round %(number)d)",
            title=delphi_series(voting_round)[0].title,
            number=number,
        ),
        method=voting_round.method,
        item_ids=[candidate.priority_id for candidate in voting_round.candidates],
        opens_at=now,
        closes_at=now + length,
        voter_ids=[voter.user_id for voter in voting_round.voters],
        quorum=voting_round.quorum,
        max_score=int(voting_round.settings.get("max_score", 5)),
        delphi=True,
        agreement=voting_round.agreement,
        important_from=voting_round.important_from,
        survey_id=voting_round.survey_id,
        community={c.priority_id: c.community for c in voting_round.candidates},
    )
    next_round = open_round(plan, user_id, now)
    next_round.previous_round_id = voting_round.id
    db.session.flush()
    return next_round
