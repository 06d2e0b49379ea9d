"""Representation against the patient panel, raking, post-stratification, Kish's n."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import weightipy

from engage.priorities.aggregation import PriorityInputs, rank_priorities
from engage.priorities.weighting import (
    kish_effective_n,
    panel_margin,
    rake,
    representation,
    weigh,
)

LANGUAGES = ["en", "es", "vi"]
AGES = ["18_44", "45_64", "65_plus"]
SITES = ["eastside", "riverside"]


def random_values(seed: int, n: int = 400) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "language": rng.choice(LANGUAGES, n, p=[0.6, 0.3, 0.1]),
            "age_band": rng.choice(AGES, n, p=[0.5, 0.3, 0.2]),
            "site": rng.choice(SITES, n, p=[0.75, 0.25]),
            "race_ethnicity": rng.choice(["white", "hispanic", "multiple"], n),
        }
    )


def random_panel(seed: int, dimensions=("language", "age_band", "site")) -> pd.DataFrame:
    rng = np.random.default_rng(seed + 100)
    cells = pd.MultiIndex.from_product(
        [{"language": LANGUAGES, "age_band": AGES, "site": SITES}[d] for d in dimensions],
        names=list(dimensions),
    ).to_frame(index=False)
    cells["count"] = rng.integers(20, 500, len(cells))
    return cells


def weighted_shares(values: pd.DataFrame, weights: np.ndarray, column: str) -> pd.Series:
    return pd.Series(weights).groupby(values[column].to_numpy()).sum() / weights.sum()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_raking_fits_every_panel_margin(seed):
    values, panel = random_values(seed), random_panel(seed)
    weights = weigh(values, panel, "raking")
    assert weights.method == "raking" and weights.converged and weights.fallback_reason is None
    assert 0 < weights.iterations <= 100 and weights.max_margin_error < 1e-6
    assert weights.weights.mean() == pytest.approx(1.0)
    for column in ("language", "age_band", "site"):
        target = panel_margin(panel, column) / panel["count"].sum()
        got = weighted_shares(values, weights.weights, column)
        assert np.allclose(got[target.index], target, atol=1e-6)


def test_the_effective_sample_size_is_kish_by_hand():
    # Post-stratified to half English, half Spanish: 3 English get 2/3, 1 Spanish gets 2.
    values = pd.DataFrame({"language": ["en", "en", "en", "es"]})
    panel = pd.DataFrame({"language": ["en", "es"], "count": [50, 50]})
    weights = weigh(values, panel, "poststratification")
    assert np.allclose(weights.weights, [2 / 3, 2 / 3, 2 / 3, 2])
    # (Σw)² / Σw² = 4² / (3 · 4/9 + 4) = 3
    assert weights.effective_n == pytest.approx(3.0)
    assert kish_effective_n([1, 1, 1, 1]) == 4.0 and kish_effective_n([]) == 0.0


def test_rank_priorities_reports_the_raked_effective_sample_size():
    values, panel = random_values(4), random_panel(4)
    inputs = inputs_for(values)
    result = rank_priorities(inputs, panel=panel, weighting="raking")
    expected = weigh(values, panel, "raking")
    weighted = result.weighted
    assert weighted.method == "raking" and weighted.converged
    assert weighted.max_margin_error < 1e-6
    assert weighted.effective_n == pytest.approx(kish_effective_n(expected.weights))
    assert (weighted.respondents_weighted, weighted.excluded) == (len(values), 0)
    # The weighted share is Σw over those who picked it over Σw over everyone (all picked).
    picked = inputs.picks["item"].eq("a").groupby(inputs.picks["respondent_id"]).any()
    share = (expected.weights * picked.to_numpy()).sum() / expected.weights.sum()
    row = {row.item: row for row in weighted.overall}["a"]
    assert row.share == pytest.approx(share) and row.picked.count == int(picked.sum())


def inputs_for(values: pd.DataFrame) -> PriorityInputs:
    """Each respondent picks "a" or "b" first (by row), "c" second, and rates "c"."""
    n = len(values)
    respondents = values[["language", "age_band", "site"]].assign(
        respondent_id=np.arange(n), gender="woman", channel="web"
    )
    race = pd.DataFrame(
        {"respondent_id": np.arange(n), "category": values["race_ethnicity"].to_numpy()}
    )
    race = race[race["category"] != "multiple"]
    first = np.where(np.arange(n) % 3 == 0, "a", "b")
    picks = pd.DataFrame(
        {
            "respondent_id": np.repeat(np.arange(n), 2),
            "item": np.column_stack([first, np.full(n, "c")]).ravel(),
            "position": np.tile([1, 2], n),
        }
    )
    ratings = pd.DataFrame(
        {"respondent_id": np.arange(n), "item": "c", "value": (np.arange(n) % 5 + 1.0)}
    )
    return PriorityInputs(respondents, race, picks, ratings, 2, ("a", "b", "c"))


def test_post_stratification_is_exact_in_every_cell():
    values, panel = random_values(5, n=600), random_panel(5)
    weights = weigh(values, panel, "poststratification")
    assert weights.method == "poststratification" and weights.fallback_reason is None
    assert weights.max_margin_error < 1e-12
    cells = values.groupby(["language", "age_band", "site"]).ngroup().to_numpy()
    got = pd.Series(weights.weights).groupby(cells).sum() / weights.weights.sum()
    keys = values.drop_duplicates(["language", "age_band", "site"]).assign(
        cell=lambda frame: cells[frame.index]
    )
    target = keys.merge(panel, on=["language", "age_band", "site"]).set_index("cell")["count"]
    assert np.allclose(got[target.index], target / panel["count"].sum(), atol=1e-12)


def test_an_empty_panel_cell_falls_back_to_raking_and_says_so():
    values = random_values(6)
    values = values[~((values["language"] == "vi") & (values["site"] == "riverside"))]
    panel = random_panel(6, ("language", "site"))
    weights = weigh(values.reset_index(drop=True), panel, "poststratification")
    assert weights.method == "raking" and weights.fallback_reason == "empty_cell"
    assert weights.empty_cells == (("vi", "riverside"),) and weights.converged
    result = rank_priorities(
        inputs_for(values.reset_index(drop=True)), panel=panel, weighting="poststratification"
    )
    assert result.weighted.method == "raking"
    assert result.weighted.fallback_reason == "empty_cell"


def test_respondents_outside_the_panel_are_left_out_of_the_weights():
    values = random_values(7)
    values.loc[:9, "age_band"] = "unknown"
    panel = random_panel(7)
    weights = weigh(values, panel, "raking")
    assert not weights.included[:10].any() and weights.included[10:].all()
    assert (weights.weights[:10] == 0).all()
    assert weights.weights[10:].mean() == pytest.approx(1.0)
    result = rank_priorities(inputs_for(values), panel=panel)
    assert (result.weighted.respondents_weighted, result.weighted.excluded) == (390, 10)


def test_a_panel_group_nobody_belongs_to_is_reported_and_the_rest_still_fit():
    values = random_values(8)
    values = values[values["language"] != "vi"].reset_index(drop=True)
    panel = random_panel(8)
    weights = weigh(values, panel, "raking")
    assert weights.missing_targets == (("language", "vi"),)
    assert weights.converged and weights.max_margin_error < 1e-6


@pytest.mark.parametrize("seed", range(5))
def test_raked_weights_agree_with_weightipy(seed):
    rng = np.random.default_rng(seed)
    values = random_values(seed, n=int(rng.integers(50, 800)))
    panel = random_panel(seed)
    ours = weigh(values, panel, "raking")
    scheme = weightipy.scheme_from_dict(
        {
            column: {str(k): float(v) for k, v in panel_margin(panel, column).items()}
            for column in ("language", "age_band", "site")
        },
        rim_params={"convcrit": 1e-9, "max_iterations": 1000},
    )
    theirs = weightipy.weight(values, scheme).to_numpy(np.float64)
    assert np.allclose(ours.weights / ours.weights.mean(), theirs / theirs.mean(), rtol=1e-4)


def test_representation_compares_shares_and_flags_the_under_represented():
    values = pd.DataFrame({"language": ["en"] * 60 + ["es"] * 25 + ["vi"] * 3 + ["unknown"] * 12})
    panel = pd.DataFrame({"language": ["en", "es", "vi"], "count": [400, 400, 200]})
    rows = {row.group: row for row in representation(values, panel, 0.2)["language"]}
    assert list(rows) == ["en", "es", "vi", "unknown"]
    en, es, vi, unknown = rows.values()
    # Shares are of the 88 respondents whose language is in the panel.
    assert en.respondent_share == pytest.approx(60 / 88) and en.panel_share == 0.4
    assert en.ratio == pytest.approx(60 / 88 / 0.4) and not en.under
    assert es.ratio == pytest.approx(25 / 88 / 0.4) and es.under  # 0.71 < 1 - 0.2
    # vi is hidden (3): no share, but surely under-represented, since 0.8 × 0.2 × 88 ≈ 14
    # means every count under 11 is under; "unknown" (12) is hidden to protect it.
    assert vi.respondents.shown == "<11" and vi.respondent_share is None and vi.ratio is None
    assert vi.under and vi.panel_count == 200
    assert unknown.respondents.shown == "<11" and unknown.respondent_share is None
    assert (unknown.panel_count, unknown.panel_share, unknown.ratio) == (0, 0.0, None)


def test_a_hidden_group_is_not_flagged_when_its_flag_would_tell_its_count():
    values = pd.DataFrame({"language": ["en"] * 100 + ["vi"] * 2})
    panel = pd.DataFrame({"language": ["en", "vi"], "count": [990, 10]})
    rows = {row.group: row for row in representation(values, panel, 0.2)["language"]}
    assert rows["vi"].respondents.suppressed and not rows["vi"].under


def test_rake_of_one_margin_is_one_sweep():
    weights, sweeps, converged, error = rake([np.array([0, 0, 1])], [np.array([0.5, 0.5])])
    assert np.allclose(weights, [0.75, 0.75, 1.5]) and sweeps == 1 and converged
    assert error < 1e-12


def test_a_panel_nobody_matches_weights_nobody_without_failing():
    values = random_values(9)
    panel = pd.DataFrame({"language": ["ar", "so"], "count": [10, 20]})
    for method in ("raking", "poststratification"):
        result = rank_priorities(inputs_for(values), panel=panel, weighting=method)
        weighted = result.weighted
        assert (weighted.respondents_weighted, weighted.excluded) == (0, len(values))
        assert weighted.effective_n == 0.0
        assert all(row.share is None and row.picked.suppressed for row in weighted.overall)
        assert [row.respondents.shown for row in result.representation["language"]][:2] == [
            "<11",
            "<11",
        ]


def test_weighted_importance_is_the_weighted_mean_of_the_ratings():
    values, panel = random_values(10), random_panel(10)
    inputs = inputs_for(values)
    weights = weigh(values, panel, "raking").weights
    ratings = inputs.importance["value"].to_numpy()
    row = {row.item: row for row in rank_priorities(inputs, panel=panel).weighted.overall}["c"]
    mean = (weights * ratings).sum() / weights.sum()
    assert row.importance_mean == pytest.approx(mean)
    assert row.importance_low < mean < row.importance_high
    assert row.importance_n.count == len(values)


def test_without_weighting_the_panel_still_gives_representation():
    values, panel = random_values(11), random_panel(11)
    result = rank_priorities(inputs_for(values), panel=panel, weighting=None)
    assert result.weighted is None
    assert list(result.representation) == ["language", "age_band", "site"]
