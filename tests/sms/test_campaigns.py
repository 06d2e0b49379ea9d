"""Campaigns: the preview's counts and exclusions, queuing, and reminders to those not done."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

import pytest
import sqlalchemy as sa

from engage.auth.roles import Role
from engage.core.types import utcnow
from engage.extensions import db
from engage.people.models import Participant
from engage.people.services import ensure_site
from engage.people.vocabulary import AgeBand, PhoneStatus, RaceEthnicity
from engage.sms import campaigns
from engage.sms.campaigns import CampaignInput, CampaignRefused, Cohort
from engage.sms.conversation_queue import expire_conversations, opening_text, start_conversation
from engage.sms.conversations import Outcome, handle_inbound
from engage.sms.dispatch import send_due_messages
from engage.sms.models import (
    Campaign,
    CampaignRecipient,
    CampaignStatus,
    Conversation,
    ConversationState,
    MessageKind,
    MessageStatus,
    OutboundMessage,
)
from engage.sms.segments import describe
from engage.sms.survey_links import PERSONAL_LINK, personal_survey_url, sample_survey_url
from engage.sms.texts import SystemText, system_text
from engage.surveys.models import Response
from engage.surveys.responses import read_personal_link
from tests.conftest import make_user, sign_in
from tests.sms.checkin_survey import QUESTION_TEXTS, make_checkin_survey

CLINIC = "+16175550100"


@dataclass
class Clinic:
    """The cohort every test here starts from: one site's participants in every state."""

    survey: object
    east: int
    river: int
    people: dict[str, Participant]


@pytest.fixture
def clinic(app_under_test, make_participant, sms_rules) -> Clinic:
    sms_rules(ENGAGE_SMS_WEEKLY_CAP=3)
    survey = make_checkin_survey()
    other = make_checkin_survey("other-survey")
    east = ensure_site("eastside", "Eastside").id
    river = ensure_site("riverside", "Riverside").id
    people = {
        "en_ok": make_participant(language="en"),
        "es_ok": make_participant(language="es"),
        "busy": make_participant(language="en"),
        "opted_out": make_participant(opted_out=True),
        "no_consent": make_participant(consent=False),
        "landline": make_participant(phone_status=PhoneStatus.LANDLINE),
        "capped": make_participant(),
        "answered": make_participant(),
        "elsewhere": make_participant(language="es"),
    }
    for name, participant in people.items():
        participant.site_id = river if name == "elsewhere" else east
    people["es_ok"].age_band = AgeBand.AGE_65_PLUS
    people["es_ok"].race_ethnicity = [RaceEthnicity.HISPANIC_LATINO]
    for days in (1, 2, 3):
        db.session.add(
            OutboundMessage(
                participant_id=people["capped"].id,
                to_phone=people["capped"].phone,
                body="An earlier text",
                kind=MessageKind.LOOP,
                status=MessageStatus.DELIVERED,
                created_at=utcnow() - timedelta(days=days),
                sent_at=utcnow() - timedelta(days=days),
            )
        )
    db.session.add(
        Response(
            survey_id=survey.id,
            version_id=survey.current.id,
            participant_id=people["answered"].id,
            completed_at=utcnow(),
        )
    )
    db.session.commit()
    start_conversation(people["busy"], other)
    db.session.commit()
    return Clinic(survey, east, river, people)


def new_campaign(clinic: Clinic, cohort: Cohort | None = None, **changes) -> Campaign:
    data = CampaignInput(
        name="Spring check-in",
        survey_id=clinic.survey.id,
        cohort=cohort or Cohort(site_ids=(clinic.east,)),
        starts_at=utcnow() + timedelta(hours=1),
        reminder_hours=[24, 48],
    )
    for name, value in changes.items():
        setattr(data, name, value)
    campaign = campaigns.create_campaign(data, created_by=None)
    db.session.commit()
    return campaign


def text_as(app, name: SystemText, language: str) -> str:
    with app.test_request_context():
        return system_text(name, language)


# --- the preview ----------------------------------------------------------------------------


def test_the_preview_counts_who_gets_it_and_why_others_do_not(clinic):
    preview = campaigns.campaign_preview(new_campaign(clinic))

    assert preview.eligible == 3  # en_ok, es_ok, busy (who will wait their turn)
    assert preview.excluded == {
        "opted_out": 1,
        "no_consent": 1,
        "invalid_number": 1,
        "already_answered": 1,
        "in_progress": 0,
        "frequency_cap": 1,
    }
    assert preview.cohort == 8  # "elsewhere" is at another site: not in the cohort at all


