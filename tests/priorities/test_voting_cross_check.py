"""Our board counts against pref_voting's, on random profiles (hypothesis).

pref_voting (Holliday & Pacuit) is the reference; it is imported here only. What is
compared, and on which profiles:

- Borda: on full strict ballots, pref_voting's standard Borda scores and winners. On
  ballots with ties and truncation, its ``symmetric_borda_scores`` for a
  ``ProfileWithTies`` ("below minus above", unranked below ranked): ours must be
  ``(ballots × (m − 1) + theirs) / 2``. Our rule is also checked by its own definition in
  test_voting.py.
- Schulze: the support matrix (``use_extended_strict_preference``: unranked is below
  ranked), ``beat_path`` winners, and the whole beat relation ``p[i][j] > p[j][i]``
  against ``beat_path_defeat``; both use margins as link strength.
- Instant runoff: ``split_irv_tb`` (a tied top tier is split equally, ties for fewest go
  to the tie-breaker) with tie-breaker = our candidates reversed, since pref_voting
  eliminates the FIRST of the tie-breaker and we eliminate the LATER candidate. Its
  non-tie-breaking ``split_irv`` eliminates all tied at once, so the winner *set* is
  compared with it only on profiles where no elimination tie happened. On full strict
  ballots also ``instant_runoff_tb`` for a ``Profile``.
- Approval and score: ``approval`` and ``score_voting`` (mean over those who graded).
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st
from pref_voting.grade_methods import approval as pv_approval
from pref_voting.grade_methods import score_voting
from pref_voting.grade_profiles import GradeProfile
from pref_voting.iterative_methods import instant_runoff_tb, split_irv, split_irv_tb
from pref_voting.margin_based_methods import beat_path, beat_path_defeat
from pref_voting.profiles import Profile
from pref_voting.profiles_with_ties import ProfileWithTies
from pref_voting.scoring_methods import borda as pv_borda
from pref_voting.scoring_methods import symmetric_borda_scores

from engage.priorities.voting import voting_method

ranked = voting_method("ranked")


@st.composite
def profiles(draw, ties: bool = True, truncation: bool = True):
    """2–6 candidates, 1–40 ranked ballots, drawn from a pool so that some repeat.

    Sizes come from hypothesis, the ballots from a seeded ``Random`` it also draws:
    hypothesis alone favours tiny, tidy ballots and seldom meets the profiles (say, where
    margins and winning votes disagree) that tell two rules apart.
    """
    m = draw(st.integers(2, 6))
    n = draw(st.integers(1, 40))
    rng = draw(st.randoms(use_true_random=False))
    candidates = [f"item{i}" for i in range(m)]

    def ballot() -> list[list[str]]:
        order = rng.sample(candidates, m)
        listed = order[: rng.randint(0, m)] if truncation else order
        tiers: list[list[str]] = []
        for key in listed:
            if not tiers or not ties or rng.random() < 0.6:
                tiers.append([])
            tiers[-1].append(key)
        return tiers

    pool = [ballot() for _ in range(draw(st.integers(1, n)))]
    return candidates, [rng.choice(pool) for _ in range(n)]


# Margins and winning votes disagree here: Schulze winners b, c, d by margins (ours and
# pref_voting's), a, b, c, d by winning votes.
MARGINS_MATTER = (
    ["a", "b", "c", "d"],
    [[["b"], ["c"]], [["d"], ["a"], ["b"]], [["c"], ["d"], ["a"], ["b"]]],
)


def with_ties(candidates, ballots) -> ProfileWithTies:
    """The same ballots for pref_voting: candidate indices, tier numbers from 1."""
    index = {key: number for number, key in enumerate(candidates)}
    rankings = [
        {index[key]: tier for tier, keys in enumerate(ballot, 1) for key in keys}
        for ballot in ballots
    ]
    profile = ProfileWithTies(rankings, candidates=list(range(len(candidates))))
    profile.use_extended_strict_preference()
    return profile


def indices(candidates, keys) -> list[int]:
    return sorted(candidates.index(key) for key in keys)


def later_first(candidates) -> list[int]:
    """Our tie-break (the later goes out) as pref_voting's tie_breaker (first goes out)."""
    return list(range(len(candidates)))[::-1]


