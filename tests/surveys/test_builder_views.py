"""The survey builder through its pages, as the engagement lead uses it (CSRF off)."""

from __future__ import annotations

import pytest

from engage.auth.roles import Role
from engage.extensions import db
from engage.surveys import responses, services
from engage.surveys.models import Channel, Response, SurveyStatus
from tests.conftest import sign_in
from tests.surveys.builder_pages import (
    ISSUES,
    LIKERT,
    SLUG,
    YES_NO,
    assert_refused,
    build,
    keys,
    new_survey_data,
    question_data,
    survey,
    survey_count,
)


@pytest.fixture
def built(admin_client):
    return build(admin_client)


# --- creating ------------------------------------------------------------------------------


def test_admin_creates_a_survey_and_sees_it_listed(admin_client):
    assert admin_client.get("/surveys/new").status_code == 200
    response = admin_client.post(
        "/surveys/new",
        data=new_survey_data(languages=("en", "es", "vi")) | {"is_priority_setting": "y"},
    )

    assert response.status_code == 302
    assert response.headers["Location"] == f"/surveys/{SLUG}"
    created = survey()
    assert created.languages == ["en", "es", "vi"]
    assert created.is_priority_setting and created.status is SurveyStatus.DRAFT
    assert created.current.title == {"en": "What should we work on this year?"}
    listing = admin_client.get("/surveys/").get_data(as_text=True)
    assert "What should we work on this year?" in listing
    assert f"/surveys/{SLUG}/results/" in listing
    assert "Tiếng Việt" in listing and "Draft" in listing
    editor = admin_client.get(f"/surveys/{SLUG}").get_data(as_text=True)
    assert "No questions yet." in editor


CASES = {
    "single": question_data(
        "clinic",
        "single",
        "Which site do you visit?",
        [("east", "Eastside"), ("river", "Riverside")],
    ),
    "multiple": question_data("issues", "multiple", "Pick up to two.", ISSUES, max_choices="2"),
    "likert": question_data("access", "likert", "How hard is it to get care?", LIKERT),
    "ranking": question_data("top", "ranking", "Rank your top two.", ISSUES, top_n="2"),
    "number": question_data(
        "visits", "number", "Visits last year?", minimum="0", maximum="52", whole="y"
    ),
    "yes_no": YES_NO,
    "text": question_data("idea", "text", "One idea for us?", max_length="300"),
}
SETTINGS = {
    "single": {},
    "multiple": {"max_choices": 2},
    "likert": {},
    "ranking": {"top_n": 2},
    "number": {"min": 0, "max": 52, "whole": True},
    "yes_no": {},
    "text": {"max_length": 300},
}


@pytest.mark.parametrize("kind", list(CASES))
def test_each_question_type_can_be_added(admin_client, kind):
    admin_client.post("/surveys/new", data=new_survey_data())
    assert admin_client.get(f"/surveys/{SLUG}/questions/new").status_code == 200

    response = admin_client.post(f"/surveys/{SLUG}/questions/new", data=CASES[kind])

    assert response.status_code == 302, response.get_data(as_text=True)
    [question] = survey().current.questions
    assert question.type == kind
    assert question.settings == SETTINGS[kind]
    posted = [key for name, key in CASES[kind].items() if name.endswith("-key") and key]
    assert [choice.key for choice in question.choices] == (
        posted if kind not in ("number", "yes_no", "text") else []
    )
    if kind in ("multiple", "ranking"):
        assert [c.is_priority for c in question.choices] == [True, True, False]
    editor = admin_client.get(f"/surveys/{SLUG}").get_data(as_text=True)
    assert question.key in editor
    form = admin_client.get(f"/surveys/{SLUG}/questions/{question.key}")
    assert form.status_code == 200
    shown = form.get_data(as_text=True)
    assert f'value="{question.key}"' in shown
    for choice in question.choices:
        assert f'value="{choice.key}"' in shown
    if kind == "number":
        assert 'value="0"' in shown and 'value="52"' in shown


# --- bad input: a 400 with the reason, and nothing written ------------------------------------


def test_bad_and_taken_links_are_refused(admin_client):
    assert_refused(
        admin_client.post("/surveys/new", data=new_survey_data(slug="Bad Link!")),
        "Use 3 to 80 lower-case letters, digits and dashes for the link, like priorities-2027.",
    )
    assert_refused(
        admin_client.post("/surveys/new", data=new_survey_data(slug="new")),
        "This link is reserved for the builder; choose another.",
    )
    assert survey_count() == 0
    admin_client.post("/surveys/new", data=new_survey_data())
    assert_refused(
        admin_client.post("/surveys/new", data=new_survey_data()),
        "Another survey already uses this link.",
    )
    assert survey_count() == 1


