"""Benchmark: counting ranked board ballots (Borda, Schulze, IRV) against pref_voting.

    python -m tests.bench.bench_voting [--ballots 100000] [--candidates 20]
                                       [--truncated-ballots 10000] [--seed 7]

Two sets of random ballots, drawn Plackett–Luce style (each item has a popularity; a
ballot lists items in an order drawn from them), seeded so every run sees the same:

- *full*: ``--ballots`` strict ballots ranking every item, the shape pref_voting's
  ``Profile`` takes. Ours and pref_voting's Borda, Beat Path (Schulze, margins) and
  Instant Runoff TB (tie-break: later item out first) are timed on the same ballots.
- *truncated*: ``--truncated-ballots`` strict ballots listing only their top 3..all
  items, counted by ours and by pref_voting's ``ProfileWithTies`` (extended strict
  preference, symmetric Borda, Split IRV TB). Smaller by default: building a
  ``ProfileWithTies`` takes pure-Python time per ballot (about 8 s per 50,000).

Prints a table of seconds per step (ours: best of three runs; pref_voting: one run,
building its profile counted as its "compile") and the ratio (pref_voting / ours), the peak memory
of our count (tracemalloc, numpy arrays included) and the process's peak RSS, and a
``MISMATCH`` line for any winner that differs. Exits non-zero only on a mismatch, never on
speed. Not collected by pytest (only test_*.py is).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from pref_voting.iterative_methods import instant_runoff_tb, split_irv_tb
from pref_voting.margin_based_methods import beat_path
from pref_voting.profiles import Profile
from pref_voting.profiles_with_ties import ProfileWithTies
from pref_voting.scoring_methods import borda as pv_borda
from pref_voting.scoring_methods import symmetric_borda_scores

from engage.priorities.voting_ranked import (
    borda,
    compile_ballots,
    instant_runoff,
    pairwise_support,
    schulze,
    tally_ranked,
)

# Ours is timed best of three (it is quick); pref_voting once (it takes seconds).
OUR_REPEATS = 3


def random_orders(ballots: int, candidates: int, seed: int) -> np.ndarray:
    """Plackett–Luce orders by the Gumbel trick: sort log-popularity plus Gumbel noise."""
    rng = np.random.default_rng(seed)
    popularity = rng.gamma(1.0, size=candidates)
    noise = rng.gumbel(size=(ballots, candidates))
    return np.argsort(-(np.log(popularity) + noise), axis=1)


def timed(work: Callable[[], Any], repeat: int = 1) -> tuple[Any, float]:
    """The answer and the best of ``repeat`` wall times (the least disturbed run)."""
    best = float("inf")
    for _ in range(repeat):
        began = time.perf_counter()
        answer = work()
        best = min(best, time.perf_counter() - began)
    return answer, best


def peak_memory(work: Callable[[], Any]) -> int:
    """Peak bytes allocated while ``work`` runs (a separate run: tracing slows it down)."""
    tracemalloc.start()
    work()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def our_counts(keys: Sequence[str], contents: list[list[list[str]]]) -> dict[str, Any]:
    """Each step of ours timed alone (best of ``OUR_REPEATS``), winners as indices."""
    matrix, compile_time = timed(lambda: compile_ballots(keys, contents), OUR_REPEATS)
    support, pairwise_time = timed(lambda: pairwise_support(matrix), OUR_REPEATS)
    b, borda_time = timed(lambda: borda(keys, support, matrix.ballots), OUR_REPEATS)
    s, schulze_time = timed(lambda: schulze(keys, support), OUR_REPEATS)
    i, irv_time = timed(lambda: instant_runoff(keys, matrix), OUR_REPEATS)
    _, total_time = timed(lambda: tally_ranked(keys, contents), OUR_REPEATS)
    index = {key: number for number, key in enumerate(keys)}
    return {
        "rows": len(matrix.counts),
        "times": {
            "compile ballots": compile_time,
            "pairwise counts": pairwise_time,
            "Borda": borda_time,
            "Schulze": schulze_time,
            "instant runoff": irv_time,
            "all three (tally_ranked)": total_time,
        },
        "winners": {
            "Borda": sorted(index[key] for key in b.winners),
            "Schulze": sorted(index[key] for key in s.winners),
            "instant runoff": [index[i.winner]],
        },
        "borda_points": b.points,
    }


def report(title: str, ours: dict[str, Any], theirs: dict[str, Any], peak: int) -> bool:
    print(f"\n{title}  ({ours['rows']} distinct ballots)")
    print(f"  {'step':28} {'ours s':>9} {'pref_voting s':>14} {'ratio':>8}")
    for step, ours_time in ours["times"].items():
        their_time = theirs["times"].get(step)
        if their_time is None:
            print(f"  {step:28} {ours_time:9.4f}")
        else:
            print(f"  {step:28} {ours_time:9.4f} {their_time:14.4f} {their_time / ours_time:7.0f}x")
    print("  (our Borda and Schulze rows start from the pairwise counts, a row of their own)")
    print(f"  peak memory of tally_ranked  {peak / 2**20:9.1f} MiB (tracemalloc)")
    ok = True
    for method, winners in ours["winners"].items():
        if winners != theirs["winners"][method]:
            print(f"  MISMATCH {method}: ours {winners}, pref_voting {theirs['winners'][method]}")
            ok = False
        else:
            print(f"  same {method} winners: {winners}")
    return ok


def full_ballots(ballots: int, candidates: int, seed: int) -> bool:
    orders = random_orders(ballots, candidates, seed)
    keys = [f"item{number:02d}" for number in range(candidates)]
    contents = [[[keys[c]] for c in order] for order in orders.tolist()]
    ours = our_counts(keys, contents)
    profile, build_time = timed(lambda: Profile(orders.tolist()))
    b, borda_time = timed(lambda: pv_borda(profile))
    s, schulze_time = timed(lambda: beat_path(profile))
    tie_breaker = list(range(candidates))[::-1]  # the first listed goes out first
    i, irv_time = timed(lambda: instant_runoff_tb(profile, tie_breaker=tie_breaker))
    theirs = {
        "times": {
            "compile ballots": build_time,
            "Borda": borda_time,
            "Schulze": schulze_time,
            "instant runoff": irv_time,
            "all three (tally_ranked)": build_time + borda_time + schulze_time + irv_time,
        },
        "winners": {"Borda": sorted(b), "Schulze": sorted(s), "instant runoff": sorted(i)},
    }
    peak = peak_memory(lambda: tally_ranked(keys, contents))
    title = f"full: {ballots} strict ballots over {candidates} items (pref_voting Profile)"
    return report(title, ours, theirs, peak)


def truncated_ballots(ballots: int, candidates: int, seed: int) -> bool:
    orders = random_orders(ballots, candidates, seed + 1)
    listed = np.random.default_rng(seed + 2).integers(3, candidates + 1, size=ballots)
    keys = [f"item{number:02d}" for number in range(candidates)]
    tops = [order[:length] for order, length in zip(orders.tolist(), listed.tolist(), strict=True)]
    contents = [[[keys[c]] for c in top] for top in tops]
    ours = our_counts(keys, contents)

    def build() -> ProfileWithTies:
        rankings = [{c: place for place, c in enumerate(top, 1)} for top in tops]
        profile = ProfileWithTies(rankings, candidates=list(range(candidates)))
        profile.use_extended_strict_preference()
        return profile

    profile, build_time = timed(build)
    points, borda_time = timed(lambda: symmetric_borda_scores(profile))
    s, schulze_time = timed(lambda: beat_path(profile))
    tie_breaker = list(range(candidates))[::-1]
    i, irv_time = timed(lambda: split_irv_tb(profile, tie_breaker=tie_breaker))
    best = max(points.values())
    theirs = {
        "times": {
            "compile ballots": build_time,
            "Borda": borda_time,
            "Schulze": schulze_time,
            "instant runoff": irv_time,
            "all three (tally_ranked)": build_time + borda_time + schulze_time + irv_time,
        },
        "winners": {
            "Borda": sorted(c for c, p in points.items() if p == best),
            "Schulze": sorted(s),
            "instant runoff": sorted(i),
        },
    }
    peak = peak_memory(lambda: tally_ranked(keys, contents))
    title = f"truncated: {ballots} ballots over {candidates} items (pref_voting ProfileWithTies)"
    return report(title, ours, theirs, peak)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ballots", type=int, default=100_000)
    parser.add_argument("--candidates", type=int, default=20)
    parser.add_argument("--truncated-ballots", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    ok = full_ballots(args.ballots, args.candidates, args.seed)
    if args.truncated_ballots:
        ok = truncated_ballots(args.truncated_ballots, args.candidates, args.seed) and ok
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"\nprocess peak RSS (both libraries, ballots as JSON lists): {peak_rss:.0f} MiB")
    print("OK: same winners" if ok else "FAILED: winners differ")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
