"""Small training modules for tests, built through the same services the editor uses."""

from __future__ import annotations

from typing import Any

from engage.extensions import db
from engage.training import services
from engage.training.models import TrainingModule

# Words that appear only in explanations and correct-flagged answers, to look for in pages.
EXPLANATION_MARK = "EXPLAINED-"


def question(kind: str, correct: str, n: int, keys: str = "abc") -> services.QuestionInput:
    """A question whose correct answers are the keys in ``correct``."""
    return services.QuestionInput(
        kind=kind,
        text={"en": f"Question {n}?", "es": f"¿Pregunta {n}?"},
        explanation={
            "en": f"{EXPLANATION_MARK}{n} in English",
            "es": f"{EXPLANATION_MARK}{n} en español",
        },
        choices=[
            services.ChoiceInput(
                key=key,
                text={"en": f"Answer {n}{key}", "es": f"Respuesta {n}{key}"},
                correct=key in correct,
            )
            for key in keys
        ],
    )


# Four questions: right answers are q1 a, q2 a+c (multiple), q3 b, q4 c.
QUIZ = (("single", "a"), ("multiple", "ac"), ("single", "b"), ("single", "c"))
RIGHT = ({"a"}, {"a", "c"}, {"b"}, {"c"})


def make_module(
    slug: str = "pdsa-basics",
    pass_mark: int = 75,
    max_attempts: int | None = None,
    published: bool = True,
    body: str = "# Plan\n\nA **small** test of change.",
    **extra: Any,
) -> TrainingModule:
    details = services.ModuleInput(
        slug=slug,
        title={"en": f"Module {slug}", "es": f"Módulo {slug}"},
        summary={"en": "Why small tests work."},
        body={"en": body, "es": "# Planear\n\nUna prueba **pequeña**."},
        minutes=10,
        pass_mark=pass_mark,
        max_attempts=max_attempts,
        published=False,
        **extra,
    )
    module = services.create_module(details)
    for n, (kind, correct) in enumerate(QUIZ, 1):
        services.add_question(module, question(kind, correct, n))
    if published:
        details.published = True
        services.update_module(module, details)
    db.session.commit()
    return module


def answers(module: TrainingModule, right: int) -> dict[int, list[str]]:
    """A submission with the first ``right`` questions answered right and the rest wrong."""
    submission = {}
    for n, q in enumerate(module.questions):
        correct = sorted(RIGHT[n])
        submission[q.id] = correct if n < right else (["b"] if "b" not in correct else ["a"])
    return submission


def form_data(submission: dict[int, list[str]]) -> dict[str, list[str]]:
    return {f"q-{qid}": keys for qid, keys in submission.items()}
