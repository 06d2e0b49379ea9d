"""The survey runner: patients answer a survey on their phones at ``/s/<slug>``.

One question per screen, each answer saved the moment it is given, so a reload or a
dropped connection loses nothing. The browser finds its response again by a signed
cookie scoped to the survey's path: an anonymous visitor's resume key or, once a
personal link has been opened, the participant it named. Every view is public:
patients have no accounts. The rules live in ``responses.py``; this module parses,
calls them, renders and commits.
"""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from markupsafe import Markup, escape
from werkzeug.wrappers import Response as HttpResponse

from engage.core import i18n
from engage.core.access import public
from engage.extensions import db
from engage.people.models import Participant
from engage.people.services import ParticipantRefused, sms_consent_wording
from engage.surveys import responses, runner_bp
from engage.surveys.messages import answer_problem_message
from engage.surveys.models import Question, Response, Survey, SurveyStatus, pick
from engage.surveys.question_types import AnswerProblem, question_type
from engage.surveys.runner_forms import TextSignUpForm
from engage.surveys.runner_screens import question_screen
from engage.surveys.runner_visits import speak_to, survey_language, visitor
from engage.surveys.services import find_survey
from engage.surveys.specs import question_spec

SIGNED_UP_KEY = "survey_texts_signed_up"  # surveys whose thank-you page took a sign-up

Page = str | tuple[str, int] | HttpResponse


# --- which survey, which question ----------------------------------------------------------


def _open_survey(slug: str) -> Survey:
    """The survey, if it takes answers; a closed or draft one raises SurveyNotOpen."""
    survey = find_survey(slug)
    if survey is None:
        abort(404)
    responses.ensure_open(survey)
    return survey


def _question(response: Response, key: str) -> Question | None:
    return next((q for q in response.version.questions if q.key == key), None)


# --- pages -------------------------------------------------------------------------------


@runner_bp.errorhandler(responses.SurveyNotOpen)
def survey_not_open(refused: responses.SurveyNotOpen) -> tuple[str, int]:
    """A closed survey's links say so (410); a draft's are not there yet (404)."""
    db.session.rollback()
    survey = find_survey((request.view_args or {}).get("slug", ""))
    if survey is None or survey.status is not SurveyStatus.CLOSED:
        return render_template("surveys/runner/closed.html", message=str(refused)), 404
    title = survey.title(survey_language(survey))
    return render_template("surveys/runner/closed.html", message=str(refused), title=title), 410


@runner_bp.context_processor
def stay_on_the_survey() -> dict[str, Any]:
    """After a form was sent, the language switcher leads back to the survey, not home."""
    if request.method == "GET":
        return {}
    args = request.view_args or {}

    def switch(code: str) -> str:
        if "key" in args:
            return url_for("runner.question", slug=args["slug"], key=args["key"], lang=code)
        return url_for("runner.survey", slug=args.get("slug", ""), lang=code)

    return {"switch_language_url": switch}


@runner_bp.route("/<slug>")
@public
def survey(slug: str) -> Page:
    """The open link: anyone may answer; the browser's cookie brings them back to it."""
    found = _open_survey(slug)
    return _current_page(found, visitor(found))


@runner_bp.route("/<slug>/p/<token>")
@public
def personal(slug: str, token: str) -> Page:
    """A personal link: signed for one participant and this survey, valid for some days."""
    found = find_survey(slug)
    if found is None:
        abort(404)
    try:
        participant_id = responses.read_personal_link(token, found)
    except responses.LinkRefused as refused:
        responses.ensure_open(found)  # a closed survey says so first
        status = 410 if refused.expired else 400
        return render_template("surveys/runner/link_problem.html", message=str(refused)), status
    participant = db.session.get(Participant, participant_id)
    if participant is None:  # removed since the link was sent
        message = _("This link is not valid. Check that you copied all of it.")
        return render_template("surveys/runner/link_problem.html", message=message), 400
    speak_to(participant)
    responses.ensure_open(found)
    return _current_page(found, visitor(found, participant.id))


@runner_bp.route("/<slug>/q/<key>", methods=["GET", "POST"])
@public
def question(slug: str, key: str) -> Page:
    """One question: shown again to change an answer (Back), or answered (Next, Skip)."""
    found = _open_survey(slug)
    response = visitor(found)
    asked = _question(response, key)
    if asked is None:
        abort(404)
    if request.method == "POST" and response.completed_at is None:
        return _answer(found, response, asked)
    if response.completed_at is not None or not _may_show(response, asked):
        db.session.commit()
        return redirect(url_for("runner.survey", slug=slug), 303)
    page = _question_page(found, response, asked)
    db.session.commit()
    return page


@runner_bp.route("/<slug>/sign-up", methods=["POST"])
@public
def sign_up(slug: str) -> Page:
    """The optional SMS sign-up on the thank-you page, with the consent wording recorded."""
    found = _open_survey(slug)
    response = visitor(found)
    if response.completed_at is None:
        db.session.commit()
        return redirect(url_for("runner.survey", slug=slug), 303)
    form = _sign_up_form()
    if not form.validate_on_submit():
        return _refuse_sign_up(found, response, form)
    try:
        outcome = responses.sign_up_for_texts(
            response, form.phone.data or "", form.language.data or "en", sms_consent_wording()
        )
    except ParticipantRefused as refused:
        field = form.language if refused.field_name == "preferred_language" else form.phone
        field.errors = [*field.errors, str(refused)]
        return _refuse_sign_up(found, response, form)
    if outcome is responses.SignUp.OPTED_OUT:
        notice = _(
            "This number asked us to stop sending texts, so we cannot sign it up here. "
            "To get texts again, text START to us from that phone."
        )
        page = _thank_you_page(found, response, None, notice)
        db.session.rollback()
        return page
    db.session.commit()
    session[SIGNED_UP_KEY] = [*session.get(SIGNED_UP_KEY, []), found.id][-20:]
    flash(_("You are signed up for text check-ins. Reply STOP at any time to stop."), "success")
    return redirect(url_for("runner.survey", slug=slug), 303)


