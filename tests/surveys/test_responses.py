"""Answering: personal links, starting and resuming, saving answers, completing.

The rules a patient meets whichever channel they use; data-layer ones run on SQLite
and PostgreSQL (``db_app``).
"""

from __future__ import annotations

import time

import pytest
import sqlalchemy as sa
from itsdangerous import TimestampSigner

from engage.extensions import db
from engage.people.models import Participant
from engage.surveys.models import Answer, Channel, Response, Survey
from engage.surveys.question_types import AnswerProblem
from engage.surveys.responses import (
    LinkRefused,
    SurveyNotOpen,
    complete,
    next_question,
    personal_link_token,
    read_personal_link,
    save_answer,
    start_or_resume,
    visible_questions,
)
from engage.surveys.services import (
    ChoiceInput,
    QuestionInput,
    add_question,
    close_survey,
    create_survey,
    open_survey,
)

DAY = 86400


def count(model: type) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def a_participant(phone: str = "+16175550101", language: str = "es") -> Participant:
    participant = Participant(phone=phone, preferred_language=language)
    db.session.add(participant)
    db.session.flush()
    return participant


def choices(*keys: str) -> list[ChoiceInput]:
    return [ChoiceInput(key, {"en": key.title()}) for key in keys]


def checkin(slug: str = "checkin", *, opened: bool = True) -> Survey:
    """Five questions; "languages" shows only after a yes, "who" only if it includes "other"."""
    survey = create_survey(slug, {"en": "Check-in"}, base_language="en", languages=[])
    for question in [
        QuestionInput("interpreter", "yes_no", {"en": "Interpreter?"}, required=True),
        QuestionInput(
            "languages",
            "multiple",
            {"en": "Which languages?"},
            required=True,
            choices=choices("spanish", "arabic", "other"),
            show_if={"question": "interpreter", "operator": "equals", "value": "yes"},
        ),
        QuestionInput(
            "who",
            "text",
            {"en": "Which other language?"},
            show_if={"question": "languages", "operator": "includes", "value": "other"},
        ),
        QuestionInput(
            "access", "likert", {"en": "How hard?"}, choices=choices("a", "b", "c", "d", "e")
        ),
        QuestionInput("visits", "number", {"en": "Visits?"}, settings={"min": 0, "max": 52}),
    ]:
        add_question(survey, question)
    if opened:
        open_survey(survey)
    db.session.flush()
    return survey


def anonymous(survey: Survey, resume_key: str | None = None) -> Response:
    return start_or_resume(
        survey, participant_id=None, resume_key=resume_key, channel=Channel.WEB, language="en"
    )


# --- personal links ---------------------------------------------------------------------


def test_a_personal_link_names_its_participant(app):
    survey = checkin()
    token = personal_link_token(42, survey.id)
    assert read_personal_link(token, survey) == 42


@pytest.mark.parametrize("where", [0.2, 0.5, 0.8])
def test_a_tampered_link_is_refused(app, where):
    survey = checkin()
    token = personal_link_token(42, survey.id)
    at = int(len(token) * where)
    tampered = token[:at] + ("A" if token[at] != "A" else "B") + token[at + 1 :]
    with pytest.raises(LinkRefused) as refused:
        read_personal_link(tampered, survey)
    assert not refused.value.expired
    assert "not valid" in str(refused.value)


@pytest.mark.parametrize("token", ["", "abc", "a.b.c", "é" * 40, "." * 200, "x" * 5000])
def test_garbage_is_refused_as_a_link(app, token):
    with pytest.raises(LinkRefused):
        read_personal_link(token, checkin())


def test_a_link_cannot_be_replayed_for_another_survey(app):
    first, second = checkin("first"), checkin("second")
    token = personal_link_token(42, first.id)
    with pytest.raises(LinkRefused) as refused:
        read_personal_link(token, second)
    assert not refused.value.expired


def test_a_link_signed_with_another_secret_is_refused(app):
    survey = checkin()
    token = personal_link_token(42, survey.id)
    app.config["SECRET_KEY"] = "another-secret"
    with pytest.raises(LinkRefused):
        read_personal_link(token, survey)


def signed_days_ago(monkeypatch: pytest.MonkeyPatch, days: int, survey: Survey) -> str:
    with monkeypatch.context() as patch:
        patch.setattr(TimestampSigner, "get_timestamp", lambda self: int(time.time()) - days * DAY)
        return personal_link_token(42, survey.id)


def test_an_old_link_expires(app, monkeypatch):
    survey = checkin()
    assert read_personal_link(signed_days_ago(monkeypatch, 29, survey), survey) == 42
    with pytest.raises(LinkRefused) as refused:
        read_personal_link(signed_days_ago(monkeypatch, 31, survey), survey)
    assert refused.value.expired
    assert "expired" in str(refused.value)


def test_the_link_lifetime_is_a_setting(app, monkeypatch):
    survey = checkin()
    token = signed_days_ago(monkeypatch, 2, survey)
    app.config["ENGAGE_SURVEY_LINK_DAYS"] = 1
    with pytest.raises(LinkRefused) as refused:
        read_personal_link(token, survey)
    assert refused.value.expired


# --- starting and resuming --------------------------------------------------------------


def test_a_participant_resumes_the_same_response(db_app):
    survey = checkin()
    participant = a_participant()
    first = start_or_resume(
        survey, participant_id=participant.id, resume_key=None, channel=Channel.SMS, language="es"
    )
    save_answer(first, "interpreter", "yes")
    db.session.commit()
    again = start_or_resume(
        survey, participant_id=participant.id, resume_key=None, channel=Channel.WEB, language="es"
    )
    assert again.id == first.id
    assert again.resume_key is None and again.language == "es"
    assert again.answer_map() == {"interpreter": True}
    assert next_question(again).key == "languages"


