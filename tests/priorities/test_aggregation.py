"""Community priorities: shares, Borda points, importance, ranks, splits, disagreements."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engage.priorities.aggregation import (
    DIMENSIONS,
    PriorityInputs,
    rank_priorities,
    report_table,
    t_quantile_975,
)

RESPONDENT_COLUMNS = ["respondent_id", "language", "site", "age_band", "gender", "channel"]


def survey(
    people: list[dict[str, str]],
    picks: list[tuple[int, str, int]] = (),
    ratings: list[tuple[int, str, float]] = (),
    race: list[tuple[int, str]] = (),
    items: tuple[str, ...] = ("a", "b", "c"),
    top_n: int = 2,
) -> PriorityInputs:
    """Respondents 1..n from ``people`` (each a dict of the dimensions that differ)."""
    defaults = {"language": "en", "site": "eastside", "age_band": "18_44", "gender": "woman"}
    rows = [
        {"respondent_id": number, **defaults, "channel": "web", **person}
        for number, person in enumerate(people, 1)
    ]
    return PriorityInputs(
        respondents=pd.DataFrame(rows, columns=RESPONDENT_COLUMNS),
        race=pd.DataFrame(list(race), columns=["respondent_id", "category"]),
        picks=pd.DataFrame(list(picks), columns=["respondent_id", "item", "position"]),
        importance=pd.DataFrame(list(ratings), columns=["respondent_id", "item", "value"]),
        top_n=top_n,
        items=items,
    )


def by_item(figures):
    return {row.item: row for row in figures}


def test_an_empty_survey_has_no_figures():
    result = rank_priorities(survey([]))
    assert result.respondents == 0
    assert [row.item for row in result.overall] == ["a", "b", "c"]
    for row in result.overall:
        assert row.picked.shown == "<11" and row.importance_n.shown == "<11"
        assert row.share is None and row.borda_points is None and row.importance_mean is None
    assert result.splits == {name: [] for name in DIMENSIONS}
    assert result.disagreements == [] and result.weighted is None
    assert report_table(result, None)["picked"].tolist() == ["<11"] * 3


def test_one_respondent_shows_nothing_not_even_an_order():
    result = rank_priorities(survey([{}], picks=[(1, "c", 1), (1, "b", 2)], ratings=[(1, "c", 5)]))
    assert result.respondents == 1
    # Ranked by ``items`` order: ranking by their picks would tell what they chose.
    assert [(row.item, row.rank) for row in result.overall] == [("a", 1), ("b", 2), ("c", 3)]
    for row in result.overall:
        assert row.picked.suppressed and row.importance_n.suppressed
        assert (row.share, row.borda_points, row.borda_mean) == (None, None, None)
        assert (row.importance_mean, row.importance_low, row.importance_high) == (None,) * 3
        assert row.base_shown == "<11"
    for groups in result.splits.values():
        assert [(group.respondents.shown, group.items, group.ranked) for group in groups] == [
            ("<11", {}, [])
        ]


def hand_checked() -> PriorityInputs:
    """12 rank a, b; 8 rank b, c; one picks an unknown item; a's 12 ratings average 3."""
    ratings = [1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 3, 3]
    picks = [(n, "a", 1) for n in range(1, 13)] + [(n, "b", 2) for n in range(1, 13)]
    picks += [(n, "b", 1) for n in range(13, 21)] + [(n, "c", 2) for n in range(13, 21)]
    picks += [(21, "no_such_item", 1)]
    return survey([{}] * 21, picks, [(n, "a", float(value)) for n, value in enumerate(ratings, 1)])


def test_shares_borda_points_and_the_importance_interval_by_hand():
    result = rank_priorities(hand_checked())
    rows = by_item(result.overall)
    assert result.respondents == 21
    assert [row.item for row in result.overall] == ["b", "a", "c"]
    b, a, c = rows["b"], rows["a"], rows["c"]
    assert (b.rank, b.picked.shown, b.base, b.share) == (1, "20", 20, 1.0)
    assert b.borda_points == 8 * 2 + 12 * 1 and b.borda_mean == pytest.approx(28 / 20)
    assert (a.picked.count, a.share, a.borda_points, a.borda_mean) == (12, 0.6, 24.0, 1.2)
    assert c.picked.shown == "<11" and c.share is None and c.borda_points is None
    # mean 3; squared deviations add to 20, so s² = 20/11; t(0.975, 11) = 2.200985.
    half = 2.200985160082949 * math.sqrt(20 / 11 / 12)
    assert a.importance_mean == pytest.approx(3.0)
    assert a.importance_low == pytest.approx(3 - half, abs=1e-5)
    assert a.importance_high == pytest.approx(3 + half, abs=1e-5)
    assert a.importance_n.shown == "12" and b.importance_n.shown == "<11"
    assert b.importance_mean is None


