"""The community priorities page, the "whose voice is in it" view, and their CSV report.

Read by the lead, staff and the board alike: every figure on them is already
aggregated and small cells are hidden, so no participant can be recognised.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import sqlalchemy as sa
from flask import Response, abort, render_template, request
from flask_babel import get_locale
from flask_login import current_user

from engage.auth.roles import Role
from engage.core import audit
from engage.core.access import roles_required
from engage.core.models import AuditAction
from engage.extensions import db
from engage.people.models import Site
from engage.priorities import bp
from engage.priorities.aggregation import DIMENSIONS, report_table
from engage.priorities.community import (
    UNDER_MARGIN,
    WEIGHTINGS,
    Community,
    chart_bars,
    choose_survey,
    community,
    surveys_with_priorities,
)
from engage.priorities.labels import DIMENSION_LABELS, WEIGHTING_LABELS, group_label
from engage.surveys.results import SMALL_CELL

EVERYONE = (Role.ADMIN, Role.STAFF, Role.BOARD)


def _language() -> str:
    return str(get_locale() or "en")


def _site_names() -> dict[str, str]:
    return dict(db.session.execute(sa.select(Site.slug, Site.name)).all())


def _community(weighting: str | None = None) -> Community | None:
    slug = request.args.get("survey") or None
    survey = choose_survey(slug)
    if slug and survey is None:
        abort(404)
    return community(survey, weighting) if survey else None


def _dimension() -> str | None:
    by = request.args.get("by") or None
    if by is not None and by not in DIMENSIONS:
        abort(400)
    return by


def _labels(result: Community) -> dict[str, str]:
    language = _language()
    return {key: item.label(language) for key, item in result.items.items()}


# How many backlog items answer each priority. The backlog is a later step of the loop and
# builds on this package, so it registers its counter here rather than being imported.
FollowUpCounter = Callable[[list[int]], dict[int, int]]
FOLLOW_UP_COUNTERS: list[FollowUpCounter] = []


def counts_follow_ups(counter: FollowUpCounter) -> FollowUpCounter:
    FOLLOW_UP_COUNTERS.append(counter)
    return counter


def _backlog(result: Community | None) -> dict[str, tuple[int, int]] | None:
    """Item key → (priority id, how many backlog items answer it), for staff and the lead."""
    if result is None or current_user.role not in (Role.ADMIN, Role.STAFF):
        return None
    ids = {key: item.id for key, item in result.items.items()}
    answered = [counter(list(ids.values())) for counter in FOLLOW_UP_COUNTERS]
    return {
        key: (priority_id, sum(counts.get(priority_id, 0) for counts in answered))
        for key, priority_id in ids.items()
    }


@bp.route("/")
@roles_required(*EVERYONE)
def index() -> str:
    by = _dimension()
    weighted = request.args.get("weighted") == "1"
    result = _community("raking" if weighted else None)
    labels = _labels(result) if result else {}
    return render_template(
        "priorities/community.html",
        result=result,
        surveys=surveys_with_priorities(),
        by=by,
        weighted=weighted,
        dimensions=DIMENSION_LABELS,
        labels=labels,
        chart_bars=chart_bars(result.figures.overall, labels) if result else [],
        backlog=_backlog(result),
        group_label=group_label,
        sites=_site_names(),
        small_cell=SMALL_CELL,
    )


@bp.route("/voices")
@roles_required(*EVERYONE)
def voices() -> str:
    weighting = request.args.get("weighting", "raking")
    if weighting not in WEIGHTINGS:
        abort(400)
    result = _community(weighting)
    return render_template(
        "priorities/voices.html",
        result=result,
        surveys=surveys_with_priorities(),
        weighting=weighting,
        weightings=WEIGHTING_LABELS,
        under_margin=UNDER_MARGIN,
        dimensions=DIMENSION_LABELS,
        labels=_labels(result) if result else {},
        group_label=group_label,
        sites=_site_names(),
        small_cell=SMALL_CELL,
    )


@bp.route("/report.csv")
@roles_required(Role.ADMIN, Role.STAFF)
def report_csv() -> Response:
    """The page's figures as CSV (small cells as "<11"), for the board packet."""
    by = _dimension()
    result = _community()
    if result is None:
        abort(404)
    table = report_table(result.figures, by)
    buffer = io.StringIO()
    table.to_csv(buffer, index=False)
    audit.record(AuditAction.EXPORT, "priorities_report", result.survey.id, {"by": by or "overall"})
    db.session.commit()
    name = f"priorities-{result.survey.slug}-{by or 'overall'}.csv"
    return Response(
        "\ufeff" + buffer.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
