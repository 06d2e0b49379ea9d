"""What an incoming text turned out to be, and the reply it got: shared by the SMS engine."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from engage.extensions import db
from engage.sms.models import OutboundMessage


class Outcome(enum.StrEnum):
    """What a text turned out to be; stored on the inbound row and shown in threads."""

    ANSWER = "answer"
    REPROMPT = "reprompt"
    SKIPPED = "skipped"  # an optional question given up on, or one no longer asked
    COMPLETED = "completed"
    GAVE_UP = "gave_up"  # a required question could not be answered: ended politely
    SURVEY_CLOSED = "survey_closed"
    OPT_OUT = "opt_out"
    OPT_OUT_REPEAT = "opt_out_repeat"  # already opted out: nothing sent
    OPT_IN = "opt_in"
    HELP = "help"
    LANGUAGE = "language"
    UNKNOWN_NUMBER = "unknown_number"
    UNKNOWN_NUMBER_QUIET = "unknown_number_quiet"  # not answered (setting, STOP, once a day)
    OPTED_OUT = "opted_out"  # texted while opted out: stored, not answered
    NO_CONSENT = "no_consent"
    NO_CONVERSATION = "no_conversation"


@dataclass(frozen=True)
class InboundResult:
    """The reply written to the outbox (its id, if any) and what the text was taken to be.

    The id, not the row: the answer step writes its reply with a plain INSERT and never
    loads it; :attr:`reply` reads it for the simulator and the tests that look at it.
    """

    reply_id: int | None
    outcome: str
    duplicate: bool = False

    @classmethod
    def of(
        cls, reply: OutboundMessage | None, outcome: str, *, duplicate: bool = False
    ) -> InboundResult:
        return cls(reply.id if reply is not None else None, outcome, duplicate)

    @property
    def reply(self) -> OutboundMessage | None:
        return db.session.get(OutboundMessage, self.reply_id) if self.reply_id else None


def reply_key(sid: str) -> str:
    """The ``dedupe_key`` of the reply to one incoming text: written once, found again."""
    return f"reply:{sid}"
