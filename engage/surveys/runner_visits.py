"""How a browser finds its response to a survey again, and which language it is answered in.

A signed cookie, sent back only to the survey's own pages (``/s/<slug>``), holds an
anonymous visitor's resume key or, once a personal link was opened, the participant it
named. Signed, so nobody can forge another participant's id into it.
"""

from __future__ import annotations

from typing import Any

from flask import after_this_request, current_app, g, request, url_for
from flask_babel import get_locale, refresh
from itsdangerous import BadSignature, URLSafeSerializer
from werkzeug.wrappers import Response as HttpResponse

from engage.extensions import db
from engage.people.models import Participant
from engage.surveys import responses
from engage.surveys.models import Channel, Response, Survey

VISIT_SALT = "engage.survey-visit"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=VISIT_SALT)


def _cookie_name(survey: Survey) -> str:
    return f"engage_survey_{survey.id}"


def _read_visit(survey: Survey) -> dict[str, Any]:
    """What this browser's cookie says about its response to ``survey`` (signed, so trusted)."""
    raw = request.cookies.get(_cookie_name(survey))
    if not raw:
        return {}
    try:
        data = _serializer().loads(raw)
    except BadSignature:
        return {}
    if not isinstance(data, dict) or data.get("s") != survey.id:
        return {}
    return data


def _remember_visit(survey: Survey, response: Response) -> None:
    """Keep the way back to ``response`` in a cookie that only this survey's pages receive."""
    visit: dict[str, Any] = {"s": survey.id}
    if response.participant_id is not None:
        visit["p"] = response.participant_id
    else:
        visit["k"] = response.resume_key
    value = _serializer().dumps(visit)
    days = current_app.config.get("ENGAGE_SURVEY_LINK_DAYS", responses.DEFAULT_LINK_DAYS)
    # Read now: by the time the response goes out the view has committed, and reading the
    # survey's attributes then would load its row again.
    name, path = _cookie_name(survey), url_for("runner.survey", slug=survey.slug)

    @after_this_request
    def set_cookie(http: HttpResponse) -> HttpResponse:
        http.set_cookie(
            name,
            value,
            max_age=max(days, 1) * 86400,
            path=path,
            secure=current_app.config.get("SESSION_COOKIE_SECURE", False),
            httponly=True,
            samesite="Lax",
        )
        return http


def speak_to(participant: Participant) -> None:
    """Pages for a known participant are in their language, unless ``?lang=`` or the switcher."""
    g.participant_language = participant.preferred_language
    refresh()  # in case anything chose the language before the participant was known


def survey_language(survey: Survey) -> str:
    """The page's language if the survey is offered in it, else the survey's base language."""
    current = str(get_locale() or "en")
    return current if current in survey.languages else survey.base_language


def visitor(survey: Survey, participant_id: int | None = None) -> Response:
    """This browser's response to ``survey`` (a personal link's participant's, if given)."""
    visit = _read_visit(survey)
    wanted = participant_id if participant_id is not None else visit.get("p")
    participant = db.session.get(Participant, wanted) if isinstance(wanted, int) else None
    if participant is not None:
        speak_to(participant)
    language = survey_language(survey)
    response = responses.start_or_resume(
        survey,
        participant_id=participant.id if participant is not None else None,
        resume_key=None if participant is not None else visit.get("k"),
        channel=Channel.WEB,
        language=language,
    )
    if response.completed_at is None:
        response.language = language
    _remember_visit(survey, response)
    return response
