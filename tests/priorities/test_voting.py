"""Board voting methods: hand-worked counts, every ballot problem, and properties.

Pure code: no app, no database. The cross-check against pref_voting is in
test_voting_cross_check.py.
"""

from __future__ import annotations

import dataclasses
import random
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engage.priorities.voting import (
    VOTING_METHODS,
    ApprovalResult,
    BallotProblem,
    DotsResult,
    RankedResult,
    ScoreResult,
    agreement,
    voting_method,
)
from engage.priorities.voting_ranked import compile_ballots, pairwise_support, schulze

ranked = voting_method("ranked")
approval = voting_method("approval")
dots = voting_method("dots")
score = voting_method("score")


def strict(order: str, times: int = 1) -> list[list[list[str]]]:
    """``times`` ballots ranking the letters of ``order`` one per tier."""
    return [[[letter] for letter in order] for _ in range(times)]


def problem(call, *args) -> BallotProblem:
    with pytest.raises(BallotProblem) as caught:
        call(*args)
    return caught.value


# Wikipedia, "Schulze method", the example with 45 voters and 5 candidates.
WIKIPEDIA_SCHULZE = (
    strict("ACBED", 5)
    + strict("ADECB", 5)
    + strict("BEDAC", 8)
    + strict("CABED", 3)
    + strict("CAEBD", 7)
    + strict("CBADE", 2)
    + strict("DCEBA", 7)
    + strict("EBADC", 8)
)


def test_registry_has_the_four_methods_by_name():
    assert sorted(VOTING_METHODS) == ["approval", "dots", "ranked", "score"]
    assert all(method.name == name for name, method in VOTING_METHODS.items())
    with pytest.raises(KeyError):
        voting_method("plurality")


# Ranked: Schulze


def test_schulze_wikipedia_example_pairwise_paths_and_ranking():
    result = ranked.tally(list("ABCDE"), WIKIPEDIA_SCHULZE, {})
    assert result.ballots == 45
    assert result.schulze.pairwise == [
        [0, 20, 26, 30, 22],
        [25, 0, 16, 33, 18],
        [19, 29, 0, 17, 24],
        [15, 12, 28, 0, 14],
        [23, 27, 21, 31, 0],
    ]
    assert result.schulze.ranking == list("EACBD")
    assert result.schulze.winners == ["E"]
    assert result.schulze.winner == "E"
    assert result.schulze.tie_broken is False


def test_schulze_wikipedia_strongest_paths_by_winning_votes_match_the_article():
    support = pairwise_support(compile_ballots(list("ABCDE"), WIKIPEDIA_SCHULZE))
    paths = schulze(list("ABCDE"), support, strength="winning_votes").strongest
    assert paths == [
        [0, 28, 28, 30, 24],
        [25, 0, 28, 33, 24],
        [25, 29, 0, 29, 24],
        [25, 28, 28, 0, 24],
        [25, 28, 28, 31, 0],
    ]


def test_schulze_margins_are_the_default_strength():
    result = ranked.tally(list("ABCDE"), WIKIPEDIA_SCHULZE, {})
    # A→D is a direct link of margin 30 − 15; E's path to D is E→D at 31 − 14.
    assert result.schulze.strongest[0][3] == 15
    assert result.schulze.strongest[4][3] == 17
    assert all(result.schulze.strongest[i][i] == 0 for i in range(5))


def test_schulze_links_are_margins_not_winning_votes():
    ballots = [[["b"], ["c"]], [["d"], ["a"], ["b"]], [["c"], ["d"], ["a"], ["b"]]]
    result = ranked.tally(list("abcd"), ballots, {}).schulze
    assert result.winners == ["b", "c", "d"]
    support = pairwise_support(compile_ballots(list("abcd"), ballots))
    assert schulze(list("abcd"), support, strength="winning_votes").winners == list("abcd")


def test_schulze_cycle_of_three_is_a_tie_broken_by_candidate_order():
    ballots = strict("abc") + strict("bca") + strict("cab")
    result = ranked.tally(["b", "a", "c"], ballots, {})
    assert result.schulze.winners == ["b", "a", "c"]
    assert result.schulze.winner == "b"
    assert result.schulze.tie_broken is True


