"""The backlog pages: the list with its filters, an item with its voices and history.

Sections of an item's page that other parts of the backlog own (PDSA cycles and
measures, "you said, we did") register a context function with :func:`item_section`,
so this page does not need to know how each is built.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response as BaseResponse

from engage.auth.roles import Role
from engage.backlog import bp, services, training_links
from engage.backlog.forms import (
    CommentForm,
    ConfirmForm,
    FilterForm,
    ItemForm,
    MoveForm,
    TrainingLinkForm,
)
from engage.backlog.labels import STATUS_LABELS
from engage.backlog.models import ImprovementItem, ItemStatus
from engage.backlog.timeline import timeline
from engage.backlog.transitions import NEXT
from engage.backlog.voices import VOICE_DIMENSIONS, voices
from engage.core.access import roles_required
from engage.extensions import db
from engage.people.models import Site
from engage.priorities.community import choose_survey, community
from engage.priorities.community_views import counts_follow_ups
from engage.priorities.items import list_items as list_priorities
from engage.priorities.labels import DIMENSION_LABELS, group_label
from engage.priorities.rounds import find_round
from engage.training.services import TrainingRefused

EVERYONE = (Role.ADMIN, Role.STAFF, Role.BOARD)
EDITORS = (Role.ADMIN, Role.STAFF)
TOP_PRIORITIES = 5  # "top community priorities with no backlog item yet" looks this far down

ItemSection = Callable[[ImprovementItem], dict[str, Any]]
ITEM_SECTIONS: list[ItemSection] = []


def item_section(provider: ItemSection) -> ItemSection:
    """Register a function that adds context to an item's page."""
    ITEM_SECTIONS.append(provider)
    return provider


@counts_follow_ups
def _items_answering(priority_ids: list[int]) -> dict[int, int]:
    """Priority id → how many backlog items answer it, for the community priorities page."""
    return {pid: len(found) for pid, found in services.items_for_priorities(priority_ids).items()}


def _language() -> str:
    return str(get_locale() or "en")


def _sites() -> list[Site]:
    return list(db.session.scalars(sa.select(Site).order_by(Site.name)))


def _int_arg(name: str) -> int | None:
    value = request.args.get(name) or ""
    if not value:
        return None
    if not value.isdecimal():
        abort(400)
    return int(value)


@bp.route("/")
@roles_required(*EVERYONE)
def index() -> str:
    language = _language()
    priorities = list_priorities()
    form = FilterForm(request.args)
    form.status.choices = [("", _("Any status"))] + [
        (status.value, label) for status, label in STATUS_LABELS.items()
    ]
    form.site.choices = [("", _("Any site"))] + [(str(s.id), s.name) for s in _sites()]
    form.owner.choices = [("", _("Anyone"))] + [(str(u.id), u.name) for u in services.owners()]
    form.priority.choices = [("", _("Any priority"))] + [
        (str(p.id), p.label(language)) for p in priorities
    ]
    status = request.args.get("status") or None
    if status is not None and status not in {s.value for s in ItemStatus}:
        abort(400)
    criteria = services.BacklogFilter(
        status=ItemStatus(status) if status else None,
        site_id=_int_arg("site"),
        owner_id=_int_arg("owner"),
        priority_id=_int_arg("priority"),
    )
    return render_template(
        "backlog/index.html",
        items=services.list_items(criteria),
        form=form,
        uncovered=_uncovered(priorities),
        statuses=STATUS_LABELS,
        language=language,
    )


def _uncovered(priorities: list[Any]) -> list[tuple[Any, Any]]:
    """The top community priorities (newest survey) that no backlog item answers yet."""
    survey = choose_survey(None)
    if survey is None:
        return []
    by_key = {priority.key: priority for priority in priorities}
    top = [row for row in community(survey).figures.overall[:TOP_PRIORITIES]]
    covered = services.items_for_priorities([by_key[row.item].id for row in top])
    return [(row, by_key[row.item]) for row in top if not covered[by_key[row.item].id]]


def _item_form(item: ImprovementItem | None = None) -> ItemForm:
    language = _language()
    form = ItemForm(obj=item) if item is not None and request.method == "GET" else ItemForm()
    form.owner_id.choices = [("", _("No owner yet"))] + [
        (str(user.id), user.name) for user in services.owners()
    ]
    form.site_id.choices = [("", _("All sites"))] + [(str(s.id), s.name) for s in _sites()]
    form.priorities.choices = [(str(p.id), p.label(language)) for p in list_priorities()]
    if request.method == "GET":
        if item is not None:
            form.owner_id.data = str(item.owner_id or "")
            form.site_id.data = str(item.site_id or "")
            form.priorities.data = [str(link.priority_id) for link in item.links]
            form.rationale.data = next((link.rationale for link in item.links), "")
        else:
            wanted = request.args.get("priority", "")
            form.priorities.data = [wanted] if wanted.isdecimal() else []
            form.owner_id.data = str(current_user.id) if current_user.role != Role.BOARD else ""
    return form


def _input(form: ItemForm, round_id: int | None = None) -> services.ItemInput:
    rationale = form.rationale.data or ""
    return services.ItemInput(
        title=form.title.data or "",
        description=form.description.data or "",
        owner_id=int(form.owner_id.data) if form.owner_id.data else None,
        site_id=int(form.site_id.data) if form.site_id.data else None,
        due_on=form.due_on.data,
        priorities={int(value): rationale for value in form.priorities.data or []},
        round_id=round_id,
    )


def _form_page(form: ItemForm, item: ImprovementItem | None, round_: Any) -> tuple[str, int]:
    status = 400 if form.errors or form.form_errors else 200
    return render_template("backlog/form.html", form=form, item=item, round=round_), status


