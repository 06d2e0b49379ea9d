"""Home page, the audit trail, a health check, and the error pages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from flask import Blueprint, Flask, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from engage.auth.roles import Role
from engage.core import audit
from engage.core.access import public, roles_required, signed_in
from engage.core.models import AuditAction
from engage.core.types import utcnow
from engage.extensions import db

bp = Blueprint("core", __name__)


@bp.route("/")
@signed_in
def home() -> str:
    from engage.people.models import Participant

    counts = {}
    if current_user.role in (Role.ADMIN, Role.STAFF):
        total = db.session.scalar(sa.select(sa.func.count()).select_from(Participant)) or 0
        consented = (
            db.session.scalar(
                sa.select(sa.func.count())
                .select_from(Participant)
                .where(
                    Participant.sms_consent_at.is_not(None),
                    sa.or_(
                        Participant.sms_opted_out_at.is_(None),
                        Participant.sms_opted_out_at < Participant.sms_consent_at,
                    ),
                )
            )
            or 0
        )
        counts = {"participants": total, "consented": consented}
    return render_template(
        "core/home.html",
        counts=counts,
        surveys=_surveys_to_read(),
        rounds=_rounds_to_vote_in(),
        duties=_training_to_do(),
    )


def _training_to_do() -> list[object]:
    """The person's assigned training modules, overdue first (done ones after)."""
    from engage.training.assignments import duties_for

    return list(duties_for(current_user))


def _rounds_to_vote_in() -> list[tuple[object, bool]]:
    """Open voting rounds the person is invited to, each with whether they have voted."""
    from engage.priorities.rounds import ballot_of, list_rounds

    now = utcnow()
    return [
        (voting_round, ballot_of(voting_round, current_user.id) is not None)
        for voting_round in list_rounds(current_user)
        if voting_round.is_open(now) and voting_round.invites(current_user.id)
    ]


def _surveys_to_read() -> list[object]:
    """Open and closed surveys, for the results links staff and the lead follow."""
    from engage.surveys.models import Survey, SurveyStatus

    if current_user.role not in (Role.ADMIN, Role.STAFF):
        return []
    return list(
        db.session.scalars(
            sa.select(Survey)
            .where(Survey.status != SurveyStatus.DRAFT)
            .order_by(Survey.opened_at.desc(), Survey.id.desc())
        )
    )


@bp.route("/healthz")
@public
def healthz() -> tuple[dict[str, str], int]:
    """For a load balancer: the app answers and the database is reachable."""
    try:
        db.session.execute(sa.text("SELECT 1"))
    except sa.exc.SQLAlchemyError:
        return {"status": "database unavailable"}, 503
    return {"status": "ok"}, 200


def _parse_day(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value).replace(tzinfo=UTC)
    except ValueError:
        return None


@bp.route("/audit")
@roles_required(Role.ADMIN)
def audit_log() -> str:
    action_value = request.args.get("action") or None
    entity_id = request.args.get("entity_id", type=int)
    until = _parse_day(request.args.get("until"))
    criteria = audit.AuditFilter(
        action=AuditAction(action_value) if action_value in set(AuditAction) else None,
        entity_type=request.args.get("entity_type") or None,
        entity_id=entity_id,
        actor_email=request.args.get("actor") or None,
        since=_parse_day(request.args.get("since")),
        until=until + timedelta(days=1) if until else None,
    )
    page = db.paginate(
        audit.filtered_events(criteria),
        page=request.args.get("page", 1, type=int),
        per_page=100,
        error_out=False,
    )
    return render_template(
        "core/audit.html",
        page=page,
        actions=list(AuditAction),
        entity_types=audit.entity_types(),
        args=request.args,
    )


def register_error_pages(app: Flask) -> None:
    """Every error is a page in the visitor's language; no stack trace reaches anyone."""

    messages = {
        400: lambda: _("The request could not be understood. Go back and try again."),
        403: lambda: _("You do not have access to this page."),
        404: lambda: _("This page does not exist."),
        405: lambda: _("This page does not accept that kind of request."),
        413: lambda: _("The file is too large to upload. Split it into smaller files."),
        429: lambda: _("Too many requests. Wait a minute and try again."),
        500: lambda: _("Something went wrong on our side. The team has been told."),
    }

    def render(code: int, message: str) -> tuple[str, int]:
        db.session.rollback()
        return render_template("core/error.html", code=code, message=message), code

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> tuple[str, int]:
        return render(
            400,
            _(
                "This form has expired or was not sent from this site. "
                "Reload the page and try again."
            ),
        )

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int] | HTTPException:
        code = error.code or 500
        if code not in messages:
            return error
        return render(code, messages[code]())

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception) -> tuple[str, int]:
        app.logger.exception("unhandled error")
        return render(500, messages[500]())
