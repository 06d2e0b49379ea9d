"""Every response carries the security headers, unless the view chose its own."""

from __future__ import annotations

from flask import Flask, Response
from flask.testing import FlaskClient

EXPECTED = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def test_a_page_carries_every_security_header(client: FlaskClient) -> None:
    response = client.get("/login")
    assert response.status_code == 200
    for name, value in EXPECTED.items():
        assert response.headers.get_all(name) == [value]
    [policy] = response.headers.get_all("Content-Security-Policy")
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy


def test_a_header_the_view_set_is_kept_and_not_repeated(app: Flask) -> None:
    def framed() -> Response:
        response = Response("framed")
        response.headers["x-frame-options"] = "SAMEORIGIN"  # any case, as HTTP allows
        return response

    app.add_url_rule("/framed-for-test", "framed_for_test", framed)
    app.view_functions["framed_for_test"].engage_public = True  # type: ignore[attr-defined]
    response = app.test_client().get("/framed-for-test")
    assert response.headers.get_all("X-Frame-Options") == ["SAMEORIGIN"]
    assert response.headers.get_all("X-Content-Type-Options") == ["nosniff"]
