"""Benchmark: export 100,000 survey responses to CSV, Excel (and FHIR), on SQLite or PostgreSQL.

    python -m tests.bench.bench_survey_export [--responses 100000]
                                               [--database sqlite|postgres]
                                               [--formats csv,xlsx,fhir,results] [--profile]

Builds a priority-setting survey like the demo's (five languages; a top-3 ranking of
eight priorities, multiple choice, Likert, yes/no with a follow-up shown only on "yes",
a number, a single choice and free text) through the real services, then bulk-inserts
completed responses and their answers with ``sa.insert`` (not the ORM one by one).
Each export then runs in a child process of its own, through the real export functions
(``plan_export`` then ``csv_chunks`` / ``write_xlsx`` / ``response_bundle_chunks``)
writing to a file, and prints its seconds, the peak resident memory of that process and
the size of the file; "results" times the results page's figures for all responses.
Checks that every response made it into each file; never asserts on speed.
Not collected by pytest (only test_*.py is).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from tests.bench.databases import database

SLUG = "priorities-bench"
LANGUAGES = ["en", "es", "vi", "zh_Hans", "ar"]
LANGUAGE_WEIGHTS = [45, 30, 10, 8, 7]
BATCH = 20_000


def texts(en: str, es: str, vi: str, zh: str, ar: str) -> dict[str, str]:
    return dict(zip(LANGUAGES, (en, es, vi, zh, ar), strict=True))


PRIORITIES = [
    (
        "appointments",
        texts(
            "Getting an appointment sooner",
            "Conseguir cita más pronto",
            "Có lịch hẹn sớm hơn",
            "更快预约",
            "الحصول على موعد أسرع",
        ),
    ),
    (
        "interpreters",
        texts(
            "Interpreters at every visit",
            "Intérpretes en cada visita",
            "Thông dịch viên mỗi lần khám",
            "每次就诊都有口译员",
            "مترجمون في كل زيارة",
        ),
    ),
    (
        "parking",
        texts(
            "Easier parking",
            "Estacionamiento más fácil",
            "Đỗ xe dễ hơn",
            "停车更方便",
            "مواقف سيارات أسهل",
        ),
    ),
    (
        "evening_hours",
        texts(
            "Evening and weekend hours",
            "Horario de tarde y fin de semana",
            "Giờ tối và cuối tuần",
            "晚上和周末开放",
            "ساعات مسائية وعطلة نهاية الأسبوع",
        ),
    ),
    (
        "pharmacy",
        texts(
            "Shorter pharmacy waits",
            "Menos espera en farmacia",
            "Chờ nhà thuốc ít hơn",
            "缩短药房等候",
            "انتظار أقل في الصيدلية",
        ),
    ),
    (
        "mental_health",
        texts(
            "Mental health care",
            "Atención de salud mental",
            "Chăm sóc sức khỏe tâm thần",
            "心理健康服务",
            "رعاية الصحة النفسية",
        ),
    ),
    (
        "housing_help",
        texts(
            "Help with housing",
            "Ayuda con vivienda",
            "Hỗ trợ nhà ở",
            "住房帮助",
            "المساعدة في السكن",
        ),
    ),
    (
        "food_help",
        texts(
            "Help with food",
            "Ayuda con comida",
            "Hỗ trợ thực phẩm",
            "食品帮助",
            "المساعدة في الغذاء",
        ),
    ),
]
SERVICES = [
    (
        "primary_care",
        texts(
            "Primary care", "Atención primaria", "Chăm sóc ban đầu", "初级保健", "الرعاية الأولية"
        ),
    ),
    ("dental", texts("Dental", "Dental", "Nha khoa", "牙科", "طب الأسنان")),
    (
        "behavioral",
        texts(
            "Behavioral health",
            "Salud conductual",
            "Sức khỏe hành vi",
            "行为健康",
            "الصحة السلوكية",
        ),
    ),
    ("pharmacy", texts("Pharmacy", "Farmacia", "Nhà thuốc", "药房", "الصيدلية")),
    ("lab", texts("Lab tests", "Análisis", "Xét nghiệm", "化验", "التحاليل")),
]
EASE = [
    ("very_hard", texts("Very hard", "Muy difícil", "Rất khó", "非常难", "صعب جدا")),
    ("hard", texts("Hard", "Difícil", "Khó", "难", "صعب")),
    ("neither", texts("Neither", "Ni fácil ni difícil", "Bình thường", "一般", "عادي")),
    ("easy", texts("Easy", "Fácil", "Dễ", "容易", "سهل")),
    ("very_easy", texts("Very easy", "Muy fácil", "Rất dễ", "非常容易", "سهل جدا")),
]
SITES = [
    ("eastside", texts("Eastside", "Eastside", "Eastside", "东区", "الجانب الشرقي")),
    ("riverside", texts("Riverside", "Riverside", "Riverside", "河畔", "ضفة النهر")),
    (
        "mobile_van",
        texts("Mobile van", "Clínica móvil", "Xe khám lưu động", "流动诊所", "العيادة المتنقلة"),
    ),
]
COMMENTS = [
    "Gracias por preguntar",
    "The front desk was very kind",
    "Cần thêm thông dịch viên tiếng Việt",
    "等候时间太长",
    "نحتاج إلى مواعيد مسائية",
    "=SUM(A1) parking is hard",
    "",
]


def build_survey() -> Any:
    """The benchmark's survey, through the same services the builder uses."""
    from engage.surveys.services import (
        ChoiceInput,
        QuestionInput,
        add_question,
        create_survey,
        open_survey,
    )

    survey = create_survey(
        SLUG,
        texts(
            "What should the clinic work on?",
            "¿En qué debe trabajar la clínica?",
            "Phòng khám nên cải thiện điều gì?",
            "诊所应该改进什么？",
            "على ماذا يجب أن تعمل العيادة؟",
        ),
        base_language="en",
        languages=LANGUAGES,
        is_priority_setting=True,
    )

    def choices(
        items: list[tuple[str, dict[str, str]]], priority: bool = False
    ) -> list[ChoiceInput]:
        return [ChoiceInput(key, text, is_priority=priority) for key, text in items]

    questions = [
        QuestionInput(
            "priorities",
            "ranking",
            texts(
                "Pick and order your top 3",
                "Elija y ordene sus 3 principales",
                "Chọn và xếp 3 điều quan trọng nhất",
                "选出并排序您最重要的3项",
                "اختر ورتب أهم 3",
            ),
            required=True,
            settings={"top_n": 3},
            choices=choices(PRIORITIES, True),
        ),
        QuestionInput(
            "services",
            "multiple",
            texts(
                "Which services did you use this year?",
                "¿Qué servicios usó este año?",
                "Năm nay bạn đã dùng dịch vụ nào?",
                "您今年使用了哪些服务？",
                "ما الخدمات التي استخدمتها هذا العام؟",
            ),
            choices=choices(SERVICES),
        ),
        QuestionInput(
            "appointment_ease",
            "likert",
            texts(
                "How easy is it to get an appointment?",
                "¿Qué tan fácil es conseguir cita?",
                "Đặt lịch hẹn dễ đến mức nào?",
                "预约有多容易？",
                "ما مدى سهولة الحصول على موعد؟",
            ),
            choices=choices(EASE),
        ),
        QuestionInput(
            "interpreter",
            "yes_no",
            texts(
                "Do you need an interpreter?",
                "¿Necesita intérprete?",
                "Bạn có cần thông dịch viên không?",
                "您需要口译员吗？",
                "هل تحتاج إلى مترجم؟",
            ),
        ),
        QuestionInput(
            "interpreter_idea",
            "text",
            texts(
                "What would help with interpreters?",
                "¿Qué ayudaría con los intérpretes?",
                "Điều gì sẽ giúp về thông dịch?",
                "在口译方面什么会有帮助？",
                "ما الذي سيساعد في الترجمة؟",
            ),
            settings={"max_length": 300},
            show_if={"question": "interpreter", "operator": "equals", "value": "yes"},
        ),
        QuestionInput(
            "household",
            "number",
            texts(
                "How many people live in your home?",
                "¿Cuántas personas viven en su casa?",
                "Có bao nhiêu người sống trong nhà bạn?",
                "您家里住几个人？",
                "كم شخصا يعيش في منزلك؟",
            ),
            settings={"min": 1, "max": 20},
        ),
        QuestionInput(
            "site",
            "single",
            texts(
                "Where do you usually go?",
                "¿A dónde va normalmente?",
                "Bạn thường đến đâu?",
                "您通常去哪里？",
                "أين تذهب عادة؟",
            ),
            choices=choices(SITES),
        ),
        QuestionInput(
            "comments",
            "text",
            texts(
                "Anything else?",
                "¿Algo más?",
                "Còn gì khác không?",
                "还有其他意见吗？",
                "هل من شيء آخر؟",
            ),
            settings={"max_length": 500},
        ),
    ]
    for question in questions:
        add_question(survey, question)
    open_survey(survey)
    return survey


