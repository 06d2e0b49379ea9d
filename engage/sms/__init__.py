"""SMS check-ins: gateway, outbox and dispatch, keywords, conversations, campaigns, simulator."""

from flask import Blueprint

bp = Blueprint("sms", __name__, template_folder="templates", url_prefix="/sms")

# Importing the views registers their routes; the rate-limit table lives beside dispatch,
# and importing it here registers it with the app.
from engage.sms import (  # noqa: E402,F401
    campaign_views,
    inbound_views,
    rate_limit,
    simulator_views,
    status_views,
    thread_views,
)
