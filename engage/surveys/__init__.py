"""Surveys: build and translate them, run them on the web, read and export the results.

Three blueprints, split by who uses them: the builder (the engagement lead), the
results and exports (staff), and the runner (patients, at ``/s/<slug>``).
"""

from flask import Blueprint

builder_bp = Blueprint("surveys", __name__, template_folder="templates", url_prefix="/surveys")
results_bp = Blueprint(
    "results", __name__, template_folder="templates", url_prefix="/surveys/<slug>/results"
)
runner_bp = Blueprint("runner", __name__, template_folder="templates", url_prefix="/s")

from engage.surveys import (  # noqa: E402,F401
    builder_views,
    question_views,
    results_views,
    runner_views,
    translate_views,
)