def answers_for(rng: random.Random) -> dict[str, Any]:
    keys = [key for key, _text in PRIORITIES]
    answers: dict[str, Any] = {
        "priorities": rng.sample(keys, rng.choice((1, 2, 3, 3, 3))),
        "services": sorted(rng.sample([k for k, _t in SERVICES], rng.randint(1, 3))),
        "appointment_ease": rng.choices(range(1, 6), (10, 20, 30, 25, 15))[0],
        "interpreter": rng.random() < 0.35,
        "household": rng.randint(1, 8),
        "site": rng.choice([k for k, _t in SITES]),
    }
    if answers["interpreter"]:
        answers["interpreter_idea"] = rng.choice(COMMENTS[:5])
    comment = rng.choice(COMMENTS)
    if comment:
        answers["comments"] = comment
    return answers


def bulk_insert(survey: Any, count: int, seed: int) -> None:
    """``count`` completed responses (10% from known participants) and their answers."""
    from engage.extensions import db
    from engage.people.models import Participant
    from engage.surveys.models import Answer, Response

    rng = random.Random(seed)
    version = survey.current
    question_ids = {q.key: q.id for q in version.questions}
    known = count // 10
    for start in range(0, known, BATCH):
        db.session.execute(
            sa.insert(Participant),
            [
                {"phone": f"+1617{2_000_000 + n:07d}"}
                for n in range(start, min(known, start + BATCH))
            ],
        )
    participant_ids = list(db.session.scalars(sa.select(Participant.id).order_by(Participant.id)))
    first_id = (db.session.scalar(sa.select(sa.func.max(Response.id))) or 0) + 1
    began = datetime(2027, 3, 1, tzinfo=UTC)
    for start in range(0, count, BATCH):
        responses, answers = [], []
        for n in range(start, min(count, start + BATCH)):
            response_id = first_id + n
            started = began + timedelta(seconds=n * 37)
            finished = started + timedelta(seconds=rng.randint(60, 900))
            responses.append(
                {
                    "id": response_id,
                    "survey_id": survey.id,
                    "version_id": version.id,
                    "participant_id": participant_ids[n] if n < known else None,
                    "channel": "sms" if rng.random() < 0.4 else "web",
                    "language": rng.choices(LANGUAGES, LANGUAGE_WEIGHTS)[0],
                    "started_at": started,
                    "updated_at": finished,
                    "completed_at": finished,
                }
            )
            for key, value in answers_for(rng).items():
                answers.append(
                    {
                        "response_id": response_id,
                        "question_id": question_ids[key],
                        "value": value,
                        "answered_at": finished,
                    }
                )
        db.session.execute(sa.insert(Response), responses)
        db.session.execute(sa.insert(Answer), answers)
    db.session.commit()


