"""SQLite writers that take turns (engage.core.writer_turn)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from engage.core.writer_turn import writer_turn
from engage.extensions import db
from engage.people.models import Participant


def test_turns_are_exclusive_even_between_threads(app):
    inside: list[str] = []
    overlapped = threading.Event()

    def take(name: str) -> None:
        with app.app_context(), writer_turn():
            inside.append(name)
            if len(inside) > 1:
                overlapped.set()
            time.sleep(0.05)
            inside.remove(name)

    threads = [threading.Thread(target=take, args=(str(n),)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not overlapped.is_set()
    assert Path(f"{db.engine.url.database}-writer").exists()


def test_a_failed_turn_rolls_back_and_frees_the_turn(app):
    with pytest.raises(RuntimeError), writer_turn():
        db.session.add(Participant(phone="+16175550111"))
        db.session.flush()
        raise RuntimeError("the step failed")
    with writer_turn():  # not held any more
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Participant)) == 0


@pytest.mark.parametrize("db_app", ["postgres"], indirect=True)
def test_postgresql_writers_do_not_take_turns(db_app, monkeypatch):
    monkeypatch.setattr("engage.core.writer_turn.open", None, raising=False)  # never opened
    with writer_turn():
        pass
