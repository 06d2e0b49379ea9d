"""Responses as files: CSV and Excel, one row per response, coded or labelled, with a codebook.

A column per question (single choice, Likert, number, yes/no, free text), or a column
per choice (multiple choice: 0/1; ranking: the rank given, blank when not ranked).
*Coded* cells hold choice keys and numbers, for analysis; *labelled* cells hold the
choices' words in the survey's base language, for reading. The Excel file carries a
second sheet, the codebook, that says what every column and code means.

Both formats are written a chunk of responses at a time (see
:func:`engage.surveys.result_rows.response_chunks`), so 100,000 responses never sit in
memory at once; Excel is written by xlsxwriter in its constant-memory mode, row by row.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import IO, Any

import pandas as pd
from flask_babel import force_locale
from flask_babel import gettext as _

from engage.core import audit
from engage.core.models import AuditAction
from engage.surveys.models import Survey
from engage.surveys.result_rows import (
    Chunk,
    ResultFilter,
    count_responses,
    last_response_id,
    response_chunks,
    survey_questions,
)
from engage.surveys.results import SurveyQuestion

FIXED_COLUMNS = ("response_id", "participant_id", "channel", "language", "started", "completed")
PER_CHOICE_TYPES = frozenset({"multiple", "ranking"})
CODEBOOK_COLUMNS = ["column", "question_key", "question_text", "type", "codes"]
# A cell starting with one of these is run as a formula by spreadsheet programs (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ExportPlan:
    """What one export covers, fixed when it is asked for (and written to the audit trail)."""

    survey: Survey
    criteria: ResultFilter
    labelled: bool
    upto_id: int  # responses that arrive while the file is written are left for the next one
    rows: int


def record_export(
    survey: Survey, file_format: str, rows: int, detail: dict[str, Any] | None = None
) -> None:
    """Who exported what from which survey, and how many rows; the caller commits."""
    entry = {"format": file_format, "rows": rows, "slug": survey.slug} | (detail or {})
    audit.record(AuditAction.EXPORT, "survey", survey.id, entry)


def plan_export(
    survey: Survey, criteria: ResultFilter, file_format: str, labelled: bool
) -> ExportPlan:
    """Fix which responses an export holds and record it in the audit trail."""
    upto_id = last_response_id(survey)
    rows = count_responses(survey, criteria, upto_id)
    detail = criteria.as_detail()
    if file_format in ("csv", "xlsx"):
        detail["variant"] = "labelled" if labelled else "coded"
    record_export(survey, file_format, rows, detail)
    return ExportPlan(survey, criteria, labelled, upto_id, rows)


def _guard(text: str) -> str:
    """Free text a patient typed stays text when the CSV is opened in a spreadsheet."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Slot:
    """Where one question's answer goes in a row, and how it is written there."""

    def __init__(
        self,
        question: SurveyQuestion,
        first: int,
        labelled: bool,
        language: str,
        yes_no: Mapping[str, str],
        guard: bool,
    ) -> None:
        spec = question.spec
        self.type = spec.type
        self.first = first
        self.columns = {key: first + n for n, key in enumerate(spec.choice_keys)}
        self.labels: dict[Any, Any] = {}
        if labelled and spec.type == "single":
            self.labels = {c.key: c.label(language, language) for c in spec.choices}
        elif labelled and spec.type == "likert":
            self.labels = {n: c.label(language, language) for n, c in enumerate(spec.choices, 1)}
        elif spec.type == "yes_no":
            self.labels = (
                {True: yes_no["yes"], False: yes_no["no"]} if labelled else {True: 1, False: 0}
            )
        self.guard = guard and (labelled or spec.type == "text")

    def fill(self, row: list[Any], value: Any) -> None:
        if self.type == "multiple":
            for key, column in self.columns.items():
                row[column] = 1 if key in value else 0
        elif self.type == "ranking":
            for place, key in enumerate(value, 1):
                if key in self.columns:
                    row[self.columns[key]] = place
        else:
            cell = self.labels.get(value, value) if self.labels else value
            row[self.first] = _guard(cell) if self.guard and isinstance(cell, str) else cell