@pytest.mark.parametrize(
    ("cohort", "eligible"),
    [
        (lambda c: Cohort(languages=("es",)), 2),  # es_ok, elsewhere
        (lambda c: Cohort(site_ids=(c.east,), languages=("es",)), 1),
        (lambda c: Cohort(age_bands=("65_plus",)), 1),
        (lambda c: Cohort(race_ethnicity=("hispanic", "asian")), 1),
        # "capped" and "busy" (sent another survey's question) were texted lately.
        (lambda c: Cohort(site_ids=(c.east,), not_contacted_days=2), 2),
        (lambda c: Cohort(), 4),
    ],
)
def test_cohort_filters(clinic, cohort, eligible):
    preview = campaigns.campaign_preview(new_campaign(clinic, cohort(clinic)))
    assert preview.eligible == eligible


def test_not_contacted_recently_leaves_out_those_texted(clinic):
    preview = campaigns.campaign_preview(
        new_campaign(clinic, Cohort(site_ids=(clinic.east,), not_contacted_days=5))
    )
    # "capped" and "busy" were texted lately: not in the cohort at all.
    assert preview.excluded["frequency_cap"] == 0
    assert preview.cohort == 6 and preview.eligible == 2


def test_the_preview_shows_the_encoding_and_segments_of_every_message_in_every_language(
    app_under_test, clinic
):
    preview = campaigns.campaign_preview(new_campaign(clinic))

    # Everything a recipient may get: the first text, each later question (the check-in
    # survey has three), the reminder and the thank-you, in both of its languages.
    for language in ("en", "es"):
        assert [m.label for m in preview.messages if m.language == language] == [
            "opening",
            "question",
            "question",
            "reminder",
            "thank_you",
        ]
    for cost in preview.messages:
        assert cost.info == describe(cost.text)
    costs = {(m.language, m.label): m for m in preview.messages}
    opening = costs[("en", "opening")]
    assert opening.text.startswith(text_as(app_under_test, SystemText.INVITE, "en"))
    assert opening.info.encoding == "GSM-7"
    spanish = costs[("es", "opening")]
    assert QUESTION_TEXTS["ease"]["es"] in spanish.text
    assert spanish.info.encoding == "UCS-2" and "á" in spanish.info.non_gsm
    assert costs[("es", "thank_you")].text


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"name": "  "}, "name"),
        ({"survey_id": 999}, "open survey"),
        ({"starts_at": utcnow() - timedelta(days=1)}, "from now on"),
        ({"reminder_hours": [24, 48, 72]}, "two reminders"),
        ({"reminder_hours": [48, 24]}, "later than"),
    ],
)
def test_a_campaign_that_cannot_be_sent_is_refused(clinic, change, message):
    with pytest.raises(CampaignRefused, match=message):
        new_campaign(clinic, **change)
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Campaign)) == 0


def test_a_closed_survey_cannot_be_scheduled(clinic):
    from engage.surveys.services import close_survey

    campaign = new_campaign(clinic)
    close_survey(clinic.survey)
    with pytest.raises(CampaignRefused):
        campaigns.schedule_campaign(campaign)


# --- queuing ------------------------------------------------------------------------------


def scheduled(clinic: Clinic, **changes) -> Campaign:
    campaign = new_campaign(clinic, **changes)
    campaigns.schedule_campaign(campaign)
    db.session.commit()
    return campaign


def invites() -> list[OutboundMessage]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            sa.select(OutboundMessage)
            .where(OutboundMessage.kind == MessageKind.INVITE)
            .order_by(OutboundMessage.participant_id)
        )
    )


def test_queuing_a_campaign_writes_recipients_conversations_and_invites(db_app, clinic):
    campaign = scheduled(clinic)
    assert campaigns.start_due_campaigns(utcnow()) == 0  # not yet

    queued = campaigns.start_due_campaigns(utcnow() + timedelta(hours=2))
    db.session.commit()

    people = clinic.people
    assert queued == 3
    db.session.expire_all()
    assert db.session.get(Campaign, campaign.id).status is CampaignStatus.RUNNING
    reasons = dict(
        db.session.execute(
            sa.select(CampaignRecipient.participant_id, CampaignRecipient.excluded_reason).where(
                CampaignRecipient.campaign_id == campaign.id
            )
        ).all()
    )
    assert reasons == {
        people["en_ok"].id: None,
        people["es_ok"].id: None,
        people["busy"].id: None,
        people["opted_out"].id: "opted_out",
        people["no_consent"].id: "no_consent",
        people["landline"].id: "invalid_number",
        people["answered"].id: "already_answered",
        people["capped"].id: "frequency_cap",
    }
    sent = invites()
    assert [(m.participant_id, m.language) for m in sent] == [
        (people["en_ok"].id, "en"),
        (people["es_ok"].id, "es"),
    ]
    with db_app.test_request_context():
        assert sent[1].body == opening_text(
            clinic.survey, clinic.survey.current.questions[0], "es", invite=True
        )
    assert all(
        m.status is MessageStatus.OUTBOX and not m.is_reply and m.campaign_id == campaign.id
        for m in sent
    )
    assert sent[1].segments == describe(sent[1].body).segments
    busy = db.session.scalars(
        sa.select(Conversation).where(
            Conversation.participant_id == people["busy"].id,
            Conversation.campaign_id == campaign.id,
        )
    ).one()
    assert busy.state is ConversationState.WAITING and busy.active_phone is None

    assert campaigns.start_due_campaigns(utcnow() + timedelta(hours=3)) == 0  # started once
    assert len(invites()) == 2


