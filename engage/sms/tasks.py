"""Celery: background work at scale, calling the same service functions as the dev loop.

Workers and the scheduler, on Redis (``CELERY_BROKER_URL``)::

    celery -A engage.sms.tasks:celery_app worker --loglevel INFO
    celery -A engage.sms.tasks:celery_app beat

``celery_app`` is built on first access (the module ``__getattr__`` below) from
``create_app()``, following Flask's documented pattern (``celery_init_app`` with a task
class that runs in an app context). Importing Celery costs about a quarter of a second,
so the factory does not do it: the web app starts without Celery and without Redis.
Without a broker, tasks run eagerly in the calling process (development, tests).

Tasks are thin: each calls one service function that manages its own transactions, so a
retried or duplicated task is harmless (claims make sending idempotent).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask import Flask

if TYPE_CHECKING:
    from celery import Celery

BEAT_SECONDS = 10.0
SEND_TASK = "engage.sms.send_due_messages"
RECONCILE_TASK = "engage.sms.reconcile_unknown"
DUE_WORK_TASK = "engage.sms.run_due_work"


def send_due_messages_task(limit: int | None = None) -> dict[str, int]:
    from engage.sms.dispatch import send_due_messages

    return send_due_messages(limit=limit).as_dict()


def reconcile_unknown_task() -> dict[str, int]:
    from engage.sms.dispatch import reconcile_unknown

    return reconcile_unknown().as_dict()


def run_due_work_task() -> dict[str, int]:
    """Start due campaigns, expire idle conversations, queue due reminders; commits."""
    from engage.extensions import db
    from engage.sms.campaigns import run_due_work

    done = run_due_work()
    db.session.commit()
    return done


def celery_init_app(app: Flask) -> Celery:
    """A Celery app whose tasks run inside ``app``'s context; kept in app.extensions."""
    from celery import Celery, Task

    class FlaskTask(Task):  # type: ignore[misc]
        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            with app.app_context():
                return self.run(*args, **kwargs)

    broker = app.config["CELERY_BROKER_URL"]
    celery_app = Celery(app.name, task_cls=FlaskTask)
    celery_app.conf.update(
        broker_url=broker or "memory://",
        task_always_eager=not broker,
        task_eager_propagates=True,
        task_ignore_result=True,
        timezone="UTC",
        # A beat tick not taken within its period is dropped: while the workers are down,
        # ticks would otherwise pile up in Redis and all run at once when they return.
        beat_schedule={
            name: {"task": task, "schedule": BEAT_SECONDS, "options": {"expires": BEAT_SECONDS}}
            for name, task in (
                ("sms-send-due-messages", SEND_TASK),
                ("sms-reconcile-unknown", RECONCILE_TASK),
                ("sms-run-due-work", DUE_WORK_TASK),
            )
        },
    )
    celery_app.task(name=SEND_TASK)(send_due_messages_task)
    celery_app.task(name=RECONCILE_TASK)(reconcile_unknown_task)
    celery_app.task(name=DUE_WORK_TASK)(run_due_work_task)
    celery_app.set_default()
    app.extensions["celery"] = celery_app
    return celery_app


def celery_for(app: Flask) -> Celery:
    """The app's Celery, built on first use."""
    existing = app.extensions.get("celery")
    return existing if existing is not None else celery_init_app(app)


def __getattr__(name: str) -> Any:
    """``engage.sms.tasks:celery_app`` for the ``celery`` command, built only when asked."""
    if name != "celery_app":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from engage import create_app

    celery_app = celery_for(create_app())
    globals()["celery_app"] = celery_app
    return celery_app