@dataclass(frozen=True)
class Layout:
    """The file's columns, and the slot each question fills."""

    names: list[str]
    slots: dict[str, _Slot]
    types: dict[str, str]


def column_names(question: SurveyQuestion) -> list[str]:
    """``q1``, or ``q1.housing`` per choice ("." never appears in a key, so names never clash)."""
    if question.type in PER_CHOICE_TYPES:
        return [f"{question.key}.{key}" for key in question.spec.choice_keys]
    return [question.key]


def yes_no_labels(language: str) -> dict[str, str]:
    with force_locale(language):
        return {"yes": _("Yes"), "no": _("No")}


def layout(survey: Survey, questions: list[SurveyQuestion], labelled: bool, guard: bool) -> Layout:
    names = list(FIXED_COLUMNS)
    slots = {}
    labels = yes_no_labels(survey.base_language)
    for question in questions:
        slots[question.key] = _Slot(
            question, len(names), labelled, survey.base_language, labels, guard
        )
        names.extend(column_names(question))
    return Layout(names, slots, {q.key: q.type for q in questions})


def _rows(chunk: Chunk, plan: Layout, timestamp: Any) -> list[list[Any]]:
    width = len(plan.names)
    rows = []
    where: dict[int, list[Any]] = {}
    for response in chunk.responses:
        row = [None] * width
        row[:6] = [
            response.id,
            response.participant_id,
            response.channel,
            response.language,
            timestamp(response.started_at),
            timestamp(response.completed_at),
        ]
        rows.append(row)
        where[response.id] = row
    # An answer to a question whose type has since changed has no column to go in.
    slots = {
        question_id: plan.slots[key]
        for question_id, (key, kind) in chunk.questions.items()
        if key in plan.slots and plan.types[key] == kind
    }
    for response_id, question_id, value in chunk.answers:
        slot = slots.get(question_id)
        if slot is not None:
            slot.fill(where[response_id], value)
    return rows


def _iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="seconds") + "Z"


def _naive_utc(moment: datetime | None) -> datetime | None:
    # Excel has no time zones: cells hold UTC, and the codebook says so.
    return moment.astimezone(UTC).replace(tzinfo=None, microsecond=0) if moment else None


def response_frames(plan: ExportPlan, *, for_csv: bool = True) -> Iterator[pd.DataFrame]:
    """The export's rows, a chunk of responses at a time, as data frames."""
    questions = survey_questions(plan.survey)
    columns = layout(plan.survey, questions, plan.labelled, guard=for_csv)
    timestamp = _iso if for_csv else _naive_utc
    for chunk in response_chunks(plan.survey, plan.criteria, plan.upto_id):
        yield pd.DataFrame(_rows(chunk, columns, timestamp), columns=columns.names, dtype=object)


def csv_chunks(plan: ExportPlan) -> Iterator[str]:
    """The CSV file in pieces, header first, to stream: UTF-8 with a byte-order mark so
    spreadsheet programs read every script correctly."""
    names = layout(plan.survey, survey_questions(plan.survey), plan.labelled, guard=True).names
    header = io.StringIO()
    pd.DataFrame(columns=names).to_csv(header, index=False, lineterminator="\r\n")
    yield "\ufeff" + header.getvalue()
    for frame in response_frames(plan):
        buffer = io.StringIO()
        frame.to_csv(buffer, index=False, header=False, lineterminator="\r\n")
        yield buffer.getvalue()


