"""Twilio's request signatures, checked exactly as Twilio makes them.

Twilio signs the public URL it called. Behind a proxy the app sees another host, so
the URL is rebuilt from ``ENGAGE_PUBLIC_URL`` plus the path and query it received.
"""

from __future__ import annotations

from flask import Request, current_app
from twilio.request_validator import RequestValidator


def public_url(request: Request) -> str:
    base = current_app.config["ENGAGE_PUBLIC_URL"]
    query = request.query_string.decode()
    return f"{base}{request.path}" + (f"?{query}" if query else "")


def is_signed_by_twilio(request: Request) -> bool:
    token = current_app.config["TWILIO_AUTH_TOKEN"]
    signature = request.headers.get("X-Twilio-Signature", "")
    if not token or not signature:
        return False
    validator = RequestValidator(token)
    return validator.validate(public_url(request), request.form.to_dict(), signature)
