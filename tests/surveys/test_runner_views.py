"""The survey runner as a patient's phone meets it: open and personal links, one question
per screen, answers saved as they go, refusals explained, and the text sign-up at the end."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from flask_babel import force_locale, gettext
from itsdangerous import TimestampSigner

from engage.core.types import utcnow
from engage.extensions import db
from engage.people.models import Participant
from engage.people.vocabulary import ConsentMethod
from engage.surveys import responses, services
from engage.surveys.models import Answer, Response, Survey
from engage.surveys.services import ChoiceInput, QuestionInput

LANGUAGES = ("en", "es", "vi")


def texts(english: str, languages: tuple[str, ...] = LANGUAGES) -> dict[str, str]:
    """A text in each language; the translations are marked so a page shows which it used."""
    return {lang: english if lang == "en" else f"{lang.upper()} {english}" for lang in languages}


def choices(*keys: str) -> list[ChoiceInput]:
    return [ChoiceInput(key, texts(key.replace("_", " ").title())) for key in keys]


QUESTIONS = [
    QuestionInput("heard", "single", texts("How did you hear about us?"), required=True,
                  help=texts("Pick the main one."), choices=choices("friend", "clinic", "radio")),
    QuestionInput("services", "multiple", texts("Which services do you use?"),
                  settings={"max_choices": 3},
                  choices=choices("dental", "medical", "pharmacy", "housing")),
    QuestionInput("housing_help", "yes_no", texts("Did you get help with housing?"),
                  show_if={"question": "services", "operator": "includes", "value": "housing"}),
    QuestionInput("ease", "likert", texts("How easy is it to get an appointment?"),
                  required=True,
                  choices=choices("very_hard", "hard", "neutral", "easy", "very_easy")),
    QuestionInput("priorities", "ranking", texts("What should we work on first?"),
                  required=True, settings={"top_n": 2},
                  choices=choices("interpreters", "hours", "parking", "waiting")),
    QuestionInput("interpreter", "yes_no", texts("Do you need an interpreter?"), required=True),
    QuestionInput("interpreter_idea", "text", texts("What would help with interpreters?"),
                  settings={"max_length": 50},
                  show_if={"question": "interpreter", "operator": "equals", "value": "yes"}),
    QuestionInput("household", "number", texts("How many people live in your home?"),
                  required=True, settings={"min": 1, "max": 20}),
]  # fmt: skip


def make_survey(slug: str = "voice-2027", languages: tuple[str, ...] = LANGUAGES) -> Survey:
    survey = services.create_survey(
        slug,
        texts("Your voice", languages),
        base_language="en",
        languages=list(languages),
        intro=texts("Five minutes, and it changes what we do.", languages),
        thank_you=texts("Thanks, your answers help the clinic.", languages),
    )
    for question in QUESTIONS:
        services.add_question(survey, question)
    services.open_survey(survey)
    db.session.commit()
    return survey


@pytest.fixture
def survey(app: Flask) -> Survey:
    return make_survey()


def small_survey(slug: str = "quick-check") -> Survey:
    """One optional question: a quick way to a thank-you page."""
    survey = services.create_survey(
        slug, texts("Quick check"), base_language="en", languages=list(LANGUAGES)
    )
    services.add_question(
        survey, QuestionInput("comment", "text", texts("Anything else to tell us?"))
    )
    services.open_survey(survey)
    db.session.commit()
    return survey


def answer(client: FlaskClient, key: str, *values: str, slug: str = "voice-2027", **extra: Any):
    return client.post(f"/s/{slug}/q/{key}", data={"answer": list(values), **extra})


def skip(client: FlaskClient, key: str, slug: str = "voice-2027"):
    return client.post(f"/s/{slug}/q/{key}", data={"skip": "1"})


def page(response) -> str:
    return response.get_data(as_text=True)


def only_response() -> Response:
    db.session.expire_all()
    return db.session.scalars(sa.select(Response)).one()


def answer_count() -> int:
    db.session.expire_all()
    return db.session.scalar(sa.select(sa.func.count()).select_from(Answer)) or 0


def heading(response) -> str:
    found = re.search(r"<h1[^>]*>(?:<label[^>]*>)?(.*?)<", page(response), re.S)
    assert found, page(response)
    return found.group(1).strip()


# --- a whole run ------------------------------------------------------------------------------


def test_a_patient_answers_every_question_type_through_the_open_link(client, survey):
    first = client.get("/s/voice-2027")
    assert first.status_code == 200
    assert heading(first) == "How did you hear about us?"
    assert "Question 1 of 6" in page(first)
    assert "Five minutes, and it changes what we do." in page(first)
    assert 'type="radio" name="answer" id="answer-1" value="friend"' in page(first)
    assert "<legend>" in page(first)

    steps = [
        ("heard", ["clinic"], "Which services do you use?"),
        ("services", ["housing", "dental"], "Did you get help with housing?"),
        ("housing_help", ["yes"], "How easy is it to get an appointment?"),
        ("ease", ["4"], "What should we work on first?"),
        ("priorities", ["parking", "interpreters"], "Do you need an interpreter?"),
        ("interpreter", ["yes"], "What would help with interpreters?"),
        ("interpreter_idea", [" Spanish at the desk "], "How many people live in your home?"),
    ]
    for key, values, next_heading in steps:
        sent = answer(client, key, *values)
        assert sent.status_code == 303, (key, page(sent))
        shown = client.get(sent.headers["Location"])
        assert heading(shown) == next_heading

    last = answer(client, "household", "4")
    assert last.status_code == 303
    done = client.get(last.headers["Location"])
    assert done.status_code == 200
    assert "Thanks, your answers help the clinic." in page(done)
    assert 'name="phone"' in page(done)  # an anonymous visitor is offered text check-ins

    response = only_response()
    assert response.completed_at is not None
    assert response.language == "en" and response.participant_id is None
    assert response.answer_map() == {
        "heard": "clinic",
        "services": ["dental", "housing"],
        "housing_help": True,
        "ease": 4,
        "priorities": ["parking", "interpreters"],
        "interpreter": True,
        "interpreter_idea": "Spanish at the desk",
        "household": 4,
    }


def test_each_type_gets_its_own_input(client, survey):
    client.get("/s/voice-2027")
    services_page = page(client.get("/s/voice-2027/q/heard"))
    assert 'type="radio"' in services_page
    answer(client, "heard", "friend")
    assert 'type="checkbox" name="answer"' in page(client.get("/s/voice-2027"))
    skip(client, "services")
    likert = page(client.get("/s/voice-2027"))
    assert likert.count('type="radio"') == 5 and 'value="5"' in likert and "Very Easy" in likert
    answer(client, "ease", "3")
    ranking = page(client.get("/s/voice-2027"))
    assert ranking.count("<select") == 2
    assert "1st choice" in ranking and "2nd choice" in ranking
    assert "Choose your top 2, the most important first." in ranking
    answer(client, "priorities", "hours")
    answer(client, "interpreter", "yes")
    text = page(client.get("/s/voice-2027"))
    assert '<textarea name="answer" id="answer" rows="5" maxlength="50"' in text
    assert "Up to 50 characters." in text
    skip(client, "interpreter_idea")
    number = page(client.get("/s/voice-2027"))
    assert 'inputmode="numeric"' in number and "Enter a number from 1 to 20." in number


# --- saved as they go -------------------------------------------------------------------------


def test_a_reload_continues_at_the_next_unanswered_question(db_app):
    make_survey()
    phone = db_app.test_client()
    phone.get("/s/voice-2027")
    assert answer(phone, "heard", "radio").status_code == 303
    assert skip(phone, "services").status_code == 303

    reloaded = phone.get("/s/voice-2027")  # the page reloaded, or the patient came back later
    assert heading(reloaded) == "How easy is it to get an appointment?"
    assert "Question 3 of 6" in page(reloaded)
    assert 'href="/s/voice-2027/q/services"' in page(reloaded)  # Back

    other_phone = db_app.test_client()
    assert heading(other_phone.get("/s/voice-2027")) == "How did you hear about us?"
    db.session.expire_all()
    saved = {r.resume_key: r.answer_map() for r in db.session.scalars(sa.select(Response))}
    assert sorted(saved.values(), key=len) == [{}, {"heard": "radio", "services": None}]


def test_back_shows_the_earlier_answer_and_changing_it_moves_on(client, survey):
    client.get("/s/voice-2027")
    answer(client, "heard", "radio")
    answer(client, "services", "medical")
    back = client.get("/s/voice-2027/q/heard")
    assert back.status_code == 200
    assert 'value="radio" checked' in page(back)
    changed = answer(client, "heard", "friend")
    assert changed.headers["Location"] == "/s/voice-2027/q/services"  # the next, already answered
    assert only_response().answer_map()["heard"] == "friend"


def test_questions_ahead_cannot_be_opened_by_url(client, survey):
    client.get("/s/voice-2027")
    ahead = client.get("/s/voice-2027/q/household")
    assert ahead.status_code == 303 and ahead.headers["Location"] == "/s/voice-2027"
    assert client.get("/s/voice-2027/q/no_such_question").status_code == 404


# --- refusals ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "key", "values", "message"),
    [
        ([], "heard", ["television"], "Choose one of the answers shown."),
        ([], "services", ["dental", "spa"], "Choose one of the answers shown."),
        ([], "services", ["dental", "medical", "pharmacy", "housing"], "Choose at most 3."),
        ([], "ease", ["6"], "Choose a number from 1 to 5."),
        ([], "priorities", ["hours", "hours"], "Choose each answer only once."),
        ([], "interpreter", ["maybe"], "Answer yes or no."),
        ([], "household", ["99"], "Enter 20 or less."),
        ([], "household", ["0"], "Enter 1 or more."),
        ([], "household", ["two"], "Enter a number."),
        ([], "household", ["2.5"], "Enter a whole number."),
        ([("interpreter", "yes")], "interpreter_idea", ["x" * 51], "under 50 characters"),
        ([("interpreter", "no")], "interpreter_idea", ["hello"], "does not apply"),
        ([], "housing_help", ["yes"], "does not apply"),
    ],
)
def test_a_bad_answer_is_explained_next_to_the_question_and_nothing_is_stored(
    client, survey, before, key, values, message
):
    client.get("/s/voice-2027")
    for earlier_key, earlier_value in before:
        assert answer(client, earlier_key, earlier_value).status_code == 303
    stored = answer_count()

    refused = answer(client, key, *values)

    assert refused.status_code == 400
    html = page(refused)
    assert message in html
    assert '<p class="error" id="answer-error">' in html
    assert re.search(r'aria-describedby="[^"]*answer-error', html)
    assert "<title>Error:" in html
    assert answer_count() == stored


def test_a_refused_answer_is_shown_again_as_sent(client, survey):
    client.get("/s/voice-2027")
    refused = page(answer(client, "priorities", "hours", "hours"))
    assert refused.count('value="hours" selected') == 2
    refused = page(answer(client, "household", "99"))
    assert 'value="99"' in refused


def test_a_required_question_cannot_be_skipped(client, survey):
    first = client.get("/s/voice-2027")
    assert 'name="skip"' not in page(first)
    refused = skip(client, "heard")
    assert refused.status_code == 400
    assert "Please answer this question." in page(refused)
    assert answer_count() == 0


def test_an_optional_question_can_be_skipped(client, survey):
    client.get("/s/voice-2027")
    answer(client, "heard", "radio")
    assert 'name="skip"' in page(client.get("/s/voice-2027"))
    assert skip(client, "services").status_code == 303
    assert only_response().answer_map() == {"heard": "radio", "services": None}
    assert heading(client.get("/s/voice-2027")) == "How easy is it to get an appointment?"


def test_a_condition_shows_and_hides_a_question(client, survey):
    client.get("/s/voice-2027")
    answer(client, "heard", "radio")
    answer(client, "services", "medical")
    shown = client.get("/s/voice-2027")
    assert heading(shown) == "How easy is it to get an appointment?"  # housing_help stays hidden
    assert "Question 3 of 6" in page(shown)

    answer(client, "services", "medical", "housing")
    shown = client.get("/s/voice-2027")
    assert heading(shown) == "Did you get help with housing?"
    assert "Question 3 of 7" in page(shown)
    answer(client, "housing_help", "no")
    assert only_response().answer_map()["housing_help"] is False

    answer(client, "services", "medical")  # changed back: the housing answer no longer applies
    assert "housing_help" not in only_response().answer_map()
    assert client.get("/s/voice-2027/q/housing_help").status_code == 303


# --- languages ---------------------------------------------------------------------------------


def test_the_link_language_is_used_for_the_survey_and_recorded(client, survey):
    shown = client.get("/s/voice-2027?lang=es")
    assert 'lang="es"' in page(shown)
    assert heading(shown) == "ES How did you hear about us?"
    assert "ES Friend" in page(shown)
    answer(client, "heard", "friend")
    assert only_response().language == "es"


def test_a_language_the_survey_lacks_falls_back_to_its_base_language(client, survey):
    shown = client.get("/s/voice-2027?lang=ar")
    html = page(shown)
    assert '<html lang="ar" dir="rtl">' in html
    assert heading(shown) == "How did you hear about us?"
    assert 'lang="en" dir="ltr">How did you hear about us?' in html  # marked as English
    assert only_response().language == "en"


def test_the_switcher_of_a_refused_answer_stays_on_the_survey(client, survey):
    client.get("/s/voice-2027")
    refused = page(answer(client, "heard", "television"))
    assert 'href="/s/voice-2027/q/heard?lang=vi"' in refused


# --- personal links ----------------------------------------------------------------------------


def participant(phone: str = "+16172345678", language: str = "vi", **fields: Any) -> Participant:
    person = Participant(phone=phone, preferred_language=language, **fields)
    db.session.add(person)
    db.session.commit()
    return person


def test_a_personal_link_speaks_the_participants_language_and_resumes_their_response(
    client, survey
):
    person = participant(language="vi")
    token = responses.personal_link_token(person.id, survey.id)

    shown = client.get(f"/s/voice-2027/p/{token}")
    assert shown.status_code == 200
    assert '<html lang="vi"' in page(shown)
    assert heading(shown) == "VI How did you hear about us?"
    assert answer(client, "heard", "clinic").status_code == 303

    again = client.get(f"/s/voice-2027/p/{token}")
    assert heading(again) == "VI Which services do you use?"
    response = only_response()
    assert response.participant_id == person.id and response.resume_key is None
    assert response.language == "vi"


def test_lang_in_a_personal_link_beats_the_participants_language(client, survey):
    person = participant(language="vi")
    token = responses.personal_link_token(person.id, survey.id)
    shown = client.get(f"/s/voice-2027/p/{token}?lang=es")
    assert '<html lang="es"' in page(shown)
    assert heading(shown) == "ES How did you hear about us?"


def test_a_tampered_personal_link_gets_a_clear_page(client, survey):
    person = participant()
    token = responses.personal_link_token(person.id, survey.id)
    tampered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    shown = client.get(f"/s/voice-2027/p/{tampered}?lang=es")
    assert shown.status_code == 400
    assert '<html lang="es"' in page(shown)
    assert "Traceback" not in page(shown)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Response)) == 0


def test_a_personal_link_for_another_survey_is_refused(client, survey):
    person = participant()
    other = small_survey()
    token = responses.personal_link_token(person.id, other.id)
    shown = client.get(f"/s/voice-2027/p/{token}")
    assert shown.status_code == 400
    assert "This link is not valid." in page(shown)
    assert client.get(f"/s/quick-check/p/{token}").status_code == 200


def test_an_expired_personal_link_says_so(client, survey, monkeypatch):
    person = participant()
    month_ago = int(time.time()) - 31 * 86400
    with monkeypatch.context() as patched:
        patched.setattr(TimestampSigner, "get_timestamp", lambda self: month_ago)
        token = responses.personal_link_token(person.id, survey.id)
    shown = client.get(f"/s/voice-2027/p/{token}")
    assert shown.status_code == 410
    assert "This link has expired." in page(shown)


def test_a_personal_link_for_a_removed_participant_is_refused(client, survey):
    person = participant()
    token = responses.personal_link_token(person.id, survey.id)
    db.session.delete(person)
    db.session.commit()
    assert client.get(f"/s/voice-2027/p/{token}").status_code == 400


# --- closed, draft and unknown surveys ---------------------------------------------------------


def test_a_closed_survey_says_so_in_the_visitors_language(client, survey):
    services.close_survey(survey)
    db.session.commit()
    shown = client.get("/s/voice-2027?lang=es")
    assert shown.status_code == 410
    assert '<html lang="es"' in page(shown)
    assert "This survey has closed." in page(shown) or "encuesta" in page(shown)
    assert "ES Your voice" in page(shown)
    assert client.post("/s/voice-2027/q/heard", data={"answer": "friend"}).status_code == 410
    person = participant()
    token = responses.personal_link_token(person.id, survey.id)
    assert client.get(f"/s/voice-2027/p/{token}").status_code == 410


def test_a_draft_survey_is_not_there_yet(client, app):
    services.create_survey("draft-one", {"en": "Draft"}, base_language="en", languages=["en"])
    db.session.commit()
    shown = client.get("/s/draft-one")
    assert shown.status_code == 404
    assert "Draft" not in heading(shown)


def test_an_unknown_survey_is_a_404_page(client, app):
    shown = client.get("/s/no-such-survey")
    assert shown.status_code == 404
    assert "This page does not exist." in page(shown)


# --- the end: thank-you and text check-ins -----------------------------------------------------


def finish_small_survey(client: FlaskClient, language: str = "en") -> None:
    client.get(f"/s/quick-check?lang={language}")
    assert skip(client, "comment", slug="quick-check").status_code == 303
    assert client.get("/s/quick-check").status_code == 200


def sign_up(client: FlaskClient, phone: str, language: str = "es", consent: bool = True):
    data = {"phone": phone, "language": language}
    if consent:
        data["consent"] = "y"
    return client.post("/s/quick-check/sign-up", data=data)


def test_coming_back_to_a_finished_survey_shows_the_thank_you_again(client, app):
    small_survey()
    finish_small_survey(client)
    again = client.get("/s/quick-check")
    assert heading(again) == "Thank you!"
    assert "Your answers have been saved." in page(again)  # the default thank-you
    changed = client.post("/s/quick-check/q/comment", data={"answer": "late"})
    assert changed.status_code == 303
    assert only_response().answer_map() == {"comment": None}


def test_a_finished_response_keeps_its_language_when_the_visitor_switches(client, app):
    small_survey()
    finish_small_survey(client, language="en")
    again = client.get("/s/quick-check?lang=es")
    assert '<html lang="es"' in page(again)
    assert "ES Quick check" in page(again)
    assert only_response().language == "en"


def test_the_sign_up_shows_the_consent_wording(client, app):
    small_survey()
    finish_small_survey(client)
    html = page(client.get("/s/quick-check"))
    assert "I agree to receive text messages from Valley Community Health Center" in html
    assert 'type="checkbox"' in html and 'autocomplete="tel"' in html


@pytest.mark.parametrize(
    ("phone", "message"),
    [("hello", "This is not a phone number."), ("617 55", "too few digits"), ("", "Enter a phone")],
)
def test_a_bad_phone_number_is_explained(client, app, phone, message):
    small_survey()
    finish_small_survey(client)
    refused = sign_up(client, phone)
    assert refused.status_code == 400
    assert message in page(refused)
    assert 'aria-describedby="phone-help phone-error"' in page(refused)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Participant)) == 0


def test_signing_up_needs_the_consent_box(client, app):
    small_survey()
    finish_small_survey(client)
    refused = sign_up(client, "617-234-5678", consent=False)
    assert refused.status_code == 400
    assert "Tick the box" in page(refused)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Participant)) == 0


def test_signing_up_records_consent_with_its_wording_and_links_the_response(client, app):
    small_survey()
    finish_small_survey(client, language="es")

    signed = sign_up(client, "(617) 234-5678", language="es")

    assert signed.status_code == 303
    person = db.session.scalars(sa.select(Participant)).one()
    assert person.phone == "+16172345678" and person.preferred_language == "es"
    assert person.sms_consent_method is ConsentMethod.FORM
    assert person.has_sms_consent
    assert "Valley Community Health Center" in (person.sms_consent_wording or "")
    assert only_response().participant_id == person.id
    thanks = client.get(signed.headers["Location"])
    with force_locale("es"):  # the page is in the language the visitor chose
        expected = gettext("You are signed up for text check-ins. Reply STOP at any time to stop.")
    assert expected in page(thanks)
    assert 'name="phone"' not in page(thanks)


def test_a_known_participant_without_consent_is_given_it(client, app):
    small_survey()
    person = participant(phone="+16172345678", language="en", name="Ana")
    finish_small_survey(client)
    assert sign_up(client, "617 234 5678", language="es").status_code == 303
    db.session.expire_all()
    person = db.session.get(Participant, person.id)
    assert person.has_sms_consent and person.name == "Ana" and person.preferred_language == "es"


def test_an_opted_out_participant_is_not_consented_again_by_the_form(client, app):
    small_survey()
    person = participant(
        phone="+16172345678",
        sms_consent_at=utcnow(),
        sms_consent_method=ConsentMethod.KEYWORD,
        sms_opted_out_at=utcnow(),
    )
    finish_small_survey(client)
    page_after = sign_up(client, "617 234 5678")
    assert page_after.status_code == 200
    assert "text START" in page(page_after)
    db.session.expire_all()
    person = db.session.get(Participant, person.id)
    assert not person.has_sms_consent
    assert person.sms_consent_method is ConsentMethod.KEYWORD
    assert only_response().participant_id is None


def test_a_participant_who_already_answered_keeps_their_own_response(client, app):
    survey = small_survey()
    person = participant(phone="+16172345678")
    earlier = responses.start_or_resume(
        survey, participant_id=person.id, resume_key=None, channel="web", language="en"
    )
    db.session.commit()
    finish_small_survey(client)
    assert sign_up(client, "617 234 5678").status_code == 303
    db.session.expire_all()
    linked = db.session.scalars(sa.select(Response).where(Response.participant_id == person.id))
    assert [r.id for r in linked] == [earlier.id]
    assert db.session.get(Participant, person.id).has_sms_consent


def test_a_participant_with_consent_is_not_offered_the_sign_up(client, app):
    survey = small_survey()
    person = participant(sms_consent_at=utcnow(), sms_consent_method=ConsentMethod.PAPER)
    token = responses.personal_link_token(person.id, survey.id)
    client.get(f"/s/quick-check/p/{token}")
    skip(client, "comment", slug="quick-check")
    thanks = client.get("/s/quick-check")
    assert heading(thanks) != "" and 'name="phone"' not in page(thanks)
