"""Staff take a quiz in the browser's place (the test client): the page keeps the answers
secret, a submission is scored on the server, and the certificate follows a pass."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from engage.auth.roles import Role
from engage.extensions import db
from engage.training.assignments import AssignmentInput, add_assignment, clinic_today
from engage.training.models import Attempt
from tests.conftest import make_user, sign_in
from tests.training.builders import EXPLANATION_MARK, answers, form_data, make_module
from tests.training.test_markdown import elements


def staff_client(app, users):
    client = app.test_client()
    assert sign_in(client, users[Role.STAFF].email).status_code == 302
    return client


def attempt_count() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Attempt)) or 0


def test_the_quiz_page_never_carries_the_correct_answers(app, users):
    module = make_module()
    html = staff_client(app, users).get(f"/training/{module.slug}/quiz").get_data(as_text=True)
    assert "Question 1?" in html and "Answer 2c" in html
    assert EXPLANATION_MARK not in html
    assert "correct" not in html.lower()
    assert "data-" not in html
    inputs = [attrs for tag, attrs in elements(html) if tag == "input"]
    # The only hidden inputs are CSRF tokens (the quiz's and the sign-out button's).
    assert {a["name"] for a in inputs if a["type"] == "hidden"} == {"csrf_token"}
    # Each choice is an input named by its question, valued by the choice's code, no more.
    names = {f"q-{q.id}": {c.key for c in q.choices} for q in module.questions}
    choices = [a for a in inputs if a["type"] in ("radio", "checkbox")]
    assert len(choices) == 12
    for attrs in choices:
        assert set(attrs) <= {"type", "name", "id", "value"}, attrs
        assert attrs["value"] in names[attrs["name"]]


def test_fail_then_pass_shows_score_rights_and_every_explanation(app, users):
    module = make_module(pass_mark=75)
    client = staff_client(app, users)
    response = client.post(f"/training/{module.slug}/quiz", data=form_data(answers(module, 2)))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/training/{module.slug}/attempts/1")
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Score: 50%" in html and "Not passed yet" in html
    assert html.count('class="answer right"') == 2 and html.count('class="answer wrong"') == 2
    for n in range(1, 5):
        assert f"{EXPLANATION_MARK}{n} in English" in html
    assert "Try again" in html
    assert client.get(f"/training/{module.slug}/certificate").status_code == 404

    response = client.post(f"/training/{module.slug}/quiz", data=form_data(answers(module, 4)))
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Score: 100%" in html and "You passed" in html
    certificate = client.get(f"/training/{module.slug}/certificate")
    assert certificate.status_code == 200
    page = certificate.get_data(as_text=True)
    assert "Certificate of completion" in page and "Staff" in page and "100%" in page
    assert f"Module {module.slug}" in page
    # Passed: the quiz is closed, politely.
    closed = client.get(f"/training/{module.slug}/quiz")
    assert closed.status_code == 200 and "You have passed this quiz" in closed.get_data(
        as_text=True
    )
    assert (
        client.post(f"/training/{module.slug}/quiz", data=form_data(answers(module, 4))).status_code
        == 409
    )
    assert attempt_count() == 2


def test_used_up_attempts_are_refused_with_a_message(app, users):
    module = make_module(pass_mark=100, max_attempts=1)
    client = staff_client(app, users)
    client.post(f"/training/{module.slug}/quiz", data=form_data(answers(module, 3)))
    response = client.get(f"/training/{module.slug}/quiz")
    assert "You have used all 1 attempts" in response.get_data(as_text=True)
    response = client.post(f"/training/{module.slug}/quiz", data=form_data(answers(module, 4)))
    assert response.status_code == 409
    assert attempt_count() == 1


def test_a_bad_submission_is_a_400_with_messages_and_writes_nothing(app, users):
    module = make_module()
    client = staff_client(app, users)
    q1, q2, q3, q4 = module.questions
    cases = [
        (
            {f"q-{q1.id}": "a", f"q-{q2.id}": ["a", "zz"], f"q-{q3.id}": "b", f"q-{q4.id}": "c"},
            "Choose one of the answers shown.",
        ),
        ({f"q-{q1.id}": "a", f"q-{q2.id}": "a", f"q-{q3.id}": "b"}, "Answer this question."),
        (
            {f"q-{q1.id}": ["a", "b"], f"q-{q2.id}": "a", f"q-{q3.id}": "b", f"q-{q4.id}": "c"},
            "Choose only one answer.",
        ),
    ]
    for data, message in cases:
        response = client.post(f"/training/{module.slug}/quiz", data=data)
        assert response.status_code == 400, data
        html = response.get_data(as_text=True)
        assert message in html and "need your attention" in html
        assert EXPLANATION_MARK not in html
        assert f'id="q-{q1.id}-a" value="a" checked' in html  # what was chosen stays chosen
    assert attempt_count() == 0
    assert client.get("/training/no-such-module/quiz").status_code == 404
    assert client.post("/training/no-such-module/quiz", data={}).status_code == 404


def test_a_certificate_is_never_anyone_elses(app, users):
    module = make_module()
    other = make_user(Role.STAFF, "other@clinic.example")
    other_client = app.test_client()
    sign_in(other_client, other.email)
    other_client.post(f"/training/{module.slug}/quiz", data=form_data(answers(module, 4)))
    assert other_client.get(f"/training/{module.slug}/certificate").status_code == 200

    client = staff_client(app, users)
    assert client.get(f"/training/{module.slug}/certificate").status_code == 404
    assert client.get(f"/training/{module.slug}/certificate/{other.id}").status_code == 403
    assert client.get(f"/training/{module.slug}/attempts/1").status_code == 404  # not theirs

    admin = app.test_client()
    sign_in(admin, users[Role.ADMIN].email)
    page = admin.get(f"/training/{module.slug}/certificate/{other.id}")
    assert page.status_code == 200 and "Staff" in page.get_data(as_text=True)
    assert (
        admin.get(f"/training/{module.slug}/certificate/{users[Role.STAFF].id}").status_code == 404
    )


def test_assignments_show_on_home_and_training_pages(app, users):
    due, late = make_module("due-soon"), make_module("late-one")
    today = clinic_today()
    add_assignment(AssignmentInput(due.id, today + timedelta(days=10), role=Role.STAFF))
    add_assignment(
        AssignmentInput(late.id, today - timedelta(days=5), user_id=users[Role.STAFF].id)
    )
    make_module("not-assigned")
    db.session.commit()
    client = staff_client(app, users)
    home = client.get("/").get_data(as_text=True)
    assert "Your training" in home
    assert home.index("Module late-one") < home.index("Module due-soon")  # overdue first
    assert "Overdue" in home and "Due" in home
    page = client.get("/training/").get_data(as_text=True)
    assert "Module due-soon" in page and "Module not-assigned" in page
    # The board member has nothing assigned: no training section at home.
    board = app.test_client()
    sign_in(board, users[Role.BOARD].email)
    assert "Your training" not in board.get("/").get_data(as_text=True)


def test_the_module_is_read_in_the_persons_language_with_english_fallback(app, users):
    module = make_module()
    client = staff_client(app, users)
    spanish = client.get(f"/training/{module.slug}?lang=es").get_data(as_text=True)
    assert f"Módulo {module.slug}" in spanish and "<h2>Planear</h2>" in spanish
    assert 'lang="en">Why small tests work.' in spanish  # no Spanish summary: English, marked so
    vietnamese = client.get(f"/training/{module.slug}?lang=vi").get_data(as_text=True)
    assert f"Module {module.slug}" in vietnamese and "<h2>Plan</h2>" in vietnamese


def test_a_draft_is_hidden_from_staff_and_previewed_by_admins(app, users):
    draft = make_module("draft-one", published=False)
    assert staff_client(app, users).get(f"/training/{draft.slug}").status_code == 404
    admin = app.test_client()
    sign_in(admin, users[Role.ADMIN].email)
    assert "Draft" in admin.get(f"/training/{draft.slug}").get_data(as_text=True)
