"""The public "What we changed" page: what the clinic did because patients asked.

Anyone may read it, signed in or not; the survey thank-you page links here so a patient
who just answered sees that answers lead somewhere. It lists sent, published updates of
adopted or done items, newest first, in the reader's language, falling back to English
where an update has no text in it.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from babel.dates import format_skeleton
from flask import Blueprint, current_app, render_template
from flask_babel import get_locale

from engage.backlog.loop import published_changes
from engage.core.access import public
from engage.core.i18n import text_direction

bp = Blueprint("changes", __name__, template_folder="templates", url_prefix="/changes")


@bp.route("/")
@public
def index() -> str:
    locale = get_locale()
    language = str(locale or "en")
    zone = ZoneInfo(current_app.config["ENGAGE_TIMEZONE"])
    changes = published_changes(language)
    return render_template(
        "backlog/changes.html",
        changes=changes,
        # The month the clinic told patients, on its own calendar, as the reader says it.
        months=[
            (
                (local := change.sent_at.astimezone(zone)).strftime("%Y-%m"),
                format_skeleton("yMMMM", local, locale=locale or "en"),
            )
            for change in changes
        ],
        directions={change.language: text_direction(change.language) for change in changes},
    )
