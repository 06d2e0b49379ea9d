"""Results per question: counts, shares, Borda points, Likert means, small cells, filters, page."""

from __future__ import annotations

import pytest

from engage.auth.roles import Role
from engage.extensions import db
from engage.surveys.models import Channel
from engage.surveys.question_types import ChoiceSpec, QuestionSpec
from engage.surveys.result_rows import (
    ResultFilter,
    answer_values,
    count_responses,
    survey_questions,
)
from engage.surveys.results import (
    SMALL_CELL,
    SurveyQuestion,
    search_texts,
    summarise_question,
    summarise_survey,
)
from engage.surveys.services import ChoiceInput, QuestionInput, update_question
from tests.conftest import sign_in
from tests.surveys.results_sample import add_sample_responses, build_survey, respond

YES_NO = {"yes": "Yes", "no": "No"}


def figures(survey, criteria=None, language="en"):
    criteria = criteria or ResultFilter()
    results = summarise_survey(
        survey_questions(survey),
        answer_values(survey, criteria),
        count_responses(survey, criteria),
        language=language,
        base_language=survey.base_language,
        yes_no_labels=YES_NO,
    )
    return results, {result.question.key: result for result in results.questions}


def cells(result):
    return {row.key: row.cell.shown for row in result.rows}


@pytest.fixture
def survey(app):
    survey = build_survey()
    add_sample_responses(survey, partial=2)
    return survey


def test_counts_shares_borda_and_means_of_known_answers(survey):
    results, by_key = figures(survey)
    assert results.respondents.shown == "40" and not results.too_few

    visit = by_key["visit"]
    assert cells(visit) == {"checkup": "18", "sick": "11", "other": "11"}
    assert [row.cell.share for row in visit.rows] == [0.45, 0.275, 0.275]
    assert [row.label for row in visit.rows] == ["Check-up", "Feeling sick", "Something else"]

    needs = by_key["needs"]
    assert needs.answered.count == 40
    assert needs.rows[0].cell.share == 22 / 40  # of the people who answered, not of choices

    satisfied = by_key["satisfied"]
    assert satisfied.mean == pytest.approx(3.9)
    assert cells(satisfied)["neutral"] == "16"

    top = by_key["top"]
    assert [(row.key, row.score, row.cell.count) for row in top.rows] == [
        ("food", 44.0, 32),
        ("housing", 40.0, 20),
        ("transport", 28.0, 20),
    ]
    assert top.top_n == 2

    visits = by_key["visits"]
    assert (visits.mean, visits.median, visits.minimum, visits.maximum) == (20.5, 20.5, 1, 40)

    assert cells(by_key["wait_ok"]) == {"yes": "25", "no": "15"}
    assert by_key["why_no"].answered.count == 15  # shown only to those who said no
    assert by_key["why_no"].texts[0] == "Waited 39 minutes"  # newest first
    assert by_key["comments"].texts.count("Café was great") == 20


def test_a_count_of_ten_is_hidden_and_eleven_is_shown(survey):
    _results, by_key = figures(survey)
    needs = {row.key: row for row in by_key["needs"].rows}
    assert needs["transport"].cell.shown == "<11"
    assert needs["transport"].cell.share is None  # no share from a hidden cell
    assert needs["food"].cell.shown == "11"
    assert needs["food"].cell.share == pytest.approx(11 / 40)


def test_hidden_ranking_counts_hide_their_points_too():
    spec = QuestionSpec(
        "top",
        "ranking",
        settings={"top_n": 2},
        choices=(ChoiceSpec("a", {"en": "A"}), ChoiceSpec("b", {"en": "B"})),
    )
    result = summarise_question(
        SurveyQuestion(spec, {"en": "Top"}),
        [["a"]] * 12 + [["b"]] * 3,
        language="en",
        base_language="en",
    )
    by_key = {row.key: row for row in result.rows}
    assert by_key["a"].score == 24.0 and by_key["b"].score is None
    assert by_key["b"].cell.shown == "<11"
    assert result.chart_values[-1] == ("B", None, "<11")


