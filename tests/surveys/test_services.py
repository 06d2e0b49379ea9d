"""Building surveys: links, questions, conditions, versions, translations and opening.

Data-layer rules run on SQLite and PostgreSQL (``db_app``). A refused change must leave
nothing behind in the session: no row, and no new version forked on the way.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from engage.extensions import db
from engage.surveys.models import (
    Choice,
    Question,
    Response,
    Survey,
    SurveyStatus,
    SurveyVersion,
)
from engage.surveys.responses import save_answer, start_or_resume
from engage.surveys.services import (
    ChoiceInput,
    QuestionInput,
    SurveyRefused,
    add_question,
    create_survey,
    delete_question,
    missing_translations,
    move_question,
    open_survey,
    set_languages,
    update_question,
    update_texts,
)


def count(model: type) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def choices(*keys: str, languages: tuple[str, ...] = ("en",)) -> list[ChoiceInput]:
    return [ChoiceInput(key, {lang: f"{key} ({lang})" for lang in languages}) for key in keys]


def yes_no(key: str = "interpreter", **extra: object) -> QuestionInput:
    text = extra.pop("text", {"en": "Did you need an interpreter?"})
    return QuestionInput(key, "yes_no", text, **extra)


def needs(key: str = "needs", **extra: object) -> QuestionInput:
    return QuestionInput(
        key, "multiple", {"en": "What do you need?"}, choices=choices("food", "housing"), **extra
    )


def a_survey(slug: str = "checkin", languages: list[str] | None = None) -> Survey:
    return create_survey(slug, {"en": "Check-in"}, base_language="en", languages=languages or [])


def answered_survey() -> tuple[Survey, Response]:
    """An open survey with three questions and one response answering the first."""
    survey = a_survey()
    add_question(survey, yes_no())
    add_question(
        survey, needs(show_if={"question": "interpreter", "operator": "equals", "value": "yes"})
    )
    add_question(survey, QuestionInput("idea", "text", {"en": "One idea?"}))
    open_survey(survey)
    response = start_or_resume(
        survey, participant_id=None, resume_key=None, channel="web", language="en"
    )
    save_answer(response, "interpreter", "yes")
    db.session.commit()
    return survey, response


# --- creating ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "slug",
    ["", "ab", "Has Space", "-lead", "trail-", "prioridades-año", "a" * 81, "new", "a_b_c"],
)
def test_bad_links_are_refused(db_app, slug):
    with pytest.raises(SurveyRefused):
        a_survey(slug)
    assert count(Survey) == 0


def test_a_link_is_lower_cased_and_unique(db_app):
    assert a_survey("  Priorities-2027 ").slug == "priorities-2027"
    with pytest.raises(SurveyRefused, match="Another survey already uses this link"):
        a_survey("priorities-2027")
    assert count(Survey) == 1


def test_a_title_in_the_base_language_and_offered_languages_are_needed(db_app):
    with pytest.raises(SurveyRefused, match="title"):
        create_survey("x-survey", {"es": "Encuesta"}, base_language="en", languages=["es"])
    with pytest.raises(SurveyRefused, match="fr"):
        create_survey("x-survey", {"en": "Survey"}, base_language="en", languages=["fr"])
    assert count(Survey) == 0
    survey = create_survey("x-survey", {"en": "Survey"}, base_language="en", languages=["es"])
    assert survey.languages == ["en", "es"]  # the base language is always offered


# --- questions --------------------------------------------------------------------------

BAD_QUESTIONS = {
    "unknown type": QuestionInput("q9", "essay", {"en": "?"}),
    "key with capitals": QuestionInput("Q9", "yes_no", {"en": "?"}),
    "key starting with a digit": QuestionInput("9q", "yes_no", {"en": "?"}),
    "empty key": QuestionInput("", "yes_no", {"en": "?"}),
    "key already used": QuestionInput("interpreter", "yes_no", {"en": "?"}),
    "no base-language text": QuestionInput("q9", "yes_no", {"es": "¿?"}),
    "blank base-language text": QuestionInput("q9", "yes_no", {"en": "   "}),
    "one choice": QuestionInput("q9", "single", {"en": "?"}, choices=choices("a")),
    "duplicate choice keys": QuestionInput("q9", "single", {"en": "?"}, choices=choices("a", "a")),
    "bad choice key": QuestionInput("q9", "single", {"en": "?"}, choices=choices("a", "B c")),
    "choice without base text": QuestionInput(
        "q9", "single", {"en": "?"}, choices=[*choices("a"), ChoiceInput("b", {"es": "b"})]
    ),
    "likert with four points": QuestionInput(
        "q9", "likert", {"en": "?"}, choices=choices("a", "b", "c", "d")
    ),
    "rank more than the choices": QuestionInput(
        "q9", "ranking", {"en": "?"}, settings={"top_n": 3}, choices=choices("a", "b")
    ),
    "rank none": QuestionInput(
        "q9", "ranking", {"en": "?"}, settings={"top_n": 0}, choices=choices("a", "b")
    ),
    "rank a word": QuestionInput(
        "q9", "ranking", {"en": "?"}, settings={"top_n": "abc"}, choices=choices("a", "b")
    ),
    "min above max": QuestionInput("q9", "number", {"en": "?"}, settings={"min": 10, "max": 1}),
    "min a word": QuestionInput("q9", "number", {"en": "?"}, settings={"min": "ten"}),
    "text limit a word": QuestionInput("q9", "text", {"en": "?"}, settings={"max_length": "x"}),
    "text limit zero": QuestionInput("q9", "text", {"en": "?"}, settings={"max_length": 0}),
    "max choices above the choices": QuestionInput(
        "q9", "multiple", {"en": "?"}, settings={"max_choices": 5}, choices=choices("a", "b")
    ),
    "condition on a missing question": yes_no(
        "q9", show_if={"question": "later", "operator": "equals", "value": "yes"}
    ),
    "condition on itself": yes_no(
        "q9", show_if={"question": "q9", "operator": "equals", "value": "yes"}
    ),
    "yes/no condition for maybe": yes_no(
        "q9", show_if={"question": "interpreter", "operator": "equals", "value": "maybe"}
    ),
    "yes/no condition with includes": yes_no(
        "q9", show_if={"question": "interpreter", "operator": "includes", "value": "yes"}
    ),
    "condition on an unknown choice": yes_no(
        "q9", show_if={"question": "needs", "operator": "includes", "value": "transport"}
    ),
    "multiple-choice condition with equals": yes_no(
        "q9", show_if={"question": "needs", "operator": "equals", "value": "food"}
    ),
    "condition on free text": yes_no(
        "q9", show_if={"question": "idea", "operator": "equals", "value": "x"}
    ),
}


@pytest.mark.parametrize("name", BAD_QUESTIONS)
def test_a_bad_question_is_refused_and_nothing_is_written(db_app, name):
    survey, _response = answered_survey()  # answered: a change would fork version 2
    before = (count(SurveyVersion), count(Question), count(Choice))
    with pytest.raises(SurveyRefused):
        add_question(survey, BAD_QUESTIONS[name])
    assert (count(SurveyVersion), count(Question), count(Choice)) == before


def test_conditions_that_can_match_are_accepted(db_app):
    survey = a_survey()
    add_question(survey, yes_no())
    add_question(survey, needs())
    add_question(
        survey,
        QuestionInput("pick", "single", {"en": "?"}, choices=choices("a", "b")),
    )
    add_question(
        survey,
        QuestionInput("access", "likert", {"en": "?"}, choices=choices(*"abcde")),
    )
    add_question(
        survey,
        QuestionInput(
            "top", "ranking", {"en": "?"}, settings={"top_n": 2}, choices=choices("x", "y", "z")
        ),
    )
    conditions = [
        ("interpreter", "equals", "no"),
        ("needs", "includes", "housing"),
        ("pick", "equals", "b"),
        ("access", "equals", "5"),
        ("top", "includes", "z"),
    ]
    for number, (target, operator, value) in enumerate(conditions):
        show_if = {"question": target, "operator": operator, "value": value}
        add_question(survey, yes_no(f"then{number}", show_if=show_if))
    assert [q.show_if["question"] for q in survey.current.questions[5:]] == [
        c[0] for c in conditions
    ]


# --- versions ---------------------------------------------------------------------------


def test_editing_a_draft_changes_it_in_place(db_app):
    survey = a_survey()
    add_question(survey, yes_no())
    update_question(survey, "interpreter", yes_no(required=True))
    assert [v.number for v in survey.versions] == [1]
    assert survey.current.questions[0].required


def test_editing_after_a_response_makes_version_two(db_app):
    survey, response = answered_survey()
    edited = yes_no(text={"en": "In the last year, did you need an interpreter?"})
    update_question(survey, "interpreter", edited)
    db.session.commit()
    db.session.expire_all()

    assert [v.number for v in survey.versions] == [1, 2]
    assert response.version.number == 1
    first = db.session.scalar(
        sa.select(Question).where(
            Question.version_id == survey.versions[0].id, Question.key == "interpreter"
        )
    )
    assert first.text == {"en": "Did you need an interpreter?"}
    assert survey.current.questions[0].text["en"].startswith("In the last year")
    assert [q.key for q in survey.current.questions] == ["interpreter", "needs", "idea"]
    assert survey.current.questions[1].show_if == survey.versions[0].questions[1].show_if

    # Once version 2 exists and has no answers, more edits stay in it.
    update_texts(survey, title={"en": "Check-in 2"}, intro={}, thank_you={})
    assert len(survey.versions) == 2

    newcomer = start_or_resume(
        survey, participant_id=None, resume_key=None, channel="web", language="en"
    )
    assert newcomer.version.number == 2
    # The old response goes on answering the questions it started with.
    save_answer(response, "needs", ["food"])
    assert response.answer_map() == {"interpreter": True, "needs": ["food"]}


def test_a_refused_edit_forks_no_version(db_app):
    survey, _response = answered_survey()
    with pytest.raises(SurveyRefused):
        update_question(survey, "interpreter", yes_no(text={"en": ""}))
    with pytest.raises(SurveyRefused):
        update_texts(survey, title={"en": " "}, intro={}, thank_you={})
    with pytest.raises(SurveyRefused):
        delete_question(survey, "interpreter")
    with pytest.raises(SurveyRefused):
        move_question(survey, "needs", -1)
    move_question(survey, "interpreter", -1)  # already first: nothing to do
    assert count(SurveyVersion) == 1


# --- moving and deleting with dependencies ----------------------------------------------


def dependent_survey() -> Survey:
    survey = a_survey()
    add_question(survey, yes_no())
    add_question(
        survey, needs(show_if={"question": "interpreter", "operator": "equals", "value": "yes"})
    )
    add_question(survey, QuestionInput("idea", "text", {"en": "One idea?"}))
    return survey


def keys(survey: Survey) -> list[str]:
    return [q.key for q in survey.current.questions]


def test_a_question_cannot_move_above_what_it_depends_on(db_app):
    survey = dependent_survey()
    with pytest.raises(SurveyRefused, match="stay below"):
        move_question(survey, "needs", -1)
    with pytest.raises(SurveyRefused, match="stay below"):
        move_question(survey, "interpreter", +1)
    assert keys(survey) == ["interpreter", "needs", "idea"]
    move_question(survey, "idea", -1)
    assert keys(survey) == ["interpreter", "idea", "needs"]
    assert [q.position for q in survey.current.questions] == [0, 1, 2]
    move_question(survey, "idea", -1)
    assert keys(survey) == ["idea", "interpreter", "needs"]


def test_a_question_others_depend_on_cannot_be_deleted_or_renamed(db_app):
    survey = dependent_survey()
    with pytest.raises(SurveyRefused, match="depend on this one"):
        delete_question(survey, "interpreter")
    with pytest.raises(SurveyRefused, match="keep its code"):
        update_question(survey, "interpreter", yes_no("interpreter_needed"))
    assert keys(survey) == ["interpreter", "needs", "idea"]
    delete_question(survey, "needs")
    delete_question(survey, "interpreter")
    assert keys(survey) == ["idea"]
    assert survey.current.questions[0].position == 0


def test_an_edit_cannot_take_away_the_answer_a_condition_waits_for(db_app):
    survey = a_survey()
    add_question(survey, needs())
    add_question(
        survey, yes_no(show_if={"question": "needs", "operator": "includes", "value": "housing"})
    )
    fewer = QuestionInput("needs", "multiple", {"en": "Needs?"}, choices=choices("food", "cash"))
    with pytest.raises(SurveyRefused, match="interpreter"):
        update_question(survey, "needs", fewer)
    as_text = QuestionInput("needs", "text", {"en": "Needs?"})
    with pytest.raises(SurveyRefused):
        update_question(survey, "needs", as_text)
    assert [c.key for c in survey.current.questions[0].choices] == ["food", "housing"]
    assert survey.current.questions[0].text == {"en": "What do you need?"}


def test_removing_a_missing_question_is_refused(db_app):
    survey = a_survey()
    with pytest.raises(SurveyRefused):
        delete_question(survey, "nothing")
    with pytest.raises(SurveyRefused):
        move_question(survey, "nothing", 1)


# --- translations and opening -----------------------------------------------------------


def test_missing_translations_lists_every_untranslated_place(db_app):
    survey = create_survey(
        "checkin",
        {"en": "Check-in", "es": "Consulta"},
        base_language="en",
        languages=["es", "vi"],
        intro={"en": "Two minutes."},
    )
    add_question(
        survey,
        QuestionInput(
            "pick",
            "single",
            {"en": "Which?", "es": "¿Cuál?"},
            help={"en": "Choose one."},
            choices=[
                ChoiceInput("a", {"en": "A", "es": "A"}),
                ChoiceInput("b", {"en": "B", "es": " "}),
            ],
        ),
    )
    where = [missing.where for missing in missing_translations(survey, "es")]
    assert where == ["intro", "pick.help", "pick.b"]
    assert missing_translations(survey, "es")[0].base_text == "Two minutes."
    assert [m.where for m in missing_translations(survey, "vi")] == [
        "title",
        "intro",
        "pick",
        "pick.help",
        "pick.a",
        "pick.b",
    ]
    assert missing_translations(survey, "en") == []  # thank_you is empty in every language


def test_a_survey_opens_only_when_every_offered_language_is_complete(db_app):
    survey = create_survey("checkin", {"en": "Check-in"}, base_language="en", languages=["es"])
    with pytest.raises(SurveyRefused):
        open_survey(survey)  # no questions yet
    add_question(survey, yes_no())
    with pytest.raises(SurveyRefused, match="es"):
        open_survey(survey)
    assert survey.status is SurveyStatus.DRAFT

    update_texts(survey, title={"en": "Check-in", "es": "Consulta"}, intro={}, thank_you={})
    update_question(
        survey,
        "interpreter",
        yes_no(text={"en": "Did you need an interpreter?", "es": "¿Necesitó intérprete?"}),
    )
    open_survey(survey)
    assert survey.status is SurveyStatus.OPEN and survey.opened_at is not None


def test_a_survey_may_open_in_fewer_languages(db_app):
    survey = create_survey(
        "checkin", {"en": "Check-in"}, base_language="en", languages=["es", "vi"]
    )
    add_question(survey, yes_no())
    with pytest.raises(SurveyRefused, match="es, vi"):
        open_survey(survey)
    set_languages(survey, ["en"])
    open_survey(survey)
    assert survey.status is SurveyStatus.OPEN
    with pytest.raises(SurveyRefused):
        set_languages(survey, ["en", "es"])  # open: a language comes only translated
    with pytest.raises(SurveyRefused):
        set_languages(survey, ["es"])  # never without the base language
    assert survey.languages == ["en"]