BAD_QUESTIONS = {
    "duplicate code": (
        question_data("q1", "text", "Again?"),
        "Another question already uses the code q1.",
    ),
    "likert with four points": (
        question_data("access", "likert", "How hard?", LIKERT[:4]),
        "A rating scale has exactly five labelled points.",
    ),
    "min above max": (
        question_data("visits", "number", "Visits?", minimum="10", maximum="2"),
        "The smallest number allowed is above the largest.",
    ),
    "condition on a later question": (
        question_data("q2", "text", "Why?", condition_question="q9", condition_value="yes"),
        "A condition can only depend on an earlier question.",
    ),
    "impossible condition value": (
        question_data("q2", "text", "Why?", condition_question="q1", condition_value="maybe"),
        "This condition cannot match any answer to that question.",
    ),
    "includes on a yes/no": (
        question_data(
            "q2",
            "text",
            "Why?",
            condition_question="q1",
            condition_operator="includes",
            condition_value="yes",
        ),
        "This condition cannot match any answer to that question.",
    ),
    "ranking more than its answers": (
        question_data("top", "ranking", "Rank them.", ISSUES, top_n="4"),
        "The number to rank must be between 1 and the number of answers.",
    ),
    "answer without a code": (
        question_data("where", "single", "Which site?", [("", "Eastside"), ("river", "Riverside")]),
        "Each answer needs its own code (letters, digits and _).",
    ),
    "bad code": (
        question_data("Q 2", "text", "Why?"),
        "A question code starts with a letter and has only lower-case letters, digits and _.",
    ),
}


@pytest.mark.parametrize("case", list(BAD_QUESTIONS))
def test_bad_questions_are_refused_and_nothing_is_written(built, case):
    data, message = BAD_QUESTIONS[case]
    before = survey().current.questions[0]
    snapshot = (before.key, before.type, dict(before.text), before.show_if)

    assert_refused(built.post(f"/surveys/{SLUG}/questions/new", data=data), message)

    assert keys() == ["q1"]
    assert len(survey().versions) == 1
    after = survey().current.questions[0]
    assert (after.key, after.type, dict(after.text), after.show_if) == snapshot


def test_a_question_cannot_depend_on_a_later_one_when_edited(built):
    built.post(
        f"/surveys/{SLUG}/questions/new", data=question_data("q2", "yes_no", "Any other clinic?")
    )
    data = YES_NO | {"condition_question": "q2", "condition_value": "yes"}

    assert_refused(
        built.post(f"/surveys/{SLUG}/questions/q1", data=data),
        "A condition can only depend on an earlier question.",
    )
    assert survey().current.questions[0].show_if is None


def test_an_edit_cannot_remove_the_answer_a_condition_waits_for(built):
    built.post(
        f"/surveys/{SLUG}/questions/new", data=question_data("issues", "multiple", "Which?", ISSUES)
    )
    shown_if_housing = {
        "condition_question": "issues",
        "condition_operator": "includes",
        "condition_value": "housing",
    }
    built.post(
        f"/surveys/{SLUG}/questions/new",
        data=question_data("why", "text", "Why?", **shown_if_housing),
    )

    response = built.post(
        f"/surveys/{SLUG}/questions/issues",
        data=question_data("issues", "multiple", "Which?", ISSUES[1:]),
    )

    assert_refused(
        response,
        "Question why is shown only for an answer this change removes. Change its condition first.",
    )
    assert [c.key for c in survey().current.questions[1].choices] == [
        "housing",
        "interpreters",
        "food",
    ]


# --- order, deletion, conditions --------------------------------------------------------------