# Ranked: Borda


def test_borda_points_on_full_strict_ballots_are_standard_borda():
    ballots = strict("abc", 2) + strict("bca")
    result = ranked.tally(["a", "b", "c"], ballots, {})
    # a: 2+2+0, b: 1+1+2, c: 0+0+1
    assert result.borda.points == {"a": 4.0, "b": 4.0, "c": 1.0}
    assert result.borda.winners == ["a", "b"]
    assert result.borda.winner == "a"
    assert result.borda.tie_broken is True
    assert result.borda.ranking == ["a", "b", "c"]


def test_borda_tie_goes_to_the_earlier_candidate():
    ballots = strict("abc", 2) + strict("bca")
    result = ranked.tally(["b", "a", "c"], ballots, {})
    assert result.borda.winner == "b"
    assert result.borda.ranking == ["b", "a", "c"]


def test_borda_truncated_and_tied_ballots_score_half_per_tie():
    ballots = [[["b"]], [["a", "b"], ["c"]]]
    result = ranked.tally(["a", "b", "c"], ballots, {})
    # [b]: b above a and c (2), a and c tied (½ each). [a=b, c]: a, b 1 + ½, c 0.
    assert result.borda.points == {"a": 2.0, "b": 3.5, "c": 0.5}
    assert result.borda.winners == ["b"]
    assert result.borda.tie_broken is False


# Ranked: instant runoff


def test_instant_runoff_tennessee_capital_example():
    # Wikipedia, "Instant-runoff voting": Memphis, Nashville, Chattanooga, Knoxville.
    ballots = strict("MNCK", 42) + strict("NCKM", 26) + strict("CKNM", 15) + strict("KCNM", 17)
    result = ranked.tally(list("MNCK"), ballots, {}).instant_runoff
    assert [r.counts for r in result.rounds] == [
        {"M": 42.0, "N": 26.0, "C": 15.0, "K": 17.0},
        {"M": 42.0, "N": 26.0, "K": 32.0},
        {"M": 42.0, "K": 58.0},
    ]
    assert [r.eliminated for r in result.rounds] == [["C"], ["N"], []]
    assert result.winner == "K"
    assert result.winners == ["K"]
    assert result.tie_broken is False


def test_instant_runoff_majority_in_the_first_round_ends_it():
    result = ranked.tally(list("abc"), strict("abc", 3) + strict("bca", 2), {}).instant_runoff
    assert len(result.rounds) == 1
    assert result.rounds[0].eliminated == []
    assert result.winner == "a"


def test_instant_runoff_tie_for_fewest_eliminates_the_later_candidate():
    ballots = strict("abc", 3) + strict("bac", 2) + strict("cba", 2)
    result = ranked.tally(list("abc"), ballots, {}).instant_runoff
    assert result.rounds[0].counts == {"a": 3.0, "b": 2.0, "c": 2.0}
    assert result.rounds[0].eliminated == ["c"]
    assert result.rounds[0].tie_broken is True
    assert result.winner == "b"  # c's two ballots pass to b: 4 of 7
    assert result.winners == ["b"]
    assert result.tie_broken is True


def test_instant_runoff_splits_a_tied_top_tier_and_exhausts_finished_ballots():
    ballots = [[["a", "b"]], [["a", "b"]], [["c"]], [["c"]], [["b"], ["c"]]]
    result = ranked.tally(list("abc"), ballots, {}).instant_runoff
    assert result.rounds[0].counts == {"a": 1.0, "b": 2.0, "c": 2.0}
    assert result.rounds[0].eliminated == ["a"]
    assert result.rounds[1].counts == {"b": 3.0, "c": 2.0}
    assert result.winner == "b"
    exhausting = [[["a"]], [["a"]], [["b"]], [["b"]], [["b"]], [["c"], ["a"]], [["c"], ["a"]]]
    result = ranked.tally(list("abc"), exhausting + [[["c"]]], {}).instant_runoff
    assert result.rounds[0].counts == {"a": 2.0, "b": 3.0, "c": 3.0}
    assert result.rounds[0].eliminated == ["a"]
    assert result.rounds[1].exhausted == 2  # a's two ballots listed nothing else
    assert result.rounds[1].counts == {"b": 3.0, "c": 3.0}
    assert result.rounds[1].eliminated == ["c"]
    assert result.winner == "b"
    assert result.winners == ["b", "c"]


