"""Staff and advisory board accounts, roles and sign-in."""

from flask import Blueprint

bp = Blueprint("auth", __name__, template_folder="templates")

from engage.auth import views  # noqa: E402,F401  (registers the routes)
