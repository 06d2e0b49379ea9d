"""'You said, we did': who is told, in which language, and never twice.

Data-layer tests run on SQLite and PostgreSQL (``db_app``); the screens on SQLite.
"""

from __future__ import annotations

import threading
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from sqlalchemy.orm.attributes import set_committed_value

from engage.auth.roles import Role
from engage.backlog import loop, services
from engage.backlog.loop_recipients import recipients
from engage.backlog.models import (
    ImprovementItem,
    ItemEvent,
    ItemEventKind,
    ItemStatus,
    LoopRecipient,
    LoopUpdate,
)
from engage.core.models import AuditEvent
from engage.core.types import utcnow
from engage.extensions import db
from engage.people.models import Participant
from engage.people.vocabulary import PhoneStatus
from engage.priorities.items import tag_idea
from engage.sms.dispatch import send_due_messages
from engage.sms.models import MessageKind, MessageStatus, OutboundMessage
from engage.surveys.models import Channel, Response
from tests.conftest import sign_in
from tests.priorities.builders import participant, priority_survey, respond, with_items

UPDATE = "Interpreters are now at the front desk every morning."


def consented(language: str = "en", **fields: Any) -> Participant:
    person = participant(language)
    person.sms_consent_at = utcnow() - timedelta(days=30)
    for name, value in fields.items():
        setattr(person, name, value)
    db.session.flush()
    return person


def idea_answer_id(response: Response) -> int:
    return next(answer.id for answer in response.answers if answer.question.key == "idea")


def adopted_item(*priorities: Any, status: ItemStatus = ItemStatus.ADOPTED) -> ImprovementItem:
    item = services.create_item(
        services.ItemInput(
            title="Same-day interpreter access",
            priorities={priority.id: "Patients asked for it." for priority in priorities},
        ),
        None,
    )
    for step in (ItemStatus.PLANNED, ItemStatus.TESTING, ItemStatus.ADOPTED, ItemStatus.DONE):
        if item.status == status:
            break
        services.move(item, step, None)
    db.session.commit()
    return item


def loop_messages() -> list[OutboundMessage]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            sa.select(OutboundMessage)
            .where(OutboundMessage.kind == MessageKind.LOOP)
            .order_by(OutboundMessage.participant_id)
        )
    )


def count(model: Any, *where: Any) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where)) or 0


def build_world() -> dict[str, Any]:
    """Two linked priorities (interpreter, wait times), one not linked, and who said what."""
    survey = priority_survey()
    priorities = with_items(survey)
    people: dict[str, Any] = {}
    people["web"] = consented("en")
    respond(survey, ["interpreter", "evening_hours"], person=people["web"])
    # Ranked both linked priorities and wrote an idea that staff tagged: one text.
    people["twice"] = consented("es")
    both = respond(
        survey, ["wait_times", "interpreter"], idea="More interpreters", person=people["twice"]
    )
    tag_idea(idea_answer_id(both), priorities["interpreter"], None)
    people["sms"] = consented("vi")
    respond(survey, ["interpreter"], channel=Channel.SMS, person=people["sms"])
    # Ranked only an unlinked priority, but their idea was tagged to a linked one.
    people["idea"] = consented("en")
    idea = respond(survey, ["evening_hours"], idea="Spanish at the desk", person=people["idea"])
    tag_idea(idea_answer_id(idea), priorities["wait_times"], None)
    # Answered only for a priority the item does not answer.
    people["unlinked"] = consented("en")
    respond(survey, ["evening_hours", "text_reminders"], person=people["unlinked"])
    people["no_consent"] = participant("en")
    respond(survey, ["interpreter"], person=people["no_consent"])
    people["opted_out"] = consented("es", sms_opted_out_at=utcnow() - timedelta(days=1))
    respond(survey, ["wait_times"], person=people["opted_out"])
    people["landline"] = consented("en", phone_status=PhoneStatus.LANDLINE)
    respond(survey, ["interpreter"], person=people["landline"])
    anonymous = respond(survey, ["interpreter"])
    anonymous.participant_id = None
    db.session.commit()
    item = adopted_item(priorities["interpreter"], priorities["wait_times"])
    return {"survey": survey, "priorities": priorities, "people": people, "item": item}


@pytest.fixture
def world(db_app) -> dict[str, Any]:
    return build_world()


@pytest.fixture
def screen_world(app) -> dict[str, Any]:
    return build_world()


# --- who is told -------------------------------------------------------------------------------


def test_recipients_are_those_who_asked_and_may_be_texted_each_once(world):
    people = world["people"]
    preview = recipients(world["item"])
    told = sorted(recipient.participant.id for recipient in preview.recipients)
    assert told == sorted(people[key].id for key in ("web", "twice", "sms", "idea"))
    assert people["unlinked"].id not in told
    assert preview.excluded == {"opted_out": 1, "no_consent": 1, "not_mobile": 1, "no_phone": 1}
    assert preview.heard == 8