def test_a_browser_resumes_by_its_key(db_app):
    survey = checkin()
    first = anonymous(survey)
    assert first.resume_key and len(first.resume_key) >= 24
    save_answer(first, "interpreter", "no")
    assert anonymous(survey, first.resume_key).id == first.id
    stranger = anonymous(survey, "guessed-key")
    assert stranger.id != first.id and stranger.resume_key != "guessed-key"
    assert count(Response) == 2


def test_a_draft_or_closed_survey_takes_no_responses(db_app):
    draft = checkin("draft", opened=False)
    with pytest.raises(SurveyNotOpen):
        anonymous(draft)
    survey = checkin()
    close_survey(survey)
    with pytest.raises(SurveyNotOpen, match="closed"):
        anonymous(survey)
    assert count(Response) == 0


# --- saving answers ---------------------------------------------------------------------


def test_answers_are_stored_normalized(db_app):
    response = anonymous(checkin())
    assert save_answer(response, "interpreter", "yes") is True
    assert save_answer(response, "languages", ["other", "spanish"]) == ["spanish", "other"]
    assert save_answer(response, "who", "  Somali ") == "Somali"
    assert save_answer(response, "access", "4") == 4
    assert save_answer(response, "visits", "12") == 12
    db.session.commit()
    db.session.expire_all()
    stored = {a.question.key: a.value for a in db.session.scalars(sa.select(Answer))}
    assert stored == {
        "interpreter": True,
        "languages": ["spanish", "other"],
        "who": "Somali",
        "access": 4,
        "visits": 12,
    }


@pytest.mark.parametrize(
    ("key", "raw", "code"),
    [
        ("interpreter", "maybe", "not_yes_no"),
        ("interpreter", None, "required"),
        ("access", 6, "out_of_scale"),
        ("visits", "53", "above_max"),
        ("visits", "1e999999", "above_max"),
        ("visits", "two", "not_a_number"),
        ("languages", ["spanish"], "hidden_question"),  # only shown after a yes
        ("nothing", "x", "unknown_question"),
    ],
)
def test_a_bad_answer_is_refused_with_nothing_written(db_app, key, raw, code):
    response = anonymous(checkin())
    save_answer(response, "visits", 3)
    db.session.commit()
    with pytest.raises(AnswerProblem) as refused:
        save_answer(response, key, raw)
    assert refused.value.code == code
    db.session.commit()
    db.session.expire_all()
    assert [(a.question.key, a.value) for a in db.session.scalars(sa.select(Answer))] == [
        ("visits", 3)
    ]


def test_a_refused_change_keeps_the_earlier_answer(db_app):
    response = anonymous(checkin())
    save_answer(response, "visits", 3)
    with pytest.raises(AnswerProblem):
        save_answer(response, "visits", "-1")
    assert response.answer_map() == {"visits": 3}


def test_answers_to_questions_that_become_hidden_are_removed(db_app):
    response = anonymous(checkin())
    save_answer(response, "interpreter", "yes")
    save_answer(response, "languages", ["other"])
    save_answer(response, "who", "Somali")
    assert [q.key for q in visible_questions(response)] == [
        "interpreter",
        "languages",
        "who",
        "access",
        "visits",
    ]
    save_answer(response, "interpreter", "no")  # hides "languages", and so "who" too
    db.session.commit()
    db.session.expire_all()
    assert response.answer_map() == {"interpreter": False}
    assert count(Answer) == 1
    assert [q.key for q in visible_questions(response)] == ["interpreter", "access", "visits"]


def test_complete_names_the_required_questions_still_open(db_app):
    response = anonymous(checkin())
    assert complete(response) == ["interpreter"]
    save_answer(response, "interpreter", "yes")
    assert complete(response) == ["languages"]  # shown now, and required
    assert response.completed_at is None
    save_answer(response, "languages", ["arabic"])
    assert complete(response) == []
    assert response.completed_at is not None
    with pytest.raises(AnswerProblem) as refused:
        save_answer(response, "visits", 2)
    assert refused.value.code == "already_completed"


def test_optional_questions_may_be_skipped(db_app):
    response = anonymous(checkin())
    save_answer(response, "interpreter", "no")
    assert next_question(response).key == "access"
    save_answer(response, "access", None)  # skipped: not asked again
    assert next_question(response).key == "visits"
    assert complete(response) == []


# --- one response per participant -------------------------------------------------------


def test_one_response_per_participant_per_survey_is_a_constraint(db_app):
    survey = checkin()
    participant = a_participant()
    db.session.add(
        Response(survey_id=survey.id, version_id=survey.current.id, participant_id=participant.id)
    )
    db.session.commit()
    db.session.add(
        Response(survey_id=survey.id, version_id=survey.current.id, participant_id=participant.id)
    )
    with pytest.raises(sa.exc.IntegrityError):
        db.session.flush()
    db.session.rollback()
    # Anonymous responses and other surveys are not limited.
    other = checkin("other")
    db.session.add_all(
        [
            Response(survey_id=survey.id, version_id=survey.current.id),
            Response(survey_id=survey.id, version_id=survey.current.id),
            Response(
                survey_id=other.id, version_id=other.current.id, participant_id=participant.id
            ),
        ]
    )
    db.session.commit()
    assert count(Response) == 4
