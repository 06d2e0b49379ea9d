"""Answering a survey: personal links, starting or resuming a response, saving answers.

The web runner and the SMS conversation engine both call :func:`save_answer`, which
runs the question type's one validation, so an answer is judged the same way
whichever channel it came by.
"""

from __future__ import annotations

import enum
import secrets
from typing import Any

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from engage.core import audit
from engage.core.errors import EngageError
from engage.core.models import AuditAction
from engage.core.types import utcnow
from engage.extensions import db
from engage.people import services as people
from engage.people.models import Participant
from engage.people.vocabulary import ConsentMethod
from engage.surveys import answer_rules
from engage.surveys.models import Answer, Channel, Question, Response, Survey, SurveyStatus
from engage.surveys.question_types import AnswerProblem, QuestionSpec
from engage.surveys.specs import question_spec

LINK_SALT = "engage.survey-link"
DEFAULT_LINK_DAYS = 30


class LinkRefused(EngageError):
    """A personal link was tampered with, is for another survey, or has expired."""

    def __init__(self, message: object, expired: bool = False) -> None:
        super().__init__(message)
        self.expired = expired


class SurveyNotOpen(EngageError):
    """The survey is a draft or has closed."""


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=LINK_SALT)


def personal_link_token(participant_id: int, survey_id: int) -> str:
    """A signed token for one participant and one survey; it names nothing else."""
    return _serializer().dumps({"p": participant_id, "s": survey_id})


def read_personal_link(token: str, survey: Survey) -> int:
    """The participant a token belongs to, or :class:`LinkRefused`."""
    max_age = current_app.config.get("ENGAGE_SURVEY_LINK_DAYS", DEFAULT_LINK_DAYS) * 86400
    try:
        data = _serializer().loads(token, max_age=max_age)
    except SignatureExpired:
        raise LinkRefused(
            _("This link has expired. Ask the clinic for a new one."), expired=True
        ) from None
    except BadSignature:
        raise LinkRefused(_("This link is not valid. Check that you copied all of it.")) from None
    if (
        not isinstance(data, dict)
        or data.get("s") != survey.id
        or not isinstance(data.get("p"), int)
    ):
        raise LinkRefused(_("This link is not valid. Check that you copied all of it."))
    return int(data["p"])


def ensure_open(survey: Survey) -> None:
    if survey.status is not SurveyStatus.OPEN:
        raise SurveyNotOpen(_("This survey has closed. Thank you for your interest."))


def start_or_resume(
    survey: Survey,
    *,
    participant_id: int | None,
    resume_key: str | None,
    channel: Channel,
    language: str,
) -> Response:
    """The participant's (or this browser's) response to the survey, started if needed."""
    ensure_open(survey)
    response = None
    if participant_id is not None:
        response = db.session.scalar(
            sa.select(Response).where(
                Response.survey_id == survey.id, Response.participant_id == participant_id
            )
        )
    elif resume_key:
        response = db.session.scalar(
            sa.select(Response).where(
                Response.survey_id == survey.id, Response.resume_key == resume_key
            )
        )
    if response is None:
        response = Response(
            survey_id=survey.id,
            version_id=survey.current.id,
            participant_id=participant_id,
            resume_key=None if participant_id is not None else secrets.token_urlsafe(24),
            channel=channel,
            language=language,
        )
        db.session.add(response)
        db.session.flush()
    return response


def _specs(response: Response) -> list[QuestionSpec]:
    return [question_spec(question) for question in response.version.questions]


def _question(response: Response, key: str | None) -> Question | None:
    return next((q for q in response.version.questions if q.key == key), None)


def visible_questions(response: Response) -> list[Question]:
    shown = set(answer_rules.shown_keys(_specs(response), response.answer_map()))
    return [question for question in response.version.questions if question.key in shown]


