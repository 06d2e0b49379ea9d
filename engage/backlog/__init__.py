"""The improvement backlog: items that answer community priorities, their PDSA cycles and
measures, and the "you said, we did" updates that tell patients what changed.

Staff and the lead edit it; board members read it and comment. The public "what we
changed" page lists adopted changes for anyone.
"""

from flask import Blueprint

bp = Blueprint("backlog", __name__, template_folder="templates", url_prefix="/backlog")

from engage.backlog import cycle_views, loop_views, views  # noqa: E402,F401
