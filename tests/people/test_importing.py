"""The import planner on its own: bytes in, a plan out, no Flask and no database."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engage.people.importing import (
    ImportPlan,
    ImportProblem,
    ParticipantRecord,
    Reason,
    map_columns,
    plan_import,
)

LANGUAGES = {
    "en": "en",
    "english": "en",
    "es": "es",
    "spanish": "es",
    "español": "es",
    "espanol": "es",
    "vi": "vi",
    "vietnamese": "vi",
}
SITES = {"eastside": 1, "eastside clinic": 1, "riverside": 2, "riverside clinic": 2}
IMPORTED_AT = datetime(2026, 4, 1, 15, 30, tzinfo=UTC)


def plan(raw: bytes | str, existing: set[str] | None = None) -> ImportPlan:
    if isinstance(raw, str):
        raw = raw.encode()
    return plan_import(
        raw,
        default_region="US",
        languages=LANGUAGES,
        sites=SITES,
        existing_phones=existing or set(),
        imported_at=IMPORTED_AT,
    )


def problem(raw: bytes | str) -> ImportProblem:
    with pytest.raises(ImportProblem) as caught:
        plan(raw)
    return caught.value


def only_refusal(result: ImportPlan) -> tuple[int, list[Reason]]:
    assert len(result.refusals) == 1, result.refusals
    refusal = result.refusals[0]
    return refusal.row, refusal.reasons


# --- encodings and separators ------------------------------------------------------------

NAME = "José Muñoz"
CSV_TEXT = f"phone,name,language\r\n617-234-5678,{NAME},Español\r\n"


@pytest.mark.parametrize(
    "raw",
    [
        CSV_TEXT.encode("utf-8"),
        CSV_TEXT.encode("utf-8-sig"),
        CSV_TEXT.encode("cp1252"),
        CSV_TEXT.encode("utf-16"),
    ],
    ids=["utf-8", "utf-8-bom", "windows-1252", "utf-16-bom"],
)
def test_encodings_are_read(raw):
    result = plan(raw)
    assert result.refusals == []
    (record,) = result.creates
    assert record.name == NAME
    assert record.language == "es"
    assert record.phone == "+16172345678"


def test_bom_does_not_hide_the_first_header():
    result = plan("phone,name\n617 234 5678,Ana\n".encode("utf-8-sig"))
    assert result.columns == ["phone", "name"]
    assert result.creates[0].name == "Ana"


def test_semicolon_separated():
    text = "phone;name;site;race\n617 234 5678;Ana Lima;Eastside;Hispanic or Latino/White\n"
    (record,) = plan(text).creates
    assert (record.phone, record.name, record.site_id) == ("+16172345678", "Ana Lima", 1)
    assert record.race_ethnicity == ["hispanic", "white"]


def test_separator_is_judged_on_the_header():
    # Every data row has one comma and one semicolon; only the header tells them apart.
    text = "phone;name\n617 234 5678;Lima, Ana\n617 234 5679;Bo, Li\n"
    assert [r.name for r in plan(text).creates] == ["Lima, Ana", "Bo, Li"]
    text = 'phone,race\n617 234 5678,"x\ny; z"\n'
    assert plan(text).columns == ["phone", "race_ethnicity"]


def test_first_row_longer_than_the_header_is_unreadable_not_shifted():
    # pandas would otherwise take the first column as an index and shift the rest.
    found = problem("name,phone\nAna,617 234 5678,02139\nBo,617 234 5679,02139\n")
    assert found.code == "unreadable"


def test_trailing_separators_everywhere_are_fine():
    result = plan("phone,name,\n617 234 5678,Ana,\n")
    assert [r.name for r in result.creates] == ["Ana"]


def test_tab_separated():
    (record,) = plan("name\tphone\nAna\t(617) 234-5678\n").creates
    assert (record.name, record.phone) == ("Ana", "+16172345678")


def test_quoted_commas_and_semicolons_inside_a_comma_file():
    text = 'phone,name,race\n617 234 5678,"Lima, Ana","Hispanic or Latino; White"\n'
    (record,) = plan(text).creates
    assert record.name == "Lima, Ana"
    assert record.race_ethnicity == ["hispanic", "white"]


# --- headers -------------------------------------------------------------------------------


def test_header_aliases():
    text = (
        "MRN,Patient Name,Phone Number,Preferred Language,Clinic,Age Group,Sex,ZIP Code,"
        "Text Consent,Consent Date,Favourite Colour\n"
        "A-100,Ana Lima,617 234 5678,Spanish,Riverside,45-64,F,02139,yes,2026-03-02,blue\n"
    )
    result = plan(text)
    assert result.ignored_columns == ["Favourite Colour"]
    (record,) = result.creates
    assert record == ParticipantRecord(
        row=2,
        phone="+16172345678",
        name="Ana Lima",
        external_id="A-100",
        language="es",
        site_id=2,
        age_band="45_64",
        gender="woman",
        zip_code="02139",
        consent_method="paper",
        consent_at="2026-03-02T12:00:00+00:00",
    )


def test_map_columns_keeps_the_first_of_two_phone_columns():
    mapping, ignored = map_columns(["Mobile", "Cell Phone", "name"])
    assert mapping == {"phone": "Mobile", "name": "name"}
    assert ignored == ["Cell Phone"]


# --- values --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "band"),
    [
        ("0", "under_18"),
        ("17", "under_18"),
        ("18", "18_44"),
        ("44", "18_44"),
        ("45", "45_64"),
        ("64", "45_64"),
        ("65", "65_plus"),
        ("101", "65_plus"),
        ("18-44", "18_44"),
        ("18 – 44", "18_44"),
        ("65 or older", "65_plus"),
        ("Declined", "prefer_not_to_say"),
    ],
)
def test_age_maps_to_a_band(age, band):
    (record,) = plan(f"phone,age\n617 234 5678,{age}\n").creates
    assert record.age_band == band


@pytest.mark.parametrize("age", ["²", "3²", "½", "forty"])
def test_age_that_is_not_a_number_is_refused_not_a_crash(age):
    # "²".isdigit() is True but int("²") raises: this was a 500 on the preview.
    assert only_refusal(plan(f"phone,age\n617 234 5678,{age}\n")) == (
        2,
        [Reason("unknown_age_band", age)],
    )


def test_impossible_age_is_refused():
    assert only_refusal(plan("phone,age\n617 234 5678,130\n")) == (
        2,
        [Reason("unknown_age_band", "130")],
    )


def test_race_list():
    text = 'phone,race\n617 234 5678,"Hispanic or Latino; White"\n617 234 5679,Black|Asian|black\n'
    first, second = plan(text).creates
    assert first.race_ethnicity == ["hispanic", "white"]
    assert second.race_ethnicity == ["black", "asian"]


def test_race_prefer_not_to_say_with_a_category_is_refused():
    row, reasons = only_refusal(plan('phone,race\n617 234 5678,"White; Declined"\n'))
    assert row == 2
    assert [reason.code for reason in reasons] == ["race_prefer_not_with_others"]


def test_zip_with_dropped_leading_zero_is_repaired():
    (record,) = plan("phone,zip\n617 234 5678,2139\n").creates
    assert record.zip_code == "02139"


@pytest.mark.parametrize("zip_code", ["٠٢١٣٩", "０２１３９", "²¹³⁹"])
def test_zip_in_other_digits_is_refused(zip_code):
    assert only_refusal(plan(f"phone,zip\n617 234 5678,{zip_code}\n")) == (
        2,
        [Reason("bad_zip", zip_code)],
    )


def test_consent_without_a_date_is_dated_at_the_import():
    (record,) = plan("phone,consent\n617 234 5678,Y\n").creates
    assert record.consent_method == "paper"
    assert record.consent_at == IMPORTED_AT.isoformat()


def test_consent_no_records_nothing():
    (record,) = plan("phone,consent,consent_date\n617 234 5678,no,2026-01-01\n").creates
    assert (record.consent_method, record.consent_at) == (None, None)


def test_blank_cells_mean_unknown_not_empty():
    (record,) = plan("phone,name,language,site,race\n617 234 5678,,,,\n").creates
    assert record == ParticipantRecord(row=2, phone="+16172345678")


def test_existing_phone_is_an_update():
    result = plan("phone\n617 234 5678\n617 234 5679\n", existing={"+16172345679"})
    assert [r.phone for r in result.creates] == ["+16172345678"]
    assert [r.phone for r in result.updates] == ["+16172345679"]


# --- refusals and their row numbers --------------------------------------------------------

GOOD = "617 234 5678,Ana,English,Eastside,White,02139"
HEADER = "phone,name,language,site,race,zip"


@pytest.mark.parametrize(
    ("bad_row", "reason"),
    [
        ("617 234 5679,Bo,Klingon,Eastside,White,02139", Reason("unknown_language", "Klingon")),
        ("617 234 5679,Bo,English,Northside,White,02139", Reason("unknown_site", "Northside")),
        (
            "617 234 5679,Bo,English,Eastside,Martian,02139",
            Reason("unknown_race_ethnicity", "Martian"),
        ),
        ("617 234 5679,Bo,English,Eastside,White,ABCDE", Reason("bad_zip", "ABCDE")),
        ("617 234 5679,Bo,English,Eastside,White,021", Reason("bad_zip", "021")),
        (
            "+1 800 234 5678,Bo,English,Eastside,White,02139",
            Reason("phone_not_mobile", "+1 800 234 5678"),
        ),
        ("+1 555 0100,Bo,English,Eastside,White,02139", Reason("phone_too_short", "+1 555 0100")),
        (",Bo,English,Eastside,White,02139", Reason("phone_empty", "")),
    ],
)
def test_bad_value_is_refused_with_its_reason_and_row(bad_row, reason):
    text = "\n".join(
        [HEADER, GOOD, GOOD.replace("5678", "5670"), bad_row, GOOD.replace("78", "77")]
    )
    result = plan(text + "\n")
    # header = row 1, so the third data row is spreadsheet row 4
    assert only_refusal(result) == (4, [reason])
    assert [r.row for r in result.creates] == [2, 3, 5]


def test_every_reason_of_a_row_is_given():
    row, reasons = only_refusal(plan(f"{HEADER}\nnot a phone,Bo,Klingon,Mars,White,1\n"))
    assert row == 2
    assert [reason.code for reason in reasons] == [
        "phone_not_a_number",
        "unknown_language",
        "unknown_site",
        "bad_zip",
    ]


def test_duplicate_phone_points_at_the_earlier_row():
    text = "phone,name\n617 234 5678,Ana\n617 234 5679,Bo\n(617) 234-5678,Ana again\n"
    result = plan(text)
    assert only_refusal(result) == (4, [Reason("duplicate_phone", "2")])
    assert [r.row for r in result.creates] == [2, 3]


def test_blank_lines_count_as_spreadsheet_rows():
    text = "phone,language\n617 234 5678,English\n\n617 234 5679,Klingon\n,\n"
    result = plan(text)
    assert [r.row for r in result.creates] == [2]
    assert only_refusal(result)[0] == 4


def test_quoted_line_break_is_one_spreadsheet_row():
    text = 'phone,name\n617 234 5678,"Ana\nLima"\n617 234 5679,Klingon\n'
    rows = [r.row for r in plan(text).creates]
    assert rows == [2, 3]


# --- whole-file problems -------------------------------------------------------------------


def test_missing_phone_column():
    found = problem("name,language\nAna,English\n")
    assert found.code == "no_phone_column"
    assert found.detail == "name, language"


@pytest.mark.parametrize("raw", [b"", b"   \r\n\n", "\ufeff".encode()])
def test_empty_file(raw):
    assert problem(raw).code == "empty"


@pytest.mark.parametrize("raw", ["phone,name\n", "phone,name\r\n\r\n,\r\n", "phone"])
def test_header_only(raw):
    assert problem(raw).code == "no_rows"


def test_binary_file_is_unreadable():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00"
    assert problem(png).code == "unreadable"


def test_ragged_rows_are_unreadable():
    found = problem("phone,name\n617 234 5678,Ana,extra,cells\n")
    assert found.code == "unreadable"
    assert found.detail


# --- property: every row is accounted for exactly once -------------------------------------

PHONES = st.one_of(
    st.builds(
        lambda area, exchange, line: f"({area}) {exchange}-{line:04d}",
        st.sampled_from(["617", "212", "415", "312", "713"]),
        st.integers(200, 999),
        st.integers(0, 9999),
    ),
    st.sampled_from(["", "abc", "+1 555 0100", "+1 800 234 5678", "617 234 5678"]),
    st.text(alphabet="0123456789 -+()", max_size=16),
)
CELL = st.one_of(
    st.sampled_from(
        ["", "English", "Klingon", "Eastside", "White; Asian", "Declined", "34", "Lima, Ana"]
        + ["O'Brien", '"quoted"', "tab\there", "two\nlines", "   "]
    ),
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"], exclude_characters="\x00"),
        max_size=12,
    ),
)
ROW_FIELDS = ("phone", "name", "language", "site", "age", "zip")
ROW = st.fixed_dictionaries(
    {"phone": PHONES, "name": CELL, "language": CELL, "site": CELL, "age": CELL, "zip": CELL}
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(ROW, min_size=1, max_size=30), separator=st.sampled_from([",", ";", "\t"]))
def test_every_row_lands_in_exactly_one_bucket(rows, separator):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(ROW_FIELDS), delimiter=separator)
    writer.writeheader()
    writer.writerows(rows)
    raw = buffer.getvalue().encode()
    non_blank = [
        number
        for number, row in enumerate(rows, start=2)
        if any(value.strip() for value in row.values())
    ]
    if not non_blank:
        assert problem(raw).code == "no_rows"
        return
    result = plan(raw, existing={"+16172345678"})
    numbers = [r.row for r in result.creates + result.updates + result.refusals]
    assert len(numbers) == len(set(numbers))
    assert sorted(numbers) == non_blank
    assert result.total_rows == len(non_blank)
    for record in result.creates + result.updates:
        assert record.phone.startswith("+")
