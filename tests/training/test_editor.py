"""The admin's editor: modules and questions in every language, and every bad input refused
with a clear message, a 400 and nothing written."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from engage.auth.roles import Role
from engage.core.models import AuditEvent
from engage.extensions import db
from engage.training.models import QuizChoice, QuizQuestion, TrainingModule
from engage.training.services import find_module
from tests.conftest import sign_in
from tests.training.builders import make_module

LANGUAGES = ("en", "es", "vi", "zh_Hans", "ar")


def module_data(**changes: str) -> dict[str, str]:
    data = {"slug": "asking-why", "minutes": "12", "pass_mark": "80", "max_attempts": ""}
    for code in LANGUAGES:
        data[f"texts_{code}-title"] = f"Title {code}"
        data[f"texts_{code}-summary"] = f"Summary {code}"
        data[f"texts_{code}-body"] = f"# Body {code}\n\nText."
    return data | changes


def question_data(
    kind: str = "single", correct: tuple[int, ...] = (0,), **changes: str
) -> dict[str, str]:
    data = {"kind": kind}
    for code in LANGUAGES:
        data[f"texts_{code}-text"] = f"Why {code}?"
        data[f"texts_{code}-explanation"] = f"Because {code}."
    for n, key in enumerate("abc"):
        data[f"choices-{n}-key"] = key
        for code in LANGUAGES:
            data[f"choices-{n}-text_{code}"] = f"Answer {key} {code}"
        if n in correct:
            data[f"choices-{n}-correct"] = "y"
    return data | changes


def count(model: type) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model)) or 0


def test_admin_writes_a_module_in_every_language_then_its_quiz_then_publishes(admin_client):
    form = admin_client.get("/training/new").get_data(as_text=True)
    for name in ("Español", "Tiếng Việt", "العربية", 'name="texts_zh_Hans-body"'):
        assert name in form
    response = admin_client.post("/training/new", data=module_data())
    assert response.status_code == 302
    module = find_module("asking-why")
    assert module.title == {code: f"Title {code}" for code in LANGUAGES}
    assert module.minutes == 12 and module.max_attempts is None and not module.published

    response = admin_client.post(
        "/training/asking-why/questions/new", data=question_data("multiple", (0, 2))
    )
    assert response.status_code == 302
    question = module.questions[0]
    assert question.kind == "multiple" and question.correct_keys == {"a", "c"}
    assert question.choices[1].text["vi"] == "Answer b vi"
    assert question.explanation["ar"] == "Because ar."

    edit = admin_client.get(f"/training/asking-why/questions/{question.id}").get_data(as_text=True)
    assert "Answer c zh_Hans" in edit and 'value="d"' in edit  # a blank row offers the next code
    response = admin_client.post(
        f"/training/asking-why/questions/{question.id}",
        data=question_data(
            "single",
            (1,),
            **{
                "choices-2-text_en": "",
                "choices-2-text_es": "",
                "choices-2-text_vi": "",
                "choices-2-text_zh_Hans": "",
                "choices-2-text_ar": "",
            },
        ),
    )
    assert response.status_code == 302
    db.session.refresh(question)
    assert [c.key for c in question.choices] == ["a", "b"] and question.correct_keys == {"b"}

    response = admin_client.post(
        "/training/asking-why/edit", data=module_data(published="y", max_attempts="3")
    )
    assert response.status_code == 302
    db.session.refresh(module)
    assert module.published and module.max_attempts == 3
    actions = {(e.entity_type, e.action) for e in db.session.scalars(sa.select(AuditEvent))}
    assert ("training_module", "create") in actions and ("training_question", "update") in actions


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"texts_en-title": "  "}, "Enter the title in English"),
        ({"texts_en-body": ""}, "Enter the module&#39;s text in English"),
        ({"pass_mark": "0"}, "The pass mark must be a percentage from 1 to 100."),
        ({"pass_mark": "101"}, "The pass mark must be a percentage from 1 to 100."),
        ({"pass_mark": "eighty"}, "Not a valid integer value."),
        ({"slug": "Has Spaces"}, "lower-case letters, digits and hyphens"),
        ({"slug": "report"}, "taken by a page of its own"),
        ({"max_attempts": "0"}, "Number must be between 1 and 100."),
        ({"published": "y"}, "Add at least one quiz question before publishing"),
    ],
)
def test_a_bad_module_is_refused_and_nothing_is_written(admin_client, changes, message):
    response = admin_client.post("/training/new", data=module_data(**changes))
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert count(TrainingModule) == 0


def test_a_taken_address_is_refused(admin_client):
    make_module("asking-why")
    response = admin_client.post("/training/new", data=module_data())
    assert response.status_code == 400 and "already has this address" in response.get_data(
        as_text=True
    )
    assert count(TrainingModule) == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (question_data(correct=()), "Mark the correct answer."),
        (
            question_data("single", (0, 1)),
            "A single-choice question has exactly one correct answer.",
        ),
        (question_data(**{"texts_en-text": ""}), "Enter the question in English."),
        (question_data(**{"texts_en-explanation": ""}), "Enter the explanation in English"),
        (question_data(**{"choices-1-text_en": ""}), "Answer b needs its text in English."),
        (question_data(**{"choices-1-key": "a"}), "Two answers have the same code"),
        (question_data(**{"choices-1-key": "b c"}), "short code of letters or digits"),
        (question_data(kind="essay"), "Not a valid choice"),
        (
            {
                k: v
                for k, v in question_data().items()
                if not k.startswith(("choices-1", "choices-2"))
            },
            "Give at least two answers",
        ),
    ],
)
def test_a_bad_question_is_refused_and_nothing_is_written(admin_client, data, message):
    module = make_module()
    before = (count(QuizQuestion), count(QuizChoice))
    response = admin_client.post(f"/training/{module.slug}/questions/new", data=data)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert (count(QuizQuestion), count(QuizChoice)) == before
    # Editing an existing question with the same input is refused the same way, unchanged.
    question = module.questions[0]
    response = admin_client.post(f"/training/{module.slug}/questions/{question.id}", data=data)
    assert response.status_code == 400
    db.session.expire_all()
    assert db.session.get(QuizQuestion, question.id).correct_keys == {"a"}
    assert (count(QuizQuestion), count(QuizChoice)) == before


def test_unknown_modules_and_questions_are_404(admin_client):
    module = make_module()
    assert admin_client.get("/training/no-such-module/edit").status_code == 404
    assert (
        admin_client.post(
            "/training/no-such-module/questions/new", data=question_data()
        ).status_code
        == 404
    )
    assert admin_client.get(f"/training/{module.slug}/questions/999999").status_code == 404
    assert admin_client.get("/training/no-such-module").status_code == 404


def test_deleting_questions_keeps_a_published_module_with_one(admin_client):
    module = make_module()
    first, second, third, fourth = (q.id for q in module.questions)
    page = admin_client.get(f"/training/{module.slug}/questions/{first}/delete")
    assert page.status_code == 200 and "Question 1?" in page.get_data(as_text=True)
    for question_id in (first, second, third):
        assert (
            admin_client.post(f"/training/{module.slug}/questions/{question_id}/delete").status_code
            == 302
        )
    response = admin_client.post(f"/training/{module.slug}/questions/{fourth}/delete")
    assert response.status_code == 400 and "Unpublish it first" in response.get_data(as_text=True)
    db.session.expire_all()
    assert [q.id for q in find_module(module.slug).questions] == [fourth]


@pytest.mark.parametrize("role", [Role.STAFF, Role.BOARD])
def test_staff_and_board_cannot_edit_modules(app, users, role):
    module = make_module()
    client = app.test_client()
    sign_in(client, users[role].email)
    question = module.questions[0]
    for method, url, data in [
        ("get", "/training/manage", None),
        ("get", "/training/new", None),
        ("post", "/training/new", module_data()),
        ("post", f"/training/{module.slug}/edit", module_data(slug=module.slug)),
        ("post", f"/training/{module.slug}/questions/new", question_data()),
        ("post", f"/training/{module.slug}/questions/{question.id}", question_data()),
        ("post", f"/training/{module.slug}/questions/{question.id}/delete", {}),
        ("get", "/training/assignments", None),
        ("get", "/training/report", None),
        ("get", "/training/report.csv", None),
        ("get", "/training/report.xlsx", None),
    ]:
        assert getattr(client, method)(url, data=data).status_code == 403, url
    assert count(TrainingModule) == 1 and count(QuizQuestion) == 4
    # They may read and take it.
    assert client.get(f"/training/{module.slug}").status_code == 200


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for url in (
        "/training/",
        "/training/some-module",
        "/training/some-module/quiz",
        "/training/some-module/certificate",
        "/training/manage",
        "/training/report",
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/login?next=" in response.headers["Location"], url
