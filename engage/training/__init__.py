"""Staff training: culture-of-inquiry modules with quizzes, assignments and completions."""

from flask import Blueprint

bp = Blueprint("training", __name__, template_folder="templates", url_prefix="/training")

from engage.training import editor_views, views  # noqa: E402,F401  (registers the routes)