# --- what each page shows ------------------------------------------------------------------


def _current_page(survey: Survey, response: Response) -> Page:
    """The next unanswered question, or the thank-you page once nothing is left."""
    if response.completed_at is None:
        asked = responses.next_question(response)
        if asked is None:
            missing = responses.complete(response)
            asked = _question(response, missing[0]) if missing else None
        if asked is not None:
            page = _question_page(survey, response, asked)
            db.session.commit()
            return page
    page = _thank_you_page(survey, response, _sign_up_form() if _offer_sign_up(response) else None)
    db.session.commit()
    return page


def _may_show(response: Response, asked: Question) -> bool:
    """A question shown now, and answered already or next: no jumping ahead by URL."""
    if asked not in responses.visible_questions(response):
        return False
    answered = {answer.question_id for answer in response.answers}
    return asked.id in answered or responses.next_question(response) is asked


def _answer(survey: Survey, response: Response, asked: Question) -> Page:
    """Save one answer (or a skip); a refused one is shown again with why, nothing written."""
    skipping = "skip" in request.form  # the "Skip this question" button
    submitted = request.form.getlist("answer")
    raw = None
    if not skipping:
        raw = question_type(asked.type).from_form(question_spec(asked), submitted)
    try:
        responses.save_answer(response, asked.key, raw)
    except AnswerProblem as problem:
        page = _question_page(
            survey,
            response,
            asked,
            submitted=[] if skipping else submitted,
            error=answer_problem_message(problem),
        )
        db.session.rollback()
        return page, 400
    following = _following(response, asked)
    if following is not None:
        target = url_for("runner.question", slug=survey.slug, key=following.key)
    else:
        target = url_for("runner.survey", slug=survey.slug)
    db.session.commit()  # after building the URL: reading rows after a commit reloads them
    return redirect(target, 303)


def _following(response: Response, asked: Question) -> Question | None:
    """After changing an earlier answer, go on to the next question already answered."""
    shown = responses.visible_questions(response)
    if asked not in shown or shown.index(asked) + 1 >= len(shown):
        return None
    after = shown[shown.index(asked) + 1]
    answered = {answer.question_id for answer in response.answers}
    return after if after.id in answered else None


def _survey_texts(survey: Survey, response: Response) -> dict[str, Any]:
    """What every runner page shows of the survey, marked with its language if it differs.

    The page's language now, not the one the response was answered in: someone coming
    back to a finished survey may have switched language since.
    """
    language = survey_language(survey)
    tag = i18n.html_lang(language)
    page_tag = i18n.html_lang(str(get_locale() or "en"))
    attrs = Markup("")
    if tag != page_tag:
        attrs = Markup(' lang="{}" dir="{}"').format(
            escape(tag), escape(i18n.text_direction(language))
        )
    return {
        "slug": survey.slug,
        "survey_title": pick(response.version.title, language, survey.base_language),
        "lang_attrs": attrs,
    }


def _question_page(
    survey: Survey,
    response: Response,
    asked: Question,
    *,
    submitted: list[str] | None = None,
    error: str | None = None,
) -> str:
    screen = question_screen(response, asked, survey.base_language, submitted, error)
    back_url = None
    if screen.previous is not None:
        back_url = url_for("runner.question", slug=survey.slug, key=screen.previous)
    intro = ""
    if not response.answers and screen.number == 1:
        intro = pick(response.version.intro, response.language, survey.base_language)
    return render_template(
        "surveys/runner/question.html",
        screen=screen,
        back_url=back_url,
        intro=intro,
        **_survey_texts(survey, response),
    )


def _offer_sign_up(response: Response) -> bool:
    """Offer texts to someone not known, or known without consent, who has not just signed up."""
    if response.survey_id in session.get(SIGNED_UP_KEY, []):
        return False
    if response.participant_id is None:
        return True
    participant = db.session.get(Participant, response.participant_id)
    return participant is None or not participant.has_sms_consent


def _sign_up_form() -> TextSignUpForm:
    form = TextSignUpForm()
    form.language.choices = i18n.language_choices()
    form.consent.label.text = sms_consent_wording()
    if not form.is_submitted():
        form.language.data = str(get_locale() or "en")
    return form


def _thank_you_page(
    survey: Survey, response: Response, form: TextSignUpForm | None, notice: str | None = None
) -> str:
    thank_you = pick(response.version.thank_you, survey_language(survey), survey.base_language)
    return render_template(
        "surveys/runner/thank_you.html",
        thank_you=thank_you or _("Your answers have been saved. Thank you for taking the time."),
        form=form,
        notice=notice,
        **_survey_texts(survey, response),
    )


def _refuse_sign_up(survey: Survey, response: Response, form: TextSignUpForm) -> tuple[str, int]:
    page = _thank_you_page(survey, response, form)
    db.session.rollback()
    return page, 400
