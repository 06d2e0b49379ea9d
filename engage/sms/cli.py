"""``flask sms dispatch [--watch]``: the background work without Celery.

One pass does the scheduled work (due campaigns, reminders, expired conversations), sends
what is due and settles sends whose outcome is unknown. ``--watch`` repeats that every
few seconds until Ctrl-C; ``make run`` starts it beside the web server. Celery tasks
(engage/sms/tasks.py) call the very same functions.
"""

from __future__ import annotations

import logging
import time

import click
from flask import current_app
from flask.cli import AppGroup

from engage.extensions import db
from engage.sms.campaigns import run_due_work
from engage.sms.dispatch import reconcile_unknown, send_due_messages
from engage.sms.gateways import GatewayNotConfigured

logger = logging.getLogger(__name__)

sms_cli = AppGroup("sms", help="Send queued text messages.")


def run_pass(limit: int | None) -> list[str]:
    """One round of background work; what it did, one line per part that did something."""
    # Campaigns, reminders and expiries first, so the texts they queue go out this pass.
    scheduled = run_due_work()
    db.session.commit()
    report = [f"{name.replace('_', ' ')}: {count}" for name, count in scheduled.items() if count]
    sent = send_due_messages(limit=limit)
    if sent:
        report.append(f"outbox: {sent}")
    settled = reconcile_unknown()
    if settled:
        report.append(f"unknown sends: {settled}")
    return report


@sms_cli.command("dispatch")
@click.option("--watch", is_flag=True, help="Keep going every --interval seconds until Ctrl-C.")
@click.option("--interval", type=float, default=None, help="Seconds between passes.")
@click.option("--limit", type=int, default=None, help="Texts one pass claims at most.")
def dispatch_command(watch: bool, interval: float | None, limit: int | None) -> None:
    """Send the texts that are due, once or continuously."""
    pause = interval or current_app.config["ENGAGE_SMS_DISPATCH_INTERVAL_SECONDS"]
    backend = current_app.config["ENGAGE_SMS_BACKEND"]
    if watch:
        click.echo(f"Dispatching texts ({backend}) every {pause:g} s; Ctrl-C to stop.")
    try:
        while True:
            try:
                report = run_pass(limit)
            except GatewayNotConfigured as error:
                raise click.ClickException(str(error)) from error
            except Exception:
                if not watch:
                    raise
                # A database or network hiccup must not stop the loop; the next pass retries.
                db.session.rollback()
                logger.exception("dispatch pass failed")
                report = []
            for line in report:
                click.echo(line)
            if not watch:
                if not report:
                    click.echo("Nothing to send.")
                return
            db.session.remove()
            time.sleep(pause)
    except KeyboardInterrupt:
        click.echo("Stopped.")
