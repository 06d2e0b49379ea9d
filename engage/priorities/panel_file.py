"""Reading the clinic's patient panel (counts by stratum) from a CSV file.

Pure: the service gives it the offered languages and the sites; it gives back the
strata, or every problem found with its row number, as codes the page translates.
Columns: ``language``, ``age_band``, ``race_ethnicity``, ``site`` (any of them may be
left out, and the panel is then compared on the others) and ``count``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from engage.people.importing import (
    ImportProblem,
    age_band_from_text,
    race_from_text,
    read_table,
)

DIMENSION_COLUMNS = ("language", "age_band", "race_ethnicity", "site")
ANY = "*"  # the stratum does not split on this dimension (its column was left out)
UNKNOWN = "unknown"
MULTIPLE = "multiple"
MAX_COUNT = 10_000_000
_ALIASES = {
    "language": ("language", "preferred_language", "lang"),
    "age_band": ("age_band", "age", "age_group"),
    "race_ethnicity": ("race_ethnicity", "race", "race_and_ethnicity", "ethnicity"),
    "site": ("site", "clinic", "location"),
    "count": ("count", "patients", "n", "number", "panel"),
}
EXAMPLE = (
    "language,age_band,race_ethnicity,site,count\n"
    "es,18-44,hispanic,eastside,1450\n"
    "en,65+,white,riverside,380"
)
_MULTIPLE_WORDS = {"multiple", "multiracial", "two or more races", "more than one", "2+"}
_UNKNOWN_WORDS = {UNKNOWN, "not recorded", "missing", ""}


@dataclass(frozen=True)
class PanelProblem:
    row: int  # as a spreadsheet shows it (the header is row 1)
    code: str
    value: str = ""


@dataclass
class PanelPlan:
    strata: dict[tuple[str, str, str, str], int] = field(default_factory=dict)
    problems: list[PanelProblem] = field(default_factory=list)
    dimensions: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.strata.values())


def _column_map(headers: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for header in headers:
        key = header.strip().lower().replace(" ", "_").replace("-", "_")
        for name, aliases in _ALIASES.items():
            if key in aliases and name not in found:
                found[name] = header
    return found


def _race(text: str) -> str | None:
    word = text.strip().lower()
    if word in _MULTIPLE_WORDS:
        return MULTIPLE
    category = race_from_text(word)
    return category.value if category else None


def plan_panel(raw: bytes, languages: Mapping[str, str], sites: Mapping[str, str]) -> PanelPlan:
    """The strata in ``raw``; ``languages`` and ``sites`` map lower-case spellings to codes.

    A stratum named twice is a problem, not a sum: a file that repeats rows is more
    likely a wrong extract than a deliberate split.
    """
    frame = read_table(raw)
    columns = _column_map([str(header) for header in frame.columns])
    if "count" not in columns:
        raise ImportProblem("panel_needs_count")
    dimensions = [name for name in DIMENSION_COLUMNS if name in columns]
    if not dimensions:
        raise ImportProblem("panel_needs_dimension")
    plan = PanelPlan(dimensions=dimensions)
    for row_number, row in frame.iterrows():
        row_no = int(row_number)  # type: ignore[call-overload]
        values: dict[str, str] = {}
        for name in DIMENSION_COLUMNS:
            if name not in columns:
                values[name] = ANY
                continue
            text = str(row[columns[name]]).strip()
            value = _dimension_value(name, text, languages, sites)
            if value is None:
                plan.problems.append(PanelProblem(row_no, f"unknown_{name}", text))
            else:
                values[name] = value
        count_text = str(row[columns["count"]]).strip().replace(",", "")
        if not count_text.isdecimal() or int(count_text) > MAX_COUNT:
            plan.problems.append(PanelProblem(row_no, "bad_count", count_text))
            continue
        if len(values) < len(DIMENSION_COLUMNS):
            continue
        stratum = (values["language"], values["age_band"], values["race_ethnicity"], values["site"])
        if stratum in plan.strata:
            plan.problems.append(PanelProblem(row_no, "repeated_stratum"))
            continue
        plan.strata[stratum] = int(count_text)
    if not plan.problems and plan.total == 0:
        raise ImportProblem("panel_empty")
    return plan


def _dimension_value(
    name: str, text: str, languages: Mapping[str, str], sites: Mapping[str, str]
) -> str | None:
    if text.lower() in _UNKNOWN_WORDS:
        return UNKNOWN
    if name == "language":
        return languages.get(text.lower())
    if name == "site":
        return sites.get(text.lower())
    if name == "age_band":
        band = age_band_from_text(text)
        return band.value if band else None
    return _race(text)