def test_a_campaign_conversation_is_answered_like_any_other(db_app, clinic):
    scheduled(clinic)
    campaigns.start_due_campaigns(utcnow() + timedelta(hours=2))
    db.session.commit()
    phone = clinic.people["es_ok"].phone

    outcomes = [
        handle_inbound(f"SMc{i}", phone, CLINIC, body).outcome
        for i, body in enumerate(("2", "no", "1"))
    ]
    db.session.commit()

    assert outcomes == [Outcome.ANSWER, Outcome.ANSWER, Outcome.COMPLETED]
    response = db.session.scalars(
        sa.select(Response).where(Response.participant_id == clinic.people["es_ok"].id)
    ).one()
    assert response.answer_map() == {"ease": "ok", "interpreter": False, "visits": 1}


def test_a_waiting_recipient_is_invited_when_their_phone_is_free(db_app, clinic):
    campaign = scheduled(clinic)
    campaigns.start_due_campaigns(utcnow() + timedelta(hours=2))
    db.session.commit()
    busy = clinic.people["busy"]
    for i, body in enumerate(("1", "yes", "2")):  # finishes the other survey
        handle_inbound(f"SMb{i}", busy.phone, CLINIC, body)
    db.session.commit()

    mine = [m for m in invites() if m.participant_id == busy.id]
    assert len(mine) == 1 and mine[0].is_reply  # it follows straight on from their answer
    recipient = db.session.scalars(
        sa.select(CampaignRecipient).where(
            CampaignRecipient.campaign_id == campaign.id,
            CampaignRecipient.participant_id == busy.id,
        )
    ).one()
    assert recipient.invited_at is not None


# --- reminders --------------------------------------------------------------------------------


def reminders() -> list[OutboundMessage]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            sa.select(OutboundMessage)
            .where(OutboundMessage.kind == MessageKind.REMINDER)
            .order_by(OutboundMessage.id)
        )
    )


def conversation(participant: Participant, campaign: Campaign) -> Conversation:
    db.session.expire_all()
    return db.session.scalars(
        sa.select(Conversation).where(
            Conversation.participant_id == participant.id,
            Conversation.campaign_id == campaign.id,
        )
    ).one()


def test_reminders_go_only_to_those_not_finished_and_at_most_twice(db_app, clinic):
    campaign = scheduled(clinic)
    start = utcnow() + timedelta(hours=2)
    campaigns.start_due_campaigns(start)
    db.session.commit()
    people = clinic.people
    for i, body in enumerate(("1", "sí", "3")):  # es_ok finishes
        handle_inbound(f"SMr{i}", people["es_ok"].phone, CLINIC, body)
    handle_inbound("SMhalf", people["en_ok"].phone, CLINIC, "3")  # en_ok answers one
    db.session.commit()

    assert campaigns.send_due_reminders(start + timedelta(hours=23)) == 0
    assert campaigns.send_due_reminders(start + timedelta(hours=25)) == 1
    assert campaigns.send_due_reminders(start + timedelta(hours=26)) == 0
    expire_conversations(start + timedelta(hours=49))  # the campaign's stay open for reminders
    assert conversation(people["en_ok"], campaign).state is ConversationState.ACTIVE
    assert campaigns.send_due_reminders(start + timedelta(hours=49)) == 1
    campaigns.send_due_reminders(start + timedelta(days=30))
    campaigns.send_due_reminders(start + timedelta(days=31))
    db.session.commit()

    sent = [m for m in reminders() if m.participant_id != people["busy"].id]
    assert [m.participant_id for m in sent] == [people["en_ok"].id] * 2
    assert [m.dedupe_key.rsplit(":", 1)[1] for m in sent] == ["1", "2"]
    assert {m.conversation_id for m in sent} == {conversation(people["en_ok"], campaign).id}
    # "busy" was invited only when their other survey ended (at 49 hours): their reminders
    # count from then, one a pass, two at most.
    late = [m for m in reminders() if m.participant_id == people["busy"].id]
    assert [m.dedupe_key.rsplit(":", 1)[1] for m in late] == ["1", "2"]
    with db_app.test_request_context():
        reminder = system_text(SystemText.REMINDER, "en")
    assert sent[0].body.startswith(reminder)
    assert QUESTION_TEXTS["interpreter"]["en"] in sent[0].body  # the question they are on
    assert not sent[0].is_reply


