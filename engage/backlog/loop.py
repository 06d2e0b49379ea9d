"""Telling patients what changed ("you said, we did"): drafted in every language, sent once.

When an item is adopted or done, the lead writes one sentence about what changed. It is
framed ("Valley CHC: You told us … mattered. Here is what we changed: …") in every offered
language, edited there, and texted to everyone who answered for the item's priorities
and may be texted (``loop_recipients``). The same words go to everyone in a language, so
a text carries no name and no health information, and a placeholder that would make it
personal is refused.

Sending writes one :class:`LoopRecipient` and one outbox row per participant in the
caller's transaction, and is guarded three times against a second text: the update is
claimed by a conditional ``UPDATE … WHERE sent_at IS NULL`` (a second click, a retried
request or a racing worker finds it taken: on PostgreSQL the row lock makes it wait for
the first to commit), each recipient row sits behind the (update, participant) unique
constraint in a savepoint, and each text carries a unique ``dedupe_key``. The dispatcher
still applies consent, opt-out, quiet hours, caps and rate limits when the text goes out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value

from engage.backlog.loop_recipients import FALLBACK_LANGUAGE, recipients
from engage.backlog.models import (
    ImprovementItem,
    ItemEvent,
    ItemEventKind,
    LoopRecipient,
    LoopUpdate,
)
from engage.backlog.transitions import TELLABLE
from engage.core import audit
from engage.core.errors import EngageError
from engage.core.i18n import offered_languages
from engage.core.models import AuditAction
from engage.core.types import utcnow
from engage.extensions import db
from engage.people.models import Participant
from engage.sms.models import MessageKind, OutboundMessage
from engage.sms.outbox import enqueue
from engage.sms.segments import SegmentInfo, describe

MAX_SEGMENTS = 3  # the lead's limit for one update: a short note, not a letter
MAX_UPDATE = 320  # the "we did" sentence the lead writes
MAX_PUBLIC = 2000  # the longer text for the public page

# A template placeholder of any syntax, or a bracketed personal field: every participant
# gets the same words, so nothing may be filled in per person (and no health information).
PLACEHOLDER = re.compile(
    r"%\(\s*\w+\s*\)|\{\{.*?\}\}|\{\s*[A-Za-z_]\w*\s*\}|\$\{?[A-Za-z_]\w*"
    r"|[\[<]\s*(?:(?:first|last|full|patient|participant|preferred)[ _-]?)?"
    r"(?:name|nombre|dob|date[ _-]of[ _-]birth|birth[ _-]?date|birthday|phone|mrn)\s*[\]>]",
    re.IGNORECASE,
)


class LoopRefused(EngageError):
    """An update that cannot be drafted, saved or sent as asked; nothing was written."""

    def __init__(self, message: object, problems: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.problems = dict(problems or {})  # form field (sms_es, public_en) → what is wrong


# --- drafting --------------------------------------------------------------------------------


def _priority_label(item: ImprovementItem, language: str) -> str:
    return ", ".join(link.priority.label(language) for link in item.links)


def framed(item: ImprovementItem, language: str, update: str) -> str:
    """The update in ``language``'s frame, with the clinic's short name and the priority."""
    with force_locale(language):
        return _(
            "%(clinic)s: You told us %(priority)s mattered. Here is what we changed: "
            "%(update)s Reply STOP to opt out.",
            clinic=current_app.config["ENGAGE_CLINIC_SHORT_NAME"],
            priority=_priority_label(item, language),
            update=update,
        )


def text_problem(text: str) -> str | None:
    """Why this SMS text cannot be sent (too long, or personal), or None."""
    if PLACEHOLDER.search(text):
        return _(
            "Remove the placeholder: the same text goes to everyone, so it cannot carry a "
            "name or anything about one person."
        )
    info = describe(text)
    if info.segments > MAX_SEGMENTS:
        return _(
            "This text is %(segments)d segments (%(encoding)s); an update may be at most "
            "%(most)d. Shorten it.",
            segments=info.segments,
            encoding=info.encoding,
            most=MAX_SEGMENTS,
        )
    return None


def text_problems(texts: Mapping[str, str]) -> dict[str, str]:
    """Language → what is wrong with its text; English must be there, others may be blank."""
    problems: dict[str, str] = {}
    if not (texts.get(FALLBACK_LANGUAGE) or "").strip():
        problems[FALLBACK_LANGUAGE] = _("Write the English text: it goes to everyone else.")
    for language, text in texts.items():
        if text.strip() and (problem := text_problem(text)) is not None:
            problems[language] = problem
    return problems


def _check_tellable(item: ImprovementItem) -> None:
    if item.status not in TELLABLE:
        raise LoopRefused(
            _("Patients can be told once the change is adopted or done; this item is not yet.")
        )
    if not item.links:
        raise LoopRefused(
            _(
                "Link the item to the community priority it answers first: the update tells "
                "the people who asked for it."
            )
        )


def draft_update(item: ImprovementItem, update: str, actor_id: int | None) -> LoopUpdate:
    """A draft in every offered language, from the lead's English sentence; flushes."""
    _check_tellable(item)
    update = " ".join(update.split())
    if not update:
        raise LoopRefused(_("Write what changed, in a sentence or two."))
    if len(update) > MAX_UPDATE:
        raise LoopRefused(
            _(
                "Keep the update to %(most)d characters; the page text can say more.",
                most=MAX_UPDATE,
            )
        )
    english = framed(item, FALLBACK_LANGUAGE, update)
    if (problem := text_problem(english)) is not None:
        raise LoopRefused(problem)
    languages = offered_languages()
    loop_update = LoopUpdate(
        item_id=item.id,
        sentence=update,
        texts={language: framed(item, language, update) for language in languages},
        public_texts={language: update for language in languages},
        created_by_id=actor_id,
    )
    db.session.add(loop_update)
    db.session.flush()
    audit.record(AuditAction.CREATE, "loop_update", loop_update.id, {"item": item.id})
    return loop_update


