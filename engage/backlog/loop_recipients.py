"""Who hears back about an item: everyone who answered for its priorities and may be texted.

Answered means a survey response, by web or by text, that picked or ranked a choice
feeding one of the item's priorities (:class:`PrioritySource`), or a free-text idea that
staff tagged to one of them (:class:`IdeaTag`). Each participant counts once however many
ways they asked. The campaign rules then leave out those who opted out, never consented or
whose number is not a mobile; an anonymous web response has no phone at all. The preview
and the send both call :func:`recipients`, so the number the lead saw is the number sent.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from engage.backlog.models import ImprovementItem, LoopRecipient
from engage.extensions import db
from engage.people.models import Participant
from engage.people.vocabulary import PhoneStatus
from engage.priorities.models import IdeaTag, PrioritySource
from engage.surveys.models import Answer, Question, Response

FALLBACK_LANGUAGE = "en"

# Why someone who answered for the item is not texted, in the order the rules are checked.
EXCLUSION_REASONS = ("opted_out", "no_consent", "not_mobile", "no_phone")


@dataclass(frozen=True)
class Recipient:
    participant: Participant
    language: str  # the language of the text they get: theirs, or English when it has none


@dataclass
class RecipientPreview:
    recipients: list[Recipient]
    excluded: dict[str, int]  # reason → people (anonymous responses count as "no_phone")
    fallback: int = 0  # recipients whose own language has no text, so they get English
    by_language: dict[str, int] = field(default_factory=dict)  # language of the text → people

    @property
    def heard(self) -> int:
        return len(self.recipients) + sum(self.excluded.values())


def priority_ids(item: ImprovementItem) -> list[int]:
    return [link.priority_id for link in item.links]


def _chosen(value: Any) -> set[str]:
    """The choice keys an answer picked: a list for ranking and pick-your-top, one for single."""
    if isinstance(value, list):
        return {str(choice) for choice in value}
    return {value} if isinstance(value, str) and value else set()


def heard_from(priorities: Iterable[int]) -> tuple[set[int], set[int]]:
    """Participant ids and anonymous response ids of all who answered for ``priorities``.

    Answered means a response (web or SMS, finished or not) that picked or ranked a survey
    choice feeding one of them (:class:`PrioritySource`), or a free-text idea staff tagged
    to one of them (:class:`IdeaTag`). Likert ratings say how much, not what, so they do not
    count as asking for it.
    """
    ids = list(priorities)
    participants: set[int] = set()
    anonymous: set[int] = set()

    def heard(response_id: int, participant_id: int | None) -> None:
        if participant_id is None:
            anonymous.add(response_id)
        else:
            participants.add(participant_id)

    wanted: dict[tuple[int, str], set[str]] = {}
    for survey_id, question_key, choice_key in db.session.execute(
        sa.select(
            PrioritySource.survey_id, PrioritySource.question_key, PrioritySource.choice_key
        ).where(PrioritySource.priority_id.in_(ids), PrioritySource.choice_key != "")
    ):
        wanted.setdefault((survey_id, question_key), set()).add(choice_key)
    if wanted:
        rows = db.session.execute(
            sa.select(
                Response.id, Response.participant_id, Response.survey_id, Question.key, Answer.value
            )
            .select_from(Answer)
            .join(Response, Answer.response_id == Response.id)
            .join(Question, Answer.question_id == Question.id)
            .where(
                sa.or_(
                    *(
                        sa.and_(Response.survey_id == survey_id, Question.key == question_key)
                        for survey_id, question_key in wanted
                    )
                )
            )
        )
        for response_id, participant_id, survey_id, question_key, value in rows:
            if _chosen(value) & wanted[(survey_id, question_key)]:
                heard(response_id, participant_id)
    for response_id, participant_id in db.session.execute(
        sa.select(Response.id, Response.participant_id)
        .select_from(IdeaTag)
        .join(Answer, IdeaTag.answer_id == Answer.id)
        .join(Response, Answer.response_id == Response.id)
        .where(IdeaTag.priority_id.in_(ids))
    ):
        heard(response_id, participant_id)
    return participants, anonymous


def exclusion_reason(person: Participant) -> str | None:
    """Why this participant gets no text (None: they get one); the campaign rules' order."""
    if person.sms_opted_out_at is not None and not person.has_sms_consent:
        return "opted_out"
    if not person.has_sms_consent:
        return "no_consent"
    if person.phone_status != PhoneStatus.MOBILE:
        return "not_mobile"
    return None


def text_language(preferred: str, texts: Mapping[str, str]) -> str:
    """Their own language when the update has a text in it, else English."""
    return preferred if (texts.get(preferred) or "").strip() else FALLBACK_LANGUAGE


def recipients(item: ImprovementItem, texts: Mapping[str, str] | None = None) -> RecipientPreview:
    """Who gets the update and who is left out, and why; the preview and the send share it."""
    texts = texts if texts is not None else {}
    participant_ids, anonymous = heard_from(priority_ids(item))
    people = (
        db.session.scalars(
            sa.select(Participant)
            .where(Participant.id.in_(participant_ids))
            .order_by(Participant.id)
        ).all()
        if participant_ids
        else []
    )
    excluded = Counter({"no_phone": len(anonymous)})
    chosen: list[Recipient] = []
    for person in people:
        reason = exclusion_reason(person)
        if reason is not None:
            excluded[reason] += 1
        else:
            chosen.append(Recipient(person, text_language(person.preferred_language, texts)))
    return RecipientPreview(
        recipients=chosen,
        excluded={reason: excluded.get(reason, 0) for reason in EXCLUSION_REASONS},
        fallback=sum(1 for r in chosen if r.language != r.participant.preferred_language),
        by_language=dict(sorted(Counter(r.language for r in chosen).items())),
    )


def queued_counts(update_ids: Iterable[int]) -> dict[int, int]:
    """Update id → texts queued for it."""
    ids = list(update_ids)
    if not ids:
        return {}
    return dict(
        db.session.execute(
            sa.select(LoopRecipient.update_id, sa.func.count())
            .where(LoopRecipient.update_id.in_(ids))
            .group_by(LoopRecipient.update_id)
        ).all()
    )


def told_by_language(update_id: int) -> dict[str, int]:
    """Language → texts queued for this update, as sent (read from its recipient rows)."""
    return dict(
        db.session.execute(
            sa.select(LoopRecipient.language, sa.func.count())
            .where(LoopRecipient.update_id == update_id)
            .group_by(LoopRecipient.language)
            .order_by(LoopRecipient.language)
        ).all()
    )
