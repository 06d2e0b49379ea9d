"""Board rounds: who may vote, when, how often; results only after close; Delphi series."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from engage.auth.roles import Role
from engage.core.types import utcnow
from engage.extensions import db
from engage.priorities import rounds
from engage.priorities.models import Ballot, RoundMethod, VotingRound
from engage.priorities.voting import BallotProblem
from tests.conftest import make_user
from tests.priorities.builders import board, open_ranked_round, priority_survey, with_items


@pytest.fixture
def setting(db_app):
    survey = priority_survey()
    by_key = with_items(survey)
    members = board(3)
    ids = [by_key[key].id for key in ("interpreter", "wait_times", "evening_hours")]
    return by_key, members, ids


def _ballots() -> list[Ballot]:
    return list(db.session.scalars(sa.select(Ballot)))


def _rank(*keys: str) -> dict[str, list[str]]:
    return {f"rank-{key}": [str(place)] for place, key in enumerate(keys, 1)}


def test_a_member_may_change_their_ballot_but_holds_only_one(setting):
    _by_key, members, ids = setting
    voting_round = open_ranked_round(ids, members)
    rounds.cast_ballot(voting_round, members[0], _rank("interpreter", "wait_times"))
    db.session.commit()
    rounds.cast_ballot(voting_round, members[0], _rank("wait_times"))
    db.session.commit()
    assert [ballot.content for ballot in _ballots()] == [[["wait_times"]]]


def test_the_database_itself_holds_one_ballot_per_member(setting):
    _by_key, members, ids = setting
    voting_round = open_ranked_round(ids, members)
    db.session.add(Ballot(round_id=voting_round.id, voter_id=members[0].id, content=[]))
    db.session.add(Ballot(round_id=voting_round.id, voter_id=members[0].id, content=[]))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_no_ballot_after_close_and_the_last_one_stands(setting):
    _by_key, members, ids = setting
    voting_round = open_ranked_round(ids, members)
    rounds.cast_ballot(voting_round, members[0], _rank("interpreter"))
    rounds.close_now(voting_round)
    db.session.commit()
    with pytest.raises(rounds.RoundRefused, match="closed"):
        rounds.cast_ballot(voting_round, members[0], _rank("evening_hours"))
    db.session.rollback()
    assert [ballot.content for ballot in _ballots()] == [[["interpreter"]]]


def test_only_invited_members_vote_and_only_once_open(setting):
    _by_key, members, ids = setting
    voting_round = open_ranked_round(ids, members[:2])
    with pytest.raises(rounds.RoundRefused, match="not invited"):
        rounds.cast_ballot(voting_round, members[2], _rank("interpreter"))
    admin = make_user(Role.ADMIN)
    with pytest.raises(rounds.RoundRefused, match="not invited"):
        rounds.cast_ballot(voting_round, admin, _rank("interpreter"))
    later = utcnow() + timedelta(days=1)
    upcoming = open_ranked_round(ids, members, now=later + timedelta(hours=1))
    with pytest.raises(rounds.RoundRefused, match="not opened"):
        rounds.cast_ballot(upcoming, members[0], _rank("interpreter"))
    assert _ballots() == []


@pytest.mark.parametrize(
    "form",
    [{"rank-interpreter": ["abc"]}, {}, {"rank-parking": ["1"]}, {"rank-interpreter": ["9"]}],
)
def test_a_malformed_ballot_is_refused_and_stores_nothing(setting, form):
    _by_key, members, ids = setting
    voting_round = open_ranked_round(ids, members)
    with pytest.raises(BallotProblem):
        rounds.cast_ballot(voting_round, members[0], form)
    db.session.rollback()
    assert _ballots() == []


def test_results_only_after_close_and_only_with_quorum(setting):
    _by_key, members, ids = setting
    voting_round = open_ranked_round(ids, members, quorum=2)
    rounds.cast_ballot(voting_round, members[0], _rank("wait_times", "interpreter"))
    assert rounds.outcome(voting_round) is None
    rounds.close_now(voting_round)
    outcome = rounds.outcome(voting_round)
    assert (outcome.quorum_met, outcome.result, outcome.ballots, outcome.invited) == (
        False,
        None,
        1,
        3,
    )


def test_a_closed_ranked_round_has_every_methods_result(setting):
    _by_key, members, ids = setting
    voting_round = open_ranked_round(ids, members, quorum=2)
    rounds.cast_ballot(voting_round, members[0], _rank("wait_times", "interpreter"))
    rounds.cast_ballot(voting_round, members[1], _rank("wait_times", "evening_hours"))
    rounds.cast_ballot(voting_round, members[2], _rank("interpreter", "wait_times"))
    rounds.close_now(voting_round)
    result = rounds.outcome(voting_round).result
    assert result.schulze.winner == "wait_times"
    assert result.borda.winner == "wait_times"
    assert result.instant_runoff.winner == "wait_times"
    assert result.schulze.pairwise[1][0] == 2  # wait_times above interpreter on 2 ballots


def test_a_ballot_with_every_item_tied_counts_and_breaks_no_rule(setting):
    _by_key, members, ids = setting
    voting_round = open_ranked_round(ids, members)
    everything_first = {
        f"rank-{key}": ["1"] for key in ("interpreter", "wait_times", "evening_hours")
    }
    rounds.cast_ballot(voting_round, members[0], everything_first)
    rounds.close_now(voting_round)
    result = rounds.outcome(voting_round).result
    assert result.schulze.winner == "interpreter"  # all tied: the community order decides
    assert result.schulze.tie_broken


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"item_ids": []}, "Choose between"),
        ({"closes_at": utcnow() - timedelta(hours=2)}, "close after it opens"),
        ({"voter_ids": []}, "Invite at least one"),
        ({"quorum": 4}, "quorum"),
        ({"title": "  "}, "title"),
        ({"delphi": True}, "Delphi"),
        ({"method": RoundMethod.DOTS, "dots": 0}, "dots"),
    ],
)
def test_a_round_that_breaks_a_rule_is_not_opened(setting, change, message):
    _by_key, members, ids = setting
    now = utcnow()
    plan = {
        "title": "Which first?",
        "method": RoundMethod.RANKED,
        "item_ids": ids,
        "opens_at": now - timedelta(hours=1),
        "closes_at": now + timedelta(days=1),
        "voter_ids": [member.id for member in members],
    } | change
    with pytest.raises(rounds.RoundRefused, match=message):
        rounds.open_round(rounds.RoundPlan(**plan), None, now=now)
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(VotingRound)) == 0


def test_staff_cannot_be_invited_to_vote(setting):
    _by_key, members, ids = setting
    staff = make_user(Role.STAFF)
    with pytest.raises(rounds.RoundRefused, match="board members"):
        open_ranked_round(ids, [members[0], staff])


def test_a_board_member_sees_only_the_rounds_they_are_invited_to(setting):
    _by_key, members, ids = setting
    first = open_ranked_round(ids, members[:1])
    open_ranked_round(ids, members[1:])
    assert rounds.list_rounds(members[0]) == [first]
    assert len(rounds.list_rounds(make_user(Role.STAFF))) == 2


def _delphi(ids, members):
    return open_ranked_round(
        ids,
        members,
        method=RoundMethod.SCORE,
        max_score=5,
        delphi=True,
        agreement=0.7,
        important_from=4,
    )


def _score(**scores: int) -> dict[str, list[str]]:
    return {f"score-{key}": [str(value)] for key, value in scores.items()}


def test_a_delphi_series_continues_until_an_item_reaches_agreement(setting):
    _by_key, members, ids = setting
    first = _delphi(ids, members)
    rounds.cast_ballot(first, members[0], _score(interpreter=5, wait_times=2))
    rounds.cast_ballot(first, members[1], _score(interpreter=2, wait_times=4))
    with pytest.raises(rounds.RoundRefused, match="closes"):
        rounds.next_delphi_round(first, None)
    rounds.close_now(first)
    outcome = rounds.outcome(first)
    assert outcome.agreement["interpreter"] == pytest.approx(0.5)
    assert outcome.agreed == []
    second = rounds.next_delphi_round(first, None)
    assert second.previous_round_id == first.id
    assert [c.priority_id for c in second.candidates] == ids
    assert "(round 2)" in second.title
    with pytest.raises(rounds.RoundRefused, match="already open"):
        rounds.next_delphi_round(first, None)
    for member in members:
        rounds.cast_ballot(second, member, _score(interpreter=5, wait_times=1))
    rounds.close_now(second)
    assert rounds.outcome(second).agreed == ["interpreter"]
    with pytest.raises(rounds.RoundRefused, match="Agreement was reached"):
        rounds.next_delphi_round(second, None)
    assert rounds.delphi_series(second) == [first, second]
