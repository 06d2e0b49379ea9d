"""Reading a participant CSV (an EHR extract) into a plan: who is created, updated or refused.

Pure: pandas and plain data, no Flask and no database. The service gives it the
languages, sites and phones that exist; it gives back normalized records and, for
every refused row, its row number and the reasons, as codes the page translates.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import pandas as pd

from engage.people.phones import parse_phone
from engage.people.vocabulary import AgeBand, ConsentMethod, Gender, RaceEthnicity

# Header spellings seen in EHR extracts, mapped to engage's field names.
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "phone": ("phone", "phone_number", "mobile", "mobile_phone", "cell", "cell_phone", "sms_phone"),
    "name": ("name", "full_name", "patient_name"),
    "external_id": ("external_id", "mrn", "patient_id", "medical_record_number"),
    "language": ("language", "preferred_language", "lang"),
    "site": ("site", "clinic", "location"),
    "age_band": ("age_band", "age", "age_group"),
    "race_ethnicity": ("race_ethnicity", "race", "race_and_ethnicity", "ethnicity"),
    "gender": ("gender", "sex", "gender_identity"),
    "zip_code": ("zip", "zip_code", "zipcode", "postal_code"),
    "sms_consent": ("sms_consent", "consent", "text_consent"),
    "consent_date": ("consent_date", "sms_consent_date"),
    "consent_wording": ("consent_wording", "consent_text"),
}

_YES = {"yes", "y", "true", "1", "si", "sí", "x"}
_NO = {"no", "n", "false", "0", ""}

_AGE_WORDS: dict[str, AgeBand] = {
    "under 18": AgeBand.UNDER_18,
    "<18": AgeBand.UNDER_18,
    "0-17": AgeBand.UNDER_18,
    "18-44": AgeBand.AGE_18_44,
    "18 to 44": AgeBand.AGE_18_44,
    "45-64": AgeBand.AGE_45_64,
    "45 to 64": AgeBand.AGE_45_64,
    "65+": AgeBand.AGE_65_PLUS,
    "65 or older": AgeBand.AGE_65_PLUS,
    "65 and over": AgeBand.AGE_65_PLUS,
}

_RACE_WORDS: dict[str, RaceEthnicity] = {
    "american indian or alaska native": RaceEthnicity.AMERICAN_INDIAN_ALASKA_NATIVE,
    "american indian": RaceEthnicity.AMERICAN_INDIAN_ALASKA_NATIVE,
    "alaska native": RaceEthnicity.AMERICAN_INDIAN_ALASKA_NATIVE,
    "asian": RaceEthnicity.ASIAN,
    "black or african american": RaceEthnicity.BLACK_AFRICAN_AMERICAN,
    "black": RaceEthnicity.BLACK_AFRICAN_AMERICAN,
    "african american": RaceEthnicity.BLACK_AFRICAN_AMERICAN,
    "hispanic or latino": RaceEthnicity.HISPANIC_LATINO,
    "hispanic": RaceEthnicity.HISPANIC_LATINO,
    "latino": RaceEthnicity.HISPANIC_LATINO,
    "latina": RaceEthnicity.HISPANIC_LATINO,
    "latinx": RaceEthnicity.HISPANIC_LATINO,
    "middle eastern or north african": RaceEthnicity.MIDDLE_EASTERN_NORTH_AFRICAN,
    "middle eastern": RaceEthnicity.MIDDLE_EASTERN_NORTH_AFRICAN,
    "north african": RaceEthnicity.MIDDLE_EASTERN_NORTH_AFRICAN,
    "native hawaiian or pacific islander": RaceEthnicity.NATIVE_HAWAIIAN_PACIFIC_ISLANDER,
    "native hawaiian or other pacific islander": RaceEthnicity.NATIVE_HAWAIIAN_PACIFIC_ISLANDER,
    "pacific islander": RaceEthnicity.NATIVE_HAWAIIAN_PACIFIC_ISLANDER,
    "white": RaceEthnicity.WHITE,
    "prefer not to say": RaceEthnicity.PREFER_NOT_TO_SAY,
    "declined": RaceEthnicity.PREFER_NOT_TO_SAY,
    "unknown": RaceEthnicity.PREFER_NOT_TO_SAY,
}

_GENDER_WORDS: dict[str, Gender] = {
    "woman": Gender.WOMAN,
    "female": Gender.WOMAN,
    "f": Gender.WOMAN,
    "man": Gender.MAN,
    "male": Gender.MAN,
    "m": Gender.MAN,
    "non-binary": Gender.NONBINARY,
    "nonbinary": Gender.NONBINARY,
    "another gender": Gender.ANOTHER,
    "other": Gender.ANOTHER,
    "prefer not to say": Gender.PREFER_NOT_TO_SAY,
    "declined": Gender.PREFER_NOT_TO_SAY,
}

_ZIP = re.compile(r"^\d{5}(-\d{4})?$", re.ASCII)  # not ٠٢١٣٩ or other scripts' digits

# Each vocabulary's own values, built once rather than for each of 50,000 rows.
_AGE_VALUES = frozenset(member.value for member in AgeBand)
_RACE_VALUES = frozenset(member.value for member in RaceEthnicity)
_GENDER_VALUES = frozenset(member.value for member in Gender)
_CONSENT_VALUES = frozenset(member.value for member in ConsentMethod)


class ImportProblem(Exception):
    """The file as a whole cannot be imported; ``code`` names why, ``detail`` adds facts."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Reason:
    """Why a row is refused: a code the page translates, and the offending value."""

    code: str
    value: str = ""