def untranslated(loop_update: LoopUpdate) -> set[str]:
    """Languages whose SMS or page text still carries the English sentence: "translate this"."""
    sentence = loop_update.sentence
    if not sentence:
        return set()
    return {
        language
        for language in offered_languages()
        if language != FALLBACK_LANGUAGE
        and any(
            sentence in (texts.get(language) or "")
            for texts in (loop_update.texts, loop_update.public_texts)
        )
    }


@dataclass(frozen=True)
class TextCost:
    language: str
    text: str
    info: SegmentInfo
    problem: str | None


def costs(loop_update: LoopUpdate) -> list[TextCost]:
    """Each offered language's SMS text with its encoding and segments, as the preview shows."""
    problems = text_problems(loop_update.texts)
    return [
        TextCost(language, text, describe(text), problems.get(language))
        for language in offered_languages()
        for text in [loop_update.texts.get(language) or ""]
    ]


def save_texts(
    loop_update: LoopUpdate,
    sms: Mapping[str, str] | None,
    public: Mapping[str, str],
    published: bool,
) -> None:
    """Keep edited texts; SMS texts only before sending (``sms`` None keeps them)."""
    if sms is not None and loop_update.sent_at is not None:
        raise LoopRefused(_("This update has been sent; its text messages can no longer change."))
    languages = offered_languages()
    problems: dict[str, str] = {}
    new_sms = (
        {language: (sms.get(language) or "").strip() for language in languages} if sms else None
    )
    if new_sms is not None:
        problems |= {f"sms_{lang}": problem for lang, problem in text_problems(new_sms).items()}
    new_public = {language: (public.get(language) or "").strip() for language in languages}
    if not new_public[FALLBACK_LANGUAGE]:
        problems[f"public_{FALLBACK_LANGUAGE}"] = _("Write the English page text.")
    for language, text in new_public.items():
        if len(text) > MAX_PUBLIC:
            problems[f"public_{language}"] = _(
                "A page text is at most %(most)d characters.", most=MAX_PUBLIC
            )
    if problems:
        raise LoopRefused(_("Nothing was saved: fix the texts marked below."), problems)
    if new_sms is not None:
        loop_update.texts = new_sms
    loop_update.public_texts = new_public
    loop_update.published = published
    db.session.flush()
    audit.record(AuditAction.UPDATE, "loop_update", loop_update.id, {"published": published})


# --- sending ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SendResult:
    queued: int
    by_language: dict[str, int]
    excluded: dict[str, int]


def dedupe_key(loop_update: LoopUpdate, participant: Participant) -> str:
    return f"loop:{loop_update.id}:{participant.id}"


