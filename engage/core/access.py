"""Who may open which view. Every view declares it; a view that does not is refused.

A view is either ``@public`` or ``@roles_required(...)``. The check runs once, before
every request, so a new view without a declaration fails closed (403) rather than open,
and ``tests/core/test_access.py`` walks every route as every role.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import abort, current_app, request
from flask_login import current_user

from engage.auth.roles import Role

View = TypeVar("View", bound=Callable[..., object])

ALL_ROLES = frozenset(Role)


def public(view: View) -> View:
    """Anyone may open this view, signed in or not."""
    view.engage_public = True  # type: ignore[attr-defined]
    return view


def roles_required(*roles: Role) -> Callable[[View], View]:
    """Only signed-in people with one of ``roles`` may open this view."""

    def mark(view: View) -> View:
        view.engage_roles = frozenset(roles)  # type: ignore[attr-defined]
        return view

    return mark


def signed_in(view: View) -> View:
    """Any signed-in person, whatever their role."""
    return roles_required(*ALL_ROLES)(view)


def allowed_roles(endpoint: str) -> frozenset[Role] | None:
    """The roles an endpoint admits; None for a public one. Raises KeyError if undeclared."""
    view = current_app.view_functions[endpoint]
    if getattr(view, "engage_public", False):
        return None
    return view.engage_roles  # type: ignore[attr-defined,no-any-return]


def enforce_access() -> object | None:
    """``before_request`` hook: refuse before the view runs."""
    endpoint = request.endpoint
    if endpoint is None or endpoint == "static":
        return None
    try:
        roles = allowed_roles(endpoint)
    except (KeyError, AttributeError):
        current_app.logger.error("view %s declares no access rule; refused", endpoint)
        abort(403)
    if roles is None:
        return None
    if not current_user.is_authenticated:
        from engage.extensions import login_manager

        return login_manager.unauthorized()
    if current_user.role not in roles:
        abort(403)
    return None
