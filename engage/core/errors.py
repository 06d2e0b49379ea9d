"""Domain errors: a service raises one with a message a person can read in their language."""

from __future__ import annotations


class EngageError(Exception):
    """A rule refused an action. ``message`` is already translated (or lazily translatable)."""

    def __init__(self, message: object) -> None:
        super().__init__(str(message))
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


class NotAllowed(EngageError):
    """The signed-in person's role does not permit this action."""