@dataclass
class ParticipantRecord:
    """A row, normalized; ``None`` means the file said nothing, so an update keeps the old value."""

    row: int
    phone: str
    name: str | None = None
    external_id: str | None = None
    language: str | None = None
    site_id: int | None = None
    age_band: str | None = None
    race_ethnicity: list[str] | None = None
    gender: str | None = None
    zip_code: str | None = None
    consent_method: str | None = None
    consent_at: str | None = None  # ISO 8601, UTC
    consent_wording: str | None = None


@dataclass
class Refusal:
    row: int
    phone: str
    reasons: list[Reason]


@dataclass
class ImportPlan:
    creates: list[ParticipantRecord] = field(default_factory=list)
    updates: list[ParticipantRecord] = field(default_factory=list)
    refusals: list[Refusal] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def total_rows(self) -> int:
        return len(self.creates) + len(self.updates) + len(self.refusals)


def decode_csv(raw: bytes) -> str:
    """UTF-8 (with or without a byte-order mark), else Windows-1252, as Excel on Windows saves.

    UTF-16 with a byte-order mark (Excel's "Unicode text") is read too.
    """
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16", errors="replace")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


SEPARATORS = (",", ";", "\t")


def _separator(body: str) -> str:
    """The separator that splits the header into the most known columns, then the most columns.

    Judged on the header alone: data cells hold commas and semicolons (names, race lists)
    that fool a guess from the whole text, and the header is what has to be understood.
    Comma wins a tie.
    """
    header = body.split("\n", 1)[0].rstrip("\r")

    def score(separator: str) -> tuple[int, int]:
        cells = next(csv.reader([header], delimiter=separator), [])
        known, _ignored = map_columns(cells)
        return len(known), len(cells)

    return max(SEPARATORS, key=score)