def test_a_participant_who_asked_three_ways_gets_one_text(world):
    update = loop.draft_update(world["item"], UPDATE, None)
    result = loop.send_update(update, None)
    db.session.commit()
    twice = world["people"]["twice"]
    assert result.queued == 4
    assert [m.participant_id for m in loop_messages()].count(twice.id) == 1
    assert count(LoopRecipient, LoopRecipient.participant_id == twice.id) == 1


def test_each_participant_gets_their_own_language_or_english(world):
    item, people = world["item"], world["people"]
    update = loop.draft_update(item, UPDATE, None)
    spanish = (
        "Valley CHC: Nos dijeron que los intérpretes importaban. Ahora hay intérpretes "
        "cada mañana. Responda STOP para no recibir más."
    )
    texts = dict(update.texts, es=spanish, vi="")  # Vietnamese left blank: English goes
    loop.save_texts(update, texts, update.public_texts, True)
    result = loop.send_update(update, None)
    db.session.commit()
    sent = {message.participant_id: message for message in loop_messages()}
    assert sent[people["twice"].id].language == "es"
    assert sent[people["twice"].id].body == spanish
    assert sent[people["sms"].id].language == "en"  # prefers Vietnamese, no text in it
    assert sent[people["sms"].id].body == update.texts["en"]
    assert sent[people["web"].id].body == update.texts["en"]
    assert result.by_language == {"en": 3, "es": 1}
    assert {r.participant_id: r.language for r in db.session.scalars(sa.select(LoopRecipient))}[
        people["twice"].id
    ] == "es"


def test_sending_records_when_an_event_and_an_audit_entry(world):
    item = world["item"]
    update = loop.draft_update(item, UPDATE, None)
    loop.send_update(update, None)
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(LoopUpdate, update.id).sent_at is not None
    told = db.session.scalars(
        sa.select(ItemEvent).where(
            ItemEvent.item_id == item.id, ItemEvent.kind == ItemEventKind.TOLD
        )
    ).one()
    assert told.detail == {"update_id": update.id, "queued": 4}
    audit = db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.entity_type == "loop_update").order_by(AuditEvent.id)
    ).all()
    assert audit[-1].detail["sent"] == 4


# --- never twice -------------------------------------------------------------------------------


def test_send_twice_queues_once(world):
    update = loop.draft_update(world["item"], UPDATE, None)
    loop.send_update(update, None)
    db.session.commit()
    with pytest.raises(loop.LoopRefused, match="already sent"):
        loop.send_update(update, None)
    db.session.rollback()
    assert len(loop_messages()) == 4
    assert count(ItemEvent, ItemEvent.kind == ItemEventKind.TOLD) == 1


def test_a_second_send_of_a_stale_copy_is_refused_by_the_database(world):
    """A retried request that read the update before the first send committed."""
    update = loop.draft_update(world["item"], UPDATE, None)
    db.session.commit()
    update_id = update.id
    loop.send_update(update, None)
    db.session.commit()
    stale = db.session.get(LoopUpdate, update_id)
    # As a request that loaded it a moment before the first send committed still believes.
    set_committed_value(stale, "sent_at", None)
    with pytest.raises(loop.LoopRefused, match="already sent"):
        loop.send_update(stale, None)
    db.session.rollback()
    assert len(loop_messages()) == 4


def test_queueing_one_participant_twice_inserts_one_row_and_goes_on(world):
    update = loop.draft_update(world["item"], UPDATE, None)
    person = world["people"]["web"]
    assert loop.queue_recipient(update, person, "en") is True
    assert loop.queue_recipient(update, person, "en") is False  # the unique row decides
    other = world["people"]["idea"]
    assert loop.queue_recipient(update, other, "en") is True  # the transaction is still good
    db.session.commit()
    assert [m.participant_id for m in loop_messages()] == sorted([person.id, other.id])
    assert count(LoopRecipient) == 2
    assert {m.dedupe_key for m in loop_messages()} == {
        f"loop:{update.id}:{person.id}",
        f"loop:{update.id}:{other.id}",
    }


def test_two_workers_racing_send_once(world, db_app):
    update = loop.draft_update(world["item"], UPDATE, None)
    db.session.commit()
    update_id = update.id
    outcomes: list[str] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)

    def send() -> None:
        with db_app.app_context():
            try:
                mine = db.session.get(LoopUpdate, update_id)
                barrier.wait()
                loop.send_update(mine, None)
                db.session.commit()
                outcomes.append("sent")
            except loop.LoopRefused:
                db.session.rollback()
                outcomes.append("refused")
            except Exception as error:  # noqa: BLE001  (reported below)
                errors.append(error)
            finally:
                db.session.remove()

    workers = [threading.Thread(target=send) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=30)
    assert errors == []
    assert sorted(outcomes) == ["refused", "sent"]
    assert len(loop_messages()) == 4
    assert count(LoopRecipient) == 4
    assert count(ItemEvent, ItemEvent.kind == ItemEventKind.TOLD) == 1


