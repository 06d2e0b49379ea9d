"""Training a backlog item needs: "staff testing this change complete module X first".

Linking a module can also assign it to the item's owner, due when the item is due (or
in two weeks), through the training package's own rules.
"""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from flask_babel import gettext as _

from engage.backlog.models import ImprovementItem, ItemTraining
from engage.backlog.services import BacklogRefused
from engage.core import audit
from engage.core.models import AuditAction
from engage.extensions import db
from engage.training.assignments import AssignmentInput, add_assignment, clinic_today
from engage.training.models import TrainingModule

OWNER_DUE_IN = timedelta(days=14)


def linked_modules(item: ImprovementItem) -> list[TrainingModule]:
    return [
        link.module
        for link in db.session.scalars(
            sa.select(ItemTraining).where(ItemTraining.item_id == item.id)
        )
    ]


def linkable_modules(item: ImprovementItem) -> list[TrainingModule]:
    linked = {module.id for module in linked_modules(item)}
    return [
        module
        for module in db.session.scalars(
            sa.select(TrainingModule)
            .where(TrainingModule.published.is_(True))
            .order_by(TrainingModule.slug)
        )
        if module.id not in linked
    ]


def link_module(item: ImprovementItem, module_id: int, *, assign_owner: bool) -> None:
    module = db.session.get(TrainingModule, module_id)
    if module is None or not module.published:
        raise BacklogRefused(_("Choose a published training module."))
    if db.session.get(ItemTraining, (item.id, module.id)) is None:
        db.session.add(ItemTraining(item_id=item.id, module_id=module.id))
    if assign_owner:
        if item.owner_id is None:
            raise BacklogRefused(_("The item has no owner to assign the module to."))
        due = item.due_on or clinic_today() + OWNER_DUE_IN
        add_assignment(AssignmentInput(module_id=module.id, due_on=due, user_id=item.owner_id))
    db.session.flush()
    audit.record(AuditAction.UPDATE, "improvement_item", item.id, {"training": module.slug})


def unlink_module(item: ImprovementItem, module_id: int) -> None:
    db.session.execute(
        sa.delete(ItemTraining).where(
            ItemTraining.item_id == item.id, ItemTraining.module_id == module_id
        )
    )
    audit.record(AuditAction.UPDATE, "improvement_item", item.id, {"training_removed": module_id})
