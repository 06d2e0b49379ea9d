"""Community priorities: items, aggregation, board voting.

One blueprint at ``/priorities``: the community ranking and "whose voice" views (read
by everyone signed in), the priority list and the clinic's panel (kept by the lead),
patients' ideas (tagged by staff) and the board's voting rounds.
"""

from flask import Blueprint

bp = Blueprint("priorities", __name__, template_folder="templates", url_prefix="/priorities")

from engage.priorities import (  # noqa: E402,F401
    community_views,
    item_views,
    round_views,
)