# Ranked: edge cases


def test_ballots_tying_everything_leave_every_method_tied():
    result = ranked.tally(list("abc"), [[["a", "b", "c"]]] * 3, {})
    assert result.borda.points == {"a": 3.0, "b": 3.0, "c": 3.0}
    assert result.borda.winners == list("abc")
    assert result.schulze.winners == list("abc")
    assert result.schulze.pairwise == [[0, 0, 0]] * 3
    assert result.instant_runoff.rounds[0].counts == {"a": 1.0, "b": 1.0, "c": 1.0}
    assert result.instant_runoff.winners == list("abc")
    assert result.instant_runoff.winner == "a"
    assert all(r.tie_broken for r in (result.borda, result.schulze, result.instant_runoff))


def test_one_ballot_decides_every_ranked_count():
    result = ranked.tally(list("abc"), [[["c"], ["a"]]], {})
    assert result.borda.ranking == ["c", "a", "b"]
    assert result.schulze.ranking == ["c", "a", "b"]
    assert result.instant_runoff.winner == "c"
    assert len(result.instant_runoff.rounds) == 1
    assert result.ballots == 1


def test_no_ballots_means_all_tied_and_the_first_wins():
    result = ranked.tally(list("abc"), [], {})
    assert result.ballots == 0
    for method in (result.borda, result.schulze, result.instant_runoff):
        assert method.winners == ["a", "b", "c"]
        assert method.winner == "a"
        assert method.tie_broken is True
    assert result.borda.points == {"a": 0.0, "b": 0.0, "c": 0.0}


def test_one_candidate_wins_without_a_tie():
    result = ranked.tally(["a"], [[["a"]], []], {})
    assert result.borda.winner == result.schulze.winner == result.instant_runoff.winner == "a"
    assert not (result.borda.tie_broken or result.schulze.tie_broken)
    assert result.instant_runoff.rounds[0].exhausted == 1  # the empty ballot


def test_no_candidates_does_not_crash():
    result = ranked.tally([], [[], []], {})
    assert result.ballots == 2
    assert result.borda.winner is result.schulze.winner is result.instant_runoff.winner is None
    assert result.borda.winners == result.schulze.winners == result.instant_runoff.winners == []
    for method in (approval, dots, score):
        empty = method.tally([], [], {"dots": 10})
        assert (empty.winners, empty.winner, empty.tie_broken) == ([], None, False)


def test_empty_ranked_ballot_counts_but_ranks_nothing():
    result = ranked.tally(list("ab"), [[["a"]], []], {})
    assert result.ballots == 2
    assert result.borda.points == {"a": 1.5, "b": 0.5}
    assert result.instant_runoff.rounds[0].exhausted == 1


def test_ballots_with_gaps_and_empty_tiers_mean_the_same_as_without():
    plain = ranked.tally(list("abc"), [[["a"], ["b"]]], {})
    gapped = ranked.tally(list("abc"), [[["a"], [], ["b"]]], {})
    assert plain == gapped


def test_tally_refuses_unknown_and_repeated_items_in_stored_ballots():
    assert problem(ranked.tally, ["a", "b"], [[["a"], ["z"]]], {}).code == "unknown_item"
    repeated = problem(ranked.tally, ["a", "b"], [[["a"]], [["a"], ["b", "a"]]], {})
    assert (repeated.code, repeated.params) == ("duplicate_item", {"item": "a"})
    assert problem(ranked.tally, ["a"], [None], {}).code == "malformed"