# --- what a text may say -----------------------------------------------------------------------


def test_the_text_carries_no_participant_name(world):
    for key, name in (("web", "Maria Lopez"), ("twice", "Ana Ruiz")):
        world["people"][key].name = name
    update = loop.draft_update(world["item"], UPDATE, None)
    loop.send_update(update, None)
    db.session.commit()
    bodies = [message.body for message in loop_messages()]
    assert bodies and all("Maria" not in body and "Ana" not in body for body in bodies)
    assert all("Valley CHC" in body and UPDATE in body for body in bodies)


@pytest.mark.parametrize(
    "placeholder", ["Hi {first_name},", "Dear %(name)s", "Hola [Nombre]", "{{ patient }}", "$NAME"]
)
def test_a_personal_placeholder_is_refused(world, placeholder):
    with pytest.raises(loop.LoopRefused, match="placeholder"):
        loop.draft_update(world["item"], f"{placeholder} we changed it.", None)
    update = loop.draft_update(world["item"], UPDATE, None)
    texts = dict(update.texts, es=f"{placeholder} cambiamos.")
    with pytest.raises(loop.LoopRefused) as refused:
        loop.save_texts(update, texts, update.public_texts, True)
    assert "placeholder" in refused.value.problems["sms_es"]


def test_a_refused_draft_writes_nothing(world):
    item = world["item"]
    before = count(AuditEvent)
    # A curly apostrophe pasted from a word processor sends the text as UCS-2: 67 a part.
    too_many_segments = "We’ve changed how interpreters are booked. " * 5
    for text, reason in (
        ("", "Write what changed"),
        ("   ", "Write what changed"),
        ("x" * (loop.MAX_UPDATE + 1), "Keep the update"),
        (too_many_segments, "segments"),
    ):
        with pytest.raises(loop.LoopRefused, match=reason):
            loop.draft_update(item, text, None)
    db.session.rollback()
    assert count(LoopUpdate) == 0
    assert count(AuditEvent) == before


def test_an_item_not_adopted_cannot_tell(world):
    testing = adopted_item(world["priorities"]["interpreter"], status=ItemStatus.TESTING)
    with pytest.raises(loop.LoopRefused, match="adopted or done"):
        loop.draft_update(testing, UPDATE, None)
    db.session.rollback()
    assert count(LoopUpdate) == 0
    # An update drafted while adopted is not sent once the item has moved on.
    item = world["item"]
    update = loop.draft_update(item, UPDATE, None)
    item.status = ItemStatus.ABANDONED
    with pytest.raises(loop.LoopRefused, match="adopted or done"):
        loop.send_update(update, None)
    db.session.rollback()
    assert loop_messages() == []


def test_a_done_item_can_tell(world):
    done = adopted_item(world["priorities"]["interpreter"], status=ItemStatus.DONE)
    assert loop.draft_update(done, UPDATE, None).texts["en"].endswith("Reply STOP to opt out.")


def test_drafts_every_language_marked_until_translated(world, db_app):
    item = world["item"]
    update = loop.draft_update(item, UPDATE, None)
    assert set(update.texts) == set(db_app.config["ENGAGE_LANGUAGES"])
    assert update.texts["en"].startswith("Valley CHC: You told us ")
    assert UPDATE in update.texts["es"] and update.public_texts["es"] == UPDATE
    assert loop.untranslated(update) == {"es", "vi", "zh_Hans", "ar"}
    texts = dict(
        update.texts, es="Valley CHC: Ahora hay más intérpretes. Responda STOP para salir."
    )
    public = dict(update.public_texts, es="Ahora hay intérpretes cada mañana.")
    # The English text may be reworded freely; the other languages stay marked.
    texts["en"] = "Valley CHC: Interpreters now come to every morning visit. Reply STOP to opt out."
    loop.save_texts(update, texts, public, True)
    assert loop.untranslated(update) == {"vi", "zh_Hans", "ar"}
    costs = {cost.language: cost for cost in loop.costs(update)}
    assert costs["en"].info.encoding == "GSM-7" and costs["en"].info.segments == 1
    assert costs["es"].info.encoding == "UCS-2"


# --- the screens -------------------------------------------------------------------------------


def page(response: Any) -> str:
    return response.get_data(as_text=True)