def _single(values, keys=("x", "y", "z")):
    spec = QuestionSpec(
        "q", "single", choices=tuple(ChoiceSpec(key, {"en": key.upper()}) for key in keys)
    )
    return summarise_question(
        SurveyQuestion(spec, {"en": "Q"}), values, language="en", base_language="en"
    )


def test_one_hidden_cell_that_adds_up_to_the_total_hides_another():
    # 15 + 12 + 3 = 30 answered: showing 15 and 12 would give the 3 away by subtraction.
    result = _single(["x"] * 15 + ["y"] * 12 + ["z"] * 3)
    assert cells(result) == {"x": "15", "y": "<11", "z": "<11"}
    assert [row.cell.share for row in result.rows] == [0.5, None, None]


def test_hidden_cells_never_add_up_to_a_small_count():
    # z (3) and w (0) are hidden, but together they would be 43 - 20 - 20 = 3.
    result = _single(["x"] * 20 + ["y"] * 20 + ["z"] * 3, keys=("x", "y", "z", "w"))
    assert cells(result) == {"x": "<11", "y": "20", "z": "<11", "w": "<11"}


def test_a_lone_zero_gives_nobody_away():
    result = _single(["x"] * 15 + ["y"] * 12)
    assert cells(result) == {"x": "15", "y": "12", "z": "<11"}


def test_a_question_answered_by_fewer_than_eleven_shows_a_notice():
    result = _single(["x"] * (SMALL_CELL - 1))
    assert result.too_few and result.rows == [] and result.answered.shown == "<11"
    assert not _single(["x"] * SMALL_CELL).too_few


def test_filter_by_language_channel_and_unfinished(survey):
    assert figures(survey, ResultFilter(language="es"))[0].respondents.count == 12
    _results, by_key = figures(survey, ResultFilter(language="es"))
    assert cells(by_key["visit"])["checkup"] == "<11"

    web, by_key = figures(survey, ResultFilter(channel=Channel.WEB))
    assert web.respondents.shown == "30"
    # One "other" on the web: hidden, and "sick" (11) with it, or 30 - 18 - 11 would tell.
    assert cells(by_key["visit"]) == {"checkup": "18", "sick": "<11", "other": "<11"}

    sms, _by_key = figures(survey, ResultFilter(channel=Channel.SMS))
    assert sms.too_few and sms.respondents.shown == "<11"
    assert all(result.too_few for result in sms.questions)

    with_partial, by_key = figures(survey, ResultFilter(include_partial=True))
    assert with_partial.respondents.count == 42
    assert by_key["visit"].rows[1].cell.count == 13  # the two unfinished said "sick"


def test_questions_are_matched_by_key_across_versions(survey):
    # Editing after answers makes version 2 with a new choice; old answers still count.
    choices = [
        ChoiceInput("checkup", {"en": "Check-up", "es": "Revisión"}),
        ChoiceInput("sick", {"en": "Feeling sick", "es": "Enfermo"}),
        ChoiceInput("other", {"en": "Something else", "es": "Otra cosa"}),
        ChoiceInput("vaccine", {"en": "A vaccine", "es": "Una vacuna"}),
    ]
    update_question(
        survey,
        "visit",
        QuestionInput(
            "visit", "single", {"en": "Main reason?", "es": "¿Razón?"}, True, choices=choices
        ),
    )
    db.session.commit()
    assert survey.current.number == 2
    for _ in range(11):
        respond(survey, {"visit": "vaccine"})
    db.session.commit()
    _results, by_key = figures(survey)
    visit = by_key["visit"]
    assert visit.question.wording("en", "en") == "Main reason?"
    assert cells(visit) == {"checkup": "18", "sick": "11", "other": "11", "vaccine": "11"}
    assert visit.answered.count == 51


def test_text_search_ignores_case_and_accents_and_pages():
    texts = ["Café was great", "cafe closed", "Parking"] * 20
    page = search_texts(texts, "CAFE", 1, per_page=25)
    assert page.total == 40 and len(page.items) == 25 and page.pages == 2 and page.has_next
    assert search_texts(texts, "cafe", 9, per_page=25).page == 2  # past the end: the last page
    assert search_texts(texts, "", 1).total == 60


# The page -------------------------------------------------------------------------------


