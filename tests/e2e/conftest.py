"""Browser fixtures: the demo clinic served for real, headless Chromium, and axe-core.

Each test module gets its own server on its own SQLite file, loaded with the demo clinic
(``engage.demo``), with real CSRF protection, as a person's browser would meet it. The
browser is Debian's Chromium; Playwright never downloads one. Where it is missing the
tests are skipped, or fail under ``ENGAGE_REQUIRE_BROWSER=1`` (see ``tests/conftest.py``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from babel.support import NullTranslations, Translations
from flask import Flask
from playwright.sync_api import Browser, Error, Page, ViewportSize, sync_playwright
from werkzeug.serving import make_server

import engage
from engage import create_app
from engage.demo import ACCOUNTS, DemoAccount, load_demo
from engage.extensions import db
from tests.conftest import base_config, missing

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
]
PHONE_VIEWPORT: ViewportSize = {"width": 390, "height": 844}
TRANSLATIONS_DIR = Path(engage.__file__).parent / "translations"
BLOCKING_IMPACTS = ("serious", "critical")


# --- the demo accounts --------------------------------------------------------------------


def demo_account(email_prefix: str) -> DemoAccount:
    """The demo account whose email starts with ``email_prefix`` ("dana", "luis", "mai")."""
    for account in ACCOUNTS:
        if account.email.startswith(f"{email_prefix}@"):
            return account
    raise LookupError(f"no demo account {email_prefix!r}")


ADMIN = demo_account("dana")
STAFF = demo_account("luis")
BOARD = demo_account("mai")


# --- the server ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def live_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """The app the live server serves, with the demo clinic loaded.

    A test module can add its own data through the services inside
    ``with live_app.app_context():`` (and commit) before its pages are opened.
    """
    tmp = tmp_path_factory.mktemp("e2e")
    config = base_config(f"sqlite:///{tmp}/e2e.sqlite", tmp) | {
        "TESTING": False,
        "WTF_CSRF_ENABLED": True,
    }
    app = create_app(config)
    instance = tmp / "instance"
    instance.mkdir()
    app.instance_path = str(instance)
    with app.app_context():
        db.create_all()
        load_demo()
        db.session.commit()
    try:
        yield app
    finally:
        with app.app_context():
            db.engine.dispose()


@pytest.fixture(scope="module")
def live_server(live_app: Flask) -> Iterator[str]:
    """The demo clinic served on a free local port; yields its base URL (no trailing slash)."""
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="engage-e2e", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


# --- the browser --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Debian Chromium, one for the whole run."""
    if not CHROMIUM.exists():
        missing("BROWSER", f"Chromium is not installed at {CHROMIUM}")
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    except Error as error:
        playwright.stop()
        missing("BROWSER", f"Chromium at {CHROMIUM} did not start: {error.message}")
    try:
        yield chromium
    finally:
        chromium.close()
        playwright.stop()


@pytest.fixture
def viewport() -> ViewportSize:
    """A phone's screen; override with ``@pytest.mark.parametrize("viewport", [...])``."""
    return PHONE_VIEWPORT


@pytest.fixture
def page(browser: Browser, viewport: ViewportSize) -> Iterator[Page]:
    """A fresh context (no cookies, no language remembered) and one page in it."""
    context = browser.new_context(viewport=viewport)
    context.set_default_timeout(10_000)
    tab = context.new_page()
    try:
        yield tab
    finally:
        context.close()


# --- helpers ------------------------------------------------------------------------------


def path_of(page: Page) -> str:
    return urlsplit(page.url).path


def sign_in(page: Page, base_url: str, email: str, password: str) -> None:
    """Sign in through the login form and wait until the browser has left it."""
    page.goto(f"{base_url}/login")
    page.fill("#email", email)
    page.fill("#password", password)
    with page.expect_navigation():
        page.click("#submit")
    assert path_of(page) != "/login", f"sign-in as {email} was refused: {page.inner_text('main')}"


def sign_in_as(page: Page, base_url: str, account: DemoAccount) -> None:
    sign_in(page, base_url, account.email, account.password)


_axe = Axe()


def _describe(violation: dict[str, Any]) -> str:
    targets = [", ".join(map(str, node.get("target", []))) for node in violation["nodes"]]
    shown = "; ".join(targets[:5]) + (f"; … {len(targets) - 5} more" if len(targets) > 5 else "")
    return (
        f"- {violation['id']} ({violation['impact']}): {violation['help']}\n"
        f"    {violation['helpUrl']}\n    on: {shown}"
    )


def assert_accessible(page: Page) -> None:
    """Run axe-core on the page as it is now; fail on any serious or critical violation."""
    results = _axe.run(page)
    blocking = [v for v in results.response["violations"] if v.get("impact") in BLOCKING_IMPACTS]
    if blocking:
        listing = "\n".join(_describe(v) for v in blocking)
        pytest.fail(f"axe-core found accessibility violations on {page.url}:\n{listing}")


def catalog(language: str) -> NullTranslations:
    """The compiled catalog the app reads, as it is on disk now."""
    return Translations.load(str(TRANSLATIONS_DIR), [language])
