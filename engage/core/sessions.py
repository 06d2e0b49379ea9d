"""Flask's signed-cookie session, opened without cost when the request sent no cookie."""

from __future__ import annotations

from flask import Flask, Request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface


class CookieSessionInterface(SecureCookieSessionInterface):
    """Exactly Flask's session, except that a request without a session cookie gets an
    empty session before the signer is built.

    Flask builds the signer (key derivation and a JSON round trip) on every request, to
    read a cookie that most machine callers never send: every Twilio webhook and status
    callback pays for it. The signer is still built whenever a cookie is there to be
    verified, and when the session is saved.
    """

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        # No Cookie header at all (Twilio's requests): not even parsed.
        if app.secret_key and (
            "HTTP_COOKIE" not in request.environ
            or not request.cookies.get(self.get_cookie_name(app))
        ):
            return self.session_class()
        return super().open_session(app, request)
