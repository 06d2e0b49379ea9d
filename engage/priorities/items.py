"""Operations on priority items: create and edit them, link them to surveys, tag ideas.

Each function checks its rule, changes rows and writes the audit event; the caller
commits (one request, one unit of work).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import sqlalchemy as sa
from flask_babel import gettext as _

from engage.core import audit
from engage.core.errors import EngageError
from engage.core.models import AuditAction
from engage.extensions import db
from engage.priorities.models import IdeaTag, PriorityItem, PriorityOrigin, PrioritySource, Texts
from engage.surveys.models import Answer, Question, Response, Survey

KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_]{0,39}$")
PICK_TYPES = ("ranking", "multiple")


class PriorityRefused(EngageError):
    """A change to the priority list that a rule does not allow."""


def list_items() -> list[PriorityItem]:
    return list(db.session.scalars(sa.select(PriorityItem).order_by(PriorityItem.key)))


def find_item(item_id: int) -> PriorityItem | None:
    return db.session.get(PriorityItem, item_id)


def _clean(texts: Mapping[str, str]) -> Texts:
    return {language: text.strip() for language, text in texts.items() if text and text.strip()}


def unique_key(wanted: str) -> str:
    """``wanted`` made into a key no other item has ("interpreter", "interpreter_2", ...)."""
    base = re.sub(r"[^a-z0-9_]+", "_", wanted.lower()).strip("_")[:34] or "priority"
    taken = set(db.session.scalars(sa.select(PriorityItem.key)))
    key, number = base, 2
    while key in taken:
        key, number = f"{base}_{number}", number + 1
    return key


def create_item(
    title: Mapping[str, str],
    description: Mapping[str, str],
    origin: PriorityOrigin,
    *,
    key: str | None = None,
    user_id: int | None = None,
) -> PriorityItem:
    title = _clean(title)
    if "en" not in title:
        raise PriorityRefused(_("Give the priority a title in English, the base language."))
    key = key or unique_key(title["en"])
    if not KEY_PATTERN.match(key):
        raise PriorityRefused(
            _("A key is lowercase letters, digits and underscores, up to 40 characters.")
        )
    if db.session.scalar(sa.select(PriorityItem.id).where(PriorityItem.key == key)):
        raise PriorityRefused(_("Another priority already has the key %(key)s.", key=key))
    item = PriorityItem(
        key=key,
        title=title,
        description=_clean(description),
        origin=origin,
        created_by_id=user_id,
    )
    db.session.add(item)
    db.session.flush()
    audit.record(AuditAction.CREATE, "priority_item", item.id, {"key": key})
    return item


def update_item(
    item: PriorityItem, title: Mapping[str, str], description: Mapping[str, str]
) -> None:
    title = _clean(title)
    if "en" not in title:
        raise PriorityRefused(_("Give the priority a title in English, the base language."))
    item.title = title
    item.description = _clean(description)
    db.session.flush()
    audit.record(AuditAction.UPDATE, "priority_item", item.id, {"key": item.key})


def priority_surveys() -> list[Survey]:
    return list(
        db.session.scalars(
            sa.select(Survey)
            .where(Survey.is_priority_setting.is_(True))
            .order_by(Survey.created_at.desc(), Survey.id.desc())
        )
    )


def add_survey_choices(survey: Survey, user_id: int | None = None) -> list[PriorityItem]:
    """Make every priority choice of ``survey`` an item (or link it to the item of that key).

    A choice marked as a priority in a ranking or pick-your-top question is one of the
    issues the community is asked about; its answers are the item's figures.
    """
    linked = {
        (source.question_key, source.choice_key)
        for source in db.session.scalars(
            sa.select(PrioritySource).where(PrioritySource.survey_id == survey.id)
        )
    }
    by_key = {item.key: item for item in list_items()}
    created: list[PriorityItem] = []
    for question in survey.current.questions:
        if question.type not in PICK_TYPES:
            continue
        for choice in question.choices:
            if not choice.is_priority or (question.key, choice.key) in linked:
                continue
            item = by_key.get(choice.key)
            if item is None:
                item = create_item(
                    dict(choice.text),
                    {},
                    PriorityOrigin.SURVEY_CHOICE,
                    key=choice.key,
                    user_id=user_id,
                )
                by_key[item.key] = item
                created.append(item)
            item.sources.append(
                PrioritySource(
                    survey_id=survey.id, question_key=question.key, choice_key=choice.key
                )
            )
    db.session.flush()
    return created


def likert_questions(survey: Survey) -> list[Question]:
    return [question for question in survey.current.questions if question.type == "likert"]


def link_importance(item: PriorityItem, survey: Survey, question_key: str) -> None:
    """Read ``question_key`` (a Likert question) as how important ``item`` is."""
    if question_key not in {question.key for question in likert_questions(survey)}:
        raise PriorityRefused(_("Choose a rating (Likert) question of this survey."))
    taken = db.session.scalar(
        sa.select(PrioritySource).where(
            PrioritySource.survey_id == survey.id,
            PrioritySource.question_key == question_key,
            PrioritySource.choice_key == "",
        )
    )
    if taken is not None and taken.priority_id != item.id:
        raise PriorityRefused(_("That question already rates another priority."))
    if taken is None:
        item.sources.append(
            PrioritySource(survey_id=survey.id, question_key=question_key, choice_key="")
        )
    db.session.flush()
    audit.record(
        AuditAction.UPDATE, "priority_item", item.id, {"importance_question": question_key}
    )


def idea_answers(survey: Survey) -> list[tuple[Answer, list[int]]]:
    """Every free-text answer of ``survey``, newest first, with the items it is tagged to."""
    answers = list(
        db.session.scalars(
            sa.select(Answer)
            .join(Response, Answer.response_id == Response.id)
            .join(Question, Answer.question_id == Question.id)
            .where(Response.survey_id == survey.id, Question.type == "text")
            .order_by(Answer.answered_at.desc(), Answer.id.desc())
        )
    )
    answers = [answer for answer in answers if isinstance(answer.value, str) and answer.value]
    tags: dict[int, list[int]] = {}
    for answer_id, priority_id in db.session.execute(
        sa.select(IdeaTag.answer_id, IdeaTag.priority_id).where(
            IdeaTag.answer_id.in_([answer.id for answer in answers])
        )
    ):
        tags.setdefault(answer_id, []).append(priority_id)
    return [(answer, tags.get(answer.id, [])) for answer in answers]


def _text_answer(answer_id: int) -> Answer:
    answer = db.session.get(Answer, answer_id)
    if answer is None or answer.question.type != "text":
        raise PriorityRefused(_("That idea no longer exists."))
    return answer


def tag_idea(answer_id: int, item: PriorityItem, user_id: int | None) -> None:
    answer = _text_answer(answer_id)
    exists = db.session.scalar(
        sa.select(IdeaTag.id).where(IdeaTag.answer_id == answer.id, IdeaTag.priority_id == item.id)
    )
    if exists:
        return
    db.session.add(IdeaTag(answer_id=answer.id, priority_id=item.id, tagged_by_id=user_id))
    db.session.flush()
    audit.record(AuditAction.UPDATE, "priority_item", item.id, {"tagged_idea": answer.id})


def untag_idea(answer_id: int, item: PriorityItem) -> None:
    db.session.execute(
        sa.delete(IdeaTag).where(IdeaTag.answer_id == answer_id, IdeaTag.priority_id == item.id)
    )
    audit.record(AuditAction.UPDATE, "priority_item", item.id, {"untagged_idea": answer_id})


def item_from_idea(answer_id: int, title: Mapping[str, str], user_id: int | None) -> PriorityItem:
    """A new priority from a patient's idea, tagged with it."""
    answer = _text_answer(answer_id)
    item = create_item(title, {}, PriorityOrigin.PATIENT_IDEA, user_id=user_id)
    tag_idea(answer.id, item, user_id)
    return item


def tagged_idea_counts() -> dict[int, int]:
    """Item id → how many ideas are tagged to it."""
    return dict(
        db.session.execute(
            sa.select(IdeaTag.priority_id, sa.func.count()).group_by(IdeaTag.priority_id)
        ).all()
    )