def make_app(url: str, instance: str) -> Any:
    from engage import create_app

    app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url})
    app.instance_path = instance
    return app


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB.

    On Linux from /proc (VmHWM), because ``ru_maxrss`` survives fork and exec and would
    report the parent's peak; elsewhere ``ru_maxrss`` (macOS in bytes).
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def build_once(url: str, folder: str, responses: int, seed: int) -> None:
    """Create the tables, the survey and its responses (in a child, to keep the parent small)."""
    from engage.extensions import db

    app = make_app(url, folder)
    began = time.perf_counter()
    with app.app_context():
        db.create_all()
        survey = build_survey()
        db.session.commit()
        bulk_insert(survey, responses, seed)
        db.session.remove()
        db.engine.dispose()
    print(
        f"built the survey and inserted {responses:,} responses in "
        f"{time.perf_counter() - began:.1f} s (peak RSS {peak_rss_mb():.0f} MB)",
        flush=True,
    )


def results_once(url: str, folder: str) -> None:
    """The results page's figures for every response (what ``/results/`` computes)."""
    from engage.extensions import db
    from engage.surveys.result_rows import (
        ResultFilter,
        answer_values,
        count_responses,
        survey_questions,
    )
    from engage.surveys.results import summarise_survey
    from engage.surveys.services import find_survey

    app = make_app(url, folder)
    with app.app_context():
        survey = find_survey(SLUG)
        baseline = peak_rss_mb()
        started, cpu_started = time.perf_counter(), time.process_time()
        criteria = ResultFilter()
        figures = summarise_survey(
            survey_questions(survey),
            answer_values(survey, criteria),
            count_responses(survey, criteria),
            language="en",
            base_language=survey.base_language,
        )
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        print(
            f"results: figures for {figures.respondents.count:,} responses in {seconds:.1f} s "
            f"({cpu:.1f} s CPU), "
            f"peak RSS {peak_rss_mb():.0f} MB (before {baseline:.0f} MB)",
            flush=True,
        )
        db.session.remove()
        db.engine.dispose()