def queue_recipient(loop_update: LoopUpdate, participant: Participant, language: str) -> bool:
    """Queue one text unless this participant already has one for this update (False then).

    Insert-or-skip behind a savepoint: the unique (update, participant) row decides, so a
    racing duplicate fails alone and the rest of the send goes on.
    """
    try:
        with db.session.begin_nested():
            row = LoopRecipient(
                update_id=loop_update.id, participant_id=participant.id, language=language
            )
            db.session.add(row)
            db.session.flush()
            key = dedupe_key(loop_update, participant)
            message = enqueue(
                participant,
                loop_update.texts[language],
                MessageKind.LOOP,
                language=language,
                dedupe_key=key,
            )
            row.message_id = (
                message.id
                if message is not None
                else db.session.scalar(
                    sa.select(OutboundMessage.id).where(OutboundMessage.dedupe_key == key)
                )
            )
            db.session.flush()
    except IntegrityError:
        return False
    return message is not None


def _claim(loop_update: LoopUpdate, now: datetime) -> bool:
    """Mark the update sent, if nobody has: the one statement that decides who sends."""
    result = db.session.execute(
        sa.update(LoopUpdate)
        .where(LoopUpdate.id == loop_update.id, LoopUpdate.sent_at.is_(None))
        .values(sent_at=now)
        .execution_options(synchronize_session=False)
    )
    claimed = getattr(result, "rowcount", 0) == 1
    if claimed:  # the row says so already; tell the object without a second UPDATE
        set_committed_value(loop_update, "sent_at", now)
    return claimed


def send_update(
    loop_update: LoopUpdate, actor_id: int | None, now: datetime | None = None
) -> SendResult:
    """Queue the update for everyone who may get it, once; flushes, the caller commits."""
    now = now or utcnow()
    item = db.session.get_one(ImprovementItem, loop_update.item_id)
    if loop_update.sent_at is not None:
        raise LoopRefused(_("This update was already sent; nobody gets it twice."))
    _check_tellable(item)
    if text_problems(loop_update.texts):
        raise LoopRefused(_("Fix the texts marked below before sending."))
    if not _claim(loop_update, now):
        raise LoopRefused(_("This update was already sent; nobody gets it twice."))
    preview = recipients(item, loop_update.texts)
    queued: Counter[str] = Counter()
    for recipient in preview.recipients:
        if queue_recipient(loop_update, recipient.participant, recipient.language):
            queued[recipient.language] += 1
    total = sum(queued.values())
    db.session.add(
        ItemEvent(
            item_id=item.id,
            kind=ItemEventKind.TOLD,
            at=now,
            actor_id=actor_id,
            detail={"update_id": loop_update.id, "queued": total},
        )
    )
    audit.record(
        AuditAction.UPDATE,
        "loop_update",
        loop_update.id,
        {"sent": total, "languages": dict(queued), "excluded": preview.excluded},
    )
    db.session.flush()
    return SendResult(total, dict(sorted(queued.items())), preview.excluded)


def updates_for(item: ImprovementItem) -> list[LoopUpdate]:
    return list(
        db.session.scalars(
            sa.select(LoopUpdate)
            .where(LoopUpdate.item_id == item.id)
            .order_by(LoopUpdate.created_at.desc(), LoopUpdate.id.desc())
        )
    )


@dataclass(frozen=True)
class PublishedChange:
    """One entry of the public "what we changed" page, in the reader's language."""

    text: str
    language: str  # the language ``text`` is in: the reader's, or English
    priorities: list[str]
    sent_at: datetime


def published_changes(language: str) -> list[PublishedChange]:
    """Sent, published updates of adopted or done items, newest first; drafts never show."""
    rows = db.session.execute(
        sa.select(LoopUpdate, ImprovementItem)
        .join(ImprovementItem, LoopUpdate.item_id == ImprovementItem.id)
        .where(
            LoopUpdate.published.is_(True),
            LoopUpdate.sent_at.is_not(None),
            ImprovementItem.status.in_(list(TELLABLE)),
        )
        .order_by(LoopUpdate.sent_at.desc(), LoopUpdate.id.desc())
    ).all()
    changes: list[PublishedChange] = []
    for loop_update, item in rows:
        english = (loop_update.public_texts.get(FALLBACK_LANGUAGE) or "").strip()
        own = (loop_update.public_texts.get(language) or "").strip()
        sentence = loop_update.sentence
        if language != FALLBACK_LANGUAGE and (own == english or (sentence and sentence in own)):
            own = ""  # still the English prefill: say so, rather than label English as theirs
        shown = language if own else FALLBACK_LANGUAGE
        text = own or english
        if not text or loop_update.sent_at is None:
            continue
        labels = [link.priority.label(language) for link in item.links]
        changes.append(PublishedChange(text, shown, labels, loop_update.sent_at))
    return changes