def test_the_t_quantile_matches_scipy_wherever_an_interval_is_shown():
    stats = pytest.importorskip("scipy.stats")
    df = np.array([10, 11, 15, 30, 100, 10_000])
    assert np.allclose(t_quantile_975(df), stats.t.ppf(0.975, df), atol=1e-5)


def test_unordered_picks_count_in_the_share_but_earn_no_points():
    picks = [(n, "a", 0) for n in range(1, 13)] + [(n, "b", 1) for n in range(1, 7)]
    picks += [(n, "b", 1) for n in range(13, 19)]
    rows = by_item(rank_priorities(survey([{}] * 18, picks)).overall)
    assert rows["a"].share == pytest.approx(12 / 18) and rows["a"].borda_points == 0.0
    assert rows["b"].picked.count == 12 and rows["b"].borda_points == 24.0
    assert rows["b"].borda_mean == pytest.approx(24 / 12)  # per person who placed a pick


def test_a_repeated_pick_counts_once_with_its_best_place():
    picks = [(n, "a", 2) for n in range(1, 12)] + [(n, "a", 1) for n in range(1, 12)]
    row = by_item(rank_priorities(survey([{}] * 11, picks)).overall)["a"]
    assert (row.picked.count, row.borda_points) == (11, 22.0)


def test_ties_go_to_the_order_of_items():
    picks = [(n, item, 0) for n in range(1, 13) for item in ("x", "y", "z")]
    forward = rank_priorities(survey([{}] * 12, picks, items=("x", "y", "z")))
    backward = rank_priorities(survey([{}] * 12, picks, items=("z", "y", "x")))
    assert [row.item for row in forward.overall] == ["x", "y", "z"]
    assert [row.item for row in backward.overall] == ["z", "y", "x"]


def test_equal_shares_are_ordered_by_points_then_importance():
    picks = [(n, "x", 2) for n in range(1, 13)] + [(n, "y", 1) for n in range(1, 13)]
    picks += [(n, "z", 2) for n in range(13, 25)] + [(n, "w", 1) for n in range(13, 25)]
    ratings = [(n, "x", 5.0) for n in range(1, 13)] + [(n, "z", 2.0) for n in range(1, 13)]
    result = rank_priorities(survey([{}] * 24, picks, ratings, items=("w", "x", "y", "z")))
    # All four have share 1/2; w and y have 24 points each, x and z 12; x is rated higher.
    assert [row.item for row in result.overall] == ["w", "y", "x", "z"]


def spanish_disagree() -> PriorityInputs:
    """30 English speakers rank appointments, parking, pharmacy; 15 Spanish speakers
    rank interpreter, appointments, parking: interpreter is 4th overall, 1st in Spanish."""
    items = ("appointments", "parking", "pharmacy", "interpreter", "food")
    people = [{"language": "en"}] * 30 + [{"language": "es"}] * 15
    picks = [
        (n, item, place)
        for n in range(1, 31)
        for place, item in enumerate(("appointments", "parking", "pharmacy"), 1)
    ] + [
        (n, item, place)
        for n in range(31, 46)
        for place, item in enumerate(("interpreter", "appointments", "parking"), 1)
    ]
    return survey(people, picks, items=items, top_n=3)


def test_spanish_speakers_putting_the_interpreter_first_is_a_disagreement():
    result = rank_priorities(spanish_disagree())
    assert [row.item for row in result.overall][:4] == [
        "appointments",
        "parking",
        "pharmacy",
        "interpreter",
    ]
    spanish = {group.group: group for group in result.splits["language"]}["es"]
    assert spanish.ranked[0] == "interpreter" and spanish.items["interpreter"].rank == 1
    assert [
        (d.item, d.dimension, d.group, d.group_rank, d.overall_rank, d.gap)
        for d in result.disagreements
    ] == [("interpreter", "language", "es", 1, 4, 3)]
    assert rank_priorities(spanish_disagree(), disagreement_gap=4).disagreements == []


def test_a_small_group_hides_the_next_smallest_with_it():
    people = [{"language": "en"}] * 30 + [{"language": "vi"}] * 4 + [{"language": "es"}] * 20
    picks = [(n, "a", 1) for n in range(1, 55)]
    groups = {g.group: g for g in rank_priorities(survey(people, picks)).splits["language"]}
    assert [groups[key].respondents.shown for key in ("en", "es", "vi")] == ["30", "<11", "<11"]
    assert groups["es"].items == {} and groups["vi"].ranked == []
    assert groups["en"].items["a"].share == 1.0