def export_once(url: str, file_format: str, target: Path, profile: bool) -> None:
    """One export in this process: print seconds, peak memory, file size and rows."""
    from engage.extensions import db
    from engage.surveys import exports, fhir
    from engage.surveys.result_rows import ResultFilter
    from engage.surveys.services import find_survey

    app = make_app(url, str(target.parent))
    with app.app_context():
        survey = find_survey(SLUG)
        baseline = peak_rss_mb()
        profiler = cProfile.Profile() if profile else None
        started, cpu_started = time.perf_counter(), time.process_time()
        if profiler:
            profiler.enable()
        audit_format = "fhir-responses" if file_format == "fhir" else file_format
        plan = exports.plan_export(survey, ResultFilter(), audit_format, labelled=False)
        db.session.commit()
        if file_format == "csv":
            with target.open("w", encoding="utf-8", newline="") as out:
                for piece in exports.csv_chunks(plan):
                    out.write(piece)
        elif file_format == "xlsx":
            with target.open("wb") as out:
                exports.write_xlsx(plan, out)
        else:
            base_url = app.config["ENGAGE_PUBLIC_URL"]
            with target.open("w", encoding="utf-8") as out:
                for piece in fhir.response_bundle_chunks(plan, base_url):
                    out.write(piece)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        peak = peak_rss_mb()  # before the check below reads the file back
        if profiler:
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        rows = _rows_in(target, file_format)
        if rows != plan.rows:
            raise SystemExit(f"{file_format}: {rows} rows in the file, {plan.rows} expected")
        print(
            f"{file_format:>5}: {plan.rows:,} responses in {seconds:.1f} s ({cpu:.1f} s CPU), "
            f"peak RSS {peak:.0f} MB (before export {baseline:.0f} MB), "
            f"file {target.stat().st_size / 1e6:.1f} MB",
            flush=True,
        )
        db.session.remove()
        db.engine.dispose()


def _rows_in(target: Path, file_format: str) -> int:
    if file_format == "csv":
        with target.open(encoding="utf-8-sig") as lines:
            return sum(1 for _line in lines) - 1
    if file_format == "xlsx":
        import openpyxl

        book = openpyxl.load_workbook(target, read_only=True)
        return book["responses"].max_row - 1
    marker, count, tail = b'"resourceType": "QuestionnaireResponse"', 0, b""
    with target.open("rb") as data:
        while block := data.read(1 << 20):
            count += (tail + block).count(marker)
            tail = block[-(len(marker) - 1) :]
    return count


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument(
        "--formats", default="csv,xlsx,fhir,results", help="results: the results page's figures"
    )
    parser.add_argument("--seed", type=int, default=2027)
    parser.add_argument("--profile", action="store_true", help="print cProfile of each export")
    parser.add_argument("--export", help=argparse.SUPPRESS)  # child: one format
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--target", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.export == "build":
        build_once(args.url, str(Path(args.target).parent), args.responses, args.seed)
        return
    if args.export == "results":
        results_once(args.url, str(Path(args.target).parent))
        return
    if args.export:
        export_once(args.url, args.export, Path(args.target), args.profile)
        return

    with (
        database(args.database) as url,
        tempfile.TemporaryDirectory(prefix="engage-bench-") as folder,
    ):
        print(f"{args.database}:", flush=True)
        steps = [
            ["--export", "build", "--responses", str(args.responses), "--seed", str(args.seed)]
        ]
        for file_format in args.formats.split(","):
            steps.append(["--export", file_format])
        for step in steps:
            # Each step in a process of its own, so each peak memory figure is its own.
            target = Path(folder) / f"export.{'json' if step[1] == 'fhir' else step[1]}"
            child = [sys.executable, "-m", "tests.bench.bench_survey_export", *step]
            child += ["--url", url, "--target", str(target)]
            if args.profile:
                child.append("--profile")
            if subprocess.run(child, check=False).returncode:
                sys.exit(1)
            target.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
