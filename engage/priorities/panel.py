"""The clinic's patient panel: replace it from a CSV file (or pasted text), read it back.

The panel is replaced whole, in one transaction: half of an old panel mixed with half
of a new one would compare respondents against a clinic that never existed.
"""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa
from flask_babel import gettext as _

from engage.core import audit
from engage.core.errors import EngageError
from engage.core.models import AuditAction
from engage.extensions import db
from engage.people.importing import ImportProblem, Reason
from engage.people.imports import problem_message, reason_message
from engage.people.models import Site
from engage.people.services import language_spellings
from engage.priorities.models import PanelStratum
from engage.priorities.panel_file import ANY, DIMENSION_COLUMNS, PanelPlan, PanelProblem, plan_panel

MAX_PANEL_BYTES = 2 * 1024 * 1024
MAX_PROBLEMS_SHOWN = 20


class PanelRefused(EngageError):
    """The panel file is refused; the old panel stays. ``problems`` lists each row's."""

    def __init__(self, message: object, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


def panel_problem_message(problem: PanelProblem) -> str:
    if problem.code in ("unknown_language", "unknown_site", "unknown_age_band"):
        text = reason_message(Reason(problem.code, problem.value))
    elif problem.code == "unknown_race_ethnicity":
        text = _(
            "“%(value)s” is not one of the race and ethnicity categories, “multiple” or “unknown”.",
            value=problem.value,
        )
    elif problem.code == "bad_count":
        text = _("“%(value)s” is not a whole number of patients.", value=problem.value)
    else:
        text = _("This stratum is already on an earlier row.")
    return _("Row %(row)d: %(problem)s", row=problem.row, problem=text)


def _file_problem_message(problem: ImportProblem) -> str:
    messages = {
        "panel_needs_count": _("The file has no “count” column."),
        "panel_needs_dimension": _(
            "The file needs at least one of the columns language, age_band, race_ethnicity "
            "and site."
        ),
        "panel_empty": _("Every count in the file is zero."),
    }
    return messages.get(problem.code) or problem_message(problem)


def _sites() -> dict[str, str]:
    spellings: dict[str, str] = {}
    for slug, name in db.session.execute(sa.select(Site.slug, Site.name)):
        spellings[slug.lower()] = slug
        spellings[name.lower()] = slug
    return spellings


def replace_panel(raw: bytes) -> PanelPlan:
    """Check ``raw`` whole, then swap it in for the old panel, or refuse and change nothing."""
    if len(raw) > MAX_PANEL_BYTES:
        raise PanelRefused(_("The file is larger than 2 MB. A panel has one row per stratum."))
    try:
        plan = plan_panel(raw, language_spellings(), _sites())
    except ImportProblem as problem:
        raise PanelRefused(_file_problem_message(problem)) from problem
    if plan.problems:
        shown = [panel_problem_message(problem) for problem in plan.problems[:MAX_PROBLEMS_SHOWN]]
        raise PanelRefused(
            _(
                "Nothing was saved: %(count)d rows have problems. Correct them and try again.",
                count=len({problem.row for problem in plan.problems}),
            ),
            shown,
        )
    db.session.execute(sa.delete(PanelStratum))
    db.session.add_all(
        PanelStratum(language=lang, age_band=age, race_ethnicity=race, site=site, count=count)
        for (lang, age, race, site), count in plan.strata.items()
    )
    db.session.flush()
    audit.record(
        AuditAction.IMPORT,
        "panel",
        None,
        {"strata": len(plan.strata), "patients": plan.total, "dimensions": plan.dimensions},
    )
    return plan


def panel_strata() -> list[PanelStratum]:
    return list(
        db.session.scalars(
            sa.select(PanelStratum).order_by(
                PanelStratum.language,
                PanelStratum.age_band,
                PanelStratum.race_ethnicity,
                PanelStratum.site,
            )
        )
    )


def panel_frame() -> pd.DataFrame | None:
    """The panel as the aggregation reads it, without the dimensions it does not split on."""
    strata = panel_strata()
    if not strata:
        return None
    frame = pd.DataFrame(
        [(s.language, s.age_band, s.race_ethnicity, s.site, s.count) for s in strata],
        columns=[*DIMENSION_COLUMNS, "count"],
    )
    unused = [name for name in DIMENSION_COLUMNS if (frame[name] == ANY).all()]
    return frame.drop(columns=unused)