@bp.route("/new", methods=["GET", "POST"])
@roles_required(*EDITORS)
def new() -> tuple[str, int] | BaseResponse:
    """A new item; "add to backlog" from a priority or a board round links it already."""
    round_id = _int_arg("round")
    voting_round = find_round(round_id) if round_id else None
    if round_id and voting_round is None:
        abort(404)
    form = _item_form()
    if request.method == "GET" and not form.title.data and form.priorities.data:
        chosen = next((p for p in list_priorities() if str(p.id) == form.priorities.data[0]), None)
        if chosen is not None:
            form.title.data = chosen.label(_language())
    if form.validate_on_submit():
        try:
            item = services.create_item(_input(form, round_id), current_user.id)
        except services.BacklogRefused as refused:
            db.session.rollback()
            form.form_errors.append(str(refused))
        else:
            db.session.commit()
            flash(_("Item added to the backlog."), "success")
            return redirect(url_for("backlog.show", item_id=item.id))
    return _form_page(form, None, voting_round)


@bp.route("/<int:item_id>/edit", methods=["GET", "POST"])
@roles_required(*EDITORS)
def edit(item_id: int) -> tuple[str, int] | BaseResponse:
    item = services.find_item(item_id) or abort(404)
    form = _item_form(item)
    if form.validate_on_submit():
        try:
            services.update_item(item, _input(form), current_user.id)
        except services.BacklogRefused as refused:
            db.session.rollback()
            form.form_errors.append(str(refused))
        else:
            db.session.commit()
            flash(_("Item saved."), "success")
            return redirect(url_for("backlog.show", item_id=item.id))
    return _form_page(form, item, None)


@bp.route("/<int:item_id>")
@roles_required(*EVERYONE)
def show(item_id: int) -> str:
    item = services.find_item(item_id) or abort(404)
    move = MoveForm()
    move.status.choices = [(status.value, STATUS_LABELS[status]) for status in NEXT[item.status]]
    sites = {site.slug: site.name for site in _sites()}
    context: dict[str, Any] = {}
    for provider in ITEM_SECTIONS:
        context |= provider(item)
    heard = voices(item)
    return render_template(
        "backlog/item.html",
        item=item,
        voices=heard,
        dimensions={key: DIMENSION_LABELS[key] for key in VOICE_DIMENSIONS},
        group_label=group_label,
        sites=sites,
        steps=timeline(item, heard.first_raised),
        comments=services.comments(item),
        comment_form=CommentForm(),
        move=move,
        statuses=STATUS_LABELS,
        language=_language(),
        can_edit=current_user.role in EDITORS,
        **context,
    )


@bp.route("/<int:item_id>/status", methods=["POST"])
@roles_required(*EDITORS)
def change_status(item_id: int) -> BaseResponse:
    item = services.find_item(item_id) or abort(404)
    form = MoveForm()
    form.status.choices = [(status.value, status.value) for status in ItemStatus]
    wanted = form.status.data or ""
    if not form.validate_on_submit():
        flash(_("Choose one of the statuses offered."), "error")
        return redirect(url_for("backlog.show", item_id=item.id))
    try:
        services.move(item, ItemStatus(wanted), current_user.id)
    except services.BacklogRefused as refused:
        db.session.rollback()
        flash(str(refused), "error")
    else:
        db.session.commit()
        flash(_("Status changed to %(status)s.", status=STATUS_LABELS[item.status]), "success")
    return redirect(url_for("backlog.show", item_id=item.id))


@bp.route("/<int:item_id>/comments", methods=["POST"])
@roles_required(*EVERYONE)
def comment(item_id: int) -> BaseResponse:
    item = services.find_item(item_id) or abort(404)
    form = CommentForm()
    try:
        if not form.validate_on_submit():
            raise services.BacklogRefused(_("Write a comment of at most 2,000 characters."))
        services.add_comment(item, current_user, form.body.data or "")
    except services.BacklogRefused as refused:
        db.session.rollback()
        flash(str(refused), "error")
    else:
        db.session.commit()
        flash(_("Comment added."), "success")
    return redirect(url_for("backlog.show", item_id=item.id) + "#comments")


@item_section
def training_section(item: ImprovementItem) -> dict[str, Any]:
    return {
        "training_modules": training_links.linked_modules(item),
        "linkable_modules": training_links.linkable_modules(item),
    }


@bp.route("/<int:item_id>/training", methods=["POST"])
@roles_required(*EDITORS)
def link_training(item_id: int) -> BaseResponse:
    item = services.find_item(item_id) or abort(404)
    form = TrainingLinkForm()
    form.module_id.choices = [(str(m.id), m.slug) for m in training_links.linkable_modules(item)]
    try:
        if not form.validate_on_submit():
            raise services.BacklogRefused(_("Choose a published training module."))
        training_links.link_module(
            item, int(form.module_id.data), assign_owner=bool(form.assign_owner.data)
        )
    except (services.BacklogRefused, TrainingRefused) as refused:
        db.session.rollback()
        flash(str(refused), "error")
    else:
        db.session.commit()
        flash(_("Training linked to the item."), "success")
    return redirect(url_for("backlog.show", item_id=item.id) + "#training")


@bp.route("/<int:item_id>/training/<int:module_id>/remove", methods=["POST"])
@roles_required(*EDITORS)
def unlink_training(item_id: int, module_id: int) -> BaseResponse:
    item = services.find_item(item_id) or abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    training_links.unlink_module(item, module_id)
    db.session.commit()
    flash(_("Training no longer linked."), "success")
    return redirect(url_for("backlog.show", item_id=item.id) + "#training")