def next_question(response: Response) -> Question | None:
    """The first shown question not answered yet (required or not), or None when done.

    An optional question the person skipped counts as answered, so it is not asked again.
    """
    return _question(response, answer_rules.next_key(_specs(response), response.answer_map()))


def save_answer(response: Response, question_key: str, raw: Any) -> Any:
    """Validate and store one answer; ``None`` records an optional question as skipped.

    Raises :class:`AnswerProblem` (with nothing written) when the answer does not fit.
    Answers to questions that an earlier change now hides are removed.
    """
    if response.completed_at is not None:
        raise AnswerProblem("already_completed")
    value, kept = answer_rules.apply_answer(
        _specs(response), response.answer_map(), question_key, raw
    )
    question = _question(response, question_key)
    assert question is not None  # apply_answer refuses a key the version does not have
    existing = next((a for a in response.answers if a.question_id == question.id), None)
    if existing is None:
        response.answers.append(Answer(question_id=question.id, question=question, value=value))
    else:
        existing.value = value
    for answer in [a for a in response.answers if a.question.key not in kept]:
        response.answers.remove(answer)
    response.updated_at = utcnow()
    db.session.flush()
    return value


def complete(response: Response) -> list[str]:
    """Mark the response complete, or return the keys of required questions still open."""
    missing = answer_rules.missing_required(_specs(response), response.answer_map())
    if missing:
        return missing
    response.completed_at = response.completed_at or utcnow()
    db.session.flush()
    return []


class SignUp(enum.StrEnum):
    """How an SMS sign-up at the end of a web survey went."""

    SIGNED_UP = "signed_up"
    ALREADY_SIGNED_UP = "already_signed_up"
    OPTED_OUT = "opted_out"


def sign_up_for_texts(response: Response, phone: str, language: str, wording: str) -> SignUp:
    """Record SMS consent given on the thank-you page, with the ``wording`` the person saw.

    The phone number names the participant: a new one is added, a known one without
    consent is given it. Someone who texted STOP is never opted back in by a web form;
    only their own START text does that. An anonymous response is linked to the
    participant, unless they already have a response to this survey (one each).
    Raises :class:`~engage.people.services.ParticipantRefused` for a bad number.
    """
    e164 = people.normalized_phone(phone)
    participant = db.session.scalar(sa.select(Participant).where(Participant.phone == e164))
    if participant is None:
        participant = people.add_participant(
            people.ParticipantDetails(
                phone=e164,
                preferred_language=language,
                consent_method=ConsentMethod.FORM,
                consent_wording=wording,
            )
        )
        outcome = SignUp.SIGNED_UP
    elif participant.has_sms_consent:
        outcome = SignUp.ALREADY_SIGNED_UP
    elif participant.sms_opted_out_at is not None:
        return SignUp.OPTED_OUT
    else:
        people.update_participant(participant, _consenting(participant, language, wording))
        outcome = SignUp.SIGNED_UP
    _link_response(response, participant)
    return outcome


def _consenting(participant: Participant, language: str, wording: str) -> people.ParticipantDetails:
    """The participant's details as they are, with the language chosen and consent given."""
    return people.ParticipantDetails(
        phone=participant.phone,
        name=participant.name,
        external_id=participant.external_id,
        preferred_language=language,
        site_id=participant.site_id,
        age_band=participant.age_band,
        race_ethnicity=participant.race_ethnicity,
        gender=participant.gender,
        zip_code=participant.zip_code,
        consent_method=ConsentMethod.FORM,
        consent_wording=wording,
    )


def _link_response(response: Response, participant: Participant) -> None:
    if response.participant_id is not None:
        return
    other = db.session.scalar(
        sa.select(Response.id).where(
            Response.survey_id == response.survey_id, Response.participant_id == participant.id
        )
    )
    if other is not None:
        return
    response.participant_id = participant.id
    db.session.flush()
    audit.record(
        AuditAction.UPDATE, "survey_response", response.id, {"participant_id": participant.id}
    )