def test_condition_summaries_moves_and_deletes_respect_dependencies(built):
    built.post(
        f"/surveys/{SLUG}/questions/new",
        data=question_data(
            "q2", "text", "Who is it?", condition_question="q1", condition_value="yes"
        ),
    )
    built.post(
        f"/surveys/{SLUG}/questions/new", data=question_data("issues", "multiple", "Which?", ISSUES)
    )
    built.post(
        f"/surveys/{SLUG}/questions/new",
        data=question_data(
            "why",
            "text",
            "Why?",
            condition_question="issues",
            condition_operator="includes",
            condition_value="housing",
        ),
    )
    editor = built.get(f"/surveys/{SLUG}").get_data(as_text=True)
    assert "Shown if q1 is “Yes”" in editor
    assert "Shown if issues includes “Housing help”" in editor

    move = f"/surveys/{SLUG}/questions/q2/move"
    assert_refused(
        built.post(move, data={"direction": "-1"}),
        "A question must stay below the question its condition depends on.",
    )
    assert keys() == ["q1", "q2", "issues", "why"]
    editing = built.get(f"/surveys/{SLUG}/questions/why").get_data(as_text=True)
    assert '<option selected value="issues">' in editing
    assert '<option selected value="includes">' in editing
    assert 'value="housing"' in editing
    assert built.post(move, data={"direction": "1"}).status_code == 302
    assert keys() == ["q1", "issues", "q2", "why"]
    assert built.post(move, data={"direction": "2"}).status_code == 400

    confirm = built.get(f"/surveys/{SLUG}/questions/q1/delete")
    assert confirm.status_code == 200 and "Delete question q1?" in confirm.get_data(as_text=True)
    assert keys() == ["q1", "issues", "q2", "why"]
    assert_refused(
        built.post(f"/surveys/{SLUG}/questions/q1/delete"),
        "Other questions depend on this one. Remove their conditions first.",
    )
    assert built.post(f"/surveys/{SLUG}/questions/q2/delete").status_code == 302
    assert built.post(f"/surveys/{SLUG}/questions/q1/delete").status_code == 302
    assert keys() == ["issues", "why"]
    assert built.get(f"/surveys/{SLUG}/questions/q1").status_code == 404


# --- versions -----------------------------------------------------------------------------


def test_editing_after_a_response_makes_version_2_and_the_response_keeps_1(admin_client):
    admin_client.post("/surveys/new", data=new_survey_data())
    admin_client.post(f"/surveys/{SLUG}/questions/new", data=YES_NO)
    assert admin_client.post(f"/surveys/{SLUG}/open").status_code == 302
    answering = responses.start_or_resume(
        survey(), participant_id=None, resume_key=None, channel=Channel.WEB, language="en"
    )
    responses.save_answer(answering, "q1", "yes")
    db.session.commit()
    response_id = answering.id

    editor = admin_client.get(f"/surveys/{SLUG}").get_data(as_text=True)
    assert "Editing creates version 2; existing answers keep version 1." in editor
    # Saving the texts unchanged is not an edit.
    texts = {
        "title": "What should we work on this year?",
        "intro": "Five short questions.",
        "thank_you": "Thank you for telling us.",
        "languages": ["en"],
    }
    assert admin_client.post(f"/surveys/{SLUG}", data=texts).status_code == 302
    assert len(survey().versions) == 1

    changed = YES_NO | {"text": "Do you have a regular doctor at this clinic?"}
    assert admin_client.post(f"/surveys/{SLUG}/questions/q1", data=changed).status_code == 302

    current = survey()
    assert [version.number for version in current.versions] == [1, 2]
    assert current.current.questions[0].text == {
        "en": "Do you have a regular doctor at this clinic?"
    }
    kept = db.session.get(Response, response_id)
    assert kept.version.number == 1
    assert kept.version.questions[0].text == {"en": "Do you have a regular doctor here?"}
    assert kept.answer_map() == {"q1": True}
    assert "Version" in admin_client.get("/surveys/").get_data(as_text=True)


# --- who may build --------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.STAFF, Role.BOARD])
def test_staff_and_board_may_not_build(app, users, role):
    services.create_survey(SLUG, {"en": "A survey"}, base_language="en", languages=["en"])
    db.session.commit()
    client = app.test_client()
    sign_in(client, users[role].email)
    for path in [
        "/surveys/",
        "/surveys/new",
        "/surveys/import",
        f"/surveys/{SLUG}",
        f"/surveys/{SLUG}/questions/new",
        f"/surveys/{SLUG}/translate",
        f"/surveys/{SLUG}/export.json",
    ]:
        assert client.get(path).status_code == 403, path
    for path in [f"/surveys/{SLUG}/open", f"/surveys/{SLUG}/questions/new", "/surveys/new"]:
        assert client.post(path, data=new_survey_data()).status_code == 403, path
    assert survey().status is SurveyStatus.DRAFT