def codebook(survey: Survey, questions: list[SurveyQuestion]) -> pd.DataFrame:
    """What each column holds, in the survey's base language (as the labels are)."""
    base = survey.base_language
    with force_locale(base):
        rows = [
            ("response_id", "", _("Response number"), "", ""),
            ("participant_id", "", _("Participant number, blank for anonymous answers"), "", ""),
            (
                "channel",
                "",
                _("How the survey was answered"),
                "",
                _("web = web link; sms = text messages"),
            ),
            (
                "language",
                "",
                _("Language the survey was answered in"),
                "",
                ", ".join(survey.languages),
            ),
            ("started", "", _("When the response was started (UTC)"), "", ""),
            (
                "completed",
                "",
                _("When the response was finished (UTC), blank if unfinished"),
                "",
                "",
            ),
        ]
        yes_no = yes_no_labels(base)
        for question in questions:
            rows.extend(_codebook_rows(question, base, yes_no))
    return pd.DataFrame(rows, columns=CODEBOOK_COLUMNS)


def _codebook_rows(
    question: SurveyQuestion, base: str, yes_no: Mapping[str, str]
) -> list[tuple[str, str, str, str, str]]:
    spec = question.spec
    text = question.wording(base, base)
    if spec.type == "multiple":
        codes = _("1 = chosen; 0 = not chosen; blank = not answered")
    elif spec.type == "ranking":
        codes = _("1 = ranked first, 2 = second, …; blank = not ranked")
    if spec.type in PER_CHOICE_TYPES:
        return [
            (
                f"{spec.key}.{choice.key}",
                spec.key,
                f"{text}: {choice.label(base, base)}",
                spec.type,
                codes,
            )
            for choice in spec.choices
        ]
    if spec.type == "single":
        codes = "; ".join(f"{c.key} = {c.label(base, base)}" for c in spec.choices)
    elif spec.type == "likert":
        codes = "; ".join(f"{n} = {c.label(base, base)}" for n, c in enumerate(spec.choices, 1))
    elif spec.type == "yes_no":
        codes = f"1 = {yes_no['yes']}; 0 = {yes_no['no']}"
    elif spec.type == "number":
        least, most = spec.settings.get("min"), spec.settings.get("max")
        codes = _(
            "from %(least)s to %(most)s",
            least="" if least is None else least,
            most="" if most is None else most,
        )
    elif spec.type == "text":
        codes = _("text, up to %(most)s characters", most=spec.settings.get("max_length") or 500)
    else:
        codes = ""
    return [(spec.key, spec.key, text, spec.type, codes)]


def write_xlsx(plan: ExportPlan, target: IO[bytes]) -> None:
    """The Excel file: sheet "responses" (one row per response) and sheet "codebook"."""
    options = {
        "constant_memory": True,  # rows go to disk as they are written
        "strings_to_formulas": False,  # a patient's "=..." stays text
        "strings_to_urls": False,
        "strings_to_numbers": False,
        "default_date_format": "yyyy-mm-dd hh:mm:ss",
    }
    questions = survey_questions(plan.survey)
    with pd.ExcelWriter(target, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        book = writer.book
        bold = book.add_format({"bold": True})
        sheet = book.add_worksheet("responses")
        sheet.freeze_panes(1, 0)
        names = layout(plan.survey, questions, plan.labelled, guard=False).names
        sheet.set_column(4, 5, 20)
        sheet.write_row(0, 0, names, bold)
        row_number = 1
        for frame in response_frames(plan, for_csv=False):
            for row in frame.itertuples(index=False, name=None):
                sheet.write_row(row_number, 0, row)
                row_number += 1
        book_sheet = book.add_worksheet("codebook")
        book_sheet.freeze_panes(1, 0)
        book_sheet.set_column(0, 1, 22)
        book_sheet.set_column(2, 2, 60)
        book_sheet.set_column(4, 4, 60)
        book_sheet.write_row(0, 0, CODEBOOK_COLUMNS, bold)
        for number, entry in enumerate(
            codebook(plan.survey, questions).itertuples(index=False, name=None), 1
        ):
            book_sheet.write_row(number, 0, entry)
