"""Participant screens: list, search, add, edit, and import from CSV."""

from __future__ import annotations

import csv
import io

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response as BaseResponse

from engage.auth.roles import Role
from engage.core import audit
from engage.core.access import roles_required
from engage.core.i18n import LANGUAGE_NAMES, language_choices
from engage.core.models import AuditAction
from engage.extensions import db
from engage.people import bp, imports, services
from engage.people.forms import ConfirmImportForm, ImportForm, ParticipantForm
from engage.people.models import Participant
from engage.people.phones import display_phone
from engage.people.vocabulary import (
    AGE_BAND_LABELS,
    CONSENT_METHOD_LABELS,
    GENDER_LABELS,
    PHONE_STATUS_LABELS,
    RACE_ETHNICITY_LABELS,
    AgeBand,
    ConsentMethod,
    Gender,
    RaceEthnicity,
)

STAFF_AND_ADMIN = (Role.ADMIN, Role.STAFF)
LABELS = {
    "age_band": AGE_BAND_LABELS,
    "gender": GENDER_LABELS,
    "race_ethnicity": RACE_ETHNICITY_LABELS,
    "consent_method": CONSENT_METHOD_LABELS,
    "phone_status": PHONE_STATUS_LABELS,
}


@bp.app_template_filter("phone")
def phone_filter(e164: str) -> str:
    return display_phone(e164)


@bp.route("/")
@roles_required(*STAFF_AND_ADMIN)
def index() -> str:
    site_id = request.args.get("site", type=int)
    language = request.args.get("language") or None
    criteria = services.ParticipantSearch(
        text=request.args.get("q", ""), site_id=site_id, language=language
    )
    page = db.paginate(
        services.search_participants(criteria),
        page=request.args.get("page", 1, type=int),
        per_page=services.PAGE_SIZE,
        error_out=False,
    )
    return render_template(
        "people/index.html",
        page=page,
        criteria=criteria,
        sites=services.list_sites(),
        languages=language_choices(),
        language_names=LANGUAGE_NAMES,
    )


def _participant_form(participant: Participant | None) -> ParticipantForm:
    form = ParticipantForm(obj=participant)
    form.preferred_language.choices = language_choices()
    form.site_id.choices = [("", _("No site"))] + [
        (str(site.id), site.name) for site in services.list_sites()
    ]
    if participant is not None and request.method == "GET":
        form.site_id.data = str(participant.site_id or "")
        form.age_band.data = participant.age_band or ""
        form.gender.data = participant.gender or ""
        form.race_ethnicity.data = [c.value for c in participant.race_ethnicity]
        form.consent_method.data = (
            participant.sms_consent_method if participant.has_sms_consent else ""
        ) or ""
    return form


def _details(form: ParticipantForm) -> services.ParticipantDetails:
    return services.ParticipantDetails(
        phone=form.phone.data or "",
        name=form.name.data,
        external_id=form.external_id.data,
        preferred_language=form.preferred_language.data or "en",
        site_id=int(form.site_id.data) if form.site_id.data else None,
        age_band=AgeBand(form.age_band.data) if form.age_band.data else None,
        race_ethnicity=[RaceEthnicity(value) for value in form.race_ethnicity.data or []],
        gender=Gender(form.gender.data) if form.gender.data else None,
        zip_code=form.zip_code.data,
        consent_method=ConsentMethod(form.consent_method.data)
        if form.consent_method.data
        else None,
        consent_wording=services.sms_consent_wording(),
    )


def _save(form: ParticipantForm, participant: Participant | None) -> Participant | None:
    """Run the service; on refusal put the message on the field it concerns."""
    try:
        if participant is None:
            participant = services.add_participant(_details(form))
        else:
            services.update_participant(participant, _details(form))
    except services.ParticipantRefused as refused:
        db.session.rollback()
        field = getattr(form, refused.field_name or "", None)
        (field.errors if field is not None else form.form_errors).append(str(refused))
        return None
    db.session.commit()
    return participant


