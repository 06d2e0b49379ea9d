"""Staff and advisory board accounts, roles and sign-in.

The routes live in ``engage.auth.views``, imported by the factory when it registers the
blueprint, so that importing ``engage.auth.roles`` (as ``engage.core.access`` does)
never pulls in the views and their imports in turn.
"""

from flask import Blueprint

bp = Blueprint("auth", __name__, template_folder="templates")