def test_results_hold_plain_python_numbers_only():
    results = [
        ranked.tally(list("abc"), [[["a"], ["b", "c"]], [["c", "a"]]], {}),
        approval.tally(list("ab"), [["a"]], {}),
        dots.tally(list("ab"), [{"a": 3}], {"dots": 5}),
        score.tally(list("ab"), [{"a": 3}], {}),
    ]

    def plain(value: object) -> bool:
        if dataclasses.is_dataclass(value):
            return all(plain(getattr(value, f.name)) for f in dataclasses.fields(value))
        if isinstance(value, dict):
            return all(plain(k) and plain(v) for k, v in value.items())
        if isinstance(value, list):
            return all(plain(item) for item in value)
        return value is None or type(value) in (str, int, float, bool)

    assert all(plain(result) for result in results)


# Approval, dots, score


def test_approval_totals_and_tie_break():
    result = approval.tally(list("abc"), [["a", "b"], ["b"], ["a"], []], {})
    assert isinstance(result, ApprovalResult)
    assert result.totals == {"a": 2, "b": 2, "c": 0}
    assert (result.winners, result.winner, result.tie_broken) == (["a", "b"], "a", True)
    assert result.ranking == ["a", "b", "c"]
    assert result.ballots == 4


def test_dots_add_up_and_may_be_left_unspent():
    result = dots.tally(list("abc"), [{"c": 4, "a": 1}, {"c": 1}, {"b": 3}], {"dots": 5})
    assert isinstance(result, DotsResult)
    assert result.totals == {"a": 1, "b": 3, "c": 5}
    assert result.ranking == ["c", "b", "a"]
    assert (result.winner, result.tie_broken) == ("c", False)


def test_score_means_leave_unscored_items_out():
    ballots = [{"a": 5, "b": 0}, {"a": 3}, {"b": 4}]
    result = score.tally(list("abc"), ballots, {"max_score": 5})
    assert isinstance(result, ScoreResult)
    assert result.means == {"a": 4.0, "b": 2.0, "c": None}
    assert result.counts == {"a": 2, "b": 2, "c": 0}
    assert result.ranking == ["a", "b", "c"]
    assert result.winners == ["a"]


def test_score_ties_use_exact_means():
    ballots = [{"a": 1}, {"a": 1}, {"a": 2}, {"b": 4, "c": 1}, {"b": 0}, {"b": 0}]
    result = score.tally(list("cba"), ballots, {})
    assert result.winners == ["b", "a"]  # 4/3 each
    assert result.winner == "b"
    assert result.ranking == ["b", "a", "c"]


def test_simple_methods_with_no_ballots_tie_everyone():
    for method, settings_ in ((approval, {}), (dots, {"dots": 10}), (score, {})):
        result = method.tally(list("ab"), [], settings_)
        assert (result.winners, result.winner, result.tie_broken) == (["a", "b"], "a", True)
        assert result.ballots == 0
    assert score.tally(list("ab"), [], {}).means == {"a": None, "b": None}


def test_agreement_is_the_share_of_all_ballots_scoring_at_least_the_threshold():
    ballots = [{"a": 4, "b": 2}, {"a": 5}, {"a": 3, "b": 4}, {"b": 5}]
    assert agreement(ballots, 4) == {"a": 0.5, "b": 0.5}
    assert agreement(ballots, 4, candidates=["a", "b", "c"]) == {"a": 0.5, "b": 0.5, "c": 0.0}
    assert agreement([], 4, candidates=["a"]) == {"a": 0.0}
    assert agreement([], 4) == {}


# Forms


def test_ranked_form_ties_equal_numbers_and_skips_gaps_and_blanks():
    form = {"rank-a": ["3"], "rank-b": ["1"], "rank-c": [""], "rank-d": ["3"], "csrf": ["x"]}
    assert ranked.parse_form(list("abcd"), form, {}) == [["b"], ["a", "d"]]
    assert ranked.parse_form(list("ab"), {"rank-b": [" 2 "]}, {}) == [["b"]]
    assert ranked.parse_form(list("ab"), {"rank-a": ["١"]}, {}) == [["a"]]  # Arabic-Indic one


