"""engage: learn from a community health center's patients and act on what they say."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask
from flask_babel import get_locale
from sqlalchemy import event
from sqlalchemy.engine import Engine

from engage.config import load_settings
from engage.core.connections import ping_when_idle
from engage.core.sessions import CookieSessionInterface
from engage.extensions import babel, csrf, db, login_manager, migrate


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """SQLite: enforce foreign keys, and WAL so the dispatcher and the web server share it."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app; ``config`` overrides settings read from the environment."""
    app = Flask(__name__, instance_relative_config=False)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.update(
        load_settings(app.instance_path, secret_given=bool(config and config.get("SECRET_KEY")))
    )
    if config:
        app.config.update(config)
    app.session_interface = CookieSessionInterface()

    db.init_app(app)
    with app.app_context():  # engage.core.connections: pinged when idle, not on every use
        ping_when_idle(db.engine, app.config["ENGAGE_DB_PING_AFTER_SECONDS"])
    migrate.init_app(
        app,
        db,
        directory=str(Path(__file__).parent.parent / "migrations"),
        render_as_batch=True,  # SQLite alters tables by copying them
        compare_type=True,
    )
    csrf.init_app(app)
    _init_login(app)
    _init_languages(app)
    _check_sms_texts(app)
    _register_blueprints(app)
    _register_commands(app)
    _add_security_headers(app)
    return app


def _init_login(app: Flask) -> None:
    from flask_babel import lazy_gettext as _l

    from engage.auth.services import load_user_from_session

    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to open this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    login_manager.user_loader(load_user_from_session)


def _init_languages(app: Flask) -> None:
    from engage.core import i18n

    babel.init_app(app, locale_selector=i18n.select_locale)

    @app.context_processor
    def language_context() -> dict[str, Any]:
        code = str(get_locale() or "en")
        return {
            "current_language": code,
            "html_lang": i18n.html_lang(code),
            "text_direction": i18n.text_direction(code),
            "language_choices": i18n.language_choices(),
            "switch_language_url": i18n.switch_language_url,
            "clinic_name": app.config["ENGAGE_CLINIC_NAME"],
        }


def _check_sms_texts(app: Flask) -> None:
    from engage.sms.texts import check_help_fits_one_segment

    with app.app_context():
        check_help_fits_one_segment()


def _register_blueprints(app: Flask) -> None:
    from engage.auth.views import bp as auth_bp
    from engage.backlog import bp as backlog_bp
    from engage.backlog.public_views import bp as changes_bp
    from engage.core.access import enforce_access
    from engage.core.views import bp as core_bp
    from engage.core.views import register_error_pages
    from engage.people import bp as people_bp
    from engage.priorities import bp as priorities_bp
    from engage.sms import bp as sms_bp
    from engage.surveys import builder_bp, results_bp, runner_bp
    from engage.training import bp as training_bp

    app.before_request(enforce_access)
    app.register_blueprint(core_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(people_bp)
    app.register_blueprint(sms_bp)
    app.register_blueprint(priorities_bp)
    app.register_blueprint(backlog_bp)
    app.register_blueprint(changes_bp)
    app.register_blueprint(builder_bp)
    app.register_blueprint(results_bp)
    app.register_blueprint(runner_bp)
    app.register_blueprint(training_bp)
    register_error_pages(app)


def _register_commands(app: Flask) -> None:
    from engage.auth.cli import users_cli
    from engage.demo import demo_command
    from engage.priorities.cli import priorities_cli
    from engage.sms.cli import sms_cli

    app.cli.add_command(users_cli)
    app.cli.add_command(demo_command)
    app.cli.add_command(sms_cli)
    app.cli.add_command(priorities_cli)


def _add_security_headers(app: Flask) -> None:
    # Everything is served from this app: no CDN, no outside fonts, no inline scripts.
    policy = (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "frame-ancestors 'none'; form-action 'self'; base-uri 'self'"
    )
    security_headers = (
        ("Content-Security-Policy", policy),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "same-origin"),
        ("X-Frame-Options", "DENY"),
    )

    @app.after_request
    def headers(response: Any) -> Any:
        """Each header unless the view set its own. Looked up once, not with
        ``setdefault``: werkzeug raises (and builds) an HTTP exception for each header
        missing, which cost every webhook request more than the rest of this hook."""
        present = {name.lower() for name, _value in response.headers.items()}
        response.headers.extend(
            [(name, value) for name, value in security_headers if name.lower() not in present]
        )
        return response
