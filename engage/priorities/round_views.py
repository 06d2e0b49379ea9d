"""The advisory board's voting rounds: open one, vote on a phone or laptop, read the result.

A board member sees only the rounds they are invited to; results appear for everyone
only after the round closes. The ballot form works without JavaScript.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response as BaseResponse

from engage.auth.roles import Role
from engage.core import audit
from engage.core.access import roles_required
from engage.core.models import AuditAction
from engage.core.types import utcnow
from engage.extensions import db
from engage.priorities import bp, rounds
from engage.priorities.ballots import ballot_problem_message, form_values, results_csv
from engage.priorities.community import choose_survey, community, snapshot
from engage.priorities.forms import METHOD_LABELS, ConfirmForm, RoundForm
from engage.priorities.models import RoundMethod, VotingRound
from engage.priorities.voting import BallotProblem
from engage.sms.campaigns import clinic_zone

EVERYONE = (Role.ADMIN, Role.STAFF, Role.BOARD)
DEFAULT_CANDIDATES = 6
DEFAULT_LENGTH = timedelta(days=7)


def _language() -> str:
    return str(get_locale() or "en")


def _round_for_reader(round_id: int) -> VotingRound:
    """The round, if the signed-in person may see it (board members: when invited)."""
    voting_round = rounds.find_round(round_id) or abort(404)
    if current_user.role == Role.BOARD and not voting_round.invites(current_user.id):
        abort(404)
    return voting_round


def _local(moment: datetime) -> datetime:
    return moment.astimezone(clinic_zone())


def _utc(naive_local: datetime) -> datetime:
    return naive_local.replace(tzinfo=clinic_zone()).astimezone(utcnow().tzinfo)


@bp.route("/rounds", endpoint="rounds")
@roles_required(*EVERYONE)
def round_list() -> str:
    now = utcnow()
    listed = rounds.list_rounds(current_user)
    voted = {r.id for r in listed if rounds.ballot_of(r, current_user.id) is not None}
    return render_template(
        "priorities/rounds.html",
        rounds=listed,
        now=now,
        voted=voted,
        methods=METHOD_LABELS,
        local=_local,
    )


def _round_form(survey_slug: str | None) -> tuple[RoundForm, object]:
    form = RoundForm()
    survey = choose_survey(survey_slug)
    ranked: list = []
    if survey is not None:
        result = community(survey)
        ranked = [(row, result.items[row.item]) for row in result.figures.overall]
    form.items.choices = [
        (str(item.id), f"{row.rank}. {item.label(_language())} · {row.picked.shown}")
        for row, item in ranked
    ]
    form.voters.choices = [
        (str(member.id), f"{member.name} ({member.email})") for member in rounds.board_members()
    ]
    if not form.is_submitted():
        now = _local(utcnow()).replace(second=0, microsecond=0, tzinfo=None)
        form.opens_at.data = now
        form.closes_at.data = now + DEFAULT_LENGTH
        form.items.data = [value for value, _label in form.items.choices[:DEFAULT_CANDIDATES]]
        form.voters.data = [value for value, _label in form.voters.choices]
    return form, (survey, ranked)


@bp.route("/rounds/new", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def new_round() -> tuple[str, int] | BaseResponse:
    form, (survey, ranked) = _round_form(request.args.get("survey"))
    if form.validate_on_submit():
        chosen = {int(value) for value in form.items.data or []}
        # Candidates keep the community order: it is the documented tie-break.
        ordered = [item.id for _row, item in ranked if item.id in chosen]
        figures = {item.id: snapshot(row) for row, item in ranked}
        plan = rounds.RoundPlan(
            title=form.title.data or "",
            method=RoundMethod(form.method.data),
            item_ids=ordered,
            opens_at=_utc(form.opens_at.data),
            closes_at=_utc(form.closes_at.data),
            voter_ids=[int(value) for value in form.voters.data or []],
            quorum=form.quorum.data,
            dots=form.dots.data or 10,
            max_score=form.max_score.data or 5,
            delphi=bool(form.delphi.data),
            agreement=(form.agreement.data or 70) / 100,
            important_from=form.important_from.data,
            survey_id=survey.id if survey else None,
            community=figures,
        )
        try:
            voting_round = rounds.open_round(plan, current_user.id)
        except rounds.RoundRefused as refused:
            db.session.rollback()
            form.form_errors.append(str(refused))
        else:
            db.session.commit()
            flash(_("Round opened."), "success")
            return redirect(url_for("priorities.round_page", round_id=voting_round.id))
    status = 400 if form.errors or form.form_errors else 200
    return render_template(
        "priorities/round_form.html", form=form, survey=survey, has_items=bool(ranked)
    ), status


def _round_page(voting_round: VotingRound, problem: str | None = None) -> tuple[str, int]:
    now = utcnow()
    language = _language()
    own = rounds.ballot_of(voting_round, current_user.id)
    previous = None
    if voting_round.previous_round is not None:
        previous = rounds.outcome(voting_round.previous_round, now)
    return render_template(
        "priorities/round.html",
        round=voting_round,
        now=now,
        labels={c.item.key: c.item.label(language) for c in voting_round.candidates},
        abouts={c.item.key: c.item.about(language) for c in voting_round.candidates},
        keys=rounds.candidate_keys(voting_round),
        priority_ids={c.item.key: c.priority_id for c in voting_round.candidates},
        methods=METHOD_LABELS,
        can_vote=voting_round.invites(current_user.id) and voting_round.is_open(now),
        values=form_values(
            voting_round, own.content if own else None, request.form if problem else None
        ),
        has_ballot=own is not None,
        problem=problem,
        outcome=rounds.outcome(voting_round, now),
        previous=previous,
        turnout=rounds.turnout(voting_round),
        confirm=ConfirmForm(),
        local=_local,
        series=rounds.delphi_series(voting_round) if voting_round.delphi else [],
    ), 400 if problem else 200


@bp.route("/rounds/<int:round_id>", endpoint="round_page")
@roles_required(*EVERYONE)
def round_page(round_id: int) -> tuple[str, int]:
    return _round_page(_round_for_reader(round_id))


@bp.route("/rounds/<int:round_id>/ballot", methods=["POST"])
@roles_required(*EVERYONE)
def round_vote(round_id: int) -> tuple[str, int] | BaseResponse:
    voting_round = _round_for_reader(round_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        rounds.cast_ballot(voting_round, current_user, request.form.to_dict(flat=False))
    except rounds.RoundRefused as refused:
        db.session.rollback()
        return _round_page(voting_round, str(refused))
    except BallotProblem as problem:
        db.session.rollback()
        return _round_page(voting_round, ballot_problem_message(problem))
    db.session.commit()
    flash(_("Your ballot is saved. You can change it until the round closes."), "success")
    return redirect(url_for("priorities.round_page", round_id=voting_round.id))


@bp.route("/rounds/<int:round_id>/close", methods=["POST"])
@roles_required(Role.ADMIN)
def round_close(round_id: int) -> BaseResponse:
    voting_round = rounds.find_round(round_id) or abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        rounds.close_now(voting_round)
    except rounds.RoundRefused as refused:
        db.session.rollback()
        flash(str(refused), "error")
    else:
        db.session.commit()
        flash(_("Round closed. The results are below."), "success")
    return redirect(url_for("priorities.round_page", round_id=voting_round.id))


@bp.route("/rounds/<int:round_id>/next", methods=["POST"])
@roles_required(Role.ADMIN)
def round_next(round_id: int) -> BaseResponse:
    voting_round = rounds.find_round(round_id) or abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        next_round = rounds.next_delphi_round(voting_round, current_user.id)
    except rounds.RoundRefused as refused:
        db.session.rollback()
        flash(str(refused), "error")
        return redirect(url_for("priorities.round_page", round_id=voting_round.id))
    db.session.commit()
    flash(
        _("The next round is open. Members see this round's results beside each item."), "success"
    )
    return redirect(url_for("priorities.round_page", round_id=next_round.id))


@bp.route("/rounds/<int:round_id>/results.csv")
@roles_required(Role.ADMIN, Role.STAFF)
def round_results_csv(round_id: int) -> Response:
    """The closed round's totals; never the ballots of a named member."""
    voting_round = rounds.find_round(round_id) or abort(404)
    result = rounds.outcome(voting_round)
    if result is None or result.result is None:
        abort(404)
    language = _language()
    labels = {c.item.key: c.item.label(language) for c in voting_round.candidates}
    body = results_csv(voting_round, result, labels)
    audit.record(AuditAction.EXPORT, "voting_round", voting_round.id, {"format": "csv"})
    db.session.commit()
    return Response(
        "\ufeff" + body,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="round-{voting_round.id}.csv"'},
    )
