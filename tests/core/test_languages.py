from __future__ import annotations

import pytest

from engage.auth.roles import Role
from tests.conftest import sign_in


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("es-MX,es;q=0.9", "es"),
        ("zh-CN,zh;q=0.8", "zh-Hans"),
        ("vi", "vi"),
        ("fr, ar;q=0.5", "ar"),
        ("fr", "en"),
    ],
)
def test_browser_language_is_used(client, header, expected):
    response = client.get("/login", headers={"Accept-Language": header})
    assert f'lang="{expected}"'.encode() in response.data


def test_lang_parameter_wins_and_is_remembered(client):
    response = client.get("/login?lang=ar", headers={"Accept-Language": "es"})
    assert b'lang="ar" dir="rtl"' in response.data
    response = client.get("/login", headers={"Accept-Language": "es"})
    assert b'lang="ar" dir="rtl"' in response.data


def test_unknown_lang_parameter_is_ignored(client):
    assert b'lang="en" dir="ltr"' in client.get("/login?lang=klingon").data


def test_user_preference_beats_the_browser(client, users):
    from engage.extensions import db

    users[Role.BOARD].preferred_language = "vi"
    db.session.commit()
    sign_in(client, users[Role.BOARD].email)
    assert b'lang="vi"' in client.get("/", headers={"Accept-Language": "es"}).data


def test_every_page_offers_every_language(client):
    page = client.get("/login").data.decode()
    for code, name in [
        ("es", "Español"),
        ("vi", "Tiếng Việt"),
        ("zh-Hans", "中文（简体）"),
        ("ar", "العربية"),
    ]:
        assert f'hreflang="{code}"' in page
        assert name in page


def test_switching_keeps_the_page(admin_client):
    page = admin_client.get("/participants/?site=1").data.decode()
    assert "/participants/?site=1&amp;lang=es" in page