def test_the_lead_drafts_previews_and_sends_once(admin_client, screen_world):
    item = screen_world["item"]
    shown = page(admin_client.get(f"/backlog/{item.id}"))
    assert f"/backlog/{item.id}/updates/new" in shown
    drafted = admin_client.post(f"/backlog/{item.id}/updates/new", data={"update": UPDATE})
    assert drafted.status_code == 302
    update = db.session.scalars(sa.select(LoopUpdate)).one()
    assert drafted.headers["Location"].endswith(f"/backlog/{item.id}/updates/{update.id}")

    preview = page(admin_client.get(drafted.headers["Location"]))
    assert "translate this" in preview
    assert "GSM-7" in preview
    assert '<dd id="eligible-count">4</dd>' in preview
    assert '<dd id="excluded-count">4</dd>' in preview
    assert "Answered anonymously on the web: no phone to text" in preview
    assert "Send to 4 people" in preview

    sent = admin_client.post(f"/backlog/{item.id}/updates/{update.id}/send", follow_redirects=True)
    assert "4 texts queued" in page(sent)
    assert "Quiet hours" in page(sent)
    assert len(loop_messages()) == 4

    again = admin_client.post(f"/backlog/{item.id}/updates/{update.id}/send")
    assert again.status_code == 409
    assert "already sent" in page(again)
    assert len(loop_messages()) == 4
    assert "4 texts queued" in page(admin_client.get(f"/backlog/{item.id}"))


def test_staff_prepare_an_update_but_only_an_admin_sends_it(client, users, screen_world):
    item = screen_world["item"]
    sign_in(client, users[Role.STAFF].email)
    drafted = client.post(f"/backlog/{item.id}/updates/new", data={"update": UPDATE})
    assert drafted.status_code == 302
    update = db.session.scalars(sa.select(LoopUpdate)).one()
    assert "Only the engagement lead" in page(client.get(drafted.headers["Location"]))
    assert client.post(f"/backlog/{item.id}/updates/{update.id}/send").status_code == 403
    assert loop_messages() == []
    client.post("/logout")
    sign_in(client, users[Role.BOARD].email)
    assert client.get(f"/backlog/{item.id}/updates/new").status_code == 403
    assert client.get(f"/backlog/{item.id}").status_code == 200


def test_bad_input_is_answered_and_writes_nothing(admin_client, screen_world):
    item = screen_world["item"]
    empty = admin_client.post(f"/backlog/{item.id}/updates/new", data={"update": " "})
    assert empty.status_code == 400 and "Write what changed" in page(empty)
    long = admin_client.post(
        f"/backlog/{item.id}/updates/new", data={"update": "x" * (loop.MAX_UPDATE + 1)}
    )
    assert long.status_code == 400 and "Keep the update to 320 characters" in page(long)
    testing = adopted_item(screen_world["priorities"]["interpreter"], status=ItemStatus.TESTING)
    assert "once the change is adopted or done" in page(
        admin_client.get(f"/backlog/{testing.id}/updates/new")
    )
    refused = admin_client.post(f"/backlog/{testing.id}/updates/new", data={"update": UPDATE})
    assert refused.status_code == 400 and "adopted or done" in page(refused)
    assert count(LoopUpdate) == 0

    admin_client.post(f"/backlog/{item.id}/updates/new", data={"update": UPDATE})
    update = db.session.scalars(sa.select(LoopUpdate)).one()
    stored = dict(update.texts)
    form = {f"sms_{code}": text for code, text in stored.items()}
    form |= {f"public_{code}": text for code, text in update.public_texts.items()}
    form |= {"sms_es": "Más intérpretes. " * 20, "published": "y"}
    too_long = admin_client.post(f"/backlog/{item.id}/updates/{update.id}", data=form)
    assert too_long.status_code == 400
    assert "an update may be at most 3" in page(too_long)
    db.session.expire_all()
    assert db.session.get(LoopUpdate, update.id).texts == stored


def test_the_dispatcher_still_holds_them_in_quiet_hours_and_sends_each_once(world, db_app):
    db_app.config["ENGAGE_SMS_RATE_PER_SECOND"] = 0
    update = loop.draft_update(world["item"], UPDATE, None)
    loop.send_update(update, None)
    db.session.commit()
    clinic = ZoneInfo(db_app.config["ENGAGE_TIMEZONE"])
    tomorrow = date.today() + timedelta(days=1)
    night = datetime.combine(tomorrow, time(23), tzinfo=clinic)
    assert send_due_messages(now=night).sent == 0  # 11 pm: quiet hours hold every text
    noon = datetime.combine(tomorrow + timedelta(days=1), time(12), tzinfo=clinic)
    assert send_due_messages(now=noon).sent == 4
    assert send_due_messages(now=noon + timedelta(minutes=1)).claimed == 0
    assert {message.status for message in loop_messages()} == {MessageStatus.SENT}