def test_approval_form_reads_every_ticked_value_once():
    form = {"approve": ["c", "a", "c"]}
    assert approval.parse_form(list("abc"), form, {}) == ["a", "c"]


def test_dots_form_blank_is_zero():
    form = {"dots-a": ["2"], "dots-b": [""], "dots-c": ["0"]}
    assert dots.parse_form(list("abc"), form, {"dots": 3}) == {"a": 2}


def test_score_form_blank_is_not_scored_but_zero_is_a_score():
    form = {"score-a": ["0"], "score-b": [""], "score-c": ["5"]}
    assert score.parse_form(list("abc"), form, {}) == {"a": 0, "c": 5}


@pytest.mark.parametrize(
    ("method", "form", "settings_", "code"),
    [
        (ranked, {"rank-z": ["1"]}, {}, "unknown_item"),
        (ranked, {"rank-a": ["0"]}, {}, "rank_out_of_range"),
        (ranked, {"rank-a": ["3"]}, {}, "rank_out_of_range"),
        (ranked, {"rank-a": ["-1"]}, {}, "rank_out_of_range"),
        (ranked, {"rank-a": ["first"]}, {}, "not_a_number"),
        (ranked, {"rank-a": ["1.5"]}, {}, "not_a_number"),
        (ranked, {"rank-a": [""], "rank-b": [" "]}, {}, "nothing_chosen"),
        (approval, {"approve": ["z"]}, {}, "unknown_item"),
        (approval, {"approve": [""]}, {}, "nothing_chosen"),
        (approval, {}, {}, "nothing_chosen"),
        (dots, {"dots-a": ["4"], "dots-b": ["2"]}, {"dots": 5}, "too_many_dots"),
        (dots, {"dots-a": ["-1"]}, {"dots": 5}, "negative"),
        (dots, {"dots-a": ["lots"]}, {"dots": 5}, "not_a_number"),
        (dots, {"dots-z": ["1"]}, {"dots": 5}, "unknown_item"),
        (dots, {"dots-a": ["0"]}, {"dots": 5}, "nothing_chosen"),
        (dots, {"dots-a": ["9" * 40]}, {"dots": 5}, "too_many_dots"),
        (score, {"score-a": ["6"]}, {}, "score_out_of_range"),
        (score, {"score-a": ["4"]}, {"max_score": 3}, "score_out_of_range"),
        (score, {"score-a": ["-1"]}, {}, "score_out_of_range"),
        (score, {"score-a": ["x"]}, {}, "not_a_number"),
        (score, {"score-z": ["1"]}, {}, "unknown_item"),
        (score, {"score-a": [""]}, {}, "nothing_chosen"),
    ],
)
def test_form_problems(method, form, settings_, code):
    assert problem(method.parse_form, ["a", "b"], form, settings_).code == code


def test_problems_carry_what_the_message_needs():
    form = {"dots-a": ["4"], "dots-b": ["2"]}
    assert problem(dots.parse_form, ["a", "b"], form, {"dots": 5}).params == {"most": 5, "spent": 6}
    out = problem(score.parse_form, ["a"], {"score-a": ["9"]}, {"max_score": 5})
    assert out.params == {"item": "a", "value": 9, "most": 5}
    far = problem(ranked.parse_form, ["a", "b"], {"rank-b": ["7"]}, {})
    assert far.params == {"item": "b", "most": 2}


