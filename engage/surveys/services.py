"""Building surveys: questions, conditions, translations, versions, opening and closing.

Every change goes through :func:`editable_version`: while nobody has answered the
current version it is edited in place; once someone has, it is copied into a new
version first, so the answers already given keep the questions they answered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _

from engage.core import audit
from engage.core.errors import EngageError
from engage.core.i18n import offered_languages
from engage.core.models import AuditAction
from engage.core.types import utcnow
from engage.extensions import db
from engage.surveys.models import (
    Answer,
    Choice,
    Question,
    Response,
    Survey,
    SurveyStatus,
    SurveyVersion,
    Texts,
)
from engage.surveys.question_types import QUESTION_TYPES, ChoiceSpec, question_type

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,78}[a-z0-9]$")
KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
CONDITION_OPERATORS = ("equals", "includes")
# Links the builder's own pages use (/surveys/new, /surveys/import), so no survey may take them.
RESERVED_SLUGS = frozenset({"new", "import"})
# A question code must not collide with the survey-level texts' keys in missing_translations
# ("title"...) nor with /surveys/<slug>/questions/new; a choice code must not be "help".
RESERVED_QUESTION_KEYS = frozenset({"new", "title", "intro", "thank_you"})
RESERVED_CHOICE_KEYS = frozenset({"help"})


class SurveyRefused(EngageError):
    """A survey change was refused; nothing was written."""


def _clean_texts(texts: Texts, languages: list[str]) -> Texts:
    return {
        lang: text.strip()
        for lang, text in texts.items()
        if lang in languages and text and text.strip()
    }


def find_survey(slug: str) -> Survey | None:
    return db.session.scalar(sa.select(Survey).where(Survey.slug == slug))


def list_surveys() -> list[Survey]:
    return list(
        db.session.scalars(sa.select(Survey).order_by(Survey.created_at.desc(), Survey.id.desc()))
    )


def create_survey(
    slug: str,
    title: Texts,
    *,
    base_language: str,
    languages: list[str],
    intro: Texts | None = None,
    thank_you: Texts | None = None,
    is_priority_setting: bool = False,
) -> Survey:
    slug = slug.strip().lower()
    if not SLUG.match(slug):
        raise SurveyRefused(
            _(
                "Use 3 to 80 lower-case letters, digits and dashes for the link, "
                "like priorities-2027."
            )
        )
    if slug in RESERVED_SLUGS:
        raise SurveyRefused(_("This link is reserved for the builder; choose another."))
    if find_survey(slug) is not None:
        raise SurveyRefused(_("Another survey already uses this link."))
    if base_language not in languages:
        languages = [base_language, *languages]
    unknown = [code for code in languages if code not in offered_languages()]
    if unknown:
        raise SurveyRefused(
            _(
                "This clinic does not offer these languages: %(languages)s",
                languages=", ".join(unknown),
            )
        )
    if not (title.get(base_language) or "").strip():
        raise SurveyRefused(_("Give the survey a title in its base language."))
    survey = Survey(
        slug=slug,
        base_language=base_language,
        languages=list(dict.fromkeys(languages)),
        is_priority_setting=is_priority_setting,
    )
    survey.versions.append(
        SurveyVersion(
            number=1,
            title=_clean_texts(title, languages),
            intro=_clean_texts(intro or {}, languages),
            thank_you=_clean_texts(thank_you or {}, languages),
        )
    )
    db.session.add(survey)
    db.session.flush()
    audit.record(AuditAction.CREATE, "survey", survey.id, {"slug": slug})
    return survey


def response_count(version: SurveyVersion) -> int:
    """Responses to this version that hold at least one answer.

    A response with no answer yet (someone opened the link, or a phone's link preview
    fetched it) does not freeze the version: nothing it holds could be broken by an edit.
    """
    answered = sa.exists().where(Answer.response_id == Response.id)
    return (
        db.session.scalar(
            sa.select(sa.func.count())
            .select_from(Response)
            .where(Response.version_id == version.id, answered)
        )
        or 0
    )


def response_totals() -> dict[int, int]:
    """Responses per survey id, over all versions, in one query (for the list of surveys)."""
    rows = db.session.execute(
        sa.select(Response.survey_id, sa.func.count()).group_by(Response.survey_id)
    )
    return {survey_id: count for survey_id, count in rows}


def _copy_version(version: SurveyVersion, number: int) -> SurveyVersion:
    copy = SurveyVersion(
        number=number,
        title=dict(version.title),
        intro=dict(version.intro),
        thank_you=dict(version.thank_you),
    )
    for question in version.questions:
        copied = Question(
            key=question.key,
            position=question.position,
            type=question.type,
            required=question.required,
            text=dict(question.text),
            help=dict(question.help),
            settings=dict(question.settings),
            show_if=dict(question.show_if) if question.show_if else None,
        )
        copied.choices = [
            Choice(key=c.key, position=c.position, text=dict(c.text), is_priority=c.is_priority)
            for c in question.choices
        ]
        copy.questions.append(copied)
    return copy


def editable_version(survey: Survey) -> SurveyVersion:
    """The version to change: the current one, or a new copy if anyone answered it."""
    current = survey.current
    if response_count(current) == 0:
        return current
    copy = _copy_version(current, current.number + 1)
    survey.versions.append(copy)
    db.session.flush()
    audit.record(AuditAction.UPDATE, "survey", survey.id, {"new_version": copy.number})
    return copy


def update_texts(survey: Survey, *, title: Texts, intro: Texts, thank_you: Texts) -> None:
    if not (title.get(survey.base_language) or "").strip():
        raise SurveyRefused(_("Give the survey a title in its base language."))
    texts = {
        "title": _clean_texts(title, survey.languages),
        "intro": _clean_texts(intro, survey.languages),
        "thank_you": _clean_texts(thank_you, survey.languages),
    }
    current = survey.current
    if all(getattr(current, name) == value for name, value in texts.items()):
        return  # saving unchanged texts must not fork a new version
    version = editable_version(survey)
    for name, value in texts.items():
        setattr(version, name, value)


@dataclass
class ChoiceInput:
    key: str
    text: Texts
    is_priority: bool = False


@dataclass
class QuestionInput:
    """A question as the builder (or a JSON document) describes it."""

    key: str
    type: str
    text: Texts
    required: bool = False
    help: Texts | None = None
    settings: dict[str, Any] | None = None
    choices: list[ChoiceInput] | None = None
    show_if: dict[str, str] | None = None


def _check_question(
    survey: Survey, version: SurveyVersion, data: QuestionInput, replacing: Question | None
) -> None:
    if data.type not in QUESTION_TYPES:
        raise SurveyRefused(_("Choose a question type."))
    if not KEY.match(data.key):
        raise SurveyRefused(
            _("A question code starts with a letter and has only lower-case letters, digits and _.")
        )
    if data.key in RESERVED_QUESTION_KEYS:
        raise SurveyRefused(_("The code %(key)s is reserved; choose another.", key=data.key))
    others = [q for q in version.questions if q is not replacing]
    if any(q.key == data.key for q in others):
        raise SurveyRefused(_("Another question already uses the code %(key)s.", key=data.key))
    if not (data.text.get(survey.base_language) or "").strip():
        raise SurveyRefused(_("Write the question in the survey's base language."))
    choices = data.choices or []
    kind = question_type(data.type)
    if kind.has_choices:
        keys = [choice.key for choice in choices]
        if any(not KEY.match(key) for key in keys) or len(set(keys)) != len(keys):
            raise SurveyRefused(_("Each answer needs its own code (letters, digits and _)."))
        if RESERVED_CHOICE_KEYS.intersection(keys):
            raise SurveyRefused(_("The code help is reserved; choose another."))
        if any(not (choice.text.get(survey.base_language) or "").strip() for choice in choices):
            raise SurveyRefused(_("Write every answer in the survey's base language."))
    specs = [ChoiceSpec(c.key, c.text, c.is_priority) for c in choices]
    problems = kind.settings_problems(data.settings or {}, specs)
    if problems:
        raise SurveyRefused(settings_problem_message(problems[0]))
    if data.show_if:
        _check_condition(version, data, replacing)


def settings_problem_message(code: str) -> str:
    return {
        "needs_choices": _("Give this question at least two answers to choose from."),
        "likert_needs_five": _("A rating scale has exactly five labelled points."),
        "top_n_out_of_range": _("The number to rank must be between 1 and the number of answers."),
        "min_above_max": _("The smallest number allowed is above the largest."),
        "limits_not_numbers": _("The smallest and largest numbers allowed must be numbers."),
        "max_choices_out_of_range": _(
            "The most answers a person may choose must be between 1 and the number of answers."
        ),
        "max_length_out_of_range": _("The length limit must be a whole number from 1 to 10000."),
    }[code]


def _check_condition(
    version: SurveyVersion, data: QuestionInput, replacing: Question | None
) -> None:
    """A condition points at an earlier question and at an answer that question can have."""
    condition = data.show_if or {}
    position = replacing.position if replacing else len(version.questions)
    earlier = {q.key: q for q in version.questions if q.position < position and q is not replacing}
    target = earlier.get(condition.get("question", ""))
    if target is None:
        raise SurveyRefused(_("A condition can only depend on an earlier question."))
    choice_keys = [c.key for c in target.choices]
    if not _condition_fits(target.type, choice_keys, condition):
        raise SurveyRefused(_("This condition cannot match any answer to that question."))


def _condition_fits(target_type: str, choice_keys: list[str], condition: dict[str, Any]) -> bool:
    """Whether a question of this type and these answers can ever meet the condition."""
    operator = condition.get("operator")
    value = str(condition.get("value", ""))
    if target_type == "yes_no":
        return operator == "equals" and value in ("yes", "no")
    if target_type in ("multiple", "ranking"):
        return operator == "includes" and value in choice_keys
    if target_type == "single":
        return operator == "equals" and value in choice_keys
    if target_type == "likert":
        return operator == "equals" and value in {str(point) for point in range(1, 6)}
    return False


def check_questions(
    base_language: str, languages: list[str], questions: list[QuestionInput]
) -> None:
    """Refuse a whole list of questions, in order, before any of it is written.

    Used to import a shared survey all or nothing: the same checks :func:`add_question`
    makes one by one, run on a draft that never enters the session.
    """
    plan = Survey(base_language=base_language, languages=languages)
    draft = SurveyVersion()
    for data in questions:
        _check_question(plan, draft, data, None)
        question = Question(position=len(draft.questions))
        _apply_question(question, data, languages)
        draft.questions.append(question)


def _apply_question(question: Question, data: QuestionInput, languages: list[str]) -> None:
    question.key = data.key
    question.type = data.type
    question.required = data.required
    question.text = _clean_texts(data.text, languages)
    question.help = _clean_texts(data.help or {}, languages)
    question.settings = dict(data.settings or {})
    question.show_if = dict(data.show_if) if data.show_if else None
    if question.choices:
        # Delete the old choices first: the new ones may reuse their keys (unique per question).
        question.choices = []
        db.session.flush()
    if question_type(data.type).has_choices:
        question.choices = [
            Choice(
                key=choice.key,
                position=position,
                text=_clean_texts(choice.text, languages),
                is_priority=choice.is_priority,
            )
            for position, choice in enumerate(data.choices or [])
        ]
    else:
        question.choices = []


def add_question(survey: Survey, data: QuestionInput) -> Question:
    # Checked on the current version first: a refusal must not fork a new version.
    _check_question(survey, survey.current, data, None)
    version = editable_version(survey)
    question = Question(position=len(version.questions))
    _apply_question(question, data, survey.languages)
    version.questions.append(question)
    db.session.flush()
    return question


def _same_question_in(version: SurveyVersion, key: str) -> Question:
    for question in version.questions:
        if question.key == key:
            return question
    raise SurveyRefused(_("This question no longer exists."))


def update_question(survey: Survey, key: str, data: QuestionInput) -> Question:
    # Every check runs on the current version before anything changes, so a refusal
    # neither forks a new version nor leaves a half-edited question in the session.
    current = survey.current
    _check_question(survey, current, data, _same_question_in(current, key))
    dependants = [q for q in current.questions if q.show_if and q.show_if.get("question") == key]
    if dependants and data.key != key:
        raise SurveyRefused(_("Other questions depend on this one; keep its code."))
    choice_keys = [choice.key for choice in data.choices or []]
    for dependant in dependants:
        # The change may take away the answer a later question's condition waits for.
        if not _condition_fits(data.type, choice_keys, dependant.show_if or {}):
            raise SurveyRefused(
                _(
                    "Question %(key)s is shown only for an answer this change removes. "
                    "Change its condition first.",
                    key=dependant.key,
                )
            )
    version = editable_version(survey)
    question = _same_question_in(version, key)
    _apply_question(question, data, survey.languages)
    db.session.flush()
    return question


def delete_question(survey: Survey, key: str) -> None:
    current = survey.current
    _same_question_in(current, key)  # refused before a new version is forked
    if any(q.show_if and q.show_if.get("question") == key for q in current.questions):
        raise SurveyRefused(_("Other questions depend on this one. Remove their conditions first."))
    version = editable_version(survey)
    question = _same_question_in(version, key)
    version.questions.remove(question)
    for position, remaining in enumerate(version.questions):
        remaining.position = position
    db.session.flush()


def move_question(survey: Survey, key: str, offset: int) -> None:
    """Move a question up (-1) or down (+1), never above a question it depends on."""
    # Judged on the current version: a refused or impossible move forks no new version.
    current = list(survey.current.questions)
    index = current.index(_same_question_in(survey.current, key))
    target = index + offset
    if not 0 <= target < len(current):
        return
    above, below = sorted((current[index], current[target]), key=lambda q: q.position)
    if below.show_if and below.show_if.get("question") == above.key:
        raise SurveyRefused(_("A question must stay below the question its condition depends on."))
    version = editable_version(survey)
    questions = list(version.questions)
    questions[index], questions[target] = questions[target], questions[index]
    for position, item in enumerate(questions):
        item.position = position
    version.questions.sort(key=lambda q: q.position)
    db.session.flush()


@dataclass(frozen=True)
class MissingText:
    where: str  # "title", "q3", "q3.help", "q3.housing" (a choice), ...
    base_text: str


@dataclass(frozen=True)
class TextSlot:
    """One translatable text of a version: where it is, and the row and column holding it."""

    where: str  # the key missing_translations and save_translations use
    owner: SurveyVersion | Question | Choice
    attribute: str  # "title", "intro", "thank_you", "text" or "help"
    question: str | None = None
    choice: str | None = None

    @property
    def texts(self) -> Texts:
        return getattr(self.owner, self.attribute) or {}


def text_slots(version: SurveyVersion) -> list[TextSlot]:
    """Every text a person may read in ``version``, in the order they meet them."""
    slots = [TextSlot(name, version, name) for name in ("title", "intro", "thank_you")]
    for question in version.questions:
        slots.append(TextSlot(question.key, question, "text", question.key))
        slots.append(TextSlot(f"{question.key}.help", question, "help", question.key))
        for choice in question.choices:
            slots.append(
                TextSlot(f"{question.key}.{choice.key}", choice, "text", question.key, choice.key)
            )
    return slots


def missing_translations(survey: Survey, language: str) -> list[MissingText]:
    """Every text of the current version that has a base-language text but none in ``language``."""
    base = survey.base_language
    return [
        MissingText(slot.where, slot.texts[base])
        for slot in text_slots(survey.current)
        if slot.texts.get(base) and not (slot.texts.get(language) or "").strip()
    ]


def save_translations(survey: Survey, language: str, texts: dict[str, str]) -> int:
    """Write ``language``'s texts by where-key (blank removes one); how many changed.

    Only texts that have a base-language original can be translated. Nothing changed
    means no new version, even when the current one has responses.
    """
    if language == survey.base_language or language not in survey.languages:
        raise SurveyRefused(_("Choose one of the survey's other languages to translate into."))
    wanted = {}
    for slot in text_slots(survey.current):
        if slot.where not in texts or not slot.texts.get(survey.base_language):
            continue
        value = (texts[slot.where] or "").strip()
        if value != (slot.texts.get(language) or ""):
            wanted[slot.where] = value
    if not wanted:
        return 0
    version = editable_version(survey)
    for slot in text_slots(version):
        if slot.where in wanted:
            # JSON columns are not change-tracked in place: assign a new map.
            updated = {lang: text for lang, text in slot.texts.items() if lang != language}
            if wanted[slot.where]:
                updated[language] = wanted[slot.where]
            setattr(slot.owner, slot.attribute, updated)
    db.session.flush()
    audit.record(
        AuditAction.UPDATE,
        "survey",
        survey.id,
        {"translated": language, "texts": len(wanted), "version": version.number},
    )
    return len(wanted)


def set_languages(survey: Survey, languages: list[str]) -> None:
    if survey.base_language not in languages:
        raise SurveyRefused(_("A survey is always offered in its base language."))
    if survey.status is SurveyStatus.OPEN:
        incomplete = [lang for lang in languages if missing_translations(survey, lang)]
        if incomplete:
            raise SurveyRefused(
                _(
                    "Translate every text before offering these languages: %(languages)s",
                    languages=", ".join(incomplete),
                )
            )
    survey.languages = list(dict.fromkeys(languages))


def open_survey(survey: Survey) -> None:
    if not survey.current.questions:
        raise SurveyRefused(_("Add at least one question before opening the survey."))
    incomplete = [lang for lang in survey.languages if missing_translations(survey, lang)]
    if incomplete:
        raise SurveyRefused(
            _(
                "Some texts are not translated yet into: %(languages)s. Translate them, or stop "
                "offering those languages.",
                languages=", ".join(incomplete),
            )
        )
    survey.status = SurveyStatus.OPEN
    survey.opened_at = survey.opened_at or utcnow()
    survey.closed_at = None
    audit.record(AuditAction.UPDATE, "survey", survey.id, {"status": "open"})


def close_survey(survey: Survey) -> None:
    survey.status = SurveyStatus.CLOSED
    survey.closed_at = utcnow()
    audit.record(AuditAction.UPDATE, "survey", survey.id, {"status": "closed"})
