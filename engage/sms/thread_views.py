"""Conversation threads: staff read every text in and out per participant, and reply by hand.

Opening a thread is in the audit trail (it shows a participant's messages). A reply goes
through the outbox like every other text, so consent, quiet hours and the frequency cap
apply; a participant who opted out or never agreed to texts cannot be written to at all.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse

from engage.auth.roles import Role
from engage.core.access import roles_required
from engage.core.i18n import LANGUAGE_NAMES
from engage.extensions import db
from engage.sms import bp, threads
from engage.sms.forms import ReplyForm
from engage.sms.labels import LABELS

PER_PAGE = 50


@bp.app_template_filter("clinic_time")
def clinic_time(value: datetime) -> str:
    """A stored UTC time on the clinic's wall clock, as staff read it."""
    zone = ZoneInfo(current_app.config["ENGAGE_TIMEZONE"])
    return value.astimezone(zone).strftime("%Y-%m-%d %H:%M")


@bp.route("/threads")
@roles_required(Role.ADMIN, Role.STAFF)
def thread_list() -> str:
    page = max(request.args.get("page", 1, type=int), 1)
    summaries, total = threads.recent_threads(page, PER_PAGE)
    pages = max((total + PER_PAGE - 1) // PER_PAGE, 1)
    return render_template(
        "sms/threads.html",
        summaries=summaries,
        total=total,
        page=page,
        pages=pages,
        language_names=LANGUAGE_NAMES,
    )


@bp.route("/threads/<int:participant_id>", methods=["GET", "POST"])
@roles_required(Role.ADMIN, Role.STAFF)
def thread(participant_id: int) -> tuple[str, int] | BaseResponse:
    participant = threads.view_thread(participant_id) or abort(404)
    form = ReplyForm()
    status = 200
    if request.method == "POST":
        status = 400
        if form.validate_on_submit():
            try:
                threads.send_manual_reply(participant, form.body.data or "")
            except threads.ReplyRefused as refused:
                form.body.errors = [*form.body.errors, str(refused)]
            else:
                db.session.commit()
                flash(_("Reply queued. It goes out when the sending rules allow."), "success")
                return redirect(url_for("sms.thread", participant_id=participant.id))
    db.session.commit()  # the viewing is in the audit trail
    return render_template(
        "sms/thread.html",
        participant=participant,
        entries=threads.thread_for_participant(participant),
        form=form,
        labels=LABELS,
        language_names=LANGUAGE_NAMES,
    ), status
