"""Benchmark: the community priorities of 200,000 respondents, split six ways and raked.

    python -m tests.bench.bench_priorities [--respondents 200000] [--items 20]
                                           [--weighting raking|poststratification|none]
                                           [--seed 2027] [--profile]

Builds one synthetic data set in memory (no database): respondents in five languages at
four sites, with age band, gender, channel and zero to two race categories; three ranked
picks and two importance ratings each over ``--items`` items (1,000,000 answers at the
default size), Spanish speakers leaning to "interpreters"; and a patient panel over
language × age band × race × site. Then times ``rank_priorities`` with every split,
suppression, the representation table and weighting, and prints the seconds (wall and
CPU), the peak memory Python allocated during the call (tracemalloc, in a second run so
its bookkeeping does not slow the timed one) and the process's peak resident memory.
Checks the figures add up; never asserts on speed. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import resource
import sys
import time
import tracemalloc

import numpy as np
import pandas as pd

from engage.priorities.aggregation import PriorityInputs, rank_priorities

LANGUAGES = ["en", "es", "vi", "zh_Hans", "ar"]
LANGUAGE_WEIGHTS = [0.45, 0.30, 0.10, 0.08, 0.07]
SITES = ["eastside", "riverside", "northgate", "mobile_van"]
AGE_BANDS = ["under_18", "18_44", "45_64", "65_plus", "unknown"]
GENDERS = ["woman", "man", "nonbinary", "another", "prefer_not_to_say"]
RACES = ["aian", "asian", "black", "hispanic", "mena", "nhpi", "white"]
TOP_N = 3
RATINGS = 2


def build_inputs(respondents: int, n_items: int, seed: int) -> PriorityInputs:
    """The synthetic survey, built with numpy (no loop over respondents)."""
    rng = np.random.default_rng(seed)
    items = ["interpreters", *(f"priority_{k:02d}" for k in range(1, n_items))]
    ids = np.arange(1, respondents + 1) * 7  # ids need not be 0..n-1
    language = rng.choice(len(LANGUAGES), respondents, p=LANGUAGE_WEIGHTS)
    people = pd.DataFrame(
        {
            "respondent_id": ids,
            "language": np.array(LANGUAGES)[language],
            "site": rng.choice(SITES, respondents, p=[0.4, 0.3, 0.2, 0.1]),
            "age_band": rng.choice(AGE_BANDS, respondents, p=[0.08, 0.4, 0.3, 0.17, 0.05]),
            "gender": rng.choice(GENDERS, respondents, p=[0.55, 0.4, 0.02, 0.01, 0.02]),
            "channel": rng.choice(["web", "sms"], respondents, p=[0.6, 0.4]),
        }
    )
    chose = rng.choice(3, respondents, p=[0.1, 0.8, 0.1])  # none, one, two categories
    first = rng.choice(len(RACES), respondents, p=[0.02, 0.1, 0.2, 0.35, 0.03, 0.01, 0.29])
    second = (first + rng.integers(1, len(RACES), respondents)) % len(RACES)
    race = pd.DataFrame(
        {
            "respondent_id": np.concatenate([ids[chose >= 1], ids[chose == 2]]),
            "category": np.array(RACES)[np.concatenate([first[chose >= 1], second[chose == 2]])],
        }
    )
    appeal = rng.random((respondents, n_items)) * np.linspace(1.0, 0.6, n_items)
    appeal[language == LANGUAGES.index("es"), 0] += 0.6  # interpreters first in Spanish
    top = np.argsort(-appeal, axis=1)[:, :TOP_N]
    picks = pd.DataFrame(
        {
            "respondent_id": np.repeat(ids, TOP_N),
            "item": np.array(items)[top.ravel()],
            "position": np.tile(np.arange(1, TOP_N + 1), respondents),
        }
    )
    rated = np.argsort(rng.random((respondents, n_items)), axis=1)[:, :RATINGS]
    importance = pd.DataFrame(
        {
            "respondent_id": np.repeat(ids, RATINGS),
            "item": np.array(items)[rated.ravel()],
            "value": rng.integers(1, 6, respondents * RATINGS).astype(float),
        }
    )
    return PriorityInputs(people, race, picks, importance, TOP_N, items)


def build_panel(seed: int, patients: int = 60_000) -> pd.DataFrame:
    """Patients by language × age band × race (single value) × site.

    Close to the respondents but not the same: Vietnamese speakers, older patients and
    the mobile van are more of the panel than of the respondents, as in real surveys.
    """
    rng = np.random.default_rng(seed + 1)
    shares = [
        [0.40, 0.30, 0.15, 0.08, 0.07],
        [0.10, 0.35, 0.30, 0.25],
        [0.02, 0.08, 0.18, 0.30, 0.03, 0.01, 0.24, 0.07, 0.07],
        [0.35, 0.30, 0.20, 0.15],
    ]
    races = [*RACES, "multiple", "unknown"]
    cells = pd.MultiIndex.from_product(
        [LANGUAGES, AGE_BANDS[:-1], races, SITES],
        names=["language", "age_band", "race_ethnicity", "site"],
    ).to_frame(index=False)
    expected = patients * np.einsum("a,b,c,d->abcd", *map(np.array, shares)).ravel()
    cells["count"] = np.round(expected * rng.lognormal(0, 0.2, len(cells))).astype(int)
    return cells


def peak_rss_mb() -> float:
    """This process's peak resident memory (ru_maxrss: KB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--respondents", type=int, default=200_000)
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument(
        "--weighting", choices=("raking", "poststratification", "none"), default="raking"
    )
    parser.add_argument("--seed", type=int, default=2027)
    parser.add_argument("--profile", action="store_true", help="print cProfile of the call")
    args = parser.parse_args(argv)
    weighting = None if args.weighting == "none" else args.weighting

    began = time.perf_counter()
    inputs = build_inputs(args.respondents, args.items, args.seed)
    panel = build_panel(args.seed)
    answers = len(inputs.picks) + len(inputs.importance)
    print(
        f"built {len(inputs.respondents):,} respondents, {answers:,} answers "
        f"({len(inputs.picks):,} picks, {len(inputs.importance):,} ratings) over "
        f"{len(inputs.items)} items and a panel of {len(panel):,} cells in "
        f"{time.perf_counter() - began:.1f} s (peak RSS {peak_rss_mb():.0f} MB)",
        flush=True,
    )

    def run() -> object:
        return rank_priorities(inputs, panel=panel, weighting=weighting)

    baseline = peak_rss_mb()
    profiler = cProfile.Profile() if args.profile else None
    started, cpu_started = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    result = run()
    if profiler:
        profiler.disable()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    rss = peak_rss_mb()
    started = time.perf_counter()
    run()  # again, warm: without first-call costs (lazy imports, BLAS threads)
    warm = time.perf_counter() - started
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)

    tracemalloc.start()
    run()
    _current, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    _check(result, inputs)  # type: ignore[arg-type]
    weighted = result.weighted  # type: ignore[attr-defined]
    print(
        f"rank_priorities ({args.weighting}): {seconds:.2f} s ({cpu:.2f} s CPU), "
        f"again {warm:.2f} s; "
        f"peak traced {traced_peak / 2**20:.0f} MB (tracemalloc); "
        f"peak RSS {rss:.0f} MB (before the call {baseline:.0f} MB)",
        flush=True,
    )
    if weighted is not None:
        print(
            f"weights: {weighted.method}, {weighted.iterations} iterations, "
            f"converged {weighted.converged}, max margin error {weighted.max_margin_error:.1e}, "
            f"effective n {weighted.effective_n:,.0f} of {weighted.respondents_weighted:,} "
            f"({weighted.excluded:,} excluded)"
            + (
                f"; fell back from post-stratification: {len(weighted.empty_cells)} "
                "panel cells have no respondents"
                if weighted.fallback_reason
                else ""
            ),
            flush=True,
        )


def _check(result: object, inputs: PriorityInputs) -> None:
    """Every respondent counted once per exclusive split; Spanish speakers disagree."""
    from engage.priorities.aggregation import CommunityPriorities

    assert isinstance(result, CommunityPriorities)
    if result.respondents != len(inputs.respondents):
        raise SystemExit(f"{result.respondents} respondents, {len(inputs.respondents)} expected")
    for name, groups in result.splits.items():
        total = sum(group.respondents.count for group in groups)
        if name != "race_ethnicity" and total != result.respondents:
            raise SystemExit(f"{name}: groups hold {total}, not {result.respondents}")
    spanish = next(g for g in result.splits["language"] if g.group == "es")
    if spanish.ranked[:1] != ["interpreters"]:
        raise SystemExit(f"Spanish speakers' first priority is {spanish.ranked[:1]}")


if __name__ == "__main__":
    main()