def read_table(raw: bytes) -> pd.DataFrame:
    """The file as a table of strings, or :class:`ImportProblem`.

    The index is each row's number as a spreadsheet shows it (the header is row 1, a blank
    line is a row too), so a refusal points at the row people see when they open the file.
    Rows with nothing in them are left out.
    """
    text = decode_csv(raw)
    if not text.strip():
        raise ImportProblem("empty")
    if "\x00" in text[:8192]:  # a workbook, an image, a PDF: not a text file
        raise ImportProblem("unreadable", "this is not a text file; save the sheet as CSV")
    body = text.lstrip()
    header_row = text[: len(text) - len(body)].count("\n") + 1
    separator = _separator(body)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", pd.errors.ParserWarning)
            frame = pd.read_csv(
                io.StringIO(body),
                sep=separator,
                dtype=str,
                keep_default_na=False,
                skip_blank_lines=False,
                on_bad_lines="error",
                # Never take the first column as an index (pandas does when the first row
                # has more cells than the header): every column would shift by one.
                index_col=False,
            )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error, ValueError) as error:
        raise ImportProblem("unreadable", str(error).splitlines()[0][:200]) from error
    if any(issubclass(warning.category, pd.errors.ParserWarning) for warning in caught):
        # The first row is longer than the header; pandas would drop its extra cells
        # (any later row that long is a ParserError above).
        raise ImportProblem(
            "unreadable",
            f"Expected {len(frame.columns)} fields in line {header_row + 1}, saw more",
        )
    frame.index = pd.RangeIndex(header_row + 1, header_row + 1 + len(frame))
    if len(frame.columns):
        blank = frame.fillna("").apply(lambda column: column.str.strip() == "").all(axis=1)
        frame = frame[~blank]
    if frame.empty:
        raise ImportProblem("no_rows")
    return frame


def race_from_text(word: str) -> RaceEthnicity | None:
    """A 2024 OMB category from its code or a common spelling of it (lower case)."""
    if word in _RACE_VALUES:
        return RaceEthnicity(word)
    return _RACE_WORDS.get(word)


