"""Participants: patients and community members reached by SMS and web links."""

from flask import Blueprint

bp = Blueprint("people", __name__, template_folder="templates", url_prefix="/participants")

from engage.people import views  # noqa: E402,F401  (registers the routes)