@settings(max_examples=200, deadline=None)
@given(profiles())
def test_borda_is_affine_symmetric_borda(profile_):
    candidates, ballots = profile_
    result = ranked.tally(candidates, ballots, {}).borda
    theirs = symmetric_borda_scores(with_ties(candidates, ballots))
    m, n = len(candidates), len(ballots)
    assert result.points == {key: (n * (m - 1) + theirs[i]) / 2 for i, key in enumerate(candidates)}
    best = max(theirs.values())
    assert indices(candidates, result.winners) == [c for c in theirs if theirs[c] == best]


@settings(max_examples=200, deadline=None)
@given(profiles(ties=False, truncation=False))
def test_borda_on_full_strict_ballots_is_standard_borda(profile_):
    candidates, ballots = profile_
    result = ranked.tally(candidates, ballots, {}).borda
    orders = [[candidates.index(tier[0]) for tier in ballot] for ballot in ballots]
    profile = Profile(orders)
    scores = profile.borda_scores()
    assert result.points == {key: float(scores[i]) for i, key in enumerate(candidates)}
    assert indices(candidates, result.winners) == pv_borda(profile)


@settings(max_examples=200, deadline=None)
@given(profiles())
@example(MARGINS_MATTER)
def test_schulze_support_winners_and_beat_relation(profile_):
    candidates, ballots = profile_
    result = ranked.tally(candidates, ballots, {}).schulze
    profile = with_ties(candidates, ballots)
    m = len(candidates)
    assert result.pairwise == [[profile.support(i, j) for j in range(m)] for i in range(m)]
    assert indices(candidates, result.winners) == beat_path(profile)
    p = result.strongest
    ours = {(i, j) for i in range(m) for j in range(m) if p[i][j] > p[j][i]}
    assert ours == set(beat_path_defeat(profile).edges)
    # The full ranking is that relation, ties in candidates order.
    position = {candidates.index(key): place for place, key in enumerate(result.ranking)}
    assert all(position[i] < position[j] for i, j in ours)


@settings(max_examples=200, deadline=None)
@given(profiles())
def test_instant_runoff_matches_split_irv(profile_):
    candidates, ballots = profile_
    result = ranked.tally(candidates, ballots, {}).instant_runoff
    profile = with_ties(candidates, ballots)
    assert [candidates.index(result.winner)] == split_irv_tb(
        profile, tie_breaker=later_first(candidates)
    )
    if not result.tie_broken:  # no elimination tie: the plain method has one path too
        assert indices(candidates, result.winners) == split_irv(profile)


@settings(max_examples=200, deadline=None)
@given(profiles(ties=False, truncation=False))
def test_instant_runoff_on_full_strict_ballots_is_plain_instant_runoff(profile_):
    candidates, ballots = profile_
    result = ranked.tally(candidates, ballots, {}).instant_runoff
    profile = Profile([[candidates.index(tier[0]) for tier in ballot] for ballot in ballots])
    theirs = instant_runoff_tb(profile, tie_breaker=later_first(candidates))
    assert [candidates.index(result.winner)] == theirs


@settings(max_examples=200, deadline=None)
@given(
    st.integers(2, 6).flatmap(
        lambda m: st.lists(
            st.lists(st.integers(0, m - 1), unique=True, max_size=m), min_size=1, max_size=40
        ).map(lambda ballots: (m, ballots))
    )
)
def test_approval_totals_and_winners(profile_):
    m, picks = profile_
    candidates = [f"item{i}" for i in range(m)]
    ballots = [[candidates[i] for i in pick] for pick in picks]
    result = voting_method("approval").tally(candidates, ballots, {})
    grades = GradeProfile(
        [{i: 1 for i in pick} for pick in picks], [0, 1], candidates=list(range(m))
    )
    assert result.totals == {key: grades.sum(i) or 0 for i, key in enumerate(candidates)}
    assert indices(candidates, result.winners) == pv_approval(grades)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(2, 6).flatmap(
        lambda m: st.lists(
            st.dictionaries(st.integers(0, m - 1), st.integers(0, 5), min_size=1),
            min_size=1,
            max_size=40,
        ).map(lambda ballots: (m, ballots))
    )
)
def test_score_winners_are_the_highest_means(profile_):
    m, grades_given = profile_
    candidates = [f"item{i}" for i in range(m)]
    ballots = [{candidates[i]: s for i, s in grades.items()} for grades in grades_given]
    result = voting_method("score").tally(candidates, ballots, {"max_score": 5})
    grades = GradeProfile(grades_given, list(range(6)), candidates=list(range(m)))
    assert indices(candidates, result.winners) == score_voting(grades, evaluation_method="mean")