def _key(header: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", header.strip().lower()).strip("_")


def map_columns(headers: Iterable[str]) -> tuple[dict[str, str], list[str]]:
    """Engage field → the file's header, and the headers engage does not use."""
    mapping: dict[str, str] = {}
    ignored: list[str] = []
    for header in headers:
        key = _key(str(header))
        for field_name, aliases in COLUMN_ALIASES.items():
            if key in aliases and field_name not in mapping:
                mapping[field_name] = str(header)
                break
        else:
            ignored.append(str(header))
    return mapping, ignored


def age_band_from_text(value: str) -> AgeBand | None:
    """An age band from what an EHR extract writes: a code, "18-44", "65+", or an age."""
    text = value.strip().lower().replace("–", "-").replace(" - ", "-")
    if text in _AGE_VALUES:
        return AgeBand(text)
    if text in _AGE_WORDS:
        return _AGE_WORDS[text]
    if text in ("prefer not to say", "declined", "unknown"):
        return AgeBand.PREFER_NOT_TO_SAY
    if text.isdecimal():  # what int() reads; isdigit() also takes ², which int() refuses
        years = int(text)
        if years > 120:
            return None
        if years < 18:
            return AgeBand.UNDER_18
        if years < 45:
            return AgeBand.AGE_18_44
        if years < 65:
            return AgeBand.AGE_45_64
        return AgeBand.AGE_65_PLUS
    return None


def _consent_date(value: str) -> datetime | None:
    try:
        parsed = date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
    return datetime(parsed.year, parsed.month, parsed.day, 12, tzinfo=UTC)


def _record_from_row(
    number: int,
    cells: Mapping[str, str],
    *,
    default_region: str,
    normalize_language: Mapping[str, str],
    sites: Mapping[str, int],
    imported_at: datetime,
) -> tuple[ParticipantRecord | None, list[Reason]]:
    reasons: list[Reason] = []
    raw_phone = cells.get("phone", "")
    parsed = parse_phone(raw_phone, default_region)
    if parsed.problem is not None:
        reasons.append(Reason(f"phone_{parsed.problem.value}", raw_phone))
    record = ParticipantRecord(row=number, phone=parsed.e164 or raw_phone)

    def text(field_name: str) -> str:
        return cells.get(field_name, "").strip()

    if name := text("name"):
        record.name = name[:120]
    if external_id := text("external_id"):
        record.external_id = external_id[:64]
    if language := text("language"):
        code = normalize_language.get(language.lower())
        if code is None:
            reasons.append(Reason("unknown_language", language))
        record.language = code
    if site := text("site"):
        site_id = sites.get(site.lower())
        if site_id is None:
            reasons.append(Reason("unknown_site", site))
        record.site_id = site_id
    if age := text("age_band"):
        band = age_band_from_text(age)
        if band is None:
            reasons.append(Reason("unknown_age_band", age))
        record.age_band = band.value if band else None
    if races := text("race_ethnicity"):
        categories: list[str] = []
        for part in re.split(r"[;|/]", races):
            word = part.strip().lower()
            if not word:
                continue
            category = race_from_text(word)
            if category is not None:
                categories.append(category.value)
            else:
                reasons.append(Reason("unknown_race_ethnicity", part.strip()))
        if RaceEthnicity.PREFER_NOT_TO_SAY.value in categories and len(set(categories)) > 1:
            reasons.append(Reason("race_prefer_not_with_others", races))
        record.race_ethnicity = list(dict.fromkeys(categories))
    if gender := text("gender"):
        word = gender.lower()
        if word in _GENDER_VALUES:
            record.gender = word
        elif word in _GENDER_WORDS:
            record.gender = _GENDER_WORDS[word].value
        else:
            reasons.append(Reason("unknown_gender", gender))
    if zip_code := text("zip_code"):
        if _ZIP.match(zip_code):
            record.zip_code = zip_code
        elif zip_code.isascii() and zip_code.isdigit() and len(zip_code) == 4:  # lost its 0
            record.zip_code = "0" + zip_code
        else:
            reasons.append(Reason("bad_zip", zip_code))
    consent = text("sms_consent").lower()
    if consent:
        if consent in _CONSENT_VALUES:
            record.consent_method = consent
        elif consent in _YES:
            record.consent_method = ConsentMethod.PAPER.value
        elif consent not in _NO:
            reasons.append(Reason("unknown_consent", text("sms_consent")))
    if record.consent_method:
        when = imported_at
        if consent_date := text("consent_date"):
            parsed_date = _consent_date(consent_date)
            if parsed_date is None:
                reasons.append(Reason("bad_consent_date", consent_date))
            else:
                when = parsed_date
        record.consent_at = when.isoformat()
        record.consent_wording = text("consent_wording") or None
    return (None if reasons else record), reasons


def plan_import(
    raw: bytes,
    *,
    default_region: str,
    languages: Mapping[str, str],
    sites: Mapping[str, int],
    existing_phones: set[str],
    imported_at: datetime,
) -> ImportPlan:
    """Classify every row of ``raw`` without writing anything.

    ``languages`` maps every accepted spelling (lower case) to a language code;
    ``sites`` maps a site's slug or name (lower case) to its id.
    """
    frame = read_table(raw)
    mapping, ignored = map_columns(frame.columns)
    if "phone" not in mapping:
        raise ImportProblem("no_phone_column", ", ".join(str(c) for c in frame.columns))
    plan = ImportPlan(columns=list(mapping), ignored_columns=ignored)
    fields = list(mapping)
    columns = [frame[header].tolist() for header in mapping.values()]
    first_row_for: dict[str, int] = {}
    # Row numbers as a spreadsheet shows them (see read_table).
    for number, values in zip(frame.index.tolist(), zip(*columns, strict=True), strict=True):
        cells = dict(zip(fields, values, strict=True))
        record, reasons = _record_from_row(
            number,
            cells,
            default_region=default_region,
            normalize_language=languages,
            sites=sites,
            imported_at=imported_at,
        )
        if record is not None:
            earlier = first_row_for.get(record.phone)
            if earlier is not None:
                reasons = [Reason("duplicate_phone", str(earlier))]
                record = None
        if record is None:
            plan.refusals.append(Refusal(number, str(cells.get("phone", "")), reasons))
            continue
        first_row_for[record.phone] = number
        (plan.updates if record.phone in existing_phones else plan.creates).append(record)
    return plan
