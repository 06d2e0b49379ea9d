"""Benchmark: import a realistic participant CSV through the pages, on SQLite and PostgreSQL.

    python -m tests.bench.bench_import [--rows 50000] [--database sqlite|postgres|both]
                                       [--existing-share 0.05] [--profile]

Builds a fictional EHR extract (unique, valid US mobile numbers spread over many area
codes, several spellings of languages and sites, ages, race lists, ZIP codes, consent,
about 2% bad rows), starts the real app on a fresh database, signs in an admin through
the test client (CSRF off) and times upload → preview page, then confirm. Prints seconds
for each step, rows per second and the peak resident memory, and the CPU seconds this
process spent (less disturbed than wall time when other work shares the machine; the
database server's own work is not in it). Asserts only that the import did what it
should, never how fast it was.

Not collected by pytest (only test_*.py is). With ``--database both`` each database runs
in a child process, so each peak memory figure is its own.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import io
import pstats
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import sqlalchemy as sa

from tests.bench.databases import database

PASSWORD = "benchmark password 1"
ADMIN_EMAIL = "bench-admin@clinic.example"


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Real North American area codes (NPAs) from across the US. Exchanges are 200-999, never
# 555 or an N11 code; every number is checked with engage's own parser before use.
AREA_CODES = _words(
    "201 202 203 205 206 207 208 209 210 212 213 214 215 216 217 218 219 224 225 228 229 "
    "231 234 239 240 248 251 252 253 254 256 260 262 267 269 270 276 281 301 302 303 304 "
    "305 307 308 309 310 312 313 314 315 316 317 318 319 320 321 323 325 330 334 336 337 "
    "339 347 351 352 360 361 386 401 402 404 405 406 407 408 409 410 412 413 414 415 417 "
    "419 423 424 425 430 432 434 435 440 443 469 470 475 478 479 480 484 501 502 503 504 "
    "505 507 508 509 510 512 513 515 516 517 518 520 530 540 541 551 559 561 562 563 567 "
    "570 571 573 574 575 580 585 586 601 602 603 605 606 607 608 609 610 612 614 615 616 "
    "617 618 619 620 623 626 630 631 636 641 646 650 651 660 661 662 678 682 701 702 703 "
    "704 706 707 708 712 713 714 715 716 717 718 719 720 724 727 731 732 734 740 754 757 "
    "760 763 765 770 772 773 774 775 781 785 786 801 802 803 804 805 806 808 810 812 813 "
    "814 815 816 817 818 828 830 831 832 843 845 847 848 850 856 857 858 859 860 862 863 "
    "864 865 870 872 878 901 903 904 906 907 908 909 910 912 913 914 915 916 917 918 919 "
    "920 925 928 931 936 937 940 941 947 949 951 952 954 956 970 971 972 973 978 979 980 "
    "985 989"
)

PHONE_FORMATS = (
    "({a}) {e}-{n}",
    "{a}-{e}-{n}",
    "{a}.{e}.{n}",
    "+1 {a} {e} {n}",
    "{a}{e}{n}",
    "1-{a}-{e}-{n}",
    "1 ({a}) {e}-{n}",
)
FIRST_NAMES = _words(
    "James Mary Robert Patricia Keisha Jamal Emily Michael Linda José María Guadalupe "
    "Juan Rosa Carlos Ana Luis Carmen Minh Linh Thanh Huong Wei Fang Jing Ahmed Fatima "
    "Omar Layla Aaliyah DeShawn Siobhan Zoë Renée Ngọc Björn"
)
LAST_NAMES = _words(
    "Johnson Williams Brown Davis Miller Wilson García Rodríguez Martínez Hernández "
    "López González Pérez Sánchez Nguyen Tran Le Pham Wang Li Zhang Liu Chen Haddad "
    "Khalil Mansour O'Brien Muñoz Peña Smith-Jones"
)
LANGUAGES = (
    ("English", 20),
    ("english", 6),
    ("EN", 4),
    ("eng", 2),
    ("", 8),
    ("Spanish", 14),
    ("Español", 6),
    ("espanol", 4),
    ("es", 3),
    ("Vietnamese", 5),
    ("Tiếng Việt", 2),
    ("vi", 2),
    ("Chinese", 3),
    ("Mandarin", 2),
    ("中文（简体）", 1),
    ("Arabic", 2),
    ("العربية", 1),
)
SITES = (
    ("Eastside", 30),
    ("Riverside", 30),
    ("Eastside Clinic", 10),
    ("riverside clinic", 10),
    ("eastside", 5),
    ("", 15),
)
RACES = (
    ("White", 20),
    ("Hispanic or Latino", 18),
    ("Hispanic or Latino; White", 8),
    ("Black or African American", 14),
    ("Black", 4),
    ("Asian", 10),
    ("Asian; White", 2),
    ("American Indian or Alaska Native", 1),
    ("Native Hawaiian or Pacific Islander", 1),
    ("Middle Eastern or North African", 2),
    ("Black|Hispanic", 2),
    ("Declined", 4),
    ("", 14),
)
GENDERS = (("F", 25), ("M", 20), ("Female", 15), ("Male", 12), ("Non-binary", 2), ("", 26))
AGE_BANDS = ("18-44", "45-64", "65+", "Under 18", "Declined", "")
ZIPS = tuple(f"{z:05d}" for z in range(2101, 2140)) + ("10027", "60614", "94110", "77002")
CONSENTS = (("yes", 35), ("Y", 10), ("no", 20), ("", 35))
BAD_ROWS = (
    ("phone", "555-0100"),  # no area code
    ("phone", "+1 800 234 5678"),  # toll-free
    ("phone", "n/a"),
    ("phone", ""),
    ("language", "Klingon"),
    ("site", "Northside"),
    ("zip", "ABCDE"),
    ("race", "Martian"),
    ("age", "130"),
    ("phone", "duplicate"),
)
HEADER = (
    "MRN",
    "Patient Name",
    "Phone Number",
    "Preferred Language",
    "Site",
    "Age",
    "Race",
    "Sex",
    "ZIP",
    "SMS Consent",
    "Consent Date",
    "PCP",
)


def weighted(rng: random.Random, choices: tuple[tuple[str, int], ...]) -> str:
    values, weights = zip(*choices, strict=True)
    return rng.choices(values, weights)[0]


def unique_mobiles(rng: random.Random, count: int) -> Iterator[tuple[str, str, str]]:
    """(area code, exchange, line) for ``count`` distinct numbers engage accepts."""
    from engage.people.phones import parse_phone

    seen: set[str] = set()
    while len(seen) < count:
        area = rng.choice(AREA_CODES)
        exchange = rng.randint(200, 999)
        if exchange == 555 or exchange % 100 == 11:
            continue
        parts = (area, str(exchange), f"{rng.randint(0, 9999):04d}")
        e164 = "+1" + "".join(parts)
        if e164 in seen or parse_phone(e164, "US").e164 is None:
            continue
        seen.add(e164)
        yield parts


@dataclass
class Extract:
    raw: bytes
    rows: int
    bad_rows: int
    existing: list[str]  # E.164 phones that are already participants before the import


def make_extract(rows: int, bad_share: float, existing_share: float, seed: int) -> Extract:
    rng = random.Random(seed)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    good_phones: list[str] = []
    existing: list[str] = []
    bad = 0
    for number, (area, exchange, line) in enumerate(unique_mobiles(rng, rows), start=1):
        phone = rng.choice(PHONE_FORMATS).format(a=area, e=exchange, n=line)
        age = str(rng.randint(1, 98)) if rng.random() < 0.7 else rng.choice(AGE_BANDS)
        consent = weighted(rng, CONSENTS)
        consent_date = (
            f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            if consent not in ("no", "") and rng.random() < 0.6
            else ""
        )
        zip_code = rng.choice(ZIPS)
        if zip_code.startswith("0") and rng.random() < 0.1:
            zip_code = zip_code[1:]  # a spreadsheet dropped the leading zero
        cells = {
            "mrn": f"MRN{number:07d}",
            "name": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            "phone": phone,
            "language": weighted(rng, LANGUAGES),
            "site": weighted(rng, SITES),
            "age": age,
            "race": weighted(rng, RACES),
            "sex": weighted(rng, GENDERS),
            "zip": zip_code,
            "consent": consent,
            "consent_date": consent_date,
            "pcp": f"Dr. {rng.choice(LAST_NAMES)}",
        }
        if good_phones and rng.random() < bad_share:
            bad += 1
            field, value = rng.choice(BAD_ROWS)
            cells[field] = rng.choice(good_phones) if value == "duplicate" else value
        else:
            e164 = f"+1{area}{exchange}{line}"
            good_phones.append(phone)
            if rng.random() < existing_share:
                existing.append(e164)
        writer.writerow(cells.values())
    return Extract(buffer.getvalue().encode("utf-8"), rows, bad, existing)


@contextmanager
def maybe_profile(enabled: bool, label: str) -> Iterator[None]:
    if not enabled:
        yield
        return
    profiler = cProfile.Profile()
    profiler.enable()
    try:
        yield
    finally:
        profiler.disable()
        print(f"\n--- profile: {label} (top 30 by cumulative time) ---")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)


def peak_rss_mb() -> float:
    # Linux reports kilobytes, macOS bytes.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def run(kind: str, extract: Extract, profile: bool) -> dict[str, float]:
    from engage import create_app
    from engage.auth.roles import Role
    from engage.auth.services import create_user
    from engage.extensions import db
    from engage.people.models import Participant
    from engage.people.services import ensure_site

    with database(kind) as url, tempfile.TemporaryDirectory(prefix="engage-bench-") as instance:
        limit = max(len(extract.raw) + 1024 * 1024, 12 * 1024 * 1024)
        app = create_app(
            {
                "SECRET_KEY": "bench",
                "SQLALCHEMY_DATABASE_URI": url,
                "WTF_CSRF_ENABLED": False,
                "ENGAGE_ARGON2_TIME_COST": 1,
                "ENGAGE_ARGON2_MEMORY_KIB": 1024,
                "ENGAGE_IMPORT_MAX_BYTES": limit,
                "MAX_CONTENT_LENGTH": limit + 1024 * 1024,
            }
        )
        app.instance_path = instance
        with app.app_context():
            db.create_all()
            create_user(ADMIN_EMAIL, "Bench Admin", Role.ADMIN, PASSWORD, "en")
            ensure_site("eastside", "Eastside Clinic")
            ensure_site("riverside", "Riverside Clinic")
            if extract.existing:
                db.session.execute(
                    sa.insert(Participant),
                    [{"phone": phone, "name": "Already here"} for phone in extract.existing],
                )
            db.session.commit()
            db.session.remove()

        client = app.test_client()
        signed_in = client.post("/login", data={"email": ADMIN_EMAIL, "password": PASSWORD})
        if signed_in.status_code != 302:
            raise SystemExit(f"could not sign in: {signed_in.status_code}")

        started, started_cpu = time.perf_counter(), time.process_time()
        with maybe_profile(profile, f"{kind} preview"):
            preview = client.post(
                "/participants/import",
                data={"file": (io.BytesIO(extract.raw), "ehr-extract.csv")},
                content_type="multipart/form-data",
            )
        previewed, previewed_cpu = time.perf_counter(), time.process_time()
        body = preview.get_data(as_text=True)
        if preview.status_code != 200:
            raise SystemExit(f"preview failed ({preview.status_code}): {body[:2000]}")
        found = {
            kind: int(re.search(rf'id="count-{kind}">(\d+)<', body).group(1))
            for kind in ("create", "update", "refused")
        }
        token = re.search(r'name="token" type="hidden" value="([^"]+)"', body).group(1)

        with maybe_profile(profile, f"{kind} commit"):
            confirmed = client.post("/participants/import/confirm", data={"token": token})
        finished, finished_cpu = time.perf_counter(), time.process_time()
        if confirmed.status_code != 302:
            raise SystemExit(f"confirm failed ({confirmed.status_code})")

        with app.app_context():
            total = db.session.scalar(sa.select(sa.func.count()).select_from(Participant))
            db.session.remove()
            db.engine.dispose()
        expected_total = found["create"] + len(extract.existing)
        if total != expected_total or sum(found.values()) != extract.rows:
            raise SystemExit(f"wrong result: {found}, {total} participants")
        if found["update"] != len(extract.existing):
            raise SystemExit(f"expected {len(extract.existing)} updates, got {found}")

    return {
        "rows": extract.rows,
        "created": found["create"],
        "updated": found["update"],
        "refused": found["refused"],
        "preview_s": previewed - started,
        "commit_s": finished - previewed,
        "total_s": finished - started,
        "preview_cpu_s": previewed_cpu - started_cpu,
        "commit_cpu_s": finished_cpu - previewed_cpu,
        "rows_per_s": extract.rows / (finished - started),
        "peak_rss_mb": peak_rss_mb(),
    }


def report(kind: str, figures: dict[str, float], size: int) -> None:
    print(
        f"{kind:>8}: {figures['rows']:,.0f} rows ({size / 1e6:.1f} MB), "
        f"{figures['created']:,.0f} created, {figures['updated']:,.0f} updated, "
        f"{figures['refused']:,.0f} refused | preview {figures['preview_s']:.2f} s, "
        f"commit {figures['commit_s']:.2f} s, total {figures['total_s']:.2f} s, "
        f"{figures['rows_per_s']:,.0f} rows/s, peak RSS {figures['peak_rss_mb']:.0f} MB "
        f"(app CPU: preview {figures['preview_cpu_s']:.2f} s, "
        f"commit {figures['commit_cpu_s']:.2f} s)",
        flush=True,
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--database", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--bad-share", type=float, default=0.02)
    parser.add_argument(
        "--existing-share",
        type=float,
        default=0.05,
        help="share of good rows whose phone is already a participant (updates)",
    )
    parser.add_argument("--seed", type=int, default=2027)
    parser.add_argument("--profile", action="store_true", help="print cProfile of each step")
    args = parser.parse_args(argv)

    if args.database == "both":
        # One child process per database, so each peak memory figure is its own.
        for kind in ("sqlite", "postgres"):
            child = [sys.executable, "-m", "tests.bench.bench_import", "--database", kind]
            child += ["--rows", str(args.rows), "--bad-share", str(args.bad_share)]
            child += ["--existing-share", str(args.existing_share), "--seed", str(args.seed)]
            if args.profile:
                child.append("--profile")
            completed = subprocess.run(child, check=False)
            if completed.returncode:
                sys.exit(completed.returncode)
        return

    made = time.perf_counter()
    extract = make_extract(args.rows, args.bad_share, args.existing_share, args.seed)
    print(
        f"generated {extract.rows:,} rows ({extract.bad_rows:,} bad, "
        f"{len(extract.existing):,} already participants) in {time.perf_counter() - made:.1f} s",
        flush=True,
    )
    report(args.database, run(args.database, extract, args.profile), len(extract.raw))


if __name__ == "__main__":
    main()