def test_item_counts_in_a_split_get_complementary_suppression():
    people = [{"site": "north"}] * 20 + [{"site": "south"}] * 25 + [{"site": "west"}] * 30
    picks = [(n, "a", 1) for n in range(1, 5)]  # 4 in the north
    picks += [(n, "a", 1) for n in range(21, 35)]  # 14 in the south
    picks += [(n, "a", 1) for n in range(46, 76)]  # 30 in the west
    groups = {g.group: g for g in rank_priorities(survey(people, picks)).splits["site"]}
    assert [groups[key].items["a"].picked.shown for key in ("north", "south", "west")] == [
        "<11",
        "<11",
        "30",
    ]
    assert groups["south"].items["a"].share is None
    assert groups["south"].respondents.shown == "25"


def test_race_counts_each_person_in_every_group_they_chose():
    people = [{}] * 30
    race = [(n, "hispanic") for n in range(1, 21)] + [(n, "white") for n in range(11, 21)]
    race += [(1, "hispanic")]  # the same choice twice counts once
    picks = [(n, "a", 1) for n in range(1, 31)]
    result = rank_priorities(survey(people, picks, race=race))
    groups = {g.group: g.respondents.count for g in result.splits["race_ethnicity"]}
    # 11..20 are in both groups; 21..30 chose nothing and are "unknown".
    assert groups == {"hispanic": 20, "white": 10, "unknown": 10}
    assert sum(groups.values()) == 40 > result.respondents


def test_the_report_table_shows_hidden_counts_as_less_than_eleven():
    result = rank_priorities(hand_checked())
    overall = report_table(result, None)
    assert overall.columns[:4].tolist() == ["rank", "item", "picked", "base"]
    c = overall[overall["item"] == "c"].iloc[0]
    assert c["picked"] == "<11" and pd.isna(c["share"]) and pd.isna(c["borda_mean"])
    split = report_table(rank_priorities(spanish_disagree()), "language")
    assert len(split) == 2 * 5
    spanish = split[split["group"] == "es"]
    assert spanish["item"].tolist()[0] == "interpreter"
    assert spanish["respondents"].tolist() == ["15"] * 5
    with pytest.raises(ValueError):
        report_table(result, "shoe_size")


def test_a_hidden_group_gets_rows_with_no_figures():
    people = [{"language": "en"}] * 20 + [{"language": "vi"}] * 3
    table = report_table(rank_priorities(survey(people, [(1, "a", 1)])), "language")
    hidden = table[table["group"] == "vi"]
    assert hidden["respondents"].tolist() == ["<11"] * 3
    assert hidden["rank"].isna().all() and hidden["picked"].isna().all()


def test_only_known_dimensions_can_split():
    with pytest.raises(ValueError):
        rank_priorities(survey([{}]), dimensions=("shoe_size",))
    result = rank_priorities(survey([{}]), dimensions=("channel",))
    assert list(result.splits) == ["channel"]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["en", "es", "vi", "ar"]), st.sets(st.sampled_from("abc"))),
        max_size=80,
    )
)
def test_no_hidden_count_in_a_split_can_be_worked_out(answers):
    people = [{"language": language} for language, _picks in answers]
    picks = [(n, item, 0) for n, (_language, chosen) in enumerate(answers, 1) for item in chosen]
    result = rank_priorities(survey(people, picks), dimensions=("language",))
    groups = result.splits["language"]
    assert sum(g.respondents.count for g in groups) == len(answers)
    columns = [[(g.respondents.count, g.respondents.suppressed) for g in groups]]
    for item in "abc":
        # The true counts, from the answers; hidden when the group or the cell is.
        true = [
            sum(1 for lang, chosen in answers if lang == g.group and item in chosen) for g in groups
        ]
        shown = [g.items[item].picked if g.items else None for g in groups]
        for count, cell in zip(true, shown, strict=True):
            assert cell is None or cell.count == count
        columns.append(
            [
                (count, cell is None or cell.suppressed)
                for count, cell in zip(true, shown, strict=True)
            ]
        )
    for column in columns:
        hidden_total = sum(count for count, hidden in column if hidden)
        assert all(count >= 11 for count, hidden in column if not hidden)
        assert hidden_total == 0 or hidden_total >= 11 or all(hidden for _c, hidden in column)
