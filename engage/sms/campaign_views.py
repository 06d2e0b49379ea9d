"""Campaign screens (the engagement lead): create, preview, schedule, cancel, follow.

A campaign is created as a draft and opens on its preview: how many get it, how many are
left out and why, and every message's encoding and segment count in every language. Only
then can it be scheduled. The rules live in ``campaigns.py``; this module parses, calls
them, renders and commits.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response as BaseResponse

from engage.auth.roles import Role
from engage.core.access import roles_required
from engage.core.i18n import LANGUAGE_NAMES, language_choices
from engage.extensions import db
from engage.people.services import list_sites
from engage.sms import bp, campaigns
from engage.sms.forms import CampaignForm, ConfirmForm
from engage.sms.labels import LABELS
from engage.sms.models import Campaign, CampaignStatus
from engage.surveys.models import Survey
from engage.surveys.responses import DEFAULT_LINK_DAYS


@bp.route("/campaigns")
@roles_required(Role.ADMIN)
def campaign_list() -> str:
    return render_template(
        "sms/campaigns.html", campaigns=campaigns.list_campaigns(), labels=LABELS
    )


def _campaign_form() -> CampaignForm:
    form = CampaignForm()
    form.survey_id.choices = [
        (survey.id, survey.title(survey.base_language)) for survey in campaigns.open_surveys()
    ]
    form.sites.choices = [(site.id, site.name) for site in list_sites()]
    form.languages.choices = language_choices()
    form.offers_web_link.description = _(
        "The invitation and reminders carry a personal link, valid for %(days)d days, "
        "for those who would rather answer on a web page. It makes each of them longer.",
        days=current_app.config.get("ENGAGE_SURVEY_LINK_DAYS", DEFAULT_LINK_DAYS),
    )
    return form


def _input(form: CampaignForm) -> campaigns.CampaignInput:
    assert form.start_date.data is not None and form.start_time.data is not None
    reminders = [
        hours
        for hours in (form.first_reminder_hours.data, form.second_reminder_hours.data)
        if hours
    ]
    return campaigns.CampaignInput(
        name=form.name.data or "",
        survey_id=int(form.survey_id.data or 0),
        cohort=campaigns.Cohort(
            site_ids=tuple(form.sites.data or ()),
            languages=tuple(form.languages.data or ()),
            age_bands=tuple(form.age_bands.data or ()),
            race_ethnicity=tuple(form.race_ethnicity.data or ()),
            not_contacted_days=form.not_contacted_days.data,
        ),
        starts_at=campaigns.clinic_time_to_utc(form.start_date.data, form.start_time.data),
        reminder_hours=reminders,
        offers_web_link=bool(form.offers_web_link.data),
    )


@bp.route("/campaigns/new", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def campaign_new() -> tuple[str, int] | BaseResponse:
    form = _campaign_form()
    if form.validate_on_submit():
        try:
            campaign = campaigns.create_campaign(_input(form), current_user.id)
        except campaigns.CampaignRefused as refused:
            db.session.rollback()
            form.form_errors.append(str(refused))
        else:
            db.session.commit()
            return redirect(url_for("sms.campaign_detail", campaign_id=campaign.id))
    status = 400 if form.errors or form.form_errors else 200
    return render_template(
        "sms/campaign_form.html",
        form=form,
        has_surveys=bool(form.survey_id.choices),
        timezone=campaigns.clinic_zone().key,
    ), status


def _detail(campaign: Campaign, error: str | None = None) -> tuple[str, int]:
    survey = db.session.get_one(Survey, campaign.survey_id)
    preview = None
    progress = None
    if campaign.status in (CampaignStatus.DRAFT, CampaignStatus.SCHEDULED):
        preview = campaigns.campaign_preview(campaign)
    else:
        progress = campaigns.campaign_progress(campaign)
    return render_template(
        "sms/campaign.html",
        campaign=campaign,
        survey=survey,
        preview=preview,
        progress=progress,
        starts_local=campaign.starts_at.astimezone(campaigns.clinic_zone()),
        timezone=campaigns.clinic_zone().key,
        form=ConfirmForm(),
        error=error,
        labels=LABELS,
        language_names=LANGUAGE_NAMES,
    ), 400 if error else 200


@bp.route("/campaigns/<int:campaign_id>")
@roles_required(Role.ADMIN)
def campaign_detail(campaign_id: int) -> tuple[str, int]:
    campaign = db.session.get(Campaign, campaign_id) or abort(404)
    return _detail(campaign)


@bp.post("/campaigns/<int:campaign_id>/schedule")
@roles_required(Role.ADMIN)
def campaign_schedule(campaign_id: int) -> tuple[str, int] | BaseResponse:
    return _change_campaign(
        campaign_id,
        campaigns.schedule_campaign,
        _("Campaign scheduled. It starts at the time shown."),
    )


@bp.post("/campaigns/<int:campaign_id>/cancel")
@roles_required(Role.ADMIN)
def campaign_cancel(campaign_id: int) -> tuple[str, int] | BaseResponse:
    return _change_campaign(
        campaign_id, campaigns.cancel_campaign, _("Campaign cancelled. Nothing was sent.")
    )


def _change_campaign(
    campaign_id: int, change: Callable[[Campaign], object], done: str
) -> tuple[str, int] | BaseResponse:
    """Confirm, apply one campaign service, and show the campaign with the outcome."""
    campaign = db.session.get(Campaign, campaign_id) or abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        change(campaign)
    except campaigns.CampaignRefused as refused:
        db.session.rollback()
        return _detail(campaign, str(refused))
    db.session.commit()
    flash(done, "success")
    return redirect(url_for("sms.campaign_detail", campaign_id=campaign.id))
