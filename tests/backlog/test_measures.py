"""Measures and data points: recording, the CSV import (all or nothing), the run chart on
the item page, and who may edit."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from engage.auth.roles import Role
from engage.backlog import cycles, measures, services
from engage.backlog.demo_measures import add_demo_measures
from engage.backlog.models import CycleDecision, DataPoint, Direction, Measure
from engage.backlog.runchart import analyse
from engage.backlog.services import BacklogRefused, ItemInput
from engage.core.models import AuditAction, AuditEvent
from engage.extensions import db
from tests.conftest import make_user, sign_in

INTERPRETERS = measures.MeasureInput(
    name="Visits with a needed interpreter present", unit="%", direction=Direction.UP, baseline=62
)
NO_SHOWS = measures.MeasureInput(
    name="No-show rate", unit="%", direction=Direction.DOWN, baseline=18
)
# Seven months around 62%, seven after the change around 73%: a shift each side.
STEP = [62, 60, 63, 61, 64, 62, 63, 71, 74, 72, 75, 73, 76, 74]


def _item(*inputs: measures.MeasureInput):
    item = services.create_item(ItemInput(title="Same-day interpreter access"), None)
    for data in inputs:
        measures.add_measure(item, data)
    db.session.commit()
    return item


def _points() -> int:
    return db.session.scalar(sa.select(sa.func.count(DataPoint.id))) or 0


def _monthly(measure: Measure, values: list[float]) -> None:
    for month, value in enumerate(values, start=1):
        on = date(2025 + (month - 1) // 12, (month - 1) % 12 + 1, 28)
        measures.record_point(measure, on.isoformat(), str(value))
    db.session.commit()


# ---- the data layer -------------------------------------------------------------------


def test_a_point_on_a_date_already_recorded_updates_it(db_app):
    item = _item(INTERPRETERS)
    (measure,) = item.measures
    _, updated = measures.record_point(measure, "2026-01-31", "62%")
    assert not updated
    point, updated = measures.record_point(measure, "1/31/2026", "64.5")
    db.session.commit()
    assert updated and point.value == 64.5
    assert [(p.on, p.value) for p in measure.points] == [(date(2026, 1, 31), 64.5)]
    actions = list(
        db.session.scalars(
            sa.select(AuditEvent.action).where(AuditEvent.entity_type == "improvement_data_point")
        )
    )
    assert actions == [AuditAction.CREATE, AuditAction.UPDATE]


@pytest.mark.parametrize(
    ("on", "value", "message"),
    [
        ("2026-02-30", "60", "is not a date"),
        ("yesterday", "60", "is not a date"),
        ("2026-02-01", "sixty", "is not a number"),
        ("2026-02-01", "1e3", "is not a number"),
        ("2026-02-01", "140%", "between 0 and 100"),
        ("", "60", "date is missing"),
    ],
)
def test_a_bad_data_point_is_refused(db_app, on, value, message):
    item = _item(INTERPRETERS)
    with pytest.raises(BacklogRefused, match=message):
        measures.record_point(item.measures[0], on, value)
    db.session.rollback()
    assert _points() == 0


def test_two_measures_with_one_name_are_refused(db_app):
    item = _item(INTERPRETERS)
    with pytest.raises(BacklogRefused, match="already has a measure"):
        measures.add_measure(
            item,
            measures.MeasureInput(
                name="visits with a needed  INTERPRETER present", direction=Direction.UP
            ),
        )


def test_importing_points_adds_new_dates_and_updates_known_ones(db_app):
    item = _item(INTERPRETERS)
    measures.record_point(item.measures[0], "2026-01-31", "50")
    raw = b"date,value\n2026-01-31,62%\n2026-02-28,61.5\n3/31/2026,63\n"
    result = measures.import_points(item, raw)
    db.session.commit()
    assert (result.added, result.updated) == (2, 1)
    assert [p.value for p in item.measures[0].points] == [62, 61.5, 63]


def test_a_file_for_several_measures_names_each_rows_measure(db_app):
    item = _item(INTERPRETERS, NO_SHOWS)
    with pytest.raises(measures.ImportRefused, match="add a “measure” column"):
        measures.import_points(item, b"date,value\n2026-01-31,62\n")
    raw = (
        b"measure,date,value\n"
        b"Visits with a needed interpreter present,2026-01-31,62\n"
        b"no-show rate,2026-01-31,18%\n"
        b"No-show rate,2026-02-28,17\n"
    )
    measures.import_points(item, raw)
    db.session.commit()
    interpreters, no_shows = item.measures
    assert [p.value for p in interpreters.points] == [62]
    assert [p.value for p in no_shows.points] == [18, 17]


def test_a_points_file_with_any_bad_row_writes_nothing(db_app):
    item = _item(INTERPRETERS, NO_SHOWS)
    measures.record_point(item.measures[0], "2026-01-31", "60")
    db.session.commit()
    before = _points()
    raw = (
        b"measure,date,value\n"
        b"No-show rate,2026-01-31,18\n"  # row 2: good
        b"No-show rate,2026-31-01,17\n"  # row 3: day and month swapped
        b"No-show rate,2026-02-28,about 17\n"  # row 4: not a number
        b"No-show rate,2026-01-31,19\n"  # row 5: the date of row 2 again
        b"Wait time,2026-01-31,4\n"  # row 6: not one of the item's measures
        b"No-show rate,2026-03-31,62%\n"  # row 7: good ("62%" is 62)
    )
    with pytest.raises(measures.ImportRefused) as refused:
        measures.import_points(item, raw)
    db.session.rollback()
    assert str(refused.value).startswith("Nothing was saved: 4 rows have problems")
    assert refused.value.problems == [
        "Row 3: “2026-31-01” is not a date. Write it as 2026-03-31 (or 3/31/2026).",
        "Row 4: “about 17” is not a number.",
        "Row 5: The date 2026-01-31 is already on an earlier row.",
        "Row 6: “Wait time” is not one of this item's measures.",
    ]
    assert _points() == before == 1


# ---- pages ----------------------------------------------------------------------------


def test_adding_a_measure_and_its_points_through_the_pages(admin_client):
    item = _item()
    response = admin_client.post(
        f"/backlog/{item.id}/measures/new",
        data={"name": "No-show rate", "unit": "%", "direction": "down", "baseline": "18"},
    )
    assert response.status_code == 302
    measure = db.session.scalar(sa.select(Measure))
    assert (measure.direction, measure.baseline) == (Direction.DOWN, 18)
    url = f"/backlog/{item.id}/measures/{measure.id}/points"
    prefix = f"m{measure.id}"
    response = admin_client.post(url, data={f"{prefix}-on": "2026-01-05", f"{prefix}-value": "18%"})
    assert response.status_code == 302
    response = admin_client.post(
        url, data={f"{prefix}-on": "2026-01-05", f"{prefix}-value": "17"}, follow_redirects=True
    )
    assert "2026-01-05 was already recorded; its value is now 17." in response.get_data(
        as_text=True
    )
    assert [(p.on, p.value) for p in db.session.scalars(sa.select(DataPoint))] == [
        (date(2026, 1, 5), 17)
    ]
    page = admin_client.get(f"/backlog/{item.id}").get_data(as_text=True)
    assert "A run chart needs at least two data points." in page


def test_a_bad_point_on_the_page_answers_400_and_saves_nothing(admin_client):
    item = _item(NO_SHOWS)
    measure = item.measures[0]
    url = f"/backlog/{item.id}/measures/{measure.id}/points"
    prefix = f"m{measure.id}"
    response = admin_client.post(url, data={f"{prefix}-on": "2026-01-05", f"{prefix}-value": "x"})
    assert response.status_code == 400
    assert "“x” is not a number." in response.get_data(as_text=True)
    assert admin_client.post(url, data={f"{prefix}-on": "2026-01-05"}).status_code == 400
    assert _points() == 0


def test_a_bad_measure_form_answers_400(admin_client):
    item = _item(NO_SHOWS)
    response = admin_client.post(
        f"/backlog/{item.id}/measures/new",
        data={"name": "No-show rate", "unit": "%", "direction": "down"},
    )
    assert response.status_code == 400
    assert "already has a measure with that name" in response.get_data(as_text=True)
    sideways = admin_client.post(
        f"/backlog/{item.id}/measures/new", data={"name": "Wait", "direction": "sideways"}
    )
    assert sideways.status_code == 400
    assert db.session.scalar(sa.select(sa.func.count(Measure.id))) == 1


def test_importing_points_through_the_page_is_all_or_nothing(admin_client):
    item = _item(INTERPRETERS)
    good = b"date,value\n2026-01-31,62%\n2026-02-28,61\n"
    response = admin_client.post(
        f"/backlog/{item.id}/measures/import",
        data={"file": (io.BytesIO(good), "points.csv")},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert "Data points imported: 2 added, 0 dates updated." in response.get_data(as_text=True)
    assert _points() == 2

    bad = "date,value\n2026-03-31,63\n2026-04-30,n/a\n"
    response = admin_client.post(f"/backlog/{item.id}/measures/import", data={"text": bad})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Row 3: “n/a” is not a number." in page
    assert _points() == 2


def test_the_item_page_draws_the_run_chart_and_names_the_signals(admin_client):
    item = _item(INTERPRETERS)
    _monthly(item.measures[0], STEP)
    page = admin_client.get(f"/backlog/{item.id}").get_data(as_text=True)
    svg = re.search(r"<svg class=\"bar-chart run-chart\".*?</svg>", page, re.S)
    assert svg is not None
    chart = svg.group(0)
    assert 'role="img"' in chart and "<title" in chart and "<desc" in chart
    assert "style=" not in chart
    assert chart.count('class="mark-shift"') == 14
    assert 'class="median"' in chart and 'stroke-dasharray="6 4"' in chart  # the baseline
    assert "Shift: 7 points in a row above the median" in page
    assert "An improvement: better than the median. (Higher is better for this measure.)" in page
    assert "Shift: 7 points in a row below the median" in page
    assert "Worse than the median. (Higher is better for this measure.)" in page
    assert "Too few runs: 2, where 4 to 12 are expected for 14 points off the median." in page
    assert "Median: 67.5%" in page
    table = re.search(r'<table id="points-\d+">.*?</table>', page, re.S).group(0)
    assert table.count("<tr>") == 15  # the header and 14 points
    assert "shift" in table


def test_a_falling_no_show_rate_is_an_improving_trend(admin_client):
    item = _item(NO_SHOWS)
    for week, value in enumerate([18, 19, 17, 18, 16, 15, 14, 13]):
        on = date(2026, 1, 5) + timedelta(weeks=week)
        measures.record_point(item.measures[0], on.isoformat(), str(value))
    db.session.commit()
    page = admin_client.get(f"/backlog/{item.id}").get_data(as_text=True)
    assert "Trend: 5 points in a row going down" in page
    assert "An improvement: getting better. (Lower is better for this measure.)" in page
    assert "Too few points to judge runs" in page
    assert page.count('class="mark-trend"') == 5


def test_a_board_member_sees_the_run_chart_but_cannot_edit(client, users):
    item = _item(INTERPRETERS)
    measure = item.measures[0]
    _monthly(measure, STEP)
    sign_in(client, users[Role.BOARD].email)
    page = client.get(f"/backlog/{item.id}").get_data(as_text=True)
    assert 'role="img"' in page and "Shift: 7 points in a row above the median" in page
    assert "Add a measure" not in page and "Add data point" not in page
    prefix = f"m{measure.id}"
    forbidden = [
        client.post(
            f"/backlog/{item.id}/measures/{measure.id}/points",
            data={f"{prefix}-on": "2026-06-30", f"{prefix}-value": "80"},
        ),
        client.post(f"/backlog/{item.id}/measures/new", data={"name": "X", "direction": "up"}),
        client.post(f"/backlog/{item.id}/measures/{measure.id}/edit", data={"name": "X"}),
        client.post(
            f"/backlog/{item.id}/measures/import", data={"text": "date,value\n2026-06-30,80"}
        ),
        client.post(f"/backlog/{item.id}/measures/{measure.id}/points/1/delete"),
    ]
    assert [response.status_code for response in forbidden] == [403] * 5
    assert _points() == len(STEP)


def test_a_wrong_point_can_be_removed(admin_client):
    item = _item(INTERPRETERS)
    measure = item.measures[0]
    point, _ = measures.record_point(measure, "2026-01-31", "62")
    db.session.commit()
    url = f"/backlog/{item.id}/measures/{measure.id}/points/{point.id}/delete"
    assert admin_client.post(url).status_code == 302
    assert _points() == 0
    assert admin_client.post(url).status_code == 404


def test_the_run_chart_on_an_arabic_page_runs_right_to_left(client, app):
    make_user(Role.STAFF, "staff-ar@clinic.example", language="ar")
    item = _item(INTERPRETERS)
    _monthly(item.measures[0], STEP)
    sign_in(client, "staff-ar@clinic.example")
    page = client.get(f"/backlog/{item.id}").get_data(as_text=True)
    assert 'dir="rtl"' in page
    xs = [float(x) for x in re.findall(r'class="mark-shift" x="([\d.]+)"', page)]
    assert len(xs) == 14 and xs == sorted(xs, reverse=True)  # the first month on the right


def test_every_editing_page_opens_for_staff(client, users):
    item = _item(INTERPRETERS)
    measure = item.measures[0]
    measures.record_point(measure, "2026-01-31", "62")
    cycles.add_cycle(item, cycles.CycleInput(question="Q?"), None)
    db.session.commit()
    sign_in(client, users[Role.STAFF].email)
    base = f"/backlog/{item.id}"
    for url in (
        f"{base}/cycles/new",
        f"{base}/cycles/1/edit",
        f"{base}/cycles/import",
        f"{base}/measures/new",
        f"{base}/measures/{measure.id}/edit",
        f"{base}/measures/{measure.id}/points",
        f"{base}/measures/import",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "style=" not in response.get_data(as_text=True), url
    edit = client.get(f"{base}/measures/{measure.id}/edit").get_data(as_text=True)
    assert 'value="Visits with a needed interpreter present"' in edit
    assert '<option selected value="up">' in edit


def test_the_demo_measures_show_a_shift_and_a_trend(db_app):
    interpreters = services.create_item(ItemInput(title="Same-day interpreter access"), None)
    no_shows = services.create_item(ItemInput(title="Cut no-shows"), None)
    add_demo_measures(interpreters, no_shows, datetime(2026, 9, 15, tzinfo=UTC))
    db.session.commit()
    db.session.expire_all()
    (interpreter_measure,) = interpreters.measures
    assert len(interpreter_measure.points) == 14
    upward = analyse([p.value for p in interpreter_measure.points]).shifts[-1]
    assert upward.upward and upward.improvement(higher_is_better=True)
    (no_show_measure,) = no_shows.measures
    assert no_show_measure.direction == Direction.DOWN
    (trend,) = analyse([p.value for p in no_show_measure.points]).trends
    assert not trend.upward
    assert [c.decision for c in interpreters.cycles] == [CycleDecision.ADAPT, CycleDecision.ADOPT]
    assert [c.decision for c in no_shows.cycles] == [None]
    assert all(c.decided_on <= date(2026, 9, 15) for c in interpreters.cycles)