@pytest.mark.parametrize(
    ("method", "content", "settings_", "code"),
    [
        (ranked, [["a"], ["z"]], {}, "unknown_item"),
        (ranked, [["a"], ["a"]], {}, "duplicate_item"),
        (ranked, [], {}, "nothing_chosen"),
        (ranked, [[], []], {}, "nothing_chosen"),
        (ranked, ["a"], {}, "malformed"),
        (ranked, [[1]], {}, "malformed"),
        (ranked, {"a": 1}, {}, "malformed"),
        (approval, ["a", "a"], {}, "duplicate_item"),
        (approval, ["z"], {}, "unknown_item"),
        (approval, [], {}, "nothing_chosen"),
        (approval, "a", {}, "malformed"),
        (dots, {"a": 6}, {"dots": 5}, "too_many_dots"),
        (dots, {"a": -1, "b": 2}, {"dots": 5}, "negative"),
        (dots, {"a": "2"}, {"dots": 5}, "not_a_number"),
        (dots, {"a": True}, {"dots": 5}, "not_a_number"),
        (dots, {"a": 0}, {"dots": 5}, "nothing_chosen"),
        (dots, ["a"], {"dots": 5}, "malformed"),
        (score, {"a": 6}, {}, "score_out_of_range"),
        (score, {"a": 2.5}, {}, "not_a_number"),
        (score, {"z": 2}, {}, "unknown_item"),
        (score, {}, {}, "nothing_chosen"),
    ],
)
def test_validate_problems(method, content, settings_, code):
    assert problem(method.validate, ["a", "b"], content, settings_).code == code


def test_validate_returns_one_normal_form():
    assert ranked.validate(list("abc"), [["c", "a"], [], ["b"]], {}) == [["a", "c"], ["b"]]
    assert approval.validate(list("abc"), ["c", "a"], {}) == ["a", "c"]
    assert dots.validate(list("abc"), {"c": 2, "a": 0, "b": 1}, {"dots": 3}) == {"b": 1, "c": 2}
    assert score.validate(list("abc"), {"c": 0, "a": 5}, {}) == {"a": 5, "c": 0}


# Properties


@st.composite
def ranked_rounds(draw, max_candidates: int = 6, max_ballots: int = 30):
    """Candidates and ranked ballots with ties, truncation and empty ballots."""
    m = draw(st.integers(1, max_candidates))
    candidates = [f"k{i}" for i in range(m)]
    ballots = []
    for _ in range(draw(st.integers(0, max_ballots))):
        order = draw(st.permutations(candidates))
        listed = order[: draw(st.integers(0, m))]
        cuts = draw(st.lists(st.booleans(), min_size=len(listed), max_size=len(listed)))
        tiers: list[list[str]] = []
        for key, new_tier in zip(listed, cuts, strict=True):
            if new_tier or not tiers:
                tiers.append([])
            tiers[-1].append(key)
        ballots.append(tiers)
    return candidates, ballots


def naive_borda(candidates, ballots):
    """The documented rule, ballot by ballot, in fractions."""
    points = dict.fromkeys(candidates, Fraction(0))
    for ballot in ballots:
        place = {key: tier for tier, keys in enumerate(ballot) for key in keys}
        for a in candidates:
            for b in candidates:
                if a != b:
                    pa, pb = place.get(a, len(ballot)), place.get(b, len(ballot))
                    points[a] += 1 if pa < pb else Fraction(1, 2) if pa == pb else 0
    return {key: float(value) for key, value in points.items()}


def naive_support(candidates, ballots):
    def above(ballot, a, b):
        place = {key: tier for tier, keys in enumerate(ballot) for key in keys}
        return place.get(a, len(ballot)) < place.get(b, len(ballot))

    return [[sum(above(x, a, b) for x in ballots) for b in candidates] for a in candidates]


@settings(max_examples=200, deadline=None)
@given(ranked_rounds())
def test_borda_and_pairwise_follow_their_definitions(round_):
    candidates, ballots = round_
    result = ranked.tally(candidates, ballots, {})
    assert result.borda.points == naive_borda(candidates, ballots)
    assert result.schulze.pairwise == naive_support(candidates, ballots)
    m = len(candidates)
    assert sum(result.borda.points.values()) == len(ballots) * m * (m - 1) / 2


