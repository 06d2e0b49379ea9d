"""A survey with one question of every type and 40 known responses, for the results and
export tests. Built through the real services, answered through ``save_answer``.

The answers of response ``i`` (0..39) are set so that each figure is easy to check:

- ``visit`` (single): checkup for i < 18, sick for 18..28, other for 29..39 → 18/11/11
- ``needs`` (multiple): housing for i < 22, food for 22..32, transport for 30..39 → 22/11/10
- ``satisfied`` (Likert): 5 for i < 12, 4 for 12..23, 3 for 24..39 → mean 3.9
- ``top`` (ranking, top 2): [housing, food] for i < 20, [food, transport] for 20..31,
  [transport] for 32..39 → Borda food 44, housing 40, transport 28
- ``visits`` (number): i + 1 → mean 20.5, median 20.5, 1 to 40
- ``wait_ok`` (yes/no): yes for i < 25; ``why_no`` (text, shown if wait_ok is no) for the rest
- ``housing_help`` (yes/no, shown if needs includes housing): yes for i < 22
- ``comments`` (text): "Café was great" for even i, "=1+1 parking" for odd i
- language es when i % 10 < 3 (12 responses), else en (28); channel sms for i >= 30 (10)
"""

from __future__ import annotations

from typing import Any

from engage.extensions import db
from engage.surveys.models import Channel, Response, Survey
from engage.surveys.responses import complete, save_answer, start_or_resume
from engage.surveys.services import (
    ChoiceInput,
    QuestionInput,
    add_question,
    create_survey,
    open_survey,
)

COUNT = 40


def _both(en: str, es: str) -> dict[str, str]:
    return {"en": en, "es": es}


LIKERT = [
    ("very_unhappy", "Very unhappy", "Muy insatisfecho"),
    ("unhappy", "Unhappy", "Insatisfecho"),
    ("neutral", "Neither", "Ni uno ni otro"),
    ("happy", "Happy", "Satisfecho"),
    ("very_happy", "Very happy", "Muy satisfecho"),
]
NEEDS = [
    ("housing", "Housing", "Vivienda"),
    ("food", "Food", "Comida"),
    ("transport", "Transport", "Transporte"),
]


def build_survey(slug: str = "clinic-check") -> Survey:
    survey = create_survey(
        slug,
        _both("Clinic check-in", "Consulta de la clínica"),
        base_language="en",
        languages=["en", "es"],
    )
    needs = [ChoiceInput(key, _both(en, es)) for key, en, es in NEEDS]
    questions = [
        QuestionInput(
            "visit",
            "single",
            _both("Why did you come?", "¿Por qué vino?"),
            required=True,
            help=_both("Pick the main reason.", "Elija la razón principal."),
            choices=[
                ChoiceInput("checkup", _both("Check-up", "Revisión")),
                ChoiceInput("sick", _both("Feeling sick", "Enfermo")),
                ChoiceInput("other", _both("Something else", "Otra cosa")),
            ],
        ),
        QuestionInput(
            "needs", "multiple", _both("What do you need?", "¿Qué necesita?"), choices=needs
        ),
        QuestionInput(
            "satisfied",
            "likert",
            _both("How happy are you?", "¿Qué tan satisfecho está?"),
            choices=[ChoiceInput(key, _both(en, es)) for key, en, es in LIKERT],
        ),
        QuestionInput(
            "top",
            "ranking",
            _both("Rank your top two", "Ordene sus dos principales"),
            settings={"top_n": 2},
            choices=[ChoiceInput(key, _both(en, es), is_priority=True) for key, en, es in NEEDS],
        ),
        QuestionInput(
            "visits",
            "number",
            _both("Visits this year?", "¿Visitas este año?"),
            settings={"min": 0, "max": 50},
        ),
        QuestionInput("wait_ok", "yes_no", _both("Was the wait OK?", "¿Fue aceptable la espera?")),
        QuestionInput(
            "why_no",
            "text",
            _both("What went wrong?", "¿Qué salió mal?"),
            settings={"max_length": 200},
            show_if={"question": "wait_ok", "operator": "equals", "value": "no"},
        ),
        QuestionInput(
            "housing_help",
            "yes_no",
            _both("Want housing help?", "¿Quiere ayuda con vivienda?"),
            show_if={"question": "needs", "operator": "includes", "value": "housing"},
        ),
        QuestionInput(
            "comments", "text", _both("Anything else?", "¿Algo más?"), settings={"max_length": 200}
        ),
    ]
    for question in questions:
        add_question(survey, question)
    open_survey(survey)
    db.session.commit()
    return survey


def sample_answers(i: int) -> dict[str, Any]:
    needs = [
        key
        for key, chosen in (("housing", i < 22), ("food", 22 <= i < 33), ("transport", i >= 30))
        if chosen
    ]
    answers: dict[str, Any] = {
        "visit": "checkup" if i < 18 else "sick" if i < 29 else "other",
        "needs": needs,
        "satisfied": 5 if i < 12 else 4 if i < 24 else 3,
        "top": ["housing", "food"]
        if i < 20
        else ["food", "transport"]
        if i < 32
        else ["transport"],
        "visits": i + 1,
        "wait_ok": i < 25,
        "comments": "Café was great" if i % 2 == 0 else "=1+1 parking",
    }
    if i >= 25:
        answers["why_no"] = f"Waited {i} minutes"
    if "housing" in needs:
        answers["housing_help"] = "yes"
    return answers


def respond(
    survey: Survey,
    answers: dict[str, Any],
    *,
    language: str = "en",
    channel: Channel = Channel.WEB,
    finish: bool = True,
    participant_id: int | None = None,
) -> Response:
    response = start_or_resume(
        survey, participant_id=participant_id, resume_key=None, channel=channel, language=language
    )
    for key, raw in answers.items():
        save_answer(response, key, raw)
    if finish:
        assert complete(response) == []
    return response


def add_sample_responses(survey: Survey, partial: int = 0) -> list[Response]:
    """The 40 completed responses described above, plus ``partial`` unfinished ones."""
    made = []
    for i in range(COUNT):
        made.append(
            respond(
                survey,
                sample_answers(i),
                language="es" if i % 10 < 3 else "en",
                channel=Channel.SMS if i >= 30 else Channel.WEB,
            )
        )
    for _ in range(partial):
        made.append(respond(survey, {"visit": "sick"}, finish=False))
    db.session.commit()
    return made
