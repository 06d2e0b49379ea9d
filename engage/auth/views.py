"""Sign in and out, one's own account, and the admin's list of accounts."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from werkzeug.wrappers import Response

from engage.auth import bp, services
from engage.auth.forms import AccountForm, LoginForm, UserForm
from engage.auth.models import User
from engage.auth.roles import Role
from engage.core.access import public, roles_required, signed_in
from engage.core.errors import EngageError
from engage.core.i18n import language_choices
from engage.extensions import db


def _safe_next(target: str | None) -> str:
    """Only a path on this site, so a crafted link cannot bounce a person elsewhere."""
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/"):
            return target
    return url_for("core.home")


@bp.route("/login", methods=["GET", "POST"])
@public
def login() -> str | Response:
    if current_user.is_authenticated:
        return redirect(url_for("core.home"))
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.email.data or "", form.password.data or "")
        except services.SignInRefused as refused:
            db.session.commit()  # the failure counts, and is in the audit trail
            form.password.errors.append(str(refused))
        else:
            db.session.commit()
            session.pop("lang", None)  # the person's own language takes over
            session.permanent = True
            login_user(user)
            return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form), 200 if not form.errors else 400


@bp.route("/logout", methods=["POST"])
@signed_in
def logout() -> Response:
    logout_user()
    session.clear()
    flash(_("You are signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/account", methods=["GET", "POST"])
@signed_in
def account() -> str | Response:
    form = AccountForm(obj=current_user)
    form.preferred_language.choices = language_choices()
    if form.validate_on_submit():
        user: User = current_user._get_current_object()  # type: ignore[attr-defined]
        try:
            services.set_preferred_language(user, form.preferred_language.data or "en")
            if form.new_password.data:
                services.set_password(user, form.new_password.data)
        except EngageError as refused:
            db.session.rollback()
            form.new_password.errors.append(str(refused))
        else:
            db.session.commit()
            session.pop("lang", None)
            if form.new_password.data:
                login_user(user)  # the session token changed; keep this session signed in
            flash(_("Your account is saved."), "success")
            return redirect(url_for("auth.account"))
    return render_template("auth/account.html", form=form)


@bp.route("/users")
@roles_required(Role.ADMIN)
def users() -> str:
    return render_template("auth/users.html", users=services.list_users())


def _user_form(user: User | None) -> UserForm:
    from engage.people.services import list_sites

    form = UserForm(obj=user)
    form.preferred_language.choices = language_choices()
    form.work_site.choices = [("", _("No site"))] + [(str(s.id), s.name) for s in list_sites()]
    if user is not None and request.method == "GET":
        form.role.data = user.role.value
        form.work_site.data = str(user.site_id or "")
    return form


def _site_id(form: UserForm) -> int | None:
    return int(form.work_site.data) if form.work_site.data else None


@bp.route("/users/new", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def new_user() -> str | Response:
    form = _user_form(None)
    if form.validate_on_submit():
        try:
            if not form.password.data:
                raise services.AccountRefused(_("Set a password for the new account."))
            user = services.create_user(
                form.email.data or "",
                form.name.data or "",
                Role(form.role.data),
                form.password.data,
                form.preferred_language.data or "en",
                site_id=_site_id(form),
            )
        except EngageError as refused:
            db.session.rollback()
            form.form_errors.append(str(refused))
        else:
            db.session.commit()
            flash(_("Account created for %(email)s.", email=user.email), "success")
            return redirect(url_for("auth.users"))
    return render_template("auth/user_form.html", form=form, user=None), 400 if form.errors else 200


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def edit_user(user_id: int) -> str | Response:
    user = db.session.get(User, user_id) or abort(404)
    form = _user_form(user)
    del form.email  # an address is the account's identity; create a new account instead
    if form.validate_on_submit():
        if user.id == current_user.id and (not form.active.data or form.role.data != Role.ADMIN):
            form.form_errors.append(_("You cannot remove your own admin access."))
        else:
            try:
                services.update_user(
                    user,
                    name=form.name.data or "",
                    role=Role(form.role.data),
                    preferred_language=form.preferred_language.data or "en",
                    active=bool(form.active.data),
                    site_id=_site_id(form),
                )
                if form.password.data:
                    services.set_password(user, form.password.data)
            except EngageError as refused:
                db.session.rollback()
                form.form_errors.append(str(refused))
            else:
                db.session.commit()
                flash(_("Account saved."), "success")
                return redirect(url_for("auth.users"))
    return render_template("auth/user_form.html", form=form, user=user), 400 if form.errors else 200
