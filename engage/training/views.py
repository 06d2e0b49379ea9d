"""Training as staff meet it: their assignments, a module to read, its quiz, the result
and the certificate. The editor and the report are in ``editor_views``.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response

from engage.auth.models import User
from engage.auth.roles import Role
from engage.core.access import roles_required, signed_in
from engage.extensions import db
from engage.training import attempts, bp, services
from engage.training.assignments import DutyStatus, clinic_day, duties_for
from engage.training.forms import QuizForm
from engage.training.markdown import render_markdown
from engage.training.models import Texts, TrainingModule


def _language() -> str:
    return str(get_locale() or "en")


@bp.app_template_global()
def text_lang(texts: Texts, language: str) -> str:
    """The ``lang`` of the text a person is shown: theirs, or English where it falls back."""
    return (language if texts.get(language) else "en").replace("_", "-")


def _readable_module(slug: str) -> TrainingModule:
    """A published module, or a draft for an admin to preview; 404 for anything else."""
    module = services.find_module(slug)
    if module is None or (not module.published and current_user.role != Role.ADMIN):
        abort(404)
    return module


@bp.app_template_global()
def duty_status_label(status: DutyStatus) -> str:
    """Done, due or overdue, in the page's language (also used on the home page)."""
    return {
        DutyStatus.DONE: _("Done"),
        DutyStatus.DUE: _("Due"),
        DutyStatus.OVERDUE: _("Overdue"),
    }[status]


@bp.route("/")
@signed_in
def index() -> str:
    duties = duties_for(current_user)
    assigned = {duty.module.id for duty in duties}
    others = [m for m in services.list_modules() if m.id not in assigned]
    return render_template("training/index.html", duties=duties, others=others)


@bp.route("/<slug>")
@signed_in
def module_page(slug: str) -> str:
    module = _readable_module(slug)
    language = _language()
    duty = next((d for d in duties_for(current_user) if d.module.id == module.id), None)
    return render_template(
        "training/module.html",
        module=module,
        body=render_markdown(module.body_in(language)),
        duty=duty,
        standing=attempts.standing(module, current_user.id),
    )


def _submitted(module: TrainingModule) -> dict[int, list[str]]:
    return {q.id: request.form.getlist(f"q-{q.id}") for q in module.questions}


@bp.route("/<slug>/quiz", methods=["GET", "POST"])
@signed_in
def quiz(slug: str) -> tuple[str, int] | Response:
    module = _readable_module(slug)
    state = attempts.standing(module, current_user.id)
    closed = attempts.closed_message(module, state)
    if closed is not None:
        status = 200 if request.method == "GET" else 409
        return render_template(
            "training/quiz_closed.html", module=module, message=closed, standing=state
        ), status
    form = QuizForm()
    chosen: dict[int, list[str]] = {}
    problems: dict[int, str] = {}
    message = None
    if request.method == "POST":
        chosen = _submitted(module)
        if not form.validate_on_submit():
            abort(400)
        try:
            attempt = attempts.submit_attempt(module, current_user, chosen)
            db.session.commit()
        except attempts.SubmissionRefused as refused:
            db.session.rollback()
            message = str(refused)
            problems = {qid: attempts.problem_message(p) for qid, p in refused.problems.items()}
        except attempts.QuizClosed as refused:
            db.session.rollback()
            flash(str(refused), "info")
            return redirect(url_for("training.module_page", slug=module.slug))
        except IntegrityError:  # the same attempt sent twice at once
            db.session.rollback()
            flash(_("This quiz was already submitted."), "info")
            return redirect(url_for("training.module_page", slug=module.slug))
        else:
            return redirect(
                url_for("training.attempt_page", slug=module.slug, number=attempt.number)
            )
    return render_template(
        "training/quiz.html",
        module=module,
        form=form,
        standing=state,
        chosen=chosen,
        problems=problems,
        message=message,
    ), 400 if problems else 200


@bp.route("/<slug>/attempts/<int:number>")
@signed_in
def attempt_page(slug: str, number: int) -> str:
    """A person's own attempt: the score, which questions were right, every explanation."""
    module = _readable_module(slug)
    attempt = attempts.find_attempt(current_user.id, module.id, number) or abort(404)
    return render_template(
        "training/attempt.html",
        module=module,
        attempt=attempt,
        right=set(attempt.right),
        standing=attempts.standing(module, current_user.id),
    )


def _certificate(module: TrainingModule, user: User) -> tuple[str, int]:
    completion = attempts.completion_of(user.id, module.id)
    if completion is None:
        return render_template("training/no_certificate.html", module=module, person=user), 404
    return render_template(
        "training/certificate.html",
        module=module,
        person=user,
        completion=completion,
        completed_on=clinic_day(completion.submitted_at),
    ), 200


@bp.route("/<slug>/certificate")
@signed_in
def certificate(slug: str) -> tuple[str, int]:
    """Only one's own, and only after passing."""
    return _certificate(_readable_module(slug), current_user)


@bp.route("/<slug>/certificate/<int:user_id>")
@roles_required(Role.ADMIN)
def certificate_of(slug: str, user_id: int) -> tuple[str, int]:
    """The engagement lead may print anyone's, for their file."""
    module = services.find_module(slug) or abort(404)
    user = db.session.get(User, user_id) or abort(404)
    return _certificate(module, user)