def _client(app, users, role):
    client = app.test_client()
    assert sign_in(client, users[role].email).status_code == 302
    return client


def test_staff_see_the_page_with_charts_tables_and_hidden_small_cells(app, users, survey):
    page = _client(app, users, Role.STAFF).get("/surveys/clinic-check/results/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert '<dd id="respondents"><bdi>40</bdi></dd>' in html
    assert html.count('role="img"') == 6  # one chart per choice or yes/no question
    assert '<title id="chart-visit-title">Bar chart: Why did you come?</title>' in html
    assert "<td><bdi>&lt;11</bdi></td>" in html  # the 10 people who need transport
    assert "Café was great" in html
    assert "/surveys/clinic-check/results/export.csv?labels=1" in html
    assert "<script" not in html and "style=" not in html


def test_the_page_keeps_filters_and_shows_a_notice_for_small_groups(app, users, survey):
    client = _client(app, users, Role.ADMIN)
    html = client.get("/surveys/clinic-check/results/?channel=sms").get_data(as_text=True)
    assert 'id="too-few"' in html and 'role="img"' not in html
    assert "export.csv?channel=sms" in html
    html = client.get("/surveys/clinic-check/results/?language=es&partial=1").get_data(as_text=True)
    assert '<dd id="respondents"><bdi>12</bdi></dd>' in html


def test_questions_and_texts_show_in_the_viewers_language(app, users, survey):
    client = _client(app, users, Role.STAFF)
    html = client.get("/surveys/clinic-check/results/?lang=es").get_data(as_text=True)
    assert "¿Por qué vino?" in html and "Revisión" in html


@pytest.mark.parametrize(
    "query", ["language=tlh", "channel=pigeon"], ids=["unknown language", "unknown channel"]
)
def test_an_unknown_filter_is_a_clear_400(app, users, survey, query):
    client = _client(app, users, Role.STAFF)
    response = client.get(f"/surveys/clinic-check/results/?{query}")
    assert response.status_code == 400
    assert "Choose" in response.get_data(as_text=True)


def test_free_text_answers_are_searchable_and_paged(app, users, survey):
    client = _client(app, users, Role.STAFF)
    response = client.get("/surveys/clinic-check/results/text/comments?q=cafe")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "20 answers contain these words." in html and "parking" not in html
    html = client.get("/surveys/clinic-check/results/text/why_no?page=1").get_data(as_text=True)
    assert "Waited 39 minutes" in html
    assert client.get("/surveys/clinic-check/results/text/visit").status_code == 404
    assert client.get("/surveys/clinic-check/results/text/nope").status_code == 404
    html = client.get("/surveys/clinic-check/results/text/why_no?channel=sms").get_data(
        as_text=True
    )
    assert 'id="too-few"' in html and "Waited" not in html


def test_a_long_text_list_is_paginated(app, users, survey):
    client = _client(app, users, Role.STAFF)
    html = client.get("/surveys/clinic-check/results/text/comments").get_data(as_text=True)
    assert "Page 1 of 2" in html
    assert "/surveys/clinic-check/results/text/comments?q=&amp;page=2" in html


def test_only_staff_and_admins_see_results(app, users, survey):
    assert _client(app, users, Role.BOARD).get("/surveys/clinic-check/results/").status_code == 403
    anonymous = app.test_client().get("/surveys/clinic-check/results/")
    assert anonymous.status_code == 302 and "/login?next=" in anonymous.headers["Location"]
    assert _client(app, users, Role.STAFF).get("/surveys/nope/results/").status_code == 404


def test_a_survey_without_responses_or_questions_renders(app, users):
    build_survey("empty-one")
    from engage.surveys.services import create_survey

    create_survey("blank-one", {"en": "Blank"}, base_language="en", languages=["en"])
    db.session.commit()
    client = _client(app, users, Role.STAFF)
    html = client.get("/surveys/empty-one/results/").get_data(as_text=True)
    assert 'id="too-few"' in html and '<dd id="respondents"><bdi>&lt;11</bdi></dd>' in html
    assert client.get("/surveys/blank-one/results/").status_code == 200
    assert client.get("/surveys/empty-one/results/text/comments").status_code == 200
