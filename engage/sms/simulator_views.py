"""The phone simulator: staff text the system from any number and see the replies.

Only with the console backend (no Twilio account), where nothing leaves the building.
A text goes to ``conversations.receive``, the same engine as Twilio's webhook,
with a made-up MessageSid; then one dispatcher pass runs, so the console "sends" the
replies and they appear in the thread at once. Quiet hours and the other rules still
apply: a reply held until morning shows as held. Works without JavaScript.
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse

from engage.auth.roles import Role
from engage.core.access import roles_required
from engage.core.i18n import LANGUAGE_NAMES
from engage.extensions import db
from engage.people.phones import display_phone, parse_phone
from engage.people.services import find_participant_by_phone, phone_problem_message
from engage.sms import bp, threads
from engage.sms.conversation_queue import ConversationRefused, start_conversation
from engage.sms.conversations import receive
from engage.sms.dispatch import send_due_messages
from engage.sms.forms import SimulatorForm, StartSurveyForm
from engage.sms.labels import LABELS
from engage.surveys.models import Survey, SurveyStatus

SIMULATED_SID_PREFIX = "SMsim"


def _choices() -> list[tuple[str, str]]:
    return [("", _("Choose a participant"))] + [
        (
            participant.phone,
            " · ".join(
                part
                for part in (
                    display_phone(participant.phone),
                    participant.name or "",
                    LANGUAGE_NAMES.get(participant.preferred_language, ""),
                )
                if part
            ),
        )
        for participant in threads.simulator_participants()
    ]


def _sender(form: SimulatorForm) -> str | None:
    """The number the text comes from: a typed one wins over the chosen participant."""
    typed = (form.phone.data or "").strip()
    if typed:
        parsed = parse_phone(typed, current_app.config["ENGAGE_PHONE_REGION"])
        if parsed.problem is not None:
            form.phone.errors = [*form.phone.errors, phone_problem_message(parsed.problem)]
            return None
        return parsed.e164
    chosen = form.participant_phone.data or ""
    if chosen and chosen in dict(form.participant_phone.choices or []):
        return chosen
    form.participant_phone.errors = [
        *form.participant_phone.errors,
        _("Choose a participant or type a number."),
    ]
    return None


@bp.route("/simulator", methods=["GET", "POST"])
@roles_required(Role.ADMIN, Role.STAFF)
def simulator() -> tuple[str, int] | BaseResponse:
    backend = current_app.config["ENGAGE_SMS_BACKEND"]
    if backend != "console":
        return render_template("sms/simulator_off.html", backend=backend), 200
    form = SimulatorForm()
    form.participant_phone.choices = _choices()
    status = 200
    if request.method == "POST":
        status = 400
        phone = _sender(form) if form.validate_on_submit() else None
        if phone is not None:
            sid = f"{SIMULATED_SID_PREFIX}{uuid.uuid4().hex}"
            receive(sid, phone, "simulator", form.body.data or "")
            send_due_messages()  # commits its own work
            return redirect(url_for("sms.simulator", phone=phone))
    phone = request.args.get("phone") or form.phone.data or form.participant_phone.data or ""
    if request.method == "GET" and phone in dict(form.participant_phone.choices or []):
        form.participant_phone.data = phone
    return render_template(
        "sms/simulator.html",
        form=form,
        start_form=_start_form(phone),
        phone=phone,
        entries=threads.thread_for_phone(phone) if phone else [],
        labels=LABELS,
    ), status


def _start_form(phone: str) -> StartSurveyForm | None:
    """Offer the open surveys when the shown phone is a participant's."""
    if not phone or find_participant_by_phone(phone) is None:
        return None
    form = StartSurveyForm(phone=phone)
    form.survey_id.choices = [
        (survey.id, survey.title(str(get_locale() or "en")))
        for survey in db.session.scalars(
            sa.select(Survey).where(Survey.status == SurveyStatus.OPEN).order_by(Survey.id)
        )
    ]
    return form if form.survey_id.choices else None


@bp.route("/simulator/start", methods=["POST"])
@roles_required(Role.ADMIN, Role.STAFF)
def simulator_start() -> BaseResponse:
    """Start a text survey on a simulated phone, so a demo can walk a whole SMS survey."""
    if current_app.config["ENGAGE_SMS_BACKEND"] != "console":
        abort(404)
    form = StartSurveyForm()
    phone = form.phone.data or ""
    participant = find_participant_by_phone(phone)
    survey = db.session.get(Survey, form.survey_id.data or 0)
    if not form.validate_on_submit() or participant is None or survey is None:
        flash(_("Choose a participant's phone and an open survey."), "error")
        return redirect(url_for("sms.simulator", phone=phone))
    try:
        start_conversation(participant, survey)
    except ConversationRefused as refused:
        db.session.rollback()
        flash(str(refused), "error")
        return redirect(url_for("sms.simulator", phone=phone))
    db.session.commit()
    send_due_messages()  # commits its own work
    return redirect(url_for("sms.simulator", phone=phone))
