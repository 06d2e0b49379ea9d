"""What backlog statuses and decisions are called, in the reader's language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from engage.backlog.models import CycleDecision, Direction, ItemStatus

STATUS_LABELS = {
    ItemStatus.PROPOSED: _l("proposed"),
    ItemStatus.PLANNED: _l("planned"),
    ItemStatus.TESTING: _l("testing"),
    ItemStatus.ADOPTED: _l("adopted"),
    ItemStatus.ADAPTED: _l("adapted"),
    ItemStatus.ABANDONED: _l("abandoned"),
    ItemStatus.DONE: _l("done"),
}
DECISION_LABELS = {
    CycleDecision.ADOPT: _l("Adopt"),
    CycleDecision.ADAPT: _l("Adapt"),
    CycleDecision.ABANDON: _l("Abandon"),
}
DIRECTION_LABELS = {
    Direction.UP: _l("Higher is better"),
    Direction.DOWN: _l("Lower is better"),
}
