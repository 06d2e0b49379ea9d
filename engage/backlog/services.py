"""Operations on improvement items: create, edit, link to priorities, move, comment.

Every change writes its audit event; status changes also write an ``ItemEvent`` so the
item's learning-loop timeline can be read back. The caller commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from engage.auth.models import User
from engage.auth.roles import Role
from engage.backlog.models import (
    ImprovementItem,
    ItemComment,
    ItemEvent,
    ItemEventKind,
    ItemPriority,
    ItemStatus,
)
from engage.backlog.transitions import can_move
from engage.core import audit
from engage.core.errors import EngageError
from engage.core.models import AuditAction
from engage.core.types import utcnow
from engage.extensions import db
from engage.priorities.models import PriorityItem

MAX_COMMENT = 2000


class BacklogRefused(EngageError):
    """A change to the backlog that a rule does not allow."""


@dataclass
class ItemInput:
    title: str
    description: str = ""
    owner_id: int | None = None
    site_id: int | None = None
    due_on: date | None = None
    # priority id → why this item answers it
    priorities: dict[int, str] = field(default_factory=dict)
    round_id: int | None = None


@dataclass(frozen=True)
class BacklogFilter:
    status: ItemStatus | None = None
    site_id: int | None = None
    owner_id: int | None = None
    priority_id: int | None = None


def list_items(criteria: BacklogFilter) -> list[ImprovementItem]:
    query = sa.select(ImprovementItem).order_by(
        ImprovementItem.due_on.is_(None), ImprovementItem.due_on, ImprovementItem.id
    )
    if criteria.status is not None:
        query = query.where(ImprovementItem.status == criteria.status)
    if criteria.site_id is not None:
        query = query.where(ImprovementItem.site_id == criteria.site_id)
    if criteria.owner_id is not None:
        query = query.where(ImprovementItem.owner_id == criteria.owner_id)
    if criteria.priority_id is not None:
        query = query.where(
            ImprovementItem.links.any(ItemPriority.priority_id == criteria.priority_id)
        )
    return list(db.session.scalars(query))


def find_item(item_id: int) -> ImprovementItem | None:
    return db.session.get(ImprovementItem, item_id)


def owners() -> list[User]:
    """Who can own an item: active staff and admins."""
    return list(
        db.session.scalars(
            sa.select(User)
            .where(User.role.in_([Role.ADMIN, Role.STAFF]), User.active.is_(True))
            .order_by(User.name)
        )
    )


def _check(data: ItemInput) -> None:
    if not data.title.strip():
        raise BacklogRefused(_("Give the item a title."))
    if data.owner_id is not None and data.owner_id not in {user.id for user in owners()}:
        raise BacklogRefused(_("The owner must be an active staff member or admin."))
    known = set(
        db.session.scalars(
            sa.select(PriorityItem.id).where(PriorityItem.id.in_(list(data.priorities)))
        )
    )
    if set(data.priorities) - known:
        raise BacklogRefused(_("One of the chosen priorities no longer exists."))


def _event(
    item: ImprovementItem,
    kind: ItemEventKind,
    actor_id: int | None,
    status: ItemStatus | None = None,
    **detail: object,
) -> None:
    db.session.add(
        ItemEvent(item_id=item.id, kind=kind, status=status, actor_id=actor_id, detail=detail)
    )


def create_item(data: ItemInput, actor_id: int | None) -> ImprovementItem:
    _check(data)
    item = ImprovementItem(
        title=data.title.strip(),
        description=data.description.strip(),
        owner_id=data.owner_id,
        site_id=data.site_id,
        due_on=data.due_on,
        round_id=data.round_id,
        created_by_id=actor_id,
    )
    item.links = [
        ItemPriority(priority_id=priority_id, rationale=rationale.strip())
        for priority_id, rationale in data.priorities.items()
    ]
    db.session.add(item)
    db.session.flush()
    _event(item, ItemEventKind.CREATED, actor_id, ItemStatus.PROPOSED)
    audit.record(AuditAction.CREATE, "improvement_item", item.id, {"title": item.title})
    return item


def update_item(item: ImprovementItem, data: ItemInput, actor_id: int | None) -> None:
    _check(data)
    item.title = data.title.strip()
    item.description = data.description.strip()
    item.owner_id = data.owner_id
    item.site_id = data.site_id
    item.due_on = data.due_on
    kept = {link.priority_id: link for link in item.links}
    item.links = [
        kept.get(priority_id) or ItemPriority(priority_id=priority_id)
        for priority_id in data.priorities
    ]
    for link in item.links:
        link.rationale = data.priorities[link.priority_id].strip()
    db.session.flush()
    audit.record(AuditAction.UPDATE, "improvement_item", item.id, {"title": item.title})


def move(item: ImprovementItem, wanted: ItemStatus, actor_id: int | None) -> None:
    """Change the item's status, if the path allows it."""
    if not can_move(item.status, wanted):
        raise BacklogRefused(
            _(
                "An item that is %(current)s cannot become %(wanted)s.",
                current=status_label(item.status),
                wanted=status_label(wanted),
            )
        )
    before = item.status
    item.status = wanted
    item.updated_at = utcnow()
    _event(item, ItemEventKind.STATUS, actor_id, wanted, before=before.value)
    db.session.flush()
    audit.record(
        AuditAction.UPDATE,
        "improvement_item",
        item.id,
        {"status": wanted.value, "before": before.value},
    )


def add_comment(item: ImprovementItem, author: User, body: str) -> ItemComment:
    body = body.strip()
    if not body:
        raise BacklogRefused(_("Write a comment first."))
    if len(body) > MAX_COMMENT:
        raise BacklogRefused(_("A comment is at most %(most)d characters.", most=MAX_COMMENT))
    comment = ItemComment(item_id=item.id, author_id=author.id, body=body)
    db.session.add(comment)
    db.session.flush()
    return comment


def comments(item: ImprovementItem) -> list[ItemComment]:
    return list(
        db.session.scalars(
            sa.select(ItemComment)
            .where(ItemComment.item_id == item.id)
            .order_by(ItemComment.created_at, ItemComment.id)
        )
    )


def items_for_priorities(priority_ids: Sequence[int]) -> dict[int, list[ImprovementItem]]:
    """Priority id → the items that answer it."""
    found: dict[int, list[ImprovementItem]] = {priority_id: [] for priority_id in priority_ids}
    for link in db.session.scalars(
        sa.select(ItemPriority).where(ItemPriority.priority_id.in_(list(priority_ids)))
    ):
        found[link.priority_id].append(link.item)
    return found


def status_label(status: ItemStatus) -> str:
    from engage.backlog.labels import STATUS_LABELS

    return str(STATUS_LABELS[status])
