"""Ranked ballots counted three ways: Borda points, Schulze beat paths, instant runoff.

The rules (tie-break, truncation, tied tiers) are set out in :mod:`engage.priorities.voting`;
this module is their arithmetic. Ballots are compiled once into a numpy matrix of tier
positions (ballots × candidates, an unranked candidate at position ``len(candidates)``,
below every tier), identical ballots are collapsed into one row with a count, and every
count after that is done on the matrix, so 100,000 ballots take a fraction of a second.

Numbers that reach a result are plain Python ``int``/``float``, so templates print them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import chain

import numpy as np

from engage.priorities.voting_ballots import BallotProblem


@dataclass(frozen=True)
class RankMatrix:
    """Ranked ballots compiled: one column per distinct ballot, with how many cast it.

    ``ranks[i, b]`` is the tier (0 = most preferred) ballot ``b`` put ``candidates[i]``
    in, or ``unranked`` (= the number of candidates) when it left it out. Candidates are
    rows so that every count runs along ballots in contiguous memory.
    """

    ranks: np.ndarray
    counts: np.ndarray
    ballots: int

    @property
    def unranked(self) -> int:
        return self.ranks.shape[0]


@dataclass(frozen=True)
class BordaResult:
    points: dict[str, float]
    ranking: list[str]
    winners: list[str]
    winner: str | None
    tie_broken: bool


@dataclass(frozen=True)
class SchulzeResult:
    pairwise: list[list[int]]
    strongest: list[list[int]]
    ranking: list[str]
    winners: list[str]
    winner: str | None
    tie_broken: bool


@dataclass(frozen=True)
class RunoffRound:
    """One count: first preferences among those still in, and who went out after it."""

    counts: dict[str, float]
    eliminated: list[str]
    exhausted: int
    tie_broken: bool


@dataclass(frozen=True)
class InstantRunoffResult:
    rounds: list[RunoffRound]
    winner: str | None
    winners: list[str]
    tie_broken: bool


@dataclass(frozen=True)
class RankedResult:
    borda: BordaResult
    schulze: SchulzeResult
    instant_runoff: InstantRunoffResult
    ballots: int


def _rank_dtype(candidates: int) -> type[np.signedinteger]:
    # The smallest type that holds every tier and "unranked": int8 keeps the matrix small.
    if candidates < np.iinfo(np.int8).max:
        return np.int8
    if candidates < np.iinfo(np.int16).max:
        return np.int16
    return np.int32


def _first_duplicate(contents: Sequence[Sequence[Sequence[str]]]) -> str:
    # Only called once a duplicate is known to exist, to name it in the problem.
    for ballot in contents:
        seen: set[str] = set()
        for key in chain.from_iterable(ballot):
            if key in seen:
                return key
            seen.add(key)
    return ""


def compile_ballots(
    candidates: Sequence[str], contents: Sequence[Sequence[Sequence[str]]]
) -> RankMatrix:
    """The rank matrix of ``contents`` (ranked ballots as stored), identical rows collapsed.

    Works on flat arrays (``map`` and ``chain`` run in C), not ballot by ballot: building
    the matrix is most of the cost of a count. Empty tiers are skipped, so ``[["a"], [],
    ["b"]]`` and ``[["a"], ["b"]]`` compile to the same row.
    """
    m, n = len(candidates), len(contents)
    index = {key: number for number, key in enumerate(candidates)}
    small = np.int32  # counts, offsets and indices: half the memory of int64, ample range
    try:
        tiers_per_ballot = np.fromiter(map(len, contents), small, count=n)
        tiers = list(chain.from_iterable(contents))
        tier_sizes = np.fromiter(map(len, tiers), small, count=len(tiers))
        items = int(tier_sizes.sum(dtype=np.int64))
        columns = np.fromiter(
            map(index.__getitem__, chain.from_iterable(tiers)), small, count=items
        )
        del tiers
    except KeyError as unknown:
        raise BallotProblem("unknown_item", item=unknown.args[0]) from None
    except TypeError:
        raise BallotProblem("malformed") from None
    # Each tier's position in its ballot, counting only non-empty tiers: the running count
    # of non-empty tiers, less that count where its ballot starts.
    filled = np.zeros(len(tier_sizes) + 1, small)
    np.cumsum(tier_sizes > 0, dtype=small, out=filled[1:])
    ballot_start = np.cumsum(tiers_per_ballot, dtype=np.int64) - tiers_per_ballot
    position = filled[1:] - 1
    position -= np.repeat(filled[ballot_start], tiers_per_ballot)
    del filled, ballot_start
    # Only a repeated item can push a position past the last tier; it is refused below.
    np.minimum(position, max(m - 1, 0), out=position)
    rows = np.repeat(np.repeat(np.arange(n, dtype=small), tiers_per_ballot), tier_sizes)
    ranks = np.full((n, m), m, dtype=_rank_dtype(m))
    ranks[rows, columns] = np.repeat(position, tier_sizes)
    del rows, columns, position
    if np.count_nonzero(ranks != m) != items:
        raise BallotProblem("duplicate_item", item=_first_duplicate(contents))
    if n == 0 or m == 0:
        return RankMatrix(np.zeros((m, 0), ranks.dtype), np.zeros(0, np.int64), n)
    rows_as_bytes = ranks.view(np.dtype((np.void, ranks.itemsize * m))).ravel()
    _, first, counts = np.unique(rows_as_bytes, return_index=True, return_counts=True)
    return RankMatrix(np.ascontiguousarray(ranks[first].T), counts.astype(np.int64), n)


def pairwise_support(matrix: RankMatrix) -> np.ndarray:
    """``d[i, j]``: ballots ranking candidate ``i`` strictly above ``j`` (unranked is below)."""
    ranks, weights = matrix.ranks, matrix.counts
    support = np.zeros((matrix.unranked,) * 2, dtype=np.int64)
    for i, row in enumerate(ranks):
        # Integer sums, not a float matmul: exact, and no BLAS threads to wait for.
        support[i] = ((row < ranks) * weights).sum(axis=1)
    return support


def _order(candidates: Sequence[str], doubled: Sequence[int] | np.ndarray) -> list[int]:
    # Highest first; equal values keep the candidates order (the tie-break).
    return sorted(range(len(candidates)), key=lambda i: (-doubled[i], i))


def borda(candidates: Sequence[str], support: np.ndarray, ballots: int) -> BordaResult:
    """Symmetric Borda from the pairwise counts.

    Per ballot a candidate scores 1 for each candidate it is ranked above and ½ for each
    it is tied with, unranked ones included, so over all ballots its points are
    ``((m - 1) * ballots + Σ_j margin[i, j]) / 2``; the doubled value is an exact int.
    """
    m = len(candidates)
    if m == 0:
        return BordaResult({}, [], [], None, False)
    doubled = (m - 1) * ballots + (support - support.T).sum(axis=1)
    order = _order(candidates, doubled)
    top = doubled[order[0]]
    winners = [candidates[i] for i in order if doubled[i] == top]
    return BordaResult(
        points={key: float(doubled[i]) / 2 for i, key in enumerate(candidates)},
        ranking=[candidates[i] for i in order],
        winners=winners,
        winner=winners[0],
        tie_broken=len(winners) > 1,
    )


def strongest_paths(support: np.ndarray, strength: str = "margin") -> np.ndarray:
    """Widest-path strengths (Schulze 2011) by a vectorised Floyd–Warshall.

    A link ``i → j`` exists when more ballots put ``i`` above ``j`` than the reverse; its
    strength is the margin (``strength="margin"``, pref_voting's default) or the support
    ``d[i, j]`` (``"winning_votes"``). No path is strength 0, below every real link.
    """
    margin = support - support.T
    if strength == "margin":
        links = np.where(margin > 0, margin, 0)
    elif strength == "winning_votes":
        links = np.where(margin > 0, support, 0)
    else:
        raise ValueError(f"unknown strength {strength!r}")
    paths = links.astype(np.int64)
    for k in range(len(paths)):
        # A diagonal entry that grows here never widens another path (min ≤ the link).
        paths = np.maximum(paths, np.minimum(paths[:, k : k + 1], paths[k : k + 1, :]))
    np.fill_diagonal(paths, 0)
    return paths


def schulze(
    candidates: Sequence[str], support: np.ndarray, strength: str = "margin"
) -> SchulzeResult:
    """Schulze winners (beaten by no one) and a full ranking extending the beat relation.

    ``i`` beats ``j`` when ``p[i, j] > p[j, i]``; the relation is a strict partial order
    (Schulze 2011, §4.1), so the ranking takes, again and again, the earliest candidate
    (in ``candidates`` order) that no remaining candidate beats.
    """
    m = len(candidates)
    paths = strongest_paths(support, strength)
    beats = paths > paths.T
    remaining = list(range(m))
    order: list[int] = []
    while remaining:
        unbeaten = [i for i in remaining if not beats[remaining, i].any()]
        chosen = unbeaten[0] if unbeaten else remaining[0]  # unbeaten is never empty
        order.append(chosen)
        remaining.remove(chosen)
    winners = [candidates[i] for i in range(m) if not beats[:, i].any()]
    return SchulzeResult(
        pairwise=support.tolist(),
        strongest=paths.tolist(),
        ranking=[candidates[i] for i in order],
        winners=winners,
        winner=winners[0] if winners else None,
        tie_broken=len(winners) > 1,
    )


def _first_preferences(ranks: np.ndarray, top: np.ndarray, weights: np.ndarray) -> list[Fraction]:
    """Each still-counted candidate's share of the ballots' top remaining tiers.

    ``ranks`` is the rank matrix (candidates × ballots still counted), so each step
    runs along ballots in contiguous memory. A ballot whose top remaining tier holds ``s``
    candidates gives each ``1/s`` (Split IRV), summed per tier size in exact fractions, so
    ties are found exactly.
    """
    is_top = ranks == top
    size = is_top.sum(axis=0)
    if not size.size or size.max() == 1:
        return [Fraction(int(n)) for n in (is_top * weights).sum(axis=1)]
    counts = [Fraction(0)] * len(ranks)
    for tier_size in np.unique(size):
        chosen = size == tier_size
        part = (is_top[:, chosen] * weights[chosen]).sum(axis=1)
        counts = [c + Fraction(int(p), int(tier_size)) for c, p in zip(counts, part, strict=True)]
    return counts


def instant_runoff(candidates: Sequence[str], matrix: RankMatrix) -> InstantRunoffResult:
    """Instant runoff with split first preferences and one elimination per round.

    Each round counts top remaining tiers (see :func:`_first_preferences`) over ballots
    that still rank someone in; a ballot whose listed items are all out is exhausted (it
    does not pass to the items it left unranked). A candidate with more than half of the
    ballots still counted wins; otherwise the one with the fewest goes out, and of several
    tied for fewest the one LATER in ``candidates``. ``winners`` are the candidates still in
    at the first round where all of them had the same count (only the tie-break could part
    them), else just the winner.
    """
    if not candidates:
        return InstantRunoffResult([], None, [], False)
    alive = list(range(len(candidates)))
    ranks, weights = matrix.ranks, matrix.counts
    exhausted = 0
    rounds: list[RunoffRound] = []
    all_tied: list[str] | None = None
    while True:
        top = ranks.min(axis=0)
        counted = top < matrix.unranked
        if not counted.all():
            exhausted += int(weights[~counted].sum())
            ranks, weights, top = ranks[:, counted], weights[counted], top[counted]
        counts = _first_preferences(ranks, top, weights)
        still_in = int(weights.sum())
        shown = {candidates[c]: float(n) for c, n in zip(alive, counts, strict=True)}
        leader = max(range(len(alive)), key=lambda k: (counts[k], -k))
        if len(alive) == 1 or 2 * counts[leader] > still_in:
            rounds.append(RunoffRound(shown, [], exhausted, False))
            winner = candidates[alive[leader]]
            break
        fewest = min(counts)
        last = [k for k, n in enumerate(counts) if n == fewest]
        if len(last) == len(alive) and all_tied is None:
            all_tied = [candidates[c] for c in alive]
        out = last[-1]  # alive is in candidates order: the later one goes out
        rounds.append(RunoffRound(shown, [candidates[alive[out]]], exhausted, len(last) > 1))
        alive.pop(out)
        ranks = np.delete(ranks, out, axis=0)
    tie_broken = any(one.tie_broken for one in rounds)
    return InstantRunoffResult(rounds, winner, all_tied or [winner], tie_broken)


def tally_ranked(
    candidates: Sequence[str], contents: Sequence[Sequence[Sequence[str]]]
) -> RankedResult:
    """Borda, Schulze (margins) and instant runoff over the same ballots."""
    matrix = compile_ballots(candidates, contents)
    support = pairwise_support(matrix)
    return RankedResult(
        borda=borda(candidates, support, matrix.ballots),
        schulze=schulze(candidates, support),
        instant_runoff=instant_runoff(candidates, matrix),
        ballots=matrix.ballots,
    )
