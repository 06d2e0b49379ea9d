"""Dispatch: claims, retries, failures, unknown outcomes and reconciling, workers racing.

Everything goes through the real twilio SDK to the local fake Twilio API; what reached
"Twilio" is read from the fake, what we recorded from the database.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from flask import Flask

from engage.extensions import db
from engage.people.models import Participant
from engage.people.vocabulary import PhoneStatus
from engage.sms import dispatch
from engage.sms.dispatch import reconcile_unknown, send_due_messages
from engage.sms.models import MessageStatus, OutboundMessage
from tests.sms.conftest import queue, reload
from tests.sms.fake_twilio import FakeTwilio

NOON = datetime(2025, 6, 10, 16, 0, tzinfo=UTC)  # 12:00 in New York


@pytest.fixture
def twilio_app(db_app: Flask, app_under_test: Flask, use_twilio) -> Flask:
    use_twilio(db_app)
    return db_app


def test_429_then_success_retries_after_the_backoff(
    twilio_app: Flask, make_participant, fake_twilio: FakeTwilio
) -> None:
    message_id = queue(make_participant(), "Reply 1-5", NOON)
    fake_twilio.fail_next("429")

    first = send_due_messages(now=NOON)

    assert first.retrying == 1
    message = reload(message_id)
    assert message.status == MessageStatus.OUTBOX
    assert message.attempts == 1
    assert message.error_code == 20429
    assert message.send_after == NOON + timedelta(seconds=60)
    assert send_due_messages(now=NOON + timedelta(seconds=59)).claimed == 0

    second = send_due_messages(now=NOON + timedelta(seconds=60))

    assert second.sent == 1
    message = reload(message_id)
    assert message.status == MessageStatus.QUEUED
    assert message.attempts == 2
    assert message.error_code is None
    assert [r.answer for r in fake_twilio.requests] == ["429", "created"]
    assert len(fake_twilio.messages) == 1


def test_server_errors_back_off_exponentially_then_fail_after_the_last_attempt(
    twilio_app: Flask, make_participant, fake_twilio: FakeTwilio
) -> None:
    message_id = queue(make_participant(), "Reply 1-5", NOON)
    fake_twilio.fail_next("500", times=2)
    fake_twilio.fail_next("503")
    moment = NOON
    waits = []
    for _attempt in range(3):
        send_due_messages(now=moment)
        message = reload(message_id)
        waits.append(message.send_after - moment)
        moment = message.send_after

    message = reload(message_id)
    assert message.status == MessageStatus.FAILED
    assert message.attempts == 3
    assert message.error_code == 20500
    assert waits[:2] == [timedelta(seconds=60), timedelta(seconds=120)]
    assert send_due_messages(now=moment + timedelta(days=1)).claimed == 0
    assert fake_twilio.messages == []
    assert len(fake_twilio.requests) == 3


def test_21610_opts_the_participant_out_and_is_not_retried(
    twilio_app: Flask, make_participant, fake_twilio: FakeTwilio
) -> None:
    participant = make_participant()
    first = queue(participant, "Reply 1-5", NOON)
    later = queue(participant, "Next question", NOON + timedelta(minutes=5))
    fake_twilio.fail_next("21610")

    counts = send_due_messages(now=NOON)

    assert counts.failed == 1
    message = reload(first)
    assert message.status == MessageStatus.FAILED
    assert message.error_code == 21610
    assert message.attempts == 1
    opted_out = db.session.get(Participant, participant.id)
    assert opted_out is not None and not opted_out.has_sms_consent
    assert opted_out.sms_opted_out_at is not None

    send_due_messages(now=NOON + timedelta(hours=1))

    assert reload(first).status == MessageStatus.FAILED
    assert reload(later).status == MessageStatus.SKIPPED
    assert reload(later).skip_reason == "opted_out"
    assert len(fake_twilio.requests) == 1


def test_21614_marks_the_number_as_a_landline(
    twilio_app: Flask, make_participant, fake_twilio: FakeTwilio
) -> None:
    participant = make_participant()
    queue(participant, "Reply 1-5", NOON)
    fake_twilio.fail_next("21614")

    send_due_messages(now=NOON)

    db.session.expire_all()
    refreshed = db.session.get(Participant, participant.id)
    assert refreshed is not None and refreshed.phone_status == PhoneStatus.LANDLINE


def test_a_dropped_connection_is_unknown_and_reconcile_adopts_the_twilio_message(
    twilio_app: Flask, make_participant, fake_twilio: FakeTwilio
) -> None:
    message_id = queue(make_participant(), "Reply 1-5", NOON)
    fake_twilio.fail_next("drop")

    counts = send_due_messages(now=NOON)

    assert counts.unknown == 1
    assert reload(message_id).status == MessageStatus.UNKNOWN
    # Never sent again blindly: the outbox does not see it.
    assert send_due_messages(now=NOON + timedelta(hours=1)).claimed == 0

    settled = reconcile_unknown(now=NOON + timedelta(minutes=1))

    assert settled.adopted == 1
    [received] = fake_twilio.messages
    message = reload(message_id)
    assert message.sid == received.sid
    assert message.status == MessageStatus.QUEUED
    assert len(fake_twilio.requests) == 1


def test_an_unknown_send_not_found_waits_out_the_grace_then_goes_back_once(
    twilio_app: Flask, make_participant, fake_twilio: FakeTwilio
) -> None:
    twilio_app.config["ENGAGE_SMS_UNKNOWN_GRACE_SECONDS"] = 600
    message_id = queue(make_participant(), "Reply 1-5", NOON)
    fake_twilio.fail_next("drop_unsent")
    send_due_messages(now=NOON)
    assert reload(message_id).status == MessageStatus.UNKNOWN

    early = reconcile_unknown(now=NOON + timedelta(minutes=5))

    assert early.waiting == 1
    assert reload(message_id).status == MessageStatus.UNKNOWN

    late = reconcile_unknown(now=NOON + timedelta(minutes=11))

    assert late.requeued == 1
    assert reload(message_id).status == MessageStatus.OUTBOX
    assert reconcile_unknown(now=NOON + timedelta(minutes=12)).requeued == 0

    send_due_messages(now=NOON + timedelta(minutes=12))

    message = reload(message_id)
    assert message.status == MessageStatus.QUEUED
    assert message.attempts == 2
    assert [m.body for m in fake_twilio.messages] == ["Reply 1-5"]


def test_a_claim_left_by_a_dead_worker_is_reconciled_not_resent(
    twilio_app: Flask, make_participant, fake_twilio: FakeTwilio
) -> None:
    message_id = queue(make_participant(), "Reply 1-5", NOON)
    db.session.execute(
        sa.update(OutboundMessage)
        .where(OutboundMessage.id == message_id)
        .values(status=MessageStatus.CLAIMED, claimed_by="dead", claimed_at=NOON, attempts=1)
    )
    db.session.commit()

    assert reconcile_unknown(now=NOON + timedelta(minutes=5)).stale == 0
    settled = reconcile_unknown(now=NOON + timedelta(minutes=11))

    assert settled.stale == 1
    assert reload(message_id).status == MessageStatus.UNKNOWN
    assert fake_twilio.requests == []


def test_two_workers_racing_send_every_message_exactly_once(
    twilio_app: Flask, make_participant, fake_twilio: FakeTwilio
) -> None:
    bodies = [f"Check-in {number}" for number in range(60)]
    for body in bodies:
        queue(make_participant(), body)
    start = threading.Barrier(2)
    claimed: dict[str, int] = {}
    errors: list[BaseException] = []

    def work(name: str) -> None:
        try:
            with twilio_app.app_context():
                start.wait()
                total = 0
                while (counts := send_due_messages(limit=4, worker_id=name)).claimed:
                    total += counts.claimed
                claimed[name] = total
                db.session.remove()
        except BaseException as error:  # surfaced below
            errors.append(error)

    workers = [threading.Thread(target=work, args=(f"worker-{n}",)) for n in (1, 2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)

    assert errors == []
    assert sorted(m.body for m in fake_twilio.messages) == sorted(bodies)
    assert sum(claimed.values()) == len(bodies)
    db.session.expire_all()
    statuses = db.session.scalars(sa.select(OutboundMessage.status)).all()
    assert set(statuses) == {MessageStatus.QUEUED}


def test_four_workers_never_exceed_the_shared_rate(
    twilio_app: Flask, make_participant, fake_twilio: FakeTwilio
) -> None:
    rate = 20
    twilio_app.config["ENGAGE_SMS_RATE_PER_SECOND"] = rate
    # Workers, SDK and the fake share one busy process here: allow 100 ms on the way.
    twilio_app.config["ENGAGE_SMS_RATE_JITTER_SECONDS"] = 0.1
    for number in range(32):
        queue(make_participant(), f"Check-in {number}")
    start = threading.Barrier(4)
    errors: list[BaseException] = []

    def work(name: str) -> None:
        try:
            with twilio_app.app_context():
                start.wait()
                while send_due_messages(limit=3, worker_id=name).claimed:
                    pass
                db.session.remove()
        except BaseException as error:
            errors.append(error)

    workers = [threading.Thread(target=work, args=(f"worker-{n}",)) for n in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)

    assert errors == []
    arrivals = sorted(r.at for r in fake_twilio.requests)
    assert len(arrivals) == 32 and len(fake_twilio.messages) == 32
    # No window of one second holds more than `rate` texts as the fake saw them arrive.
    for first, last in zip(arrivals, arrivals[rate:], strict=False):
        assert last - first >= 1.0


def test_the_celery_task_runs_the_same_dispatch_eagerly_without_a_broker(
    app_under_test: Flask, make_participant
) -> None:
    from engage.sms.tasks import SEND_TASK, celery_for

    app_under_test.config["CELERY_BROKER_URL"] = ""
    message_id = queue(make_participant(), "Hello")
    celery_app = celery_for(app_under_test)

    result = celery_app.tasks[SEND_TASK].delay()

    assert celery_app.conf.task_always_eager
    assert result.get()["sent"] == 1
    assert reload(message_id).status == MessageStatus.SENT
    schedule = celery_app.conf.beat_schedule
    assert {"sms-send-due-messages", "sms-reconcile-unknown", "sms-run-due-work"} == set(schedule)
    # A tick no worker took in time is dropped, not piled up for when workers return.
    assert all(entry["options"]["expires"] == entry["schedule"] for entry in schedule.values())


def test_flask_sms_dispatch_sends_once(app_under_test: Flask, make_participant) -> None:
    message_id = queue(make_participant(), "Hello")

    result = app_under_test.test_cli_runner().invoke(args=["sms", "dispatch"])

    assert result.exit_code == 0, result.output
    assert "sent 1" in result.output
    assert reload(message_id).status == MessageStatus.SENT


def test_flask_sms_dispatch_watch_loops_until_ctrl_c(
    app_under_test: Flask, make_participant, monkeypatch: pytest.MonkeyPatch
) -> None:
    passes = []

    def sleep(seconds: float) -> None:
        passes.append(seconds)
        if len(passes) == 1:
            queue(make_participant(), "Arrives while watching")
            return
        raise KeyboardInterrupt

    monkeypatch.setattr("engage.sms.cli.time.sleep", sleep)

    result = app_under_test.test_cli_runner().invoke(
        args=["sms", "dispatch", "--watch", "--interval", "2"]
    )

    assert result.exit_code == 0, result.output
    assert passes == [2.0, 2.0]
    assert "sent 1" in result.output
    assert result.output.rstrip().endswith("Stopped.")


def test_a_dropped_send_still_in_twilios_queue_is_adopted_not_sent_again(
    twilio_app: Flask, make_participant, fake_twilio: FakeTwilio
) -> None:
    # Twilio has accepted the text but not sent it yet: it has no DateSent, so a list
    # filtered on DateSent does not show it. Long past the grace, it must still be found.
    twilio_app.config["ENGAGE_SMS_UNKNOWN_GRACE_SECONDS"] = 600
    fake_twilio.hold_in_queue = True
    message_id = queue(make_participant(), "Reply 1-5", NOON)
    fake_twilio.fail_next("drop")
    send_due_messages(now=NOON)
    assert reload(message_id).status == MessageStatus.UNKNOWN

    settled = reconcile_unknown(now=NOON + timedelta(hours=1))

    assert settled.adopted == 1
    [received] = fake_twilio.messages
    assert reload(message_id).sid == received.sid
    send_due_messages(now=NOON + timedelta(hours=2))
    assert len(fake_twilio.requests) == 1


def test_a_worker_claims_a_seconds_worth_of_texts_at_a_time(
    app_under_test: Flask, make_participant, sms_rules, monkeypatch
) -> None:
    # Claimed all at once, the last of a batch would wait its turn under the shared rate
    # long enough to look abandoned to reconcile; a second's worth never does.
    sms_rules(ENGAGE_SMS_RATE_PER_SECOND=4)
    ids = [queue(make_participant(), f"Text {n}", NOON) for n in range(6)]
    asked: list[int] = []
    real_claim = dispatch.claim_due_messages

    def claim(limit: int, worker_id: str, now: datetime) -> list[int]:
        asked.append(limit)
        return real_claim(limit, worker_id, now)

    monkeypatch.setattr(dispatch, "claim_due_messages", claim)

    counts = send_due_messages(limit=50, now=NOON)

    assert asked == [4, 4, 4]  # four, the two left, then a look that finds none
    assert counts.claimed == 6 and counts.sent == 6
    assert all(reload(message_id).status == MessageStatus.SENT for message_id in ids)
