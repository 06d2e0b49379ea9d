"""Completion across the clinic: by module, by role and by site, and as CSV or Excel files.

One row per person and assigned module (a *duty*), built once from every active account,
every assignment of a published module and every first passing attempt; the tallies are
counts over those rows. Staff names are shown: this is a management report about
training, not about patients, so the "<11" rule for patient subgroups does not apply.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import IO

import sqlalchemy as sa
import xlsxwriter
from flask_babel import gettext as _

from engage.auth.models import User
from engage.auth.roles import Role
from engage.core import audit
from engage.core.models import AuditAction
from engage.extensions import db
from engage.training.assignments import (
    DutyStatus,
    Person,
    clinic_day,
    due_days,
    first_passes,
    published_targets,
    status_of,
)
from engage.training.models import TrainingModule

# A cell starting with one of these is run as a formula by spreadsheet programs (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class DutyRow:
    user_id: int
    name: str
    email: str
    role: Role
    site: str
    module_id: int
    module_slug: str
    module_title: str
    due_on: date
    status: DutyStatus
    completed_on: date | None
    score: int | None


@dataclass(frozen=True)
class Tally:
    label: str
    assigned: int
    done: int
    due: int
    overdue: int

    @property
    def percent_done(self) -> int:
        return (100 * self.done) // self.assigned if self.assigned else 0


@dataclass(frozen=True)
class ModuleTally:
    tally: Tally
    slug: str
    overdue: list[DutyRow]  # the people to follow up, by name and due day


@dataclass(frozen=True)
class CompletionReport:
    rows: list[DutyRow]
    by_module: list[ModuleTally]
    by_role: list[Tally]
    by_site: list[Tally]


def duty_rows(language: str, today: date) -> list[DutyRow]:
    """Every active person's assigned modules, with their status on ``today``."""
    targets = published_targets()
    if not targets:
        return []
    people = list(
        db.session.scalars(
            sa.select(User).where(User.active.is_(True)).order_by(User.name, User.id)
        )
    )
    modules = {m.id: m for m in db.session.scalars(sa.select(TrainingModule))}
    passes = first_passes()
    rows = []
    for user in people:
        due = due_days(Person(user.id, user.role, user.site_id), targets)
        for module_id, due_on in sorted(due.items(), key=lambda item: (item[1], item[0])):
            module = modules[module_id]
            completion = passes.get((user.id, module_id))
            rows.append(
                DutyRow(
                    user_id=user.id,
                    name=user.name,
                    email=user.email,
                    role=user.role,
                    site=user.site.name if user.site else "",
                    module_id=module.id,
                    module_slug=module.slug,
                    module_title=module.title_in(language),
                    due_on=due_on,
                    status=status_of(due_on, completion is not None, today),
                    completed_on=clinic_day(completion.submitted_at) if completion else None,
                    score=completion.score if completion else None,
                )
            )
    return rows


def tally(label: str, rows: Iterable[DutyRow]) -> Tally:
    statuses = [row.status for row in rows]
    return Tally(
        label=label,
        assigned=len(statuses),
        done=statuses.count(DutyStatus.DONE),
        due=statuses.count(DutyStatus.DUE),
        overdue=statuses.count(DutyStatus.OVERDUE),
    )


def _grouped(rows: list[DutyRow], key: Callable[[DutyRow], str]) -> dict[str, list[DutyRow]]:
    groups: dict[str, list[DutyRow]] = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    return groups


def completion_report(language: str, today: date) -> CompletionReport:
    rows = duty_rows(language, today)
    by_module = []
    for module_rows in _grouped(rows, lambda r: str(r.module_id)).values():
        first = module_rows[0]
        overdue = sorted(
            (r for r in module_rows if r.status is DutyStatus.OVERDUE),
            key=lambda r: (r.due_on, r.name),
        )
        by_module.append(
            ModuleTally(tally(first.module_title, module_rows), first.module_slug, overdue)
        )
    by_module.sort(key=lambda m: m.slug)
    by_role = [
        tally(role.label, rows_of_role)
        for role in Role
        if (rows_of_role := [r for r in rows if r.role is role])
    ]
    no_site = _("No site")
    by_site = [
        tally(site or no_site, site_rows)
        for site, site_rows in sorted(
            _grouped(rows, lambda r: r.site).items(), key=lambda i: (i[0] == "", i[0])
        )
    ]
    return CompletionReport(rows, by_module, by_role, by_site)


# --- files ------------------------------------------------------------------------------


def _guard(value: object) -> object:
    """A name typed as "=HYPERLINK(…)" stays text when the file is opened in a spreadsheet."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def status_labels() -> dict[DutyStatus, str]:
    return {DutyStatus.DONE: _("done"), DutyStatus.DUE: _("due"), DutyStatus.OVERDUE: _("overdue")}


def _headings() -> list[str]:
    return [
        _("Name"),
        _("Email address"),
        _("Role"),
        _("Site"),
        _("Module"),
        _("Module title"),
        _("Due"),
        _("Status"),
        _("Completed"),
        _("Score (%)"),
    ]


def _cells(row: DutyRow, labels: dict[DutyStatus, str]) -> list[object]:
    return [
        _guard(row.name),
        _guard(row.email),
        row.role.label,
        _guard(row.site),
        row.module_slug,
        _guard(row.module_title),
        row.due_on.isoformat(),
        labels[row.status],
        row.completed_on.isoformat() if row.completed_on else "",
        row.score if row.score is not None else "",
    ]


def record_export(file_format: str, rows: int) -> None:
    """Who took the staff training report away, in which format; the caller commits."""
    audit.record(AuditAction.EXPORT, "training_report", None, {"format": file_format, "rows": rows})


def write_csv(report: CompletionReport) -> str:
    """One row per person and module; a byte-order mark so Excel reads accents right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(_headings())
    labels = status_labels()
    for row in report.rows:
        writer.writerow(_cells(row, labels))
    return "\ufeff" + buffer.getvalue()


def write_xlsx(report: CompletionReport, target: IO[bytes]) -> None:
    """The same rows on a first sheet, and the three tallies on sheets of their own."""
    options = {
        "in_memory": True,
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "strings_to_numbers": False,
    }
    book = xlsxwriter.Workbook(target, options)
    bold = book.add_format({"bold": True})
    sheet = book.add_worksheet(_("People")[:31])
    sheet.write_row(0, 0, _headings(), bold)
    labels = status_labels()
    for number, row in enumerate(report.rows, 1):
        sheet.write_row(number, 0, _cells(row, labels))
    tally_headings = [_("Assigned"), _("Done"), _("Due"), _("Overdue"), _("Done (%)")]
    sheets = (
        (_("By module"), [m.tally for m in report.by_module]),
        (_("By role"), report.by_role),
        (_("By site"), report.by_site),
    )
    for title, tallies in sheets:
        tally_sheet = book.add_worksheet(title[:31])
        tally_sheet.write_row(0, 0, [""] + tally_headings, bold)
        for number, entry in enumerate(tallies, 1):
            tally_sheet.write_row(
                number,
                0,
                [
                    _guard(entry.label),
                    entry.assigned,
                    entry.done,
                    entry.due,
                    entry.overdue,
                    entry.percent_done,
                ],
            )
    book.close()
