"""Walk every registered route as each role and as an anonymous visitor."""

from __future__ import annotations

import re

import pytest
from werkzeug.routing import Rule

from engage.auth.roles import Role
from engage.core.access import allowed_roles
from engage.extensions import db
from engage.people.models import Participant
from tests.conftest import sign_in


def _url(rule: Rule, participant_id: int, user_id: int) -> str:
    """The rule's path with sample values, or an id that does not exist."""
    values = {"participant_id": participant_id, "user_id": user_id, "token": "no-such-token"}
    values |= {"filename": "engage.css", "slug": "no-such-survey", "key": "q1"}

    def fill(match: re.Match[str]) -> str:
        converter, name = match.group(1), match.group(2)
        if name in values:
            return str(values[name])
        return "999999" if converter == "int" else "no-such-thing"

    return re.sub(r"<(?:(\w+):)?(\w+)>", fill, rule.rule)


def test_every_view_declares_who_may_open_it(app):
    undeclared = []
    for endpoint in app.view_functions:
        if endpoint == "static":
            continue
        try:
            allowed_roles(endpoint)
        except (KeyError, AttributeError):
            undeclared.append(endpoint)
    assert undeclared == []


def test_an_undeclared_view_is_refused(app, users, client):
    app.add_url_rule("/forgotten", "forgotten", lambda: "secret")
    sign_in(client, users[Role.ADMIN].email)
    assert client.get("/forgotten").status_code == 403


@pytest.mark.parametrize("role", [None, *Role])
def test_every_route_admits_exactly_its_roles(app, users, role):
    participant = Participant(phone="+16175550142", preferred_language="en")
    db.session.add(participant)
    db.session.commit()
    client = app.test_client()
    if role is not None:
        assert sign_in(client, users[role].email).status_code == 302
    checked = 0
    # Signing out last, so the walk stays signed in.
    rules = sorted(app.url_map.iter_rules(), key=lambda rule: rule.endpoint == "auth.logout")
    for rule in rules:
        if "GET" not in rule.methods and "POST" not in rule.methods:
            continue
        url = _url(rule, participant.id, users[Role.ADMIN].id)
        roles = None if rule.endpoint == "static" else allowed_roles(rule.endpoint)
        method = "get" if "GET" in rule.methods else "post"
        response = getattr(client, method)(url)
        checked += 1
        if roles is None:
            assert response.status_code < 500, (url, response.status_code)
            continue
        if role is None:
            assert response.status_code == 302, url
            assert "/login?next=" in response.headers["Location"], url
        elif role in roles:
            assert response.status_code not in (401, 403), (url, role, response.status_code)
            # A view may redirect (after a refused form, say), but never to the sign-in page.
            signed_out = "/login" in response.headers.get("Location", "")
            assert not signed_out or url == "/logout", (url, role, response.status_code)
        else:
            assert response.status_code == 403, (url, role, response.status_code)
    assert checked >= 15


def test_a_request_without_a_cookie_builds_no_signer_and_gets_no_cookie(client, monkeypatch):
    """The webhooks' case: no cookie in, nothing to verify, none out."""
    from engage.core.sessions import CookieSessionInterface

    def refuse(*_args: object) -> None:
        raise AssertionError("the signer was built for a request without a cookie")

    monkeypatch.setattr(CookieSessionInterface, "get_signing_serializer", refuse)
    response = client.get("/healthz")
    assert response.status_code == 200 and "Set-Cookie" not in response.headers