def test_a_campaign_is_done_when_its_conversations_have_ended(db_app, clinic):
    campaign = scheduled(clinic, reminder_hours=[])
    start = utcnow() + timedelta(hours=2)
    campaigns.start_due_campaigns(start)
    db.session.commit()
    hours = db_app.config["ENGAGE_SMS_CONVERSATION_HOURS"]
    later = start
    for _ in range(3):  # each expiry may start the next waiting conversation
        later += timedelta(hours=hours + 1)
        expire_conversations(later)
        campaigns.send_due_reminders(later)
        db.session.commit()
        assert db.session.get(Campaign, campaign.id).status in (
            CampaignStatus.RUNNING,
            CampaignStatus.DONE,
        )
    db.session.expire_all()
    assert db.session.get(Campaign, campaign.id).status is CampaignStatus.DONE


# --- the screens ----------------------------------------------------------------------------


@pytest.fixture
def admin(app_under_test):
    client = app_under_test.test_client()
    assert sign_in(client, make_user(Role.ADMIN).email).status_code == 302
    return client


def test_the_lead_creates_previews_and_schedules_a_campaign(app_under_test, clinic, admin):
    assert admin.get("/sms/campaigns/new").status_code == 200
    tomorrow = (utcnow() + timedelta(days=1)).date().isoformat()
    created = admin.post(
        "/sms/campaigns/new",
        data={
            "name": "Spring check-in",
            "survey_id": str(clinic.survey.id),
            "sites": [str(clinic.east)],
            "start_date": tomorrow,
            "start_time": "10:00",
            "first_reminder_hours": "48",
        },
    )
    assert created.status_code == 302
    preview = admin.get(created.headers["Location"])
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert 'id="eligible-count">3<' in html and 'id="excluded-count">5<' in html
    assert "UCS-2" in html and "GSM-7" in html

    campaign = db.session.scalars(sa.select(Campaign)).one()
    assert campaign.reminder_hours == [48]
    assert campaign.starts_at.astimezone(campaigns.clinic_zone()).hour == 10
    scheduled_page = admin.post(f"/sms/campaigns/{campaign.id}/schedule")
    assert scheduled_page.status_code == 302
    db.session.expire_all()
    assert db.session.get(Campaign, campaign.id).status is CampaignStatus.SCHEDULED
    assert admin.post(f"/sms/campaigns/{campaign.id}/schedule").status_code == 400
    assert admin.post(f"/sms/campaigns/{campaign.id}/cancel").status_code == 302
    db.session.expire_all()
    assert db.session.get(Campaign, campaign.id).status is CampaignStatus.CANCELLED
    assert "Spring check-in" in admin.get("/sms/campaigns").get_data(as_text=True)


def test_a_campaign_form_with_problems_is_shown_again(app_under_test, clinic, admin):
    response = admin.post("/sms/campaigns/new", data={"name": "", "survey_id": "999"})
    assert response.status_code == 400
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Campaign)) == 0


def test_only_the_lead_opens_campaigns(app_under_test, clinic):
    client = app_under_test.test_client()
    sign_in(client, make_user(Role.STAFF).email)
    assert client.get("/sms/campaigns").status_code == 403
    assert client.get("/sms/campaigns/new").status_code == 403


# --- a personal web link ---------------------------------------------------------------------


