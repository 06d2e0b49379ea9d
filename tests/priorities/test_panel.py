"""The clinic's panel: reading the CSV (pure) and replacing the panel (all or nothing)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from engage.core.models import AuditEvent
from engage.extensions import db
from engage.people.importing import ImportProblem
from engage.people.services import ensure_site
from engage.priorities.models import PanelStratum
from engage.priorities.panel import PanelRefused, panel_frame, replace_panel
from engage.priorities.panel_file import plan_panel

LANGUAGES = {"en": "en", "english": "en", "es": "es", "spanish": "es"}
SITES = {"eastside": "eastside", "riverside": "riverside"}
GOOD = (
    "language,age_band,race_ethnicity,site,count\n"
    "es,18-44,hispanic,eastside,1450\n"
    "English,65+,White,riverside,380\n"
    'en,45-64,multiple,Eastside,"1,200"\n'
)


def test_a_good_file_gives_every_stratum():
    plan = plan_panel(GOOD.encode(), LANGUAGES, SITES)
    assert plan.problems == []
    assert plan.strata == {
        ("es", "18_44", "hispanic", "eastside"): 1450,
        ("en", "65_plus", "white", "riverside"): 380,
        ("en", "45_64", "multiple", "eastside"): 1200,
    }
    assert plan.total == 3030


def test_left_out_columns_are_not_split_on():
    plan = plan_panel(b"language,patients\nes,34\nen,48\n", LANGUAGES, SITES)
    assert plan.dimensions == ["language"]
    assert plan.strata == {("es", "*", "*", "*"): 34, ("en", "*", "*", "*"): 48}


@pytest.mark.parametrize(
    ("row", "code"),
    [
        ("fr,18-44,white,eastside,3", "unknown_language"),
        ("es,eighty,white,eastside,3", "unknown_age_band"),
        ("es,18-44,martian,eastside,3", "unknown_race_ethnicity"),
        ("es,18-44,white,downtown,3", "unknown_site"),
        ("es,18-44,white,eastside,-3", "bad_count"),
        ("es,18-44,white,eastside,many", "bad_count"),
        ("es,18-44,white,eastside,2.5", "bad_count"),
    ],
)
def test_each_bad_value_is_a_problem_on_its_spreadsheet_row(row, code):
    raw = f"language,age_band,race_ethnicity,site,count\nen,18-44,white,eastside,5\n{row}\n"
    plan = plan_panel(raw.encode(), LANGUAGES, SITES)
    assert [(p.row, p.code) for p in plan.problems] == [(3, code)]


def test_a_repeated_stratum_is_a_problem_not_a_sum():
    raw = b"language,count\nes,3\nSpanish,4\n"
    plan = plan_panel(raw, LANGUAGES, SITES)
    assert [(p.row, p.code) for p in plan.problems] == [(3, "repeated_stratum")]


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"", "empty"),
        (b"language,age_band\nes,18-44\n", "panel_needs_count"),
        (b"colour,count\nred,3\n", "panel_needs_dimension"),
        (b"language,count\nes,0\n", "panel_empty"),
        (b"language,count\n", "no_rows"),
    ],
)
def test_files_that_cannot_be_a_panel_are_refused_whole(raw, code):
    with pytest.raises(ImportProblem) as refused:
        plan_panel(raw, LANGUAGES, SITES)
    assert refused.value.code == code


def _strata() -> list[tuple]:
    return [
        (s.language, s.age_band, s.race_ethnicity, s.site, s.count)
        for s in db.session.scalars(sa.select(PanelStratum).order_by(PanelStratum.count))
    ]


def test_replacing_the_panel_swaps_it_whole_and_is_audited(db_app):
    ensure_site("eastside", "Eastside")
    ensure_site("riverside", "Riverside")
    replace_panel(b"language,count\nes,34\nen,48\n")
    db.session.commit()
    replace_panel(GOOD.encode())
    db.session.commit()
    assert len(_strata()) == 3
    frame = panel_frame()
    assert list(frame.columns) == ["language", "age_band", "race_ethnicity", "site", "count"]
    events = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.entity_type == "panel"))
    assert [event.detail["patients"] for event in events] == [82, 3030]


def test_a_refused_panel_leaves_the_old_one_untouched(db_app):
    ensure_site("eastside", "Eastside")
    replace_panel(b"language,count\nes,34\nen,48\n")
    db.session.commit()
    before = _strata()
    with pytest.raises(PanelRefused) as refused:
        replace_panel(b"language,count\nes,34\nklingon,5\nen,lots\n")
    db.session.rollback()
    assert "2 rows have problems" in str(refused.value)
    assert any("klingon" in line for line in refused.value.problems)
    assert any(line.startswith("Row 4") for line in refused.value.problems)
    assert _strata() == before
    panel = panel_frame()
    assert list(panel.columns) == ["language", "count"]
