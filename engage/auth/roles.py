"""The three kinds of account. Patients never have one: they are participants."""

import enum

from flask_babel import lazy_gettext as _l


class Role(enum.StrEnum):
    ADMIN = "admin"
    STAFF = "staff"
    BOARD = "board"

    @property
    def label(self) -> str:
        return str(ROLE_LABELS[self])


ROLE_LABELS = {
    Role.ADMIN: _l("Engagement lead (admin)"),
    Role.STAFF: _l("Staff"),
    Role.BOARD: _l("Advisory board member"),
}