def test_a_campaign_may_offer_a_personal_web_link_which_the_dispatcher_fills_in(
    db_app, clinic, use_twilio, fake_twilio
):
    use_twilio(db_app)
    campaign = scheduled(clinic, offers_web_link=True)
    start = utcnow() + timedelta(hours=2)
    campaigns.start_due_campaigns(start)
    db.session.commit()
    queued = {m.participant_id: m for m in invites()}
    assert all(PERSONAL_LINK in m.body for m in queued.values())

    send_due_messages(now=start)

    survey = clinic.survey
    for name in ("en_ok", "es_ok"):
        participant = clinic.people[name]
        [body] = fake_twilio.bodies_to(participant.phone)
        assert PERSONAL_LINK not in body
        [link] = re.findall(r"https?://\S+/s/\S+/p/\S+", body)
        assert link.startswith(f"{db_app.config['ENGAGE_PUBLIC_URL']}/s/{survey.slug}/p/")
        with db_app.test_request_context():
            assert read_personal_link(link.rsplit("/", 1)[1], survey) == participant.id
        # The row says what Twilio got, so a thread and a reconcile see the same words.
        stored = db.session.get(OutboundMessage, queued[participant.id].id)
        assert stored.body == body
        assert stored.segments == describe(body).segments
    # The two links differ: each names its own participant.
    links = {fake_twilio.bodies_to(clinic.people[n].phone)[0] for n in ("en_ok", "es_ok")}
    assert len(links) == 2
    # The link opens the survey on the web for that participant.
    page = db_app.test_client().get(
        link.removeprefix(db_app.config["ENGAGE_PUBLIC_URL"]), follow_redirects=True
    )
    assert page.status_code == 200
    assert QUESTION_TEXTS["ease"]["es"] in page.get_data(as_text=True)
    assert campaign.offers_web_link


def test_reminders_of_a_campaign_with_a_web_link_carry_it_too(db_app, clinic):
    scheduled(clinic, offers_web_link=True)
    start = utcnow() + timedelta(hours=2)
    campaigns.start_due_campaigns(start)
    db.session.commit()

    assert campaigns.send_due_reminders(start + timedelta(hours=25)) == 2
    db.session.commit()

    sent = reminders()
    assert sent and all(PERSONAL_LINK in m.body for m in sent)
    with db_app.test_request_context():
        longest = describe(
            sent[0].body.replace(PERSONAL_LINK, sample_survey_url(clinic.survey))
        ).segments
    assert sent[0].segments == longest
    send_due_messages(now=start + timedelta(hours=25))
    db.session.expire_all()
    assert all(PERSONAL_LINK not in db.session.get(OutboundMessage, m.id).body for m in sent)


def test_without_the_web_link_no_text_carries_one(db_app, clinic):
    scheduled(clinic)
    start = utcnow() + timedelta(hours=2)
    campaigns.start_due_campaigns(start)
    campaigns.send_due_reminders(start + timedelta(hours=25))
    db.session.commit()

    sent = invites() + reminders()
    assert sent and not any(PERSONAL_LINK in m.body or "/p/" in m.body for m in sent)


def test_the_preview_counts_a_text_with_its_link_at_the_longest_a_link_can_be(
    app_under_test, clinic
):
    without = campaigns.campaign_preview(new_campaign(clinic)).messages
    offered = campaigns.campaign_preview(new_campaign(clinic, offers_web_link=True)).messages

    with app_under_test.test_request_context():
        sample = sample_survey_url(clinic.survey)
        real = personal_survey_url(clinic.people["en_ok"].id, clinic.survey)
    assert len(sample) >= len(real)
    for plain, linked in zip(without, offered, strict=True):
        assert plain.label == linked.label
        if plain.label in ("opening", "reminder"):
            assert sample in linked.text and linked.info.characters > plain.info.characters
        else:
            assert linked.text == plain.text


def test_a_thread_shows_where_an_unsent_texts_link_will_go(db_app, clinic):
    scheduled(clinic, offers_web_link=True)
    campaigns.start_due_campaigns(utcnow() + timedelta(hours=2))
    db.session.commit()
    client = db_app.test_client()
    sign_in(client, make_user(Role.ADMIN).email)

    page = client.get(f"/sms/threads/{clinic.people['en_ok'].id}")

    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert PERSONAL_LINK not in text
    assert "(their personal survey link)" in text


def test_the_lead_chooses_the_web_link_on_the_campaign_form(app_under_test, clinic, admin):
    form = admin.get("/sms/campaigns/new").get_data(as_text=True)
    assert "Also offer the survey on the web" in form and "valid for 30 days" in form
    tomorrow = (utcnow() + timedelta(days=1)).date().isoformat()
    created = admin.post(
        "/sms/campaigns/new",
        data={
            "name": "Web or text",
            "survey_id": str(clinic.survey.id),
            "start_date": tomorrow,
            "start_time": "10:00",
            "offers_web_link": "y",
        },
    )
    assert created.status_code == 302
    assert db.session.scalars(sa.select(Campaign)).one().offers_web_link
    page = admin.get(created.headers["Location"]).get_data(as_text=True)
    assert "carry a personal link" in page
    assert PERSONAL_LINK not in page  # the preview shows a link as long as a real one
