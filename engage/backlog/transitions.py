"""Which status an improvement item may move to next (pure).

proposed → planned → testing → adopted, adapted or abandoned → done. An adapted change
is tested again; an idea can be abandoned before it is tested; nothing leaves "done".
"""

from __future__ import annotations

from engage.backlog.models import ItemStatus

NEXT: dict[ItemStatus, tuple[ItemStatus, ...]] = {
    ItemStatus.PROPOSED: (ItemStatus.PLANNED, ItemStatus.ABANDONED),
    ItemStatus.PLANNED: (ItemStatus.TESTING, ItemStatus.PROPOSED, ItemStatus.ABANDONED),
    ItemStatus.TESTING: (ItemStatus.ADOPTED, ItemStatus.ADAPTED, ItemStatus.ABANDONED),
    ItemStatus.ADAPTED: (ItemStatus.TESTING, ItemStatus.ADOPTED, ItemStatus.ABANDONED),
    ItemStatus.ADOPTED: (ItemStatus.DONE,),
    ItemStatus.ABANDONED: (ItemStatus.DONE,),
    ItemStatus.DONE: (),
}
# Patients can be told about these: the change was made.
TELLABLE = frozenset({ItemStatus.ADOPTED, ItemStatus.DONE})


def can_move(current: ItemStatus, wanted: ItemStatus) -> bool:
    return wanted in NEXT[current]
