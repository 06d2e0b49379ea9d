"""The "you said, we did" screens of an item: draft, edit every language, preview, send.

Staff and the lead prepare an update; only the lead (an admin) sends it, because one click
texts everyone who answered for the item's priorities in the clinic's name. The update's
page shows what the campaign preview shows: who gets it in which language, who is left out
and why, and each text's encoding and segments. The rules live in ``loop.py`` and
``loop_recipients.py``; this module parses, calls them, renders and commits.
"""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from werkzeug.wrappers import Response as BaseResponse

from engage.auth.roles import Role
from engage.backlog import bp, loop, loop_recipients, services
from engage.backlog.loop_forms import LoopDraftForm, LoopTextsForm, SendForm, texts_form
from engage.backlog.models import ImprovementItem, LoopUpdate
from engage.backlog.transitions import TELLABLE
from engage.backlog.views import EDITORS, item_section
from engage.core.access import roles_required
from engage.core.i18n import LANGUAGE_NAMES, offered_languages, text_direction
from engage.extensions import db
from engage.sms.segments import describe

SENDERS = (Role.ADMIN,)

EXCLUSION_LABELS = {
    "opted_out": _l("Opted out"),
    "no_consent": _l("No consent to texts"),
    "not_mobile": _l("Landline or unreachable number"),
    "no_phone": _l("Answered anonymously on the web: no phone to text"),
}
assert set(EXCLUSION_LABELS) == set(loop_recipients.EXCLUSION_REASONS)


@item_section
def loop_section(item: ImprovementItem) -> dict[str, Any]:
    """The item page's "you said, we did" list: each update, drafted or sent."""
    updates = loop.updates_for(item)
    return {
        "loop_updates": updates,
        "loop_queued": loop_recipients.queued_counts(update.id for update in updates),
        "loop_tellable": item.status in TELLABLE,
    }


def _find(item_id: int, update_id: int) -> tuple[ImprovementItem, LoopUpdate]:
    item = services.find_item(item_id) or abort(404)
    update = db.session.get(LoopUpdate, update_id)
    if update is None or update.item_id != item.id:
        abort(404)
    return item, update


@bp.route("/<int:item_id>/updates/new", methods=["GET", "POST"])
@roles_required(*EDITORS)
def loop_new(item_id: int) -> tuple[str, int] | BaseResponse:
    item = services.find_item(item_id) or abort(404)
    form = LoopDraftForm()
    if form.validate_on_submit():
        try:
            update = loop.draft_update(item, form.update.data or "", current_user.id)
        except loop.LoopRefused as refused:
            db.session.rollback()
            form.form_errors.append(str(refused))
        else:
            db.session.commit()
            flash(
                _(
                    "Drafted in every language. Translate the texts marked below, check "
                    "who gets it, then send."
                ),
                "success",
            )
            return redirect(url_for("backlog.loop_update", item_id=item.id, update_id=update.id))
    status = 400 if form.errors or form.form_errors else 200
    tellable = item.status in TELLABLE and bool(item.links)
    return render_template(
        "backlog/loop_compose.html",
        item=item,
        form=form,
        tellable=tellable,
        example=loop.framed(item, loop.FALLBACK_LANGUAGE, "…") if tellable else "",
    ), status


def _stored_form(update: LoopUpdate, languages: list[str]) -> LoopTextsForm:
    """The texts form filled from the row, whatever the request carries."""
    data: dict[str, Any] = {"published": update.published}
    for code in languages:
        data[f"sms_{code}"] = update.texts.get(code, "")
        data[f"public_{code}"] = update.public_texts.get(code, "")
    form_class = texts_form(languages, sms=update.sent_at is None)
    return form_class(formdata=None, data=data)


def _update_page(
    item: ImprovementItem,
    update: LoopUpdate,
    form: LoopTextsForm,
    error: str | None = None,
    status: int = 200,
) -> tuple[str, int]:
    languages = offered_languages()
    sms_open = update.sent_at is None
    untranslated = loop.untranslated(update) if sms_open else set()
    shown = {
        code: (form[f"sms_{code}"].data or "") if sms_open else update.texts.get(code, "")
        for code in languages
    }
    return render_template(
        "backlog/loop_update.html",
        item=item,
        update=update,
        form=form,
        send_form=SendForm(),
        sms_open=sms_open,
        languages=languages,
        infos={code: describe(text) for code, text in shown.items()},
        shown=shown,
        stored_costs={cost.language: cost for cost in loop.costs(update)},
        directions={code: text_direction(code) for code in languages},
        untranslated=untranslated,
        untranslated_names=", ".join(
            LANGUAGE_NAMES.get(code, code) for code in languages if code in untranslated
        ),
        preview=loop_recipients.recipients(item, update.texts) if sms_open else None,
        told=None if sms_open else loop_recipients.told_by_language(update.id),
        tellable=item.status in TELLABLE,
        can_send=current_user.role in SENDERS,
        language_names=LANGUAGE_NAMES,
        exclusion_labels=EXCLUSION_LABELS,
        error=error,
    ), status


@bp.route("/<int:item_id>/updates/<int:update_id>", methods=["GET", "POST"])
@roles_required(*EDITORS)
def loop_update(item_id: int, update_id: int) -> tuple[str, int] | BaseResponse:
    item, update = _find(item_id, update_id)
    languages = offered_languages()
    if request.method == "GET":
        return _update_page(item, update, _stored_form(update, languages))
    sms_open = update.sent_at is None
    form = texts_form(languages, sms=sms_open)()
    if form.validate_on_submit():
        try:
            loop.save_texts(
                update,
                {code: form[f"sms_{code}"].data or "" for code in languages} if sms_open else None,
                {code: form[f"public_{code}"].data or "" for code in languages},
                bool(form.published.data),
            )
        except loop.LoopRefused as refused:
            db.session.rollback()
            form.form_errors.append(str(refused))
            for name, problem in refused.problems.items():
                if name in form:
                    form[name].errors = [*form[name].errors, problem]
        else:
            db.session.commit()
            flash(_("Texts saved."), "success")
            return redirect(url_for("backlog.loop_update", item_id=item.id, update_id=update.id))
    return _update_page(item, update, form, status=400)


@bp.post("/<int:item_id>/updates/<int:update_id>/send")
@roles_required(*SENDERS)
def loop_send(item_id: int, update_id: int) -> tuple[str, int] | BaseResponse:
    item, update = _find(item_id, update_id)
    if not SendForm().validate_on_submit():
        abort(400)
    try:
        result = loop.send_update(update, current_user.id)
    except loop.LoopRefused as refused:
        db.session.rollback()
        db.session.refresh(update)
        status = 409 if update.sent_at is not None else 400  # 409: it was sent already
        return _update_page(
            item, update, _stored_form(update, offered_languages()), str(refused), status
        )
    db.session.commit()
    if result.queued:
        flash(
            ngettext(
                "%(num)d text queued. Quiet hours, the weekly text limit and consent are "
                "checked again as each one goes out, so some may arrive later or not at all.",
                "%(num)d texts queued. Quiet hours, the weekly text limit and consent are "
                "checked again as each one goes out, so some may arrive later or not at all.",
                result.queued,
            ),
            "success",
        )
    else:
        flash(_("Nobody could be texted. The update is recorded as told."), "info")
    return redirect(url_for("backlog.loop_update", item_id=item.id, update_id=update.id))