@bp.route("/new", methods=["GET", "POST"])
@roles_required(*STAFF_AND_ADMIN)
def new() -> tuple[str, int] | BaseResponse:
    form = _participant_form(None)
    if form.validate_on_submit() and (participant := _save(form, None)):
        flash(_("Participant added."), "success")
        return redirect(url_for("people.show", participant_id=participant.id))
    return _form_page(form, None)


def _form_page(form: ParticipantForm, participant: Participant | None) -> tuple[str, int]:
    status = 400 if form.errors or form.form_errors else 200
    return render_template(
        "people/form.html",
        form=form,
        participant=participant,
        consent_wording=services.sms_consent_wording(),
    ), status


@bp.route("/<int:participant_id>")
@roles_required(*STAFF_AND_ADMIN)
def show(participant_id: int) -> str:
    participant = services.view_participant(participant_id) or abort(404)
    db.session.commit()  # the view is in the audit trail
    return render_template(
        "people/show.html", participant=participant, labels=LABELS, language_names=LANGUAGE_NAMES
    )


@bp.route("/<int:participant_id>/edit", methods=["GET", "POST"])
@roles_required(*STAFF_AND_ADMIN)
def edit(participant_id: int) -> tuple[str, int] | BaseResponse:
    participant = db.session.get(Participant, participant_id) or abort(404)
    form = _participant_form(participant)
    if form.validate_on_submit() and _save(form, participant):
        flash(_("Participant saved."), "success")
        return redirect(url_for("people.show", participant_id=participant.id))
    return _form_page(form, participant)


PREVIEW_LIMIT = 100


@bp.route("/import", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def import_upload() -> tuple[str, int] | BaseResponse:
    form = ImportForm()
    if form.validate_on_submit():
        upload = form.file.data
        try:
            preview = imports.preview_import(
                upload.read(), upload.filename or "upload.csv", current_user.id
            )
        except imports.ImportRefused as refused:
            form.file.errors.append(str(refused))
        else:
            return render_template(
                "people/import_preview.html",
                preview=preview,
                confirm=ConfirmImportForm(token=preview.token),
                limit=PREVIEW_LIMIT,
                reason_message=imports.reason_message,
                language_names=LANGUAGE_NAMES,
            ), 200
    return render_template("people/import.html", form=form), 400 if form.errors else 200


@bp.route("/import/confirm", methods=["POST"])
@roles_required(Role.ADMIN)
def import_confirm() -> tuple[str, int] | BaseResponse:
    form = ConfirmImportForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        result = imports.commit_import(form.token.data or "", current_user.id)
    except imports.ImportRefused as refused:
        db.session.rollback()
        upload_form = ImportForm()
        # Not validated, so its errors are still an empty tuple.
        upload_form.file.errors = [str(refused)]
        return render_template("people/import.html", form=upload_form), 400
    db.session.commit()
    flash(
        _(
            "Import finished: %(created)d added, %(updated)d updated, %(refused)d refused.",
            created=result.created,
            updated=result.updated,
            refused=result.refused,
        ),
        "success",
    )
    return redirect(url_for("people.index"))


@bp.route("/import/<token>/refused.csv")
@roles_required(Role.ADMIN)
def import_refusals(token: str) -> BaseResponse:
    """Every refused row with its reasons, to fix in the source file and import again."""
    try:
        preview = imports.load_preview(token, current_user.id)
    except imports.ImportRefused:
        abort(404)
    audit.record(AuditAction.EXPORT, "participant_import", None, {"refused_rows": preview.filename})
    db.session.commit()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_("Row"), _("Phone"), _("Reasons")])
    for refusal in preview.plan.refusals:
        reasons = "; ".join(imports.reason_message(reason) for reason in refusal.reasons)
        writer.writerow([refusal.row, refusal.phone, reasons])
    return Response(
        "\ufeff" + buffer.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=refused-rows.csv"},
    )