@settings(max_examples=200, deadline=None)
@given(ranked_rounds())
def test_winners_are_tied_at_the_top_and_the_tie_break_picks_the_first(round_):
    candidates, ballots = round_
    result = ranked.tally(candidates, ballots, {})
    for method in (result.borda, result.schulze):
        assert method.winner == method.winners[0]
        assert method.winners == [key for key in candidates if key in method.winners]
        assert method.tie_broken == (len(method.winners) > 1)
    # A runoff tie broken early can hand the win to a later candidate of the tied ones.
    runoff = result.instant_runoff
    assert runoff.winner in runoff.winners
    assert runoff.winners == [key for key in candidates if key in runoff.winners]
    assert runoff.tie_broken or runoff.winners == [runoff.winner]
    assert result.borda.ranking[: len(result.borda.winners)] == result.borda.winners
    top = max(result.borda.points.values())
    assert result.borda.winners == [k for k in candidates if result.borda.points[k] == top]


@settings(max_examples=200, deadline=None)
@given(ranked_rounds())
def test_schulze_ranking_extends_the_beat_relation(round_):
    candidates, ballots = round_
    result = ranked.tally(candidates, ballots, {}).schulze
    p = result.strongest
    position = {key: place for place, key in enumerate(result.ranking)}
    for i, a in enumerate(candidates):
        for j, b in enumerate(candidates):
            if p[i][j] > p[j][i]:
                assert position[a] < position[b]
                assert b not in result.winners
    assert sorted(result.ranking) == sorted(candidates)


@settings(max_examples=200, deadline=None)
@given(ranked_rounds())
def test_instant_runoff_rounds_account_for_every_ballot(round_):
    candidates, ballots = round_
    result = ranked.tally(candidates, ballots, {}).instant_runoff
    assert 1 <= len(result.rounds) <= len(candidates)
    out: list[str] = []
    for number, one in enumerate(result.rounds):
        assert sum(one.counts.values()) + one.exhausted == pytest.approx(len(ballots))
        assert set(one.counts) == set(candidates) - set(out)
        last = number == len(result.rounds) - 1
        assert len(one.eliminated) == (0 if last else 1)
        if one.eliminated:
            fewest = min(one.counts.values())
            tied = [k for k in candidates if k in one.counts and one.counts[k] == fewest]
            assert one.eliminated == [tied[-1]]
            assert one.tie_broken == (len(tied) > 1)
        out += one.eliminated
    assert result.winner not in out
    assert result.winner in result.winners
    assert result.tie_broken == any(one.tie_broken for one in result.rounds)


@settings(max_examples=100, deadline=None)
@given(ranked_rounds(), st.randoms(use_true_random=False))
def test_ballot_order_and_repetition_do_not_change_the_shares(round_, rng: random.Random):
    candidates, ballots = round_
    result = ranked.tally(candidates, ballots, {})
    shuffled = ballots[:]
    rng.shuffle(shuffled)
    assert ranked.tally(candidates, shuffled, {}) == result
    doubled = ranked.tally(candidates, ballots * 2, {})
    assert doubled.borda.points == {k: 2 * v for k, v in result.borda.points.items()}
    assert doubled.schulze.winners == result.schulze.winners
    assert doubled.instant_runoff.winner == result.instant_runoff.winner


@settings(max_examples=100, deadline=None)
@given(ranked_rounds())
def test_ranked_ballots_round_trip_through_the_form(round_):
    candidates, ballots = round_
    for ballot in ballots:
        if not ballot:
            continue
        form = {f"rank-{key}": [str(tier + 1)] for tier, keys in enumerate(ballot) for key in keys}
        assert ranked.parse_form(candidates, form, {}) == ranked.validate(candidates, ballot, {})


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.dictionaries(st.sampled_from(["a", "b", "c"]), st.integers(0, 5), min_size=1),
        max_size=12,
    )
)
def test_score_and_agreement_follow_their_definitions(ballots):
    result = score.tally(["a", "b", "c"], ballots, {})
    shares = agreement(ballots, 4, candidates=["a", "b", "c"])
    for key in "abc":
        scored = [ballot[key] for ballot in ballots if key in ballot]
        assert result.counts[key] == len(scored)
        assert result.means[key] == (sum(scored) / len(scored) if scored else None)
        assert shares[key] == (sum(s >= 4 for s in scored) / len(ballots) if ballots else 0.0)


def test_ranked_result_type():
    assert isinstance(ranked.tally(["a"], [], {}), RankedResult)
