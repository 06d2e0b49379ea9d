"""The priorities pages over HTTP: who may open what, the figures shown, forms and rounds.

Assertions read the page as a person would (ids, table cells, notices) or the rows in
the database; never a view's internals.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from html.parser import HTMLParser
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from engage.auth.roles import Role
from engage.core.types import utcnow
from engage.extensions import db
from engage.priorities.models import (
    Ballot,
    IdeaTag,
    PanelStratum,
    PriorityItem,
    PriorityOrigin,
    PrioritySource,
    RoundMethod,
    VotingRound,
)
from engage.sms.campaigns import clinic_zone
from engage.surveys.models import Answer, Question
from tests.conftest import sign_in
from tests.priorities.builders import (
    board,
    board_member,
    open_ranked_round,
    priority_survey,
    respond,
    with_items,
)

LANGUAGES = ("en", "es", "vi", "zh_Hans", "ar")
PANEL_CSV = b"language,count\nen,480\nes,340\nvi,90\nzh_Hans,60\nar,30\n"


# --- reading a page -------------------------------------------------------------------------

VOID_TAGS = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        parts = [child if isinstance(child, str) else child.text() for child in self.children]
        return " ".join(" ".join(parts).split())

    def walk(self) -> Iterator[Node]:
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.walk()

    def all(self, tag: str) -> list[Node]:
        return [node for node in self.walk() if node.tag == tag]

    def by_id(self, element_id: str) -> Node | None:
        return next((node for node in self.walk() if node.attrs.get("id") == element_id), None)

    def rows(self) -> list[list[str]]:
        """A table's rows as the text of their cells, header row included."""
        return [
            [cell.text() for cell in row.walk() if cell.tag in ("td", "th")]
            for row in self.all("tr")
        ]


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID_TAGS:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if any(node.tag == tag for node in self.stack[1:]):
            while self.stack.pop().tag != tag:
                pass

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def page(response: Any) -> Node:
    tree = _Tree()
    tree.feed(response.get_data(as_text=True))
    return tree.root


def element(response: Any, element_id: str) -> Node:
    found = page(response).by_id(element_id)
    assert found is not None, f"no #{element_id} on the page"
    return found


def matrix(response: Any, table_id: str) -> tuple[list[str], dict[str, list[str]]]:
    """A pairwise table: its column items, and each row item's cells."""
    rows = element(response, table_id).all("tr")
    columns = [
        cell.all("abbr")[0].attrs["title"] if cell.all("abbr") else cell.text()
        for cell in rows[0].all("th")
    ]
    body = {}
    for row in rows[1:]:
        cells = [cell.text() for cell in row.walk() if cell.tag in ("td", "th")]
        body[re.sub(r"^\d+\.\s*", "", cells[0])] = cells[1:]
    return columns, body


def flashes(response: Any) -> str:
    return " ".join(
        node.text() for node in page(response).all("p") if "flash" in node.attrs.get("class", "")
    )


def follow(client: FlaskClient, response: Any) -> Any:
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return client.get(response.headers["Location"])


# --- people and data --------------------------------------------------------------------------


def client_for(app: Flask, user: Any) -> FlaskClient:
    client = app.test_client()
    assert sign_in(client, user.email).status_code == 302
    return client


@pytest.fixture
def lead(app: Flask, users: dict[Role, Any]) -> FlaskClient:
    return client_for(app, users[Role.ADMIN])


@pytest.fixture
def staff(app: Flask, users: dict[Role, Any]) -> FlaskClient:
    return client_for(app, users[Role.STAFF])


@pytest.fixture
def member(app: Flask, users: dict[Role, Any]) -> FlaskClient:
    return client_for(app, users[Role.BOARD])


@dataclass
class Heard:
    survey: Any
    items: dict[str, PriorityItem]


# 11 answered in English, 10 in Spanish and 5 in Vietnamese: 26 respondents. The two small
# groups hold 15 people between them, so hiding them protects each other and the English
# group of 11 stays shown (no complementary suppression is needed).
GROUPS = (
    ("en", 11, ["interpreter", "wait_times", "evening_hours"], 4),
    ("es", 10, ["wait_times", "interpreter", "text_reminders"], 5),
    ("vi", 5, ["text_reminders", "evening_hours", "wait_times"], 3),
)


def hear_the_community() -> Heard:
    survey = priority_survey()
    found = with_items(survey)
    for language, people, ranking, rating in GROUPS:
        for number in range(people):
            respond(
                survey, ranking, rating=rating, language=language, idea=f"idea {language} {number}"
            )
    db.session.commit()
    return Heard(survey, found)


@pytest.fixture
def heard(app: Flask, users: dict[Role, Any]) -> Heard:
    return hear_the_community()


def stratum_rows() -> list[tuple[str, int]]:
    return [
        (stratum.language, stratum.count)
        for stratum in db.session.scalars(sa.select(PanelStratum).order_by(PanelStratum.language))
    ]


def upload_panel(client: FlaskClient, raw: bytes) -> Any:
    return client.post(
        "/priorities/panel",
        data={"file": (io.BytesIO(raw), "panel.csv")},
        content_type="multipart/form-data",
    )


def count_of(model: type) -> int:
    db.session.expire_all()
    return db.session.scalar(sa.select(sa.func.count()).select_from(model)) or 0


# --- who may open what ------------------------------------------------------------------------


def test_board_member_reads_the_community_pages_and_rounds_they_are_invited_to(
    app, heard, users, member
):
    items = heard.items
    mine = open_ranked_round([items["interpreter"].id, items["wait_times"].id], [users[Role.BOARD]])
    others = open_ranked_round([items["interpreter"].id, items["wait_times"].id], board(1))

    for path in ("/priorities/", "/priorities/voices", "/priorities/rounds", "/priorities/items"):
        assert member.get(path).status_code == 200, path
    listing = member.get("/priorities/rounds")
    assert f"/priorities/rounds/{mine.id}" in listing.get_data(as_text=True)
    assert f"/priorities/rounds/{others.id}" not in listing.get_data(as_text=True)
    assert member.get(f"/priorities/rounds/{mine.id}").status_code == 200
    assert member.get(f"/priorities/rounds/{others.id}").status_code == 404


@pytest.mark.parametrize(
    "path",
    ["/priorities/panel", "/priorities/items/new", "/priorities/rounds/new", "/priorities/ideas"],
)
def test_board_member_is_refused_the_leads_pages(app, users, member, path):
    assert member.get(path).status_code == 403
    assert member.post(path, data={}).status_code in (403, 405)


def test_signed_out_visitor_is_sent_to_sign_in(client, app):
    response = client.get("/priorities/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_staff_tag_ideas_but_cannot_open_rounds_or_replace_the_panel(app, heard, users, staff):
    board(2)
    assert staff.get("/priorities/ideas").status_code == 200
    assert staff.get("/priorities/rounds/new").status_code == 403
    assert staff.post("/priorities/rounds/new", data={"title": "No"}).status_code == 403
    assert staff.get("/priorities/panel").status_code == 403
    assert upload_panel(staff, PANEL_CSV).status_code == 403
    assert count_of(PanelStratum) == 0 and count_of(VotingRound) == 0


# --- the community page -----------------------------------------------------------------------


def test_community_page_ranks_the_priorities_with_counts_and_shares(heard, lead):
    response = lead.get("/priorities/")
    assert response.status_code == 200
    assert element(response, "respondents").text() == "26"
    table = next(t for t in page(response).all("table") if t.attrs.get("class") == "priorities")
    ranking = {row[1]: (row[0], row[2], row[3]) for row in table.rows()[1:]}
    assert ranking == {
        "Wait Times": ("1", "26", "100%"),
        "Interpreter": ("2", "21", "81%"),
        "Evening Hours": ("3", "16", "62%"),
        "Text Reminders": ("4", "15", "58%"),
    }
    assert page(response).by_id("chart-overall-title") is not None
    assert page(response).by_id("too-few") is None


def _item_row(response: Any, key: str) -> list[list[str]]:
    row = element(response, f"priority-{key}")
    return [[cell.text() for cell in row.walk() if cell.tag in ("td", "th")]]


def test_split_by_language_hides_a_group_of_ten_and_shows_a_group_of_eleven(heard, lead):
    response = lead.get("/priorities/?by=language")
    assert response.status_code == 200
    split = next(t for t in page(response).all("table") if "split" in t.attrs.get("class", ""))
    header = split.rows()[0]
    assert "English 11 people" in header
    assert "Español <11 people" in header
    assert "Tiếng Việt <11 people" in header
    spanish = header.index("Español <11 people")
    assert all(row[spanish] == "<11" for row in split.rows()[1:])
    english = header.index("English 11 people")
    # Wait times: 11, 10 and 5 picks; the two hidden cells hold 15, so the 11 may show.
    wait_times = next(row for row in split.rows()[1:] if row[0] == "Wait Times")
    assert wait_times[english].startswith("11 · 100%")
    # Interpreter: 11, 10 and 0; hiding 10 alone would give it away, so the 11 hides too.
    interpreter = next(row for row in split.rows()[1:] if row[0] == "Interpreter")
    assert interpreter[english] == "<11"


def test_without_a_priority_survey_the_page_says_so(app, users, lead):
    response = lead.get("/priorities/")
    assert response.status_code == 200
    assert page(response).by_id("no-survey") is not None
    assert page(response).by_id("respondents") is None


def test_one_respondent_is_too_few_to_show_any_figure(app, users, lead):
    survey = priority_survey()
    with_items(survey)
    respond(survey, ["interpreter", "wait_times", "evening_hours"], rating=5)
    db.session.commit()
    response = lead.get("/priorities/")
    assert response.status_code == 200
    assert page(response).by_id("too-few") is not None
    assert element(response, "respondents").text() == "1"
    assert page(response).by_id("priority-interpreter") is None
    assert page(response).by_id("chart-overall-title") is None


@pytest.mark.parametrize("path", ["/priorities/?by=nonsense", "/priorities/report.csv?by=nonsense"])
def test_an_unknown_split_is_a_bad_request(heard, lead, path):
    assert lead.get(path).status_code == 400


def test_an_unknown_survey_is_not_found(heard, lead):
    assert lead.get("/priorities/?survey=nope").status_code == 404
    assert lead.get("/priorities/voices?weighting=guess").status_code == 400


def test_voices_without_a_panel_asks_for_one(heard, lead, member):
    assert page(lead.get("/priorities/voices")).by_id("no-panel") is not None
    response = member.get("/priorities/voices")
    assert page(response).by_id("no-panel") is not None
    assert "/priorities/panel" not in response.get_data(as_text=True)


def test_with_a_panel_voices_shows_representation_and_an_effective_sample_size(heard, lead):
    assert upload_panel(lead, PANEL_CSV).status_code == 302
    assert stratum_rows() == [("ar", 30), ("en", 480), ("es", 340), ("vi", 90), ("zh_Hans", 60)]

    response = lead.get("/priorities/voices")
    assert response.status_code == 200
    rows = element(response, "representation-language").rows()
    by_group = {row[0]: row[1:] for row in rows[1:]}
    # English: 11 of 26 respondents (42%) against 480 of 1,000 patients (48%).
    assert by_group["English"][:3] == ["11", "42%", "48%"]
    assert by_group["Español"][0] == "<11" and by_group["Español"][1] == ""
    assert by_group["العربية"][0] in ("0", "<11")
    effective = element(response, "effective-n").text()
    assert re.fullmatch(r"\d+", effective) and 0 < int(effective) <= 26

    weighted = lead.get("/priorities/?weighted=1")
    assert weighted.status_code == 200
    assert page(weighted).by_id("weighted-heading") is not None
    post = lead.get("/priorities/voices?weighting=poststratification")
    assert post.status_code == 200 and page(post).by_id("weighting-figures") is not None


# --- the clinic's panel -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"language,patients_seen\nen,10\n", "no “count” column"),
        (b"language,count\nen,10\nklingon,5\n", "“klingon” is not one of the offered languages"),
        (b"language,count\nen,10\nes,-5\n", "“-5” is not a whole number"),
        (b"language,count\nen,10\nes,many\n", "“many” is not a whole number"),
        (b"language,count\nen,10\nEnglish,5\n", "already on an earlier row"),
        (b"language,count\nen,0\nes,0\n", "Every count in the file is zero"),
        (b"", "Choose a file or paste the rows"),
    ],
    ids=["no-count", "unknown-language", "negative", "not-a-number", "repeated", "zeros", "empty"],
)
def test_a_bad_panel_file_is_refused_and_the_old_panel_stays(heard, lead, raw, message):
    assert upload_panel(lead, PANEL_CSV).status_code == 302
    before = stratum_rows()

    response = upload_panel(lead, raw)

    assert response.status_code == 400
    assert message in page(response).text()
    assert stratum_rows() == before


def test_a_good_panel_file_replaces_the_old_one_whole(heard, lead):
    assert upload_panel(lead, PANEL_CSV).status_code == 302
    response = follow(lead, upload_panel(lead, b"language,count\nEnglish,700\nSpanish,300\n"))
    assert stratum_rows() == [("en", 700), ("es", 300)]
    assert "2 strata, 1000 patients" in page(response).text()


def test_pasted_rows_work_as_a_file_does(heard, lead):
    response = lead.post("/priorities/panel", data={"text": "language,count\nvi,25\nar,75\n"})
    assert response.status_code == 302
    assert stratum_rows() == [("ar", 75), ("vi", 25)]


# --- the priority list ------------------------------------------------------------------------


def item_fields(title_en: str, **more: str) -> dict[str, str]:
    fields = {f"title_{code}": "" for code in LANGUAGES} | {
        f"description_{code}": "" for code in LANGUAGES
    }
    return fields | {"title_en": title_en} | more


def test_the_lead_adds_and_edits_a_priority(app, users, lead):
    response = lead.post(
        "/priorities/items/new",
        data=item_fields("Same-day interpreter access", title_es="Intérprete el mismo día"),
    )
    item = db.session.scalar(sa.select(PriorityItem))
    assert response.status_code == 302 and response.headers["Location"].endswith(
        f"/items/{item.id}"
    )
    assert item.key == "same_day_interpreter_access"
    assert item.title == {"en": "Same-day interpreter access", "es": "Intérprete el mismo día"}
    assert item.origin == PriorityOrigin.BOARD_PROPOSAL

    form = lead.get(f"/priorities/items/{item.id}")
    assert element(form, "title_es").attrs["value"] == "Intérprete el mismo día"
    saved = lead.post(
        f"/priorities/items/{item.id}",
        data=item_fields("Interpreter on the same day", description_en="Within the visit"),
    )
    assert saved.status_code == 302
    db.session.expire_all()
    assert item.title == {"en": "Interpreter on the same day"}
    assert item.description == {"en": "Within the visit"}
    listing = lead.get("/priorities/items")
    assert "Interpreter on the same day" in page(listing).text()


def test_a_priority_without_an_english_title_is_refused(app, users, lead):
    response = lead.post("/priorities/items/new", data=item_fields("", title_es="Solo en español"))
    assert response.status_code == 400
    assert element(response, "title_en-error").text()
    assert element(response, "title_en").attrs.get("aria-invalid") == "true"
    assert count_of(PriorityItem) == 0


def test_editing_away_the_english_title_is_refused(app, users, lead):
    lead.post("/priorities/items/new", data=item_fields("Evening hours"))
    item = db.session.scalar(sa.select(PriorityItem))
    response = lead.post(f"/priorities/items/{item.id}", data=item_fields("  "))
    assert response.status_code == 400
    db.session.expire_all()
    assert item.title == {"en": "Evening hours"}


def test_the_lead_links_a_likert_question_as_the_importance_of_a_priority(heard, lead):
    item = heard.items["wait_times"]
    form = lead.get(f"/priorities/items/{item.id}")
    options = [o.attrs["value"] for o in element(form, "question").all("option")]
    assert options == [f"{heard.survey.slug}:hard"]

    response = follow(
        lead, lead.post(f"/priorities/items/{item.id}/importance", data={"question": options[0]})
    )
    assert "Rated by 1 question(s)." in page(response).text()
    source = db.session.scalar(sa.select(PrioritySource).where(PrioritySource.choice_key == ""))
    assert (source.priority_id, source.question_key) == (item.id, "hard")

    # Every one of the 26 rated it; the mean of 11×4, 10×5 and 5×3 is 109/26 = 4.19.
    row = _item_row(lead.get("/priorities/"), "wait_times")[0]
    assert row[5].startswith("4.2 (") and row[6] == "26"

    other = heard.items["interpreter"]
    refused = follow(
        lead, lead.post(f"/priorities/items/{other.id}/importance", data={"question": options[0]})
    )
    assert "already rates another priority" in flashes(refused)


def test_add_from_survey_makes_each_priority_choice_an_item_once(app, users, lead):
    survey = priority_survey()
    db.session.commit()
    first = follow(lead, lead.post(f"/priorities/items/from-survey/{survey.slug}"))
    assert "4 priorities added from the survey." in flashes(first)
    assert sorted(db.session.scalars(sa.select(PriorityItem.key))) == sorted(
        ["interpreter", "wait_times", "evening_hours", "text_reminders"]
    )
    second = follow(lead, lead.post(f"/priorities/items/from-survey/{survey.slug}"))
    assert "0 priorities added from the survey." in flashes(second)
    assert count_of(PriorityItem) == 4 and count_of(PrioritySource) == 4
    assert lead.post("/priorities/items/from-survey/nope").status_code == 404


# --- patients' ideas --------------------------------------------------------------------------


def idea_answer(text: str) -> Answer:
    return db.session.scalar(
        sa.select(Answer)
        .join(Question)
        .where(Question.key == "idea", sa.cast(Answer.value, sa.Text).like(f"%{text}%"))
    )


def test_staff_tag_an_idea_to_a_priority(heard, staff):
    answer = idea_answer("idea es 3")
    item = heard.items["interpreter"]
    ideas = staff.get("/priorities/ideas")
    assert page(ideas).by_id(f"idea-{answer.id}") is not None
    assert "26 ideas" in page(ideas).text()

    response = follow(
        staff,
        staff.post("/priorities/ideas/tag", data={"answer_id": answer.id, "priority": item.id}),
    )
    assert "Idea tagged to “Interpreter”." in flashes(response)
    tags = db.session.execute(sa.select(IdeaTag.answer_id, IdeaTag.priority_id)).all()
    assert tags == [(answer.id, item.id)]
    assert "Interpreter" in element(response, f"idea-{answer.id}").all("ul")[0].text()
    untagged = staff.get("/priorities/ideas?untagged=1")
    assert "25 ideas" in page(untagged).text()

    # The community page counts the idea beside its priority.
    row = _item_row(staff.get("/priorities/"), "interpreter")[0]
    assert row[-2] == "1"  # ideas tagged; the last column is the backlog link


def test_the_lead_makes_an_idea_a_new_priority(heard, lead):
    answer = idea_answer("idea vi 0")
    response = lead.post(
        "/priorities/ideas/new-priority",
        data={"answer_id": answer.id, "title": "Vietnamese front desk"},
    )
    item = db.session.scalar(
        sa.select(PriorityItem).where(PriorityItem.origin == PriorityOrigin.PATIENT_IDEA)
    )
    assert item is not None and item.title == {"en": "Vietnamese front desk"}
    assert response.headers["Location"].endswith(f"/priorities/items/{item.id}")
    assert db.session.execute(sa.select(IdeaTag.answer_id, IdeaTag.priority_id)).all() == [
        (answer.id, item.id)
    ]


def test_tagging_an_idea_that_does_not_exist_writes_nothing(heard, staff, lead):
    item = heard.items["interpreter"]
    response = follow(
        staff, staff.post("/priorities/ideas/tag", data={"answer_id": 999_999, "priority": item.id})
    )
    assert "That idea no longer exists." in flashes(response)
    # A ranking answer is not an idea either.
    ranking = db.session.scalar(sa.select(Answer).join(Question).where(Question.key == "top"))
    follow(
        staff,
        staff.post("/priorities/ideas/tag", data={"answer_id": ranking.id, "priority": item.id}),
    )
    made = follow(
        lead,
        lead.post("/priorities/ideas/new-priority", data={"answer_id": 999_999, "title": "Ghost"}),
    )
    assert "That idea no longer exists." in flashes(made)
    assert count_of(IdeaTag) == 0
    assert count_of(PriorityItem) == 4


def test_staff_cannot_make_an_idea_a_priority(heard, staff):
    answer = idea_answer("idea en 0")
    response = staff.post(
        "/priorities/ideas/new-priority", data={"answer_id": answer.id, "title": "Mine"}
    )
    assert response.status_code == 403
    assert count_of(PriorityItem) == 4


# --- board rounds over HTTP -------------------------------------------------------------------


def local_field(moment: datetime) -> str:
    return moment.astimezone(clinic_zone()).strftime("%Y-%m-%dT%H:%M")


def round_form(heard: Heard, voters: list[Any], **changes: Any) -> dict[str, Any]:
    now = utcnow()
    fields: dict[str, Any] = {
        "title": "Which first in 2027?",
        "items": [heard.items[key].id for key in ("interpreter", "wait_times", "text_reminders")],
        "method": RoundMethod.RANKED.value,
        "dots": "10",
        "max_score": "5",
        "opens_at": local_field(now - timedelta(minutes=5)),
        "closes_at": local_field(now + timedelta(days=7)),
        "voters": [voter.id for voter in voters],
        "quorum": "",
        "agreement": "70",
        "important_from": "4",
    }
    return fields | changes


def test_the_lead_opens_a_ranked_round_from_the_community_ranking(heard, users, lead):
    voters = [users[Role.BOARD], *board(2)]
    form = lead.get(f"/priorities/rounds/new?survey={heard.survey.slug}")
    assert form.status_code == 200
    offered = [
        node.attrs["value"] for node in page(form).all("input") if node.attrs.get("name") == "items"
    ]
    # Community order: wait times (26), interpreter (21), evening hours (16), text reminders (15).
    assert offered == [
        str(heard.items[key].id)
        for key in ("wait_times", "interpreter", "evening_hours", "text_reminders")
    ]

    opens = (utcnow() + timedelta(hours=1)).replace(second=0, microsecond=0)
    response = lead.post(
        f"/priorities/rounds/new?survey={heard.survey.slug}",
        data=round_form(heard, voters, opens_at=local_field(opens), quorum="2"),
    )
    voting_round = db.session.scalar(sa.select(VotingRound))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/priorities/rounds/{voting_round.id}")
    assert voting_round.method == RoundMethod.RANKED and voting_round.quorum == 2
    assert voting_round.opens_at == opens  # the form's clinic time, stored as UTC
    assert [c.item.key for c in voting_round.candidates] == [
        "wait_times",
        "interpreter",
        "text_reminders",
    ]
    assert voting_round.candidates[0].community["picked"] == "26"
    assert sorted(v.user_id for v in voting_round.voters) == sorted(v.id for v in voters)
    assert voting_round.survey_id == heard.survey.id


# Each case changes the good form; a lambda, as item ids and times exist only in the test.
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (lambda h: {"items": [h.items["interpreter"].id]}, "Choose between 2 and 20 priorities."),
        (
            lambda h: {"closes_at": local_field(utcnow() - timedelta(days=1))},
            "The round must close after it opens.",
        ),
        (lambda h: {"voters": []}, "Invite at least one board member."),
        (lambda h: {"title": ""}, "This field is required."),
        (
            lambda h: {"quorum": "5"},
            "The quorum is between 1 and the number of members invited.",
        ),
    ],
    ids=["one-item", "closes-before-opens", "no-voters", "no-title", "quorum-too-big"],
)
def test_a_round_that_cannot_work_is_refused_and_nothing_is_stored(
    heard, users, lead, changes, message
):
    voters = [users[Role.BOARD], *board(1)]
    response = lead.post(
        f"/priorities/rounds/new?survey={heard.survey.slug}",
        data=round_form(heard, voters) | changes(heard),
    )
    assert response.status_code == 400
    assert message in page(response).text()
    assert count_of(VotingRound) == 0


def ranked_round(heard: Heard, voters: list[Any], **plan: Any) -> VotingRound:
    keys = ("wait_times", "interpreter", "evening_hours", "text_reminders")
    return open_ranked_round([heard.items[key].id for key in keys], voters, **plan)


def ballot(**ranks: str) -> dict[str, str]:
    fields = {
        f"rank-{key}": ""
        for key in ("wait_times", "interpreter", "evening_hours", "text_reminders")
    }
    return fields | {f"rank-{key}": place for key, place in ranks.items()}


def stored_ballots(voting_round: VotingRound) -> list[Any]:
    db.session.expire_all()
    return list(
        db.session.scalars(sa.select(Ballot.content).where(Ballot.round_id == voting_round.id))
    )


def test_a_member_votes_and_votes_again_and_one_ballot_is_kept(heard, users, member):
    voting_round = ranked_round(heard, [users[Role.BOARD]])
    url = f"/priorities/rounds/{voting_round.id}"
    before = member.get(url)
    assert page(before).by_id("ballot") is not None and page(before).by_id("voted") is None

    first = follow(
        member,
        member.post(
            f"{url}/ballot", data=ballot(interpreter="1", wait_times="2", text_reminders="3")
        ),
    )
    assert stored_ballots(voting_round) == [[["interpreter"], ["wait_times"], ["text_reminders"]]]
    assert page(first).by_id("voted") is not None
    chosen = [
        o.attrs["value"]
        for o in element(first, "field-interpreter").all("option")
        if "selected" in o.attrs
    ]
    assert chosen == ["1"]

    member.post(f"{url}/ballot", data=ballot(evening_hours="1", interpreter="2"))
    assert stored_ballots(voting_round) == [[["evening_hours"], ["interpreter"]]]

    # Results wait for the close, for everyone.
    assert page(first).by_id("results-later") is not None
    assert page(first).by_id("schulze-matrix") is None


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (ballot(interpreter="abc"), "Write whole numbers only."),
        (ballot(), "Your ballot is empty"),
        (ballot(interpreter="9"), "Give each ranked item a place from 1 to"),
    ],
    ids=["not-a-number", "nothing-ranked", "out-of-range"],
)
def test_a_malformed_ballot_is_refused_and_the_stored_one_stays(
    heard, users, member, fields, message
):
    voting_round = ranked_round(heard, [users[Role.BOARD]])
    url = f"/priorities/rounds/{voting_round.id}"
    member.post(f"{url}/ballot", data=ballot(wait_times="1", interpreter="2"))

    response = member.post(f"{url}/ballot", data=fields)

    assert response.status_code == 400
    assert message in element(response, "ballot-problem").text()
    assert stored_ballots(voting_round) == [[["wait_times"], ["interpreter"]]]
    # The form shows back what was sent, so the member can correct it.
    assert page(response).by_id("ballot") is not None


def test_a_first_malformed_ballot_stores_nothing(heard, users, member):
    voting_round = ranked_round(heard, [users[Role.BOARD]])
    response = member.post(
        f"/priorities/rounds/{voting_round.id}/ballot", data=ballot(interpreter="abc")
    )
    assert response.status_code == 400
    assert stored_ballots(voting_round) == []


def test_a_member_not_invited_cannot_vote(heard, users, member):
    voting_round = ranked_round(heard, board(1))
    response = member.post(
        f"/priorities/rounds/{voting_round.id}/ballot", data=ballot(interpreter="1")
    )
    assert response.status_code == 404
    assert stored_ballots(voting_round) == []


def test_after_close_the_round_shows_schulze_borda_and_instant_runoff(
    app, heard, users, lead, member
):
    others = board(2)
    voting_round = ranked_round(heard, [users[Role.BOARD], *others])
    url = f"/priorities/rounds/{voting_round.id}"
    member.post(f"{url}/ballot", data=ballot(interpreter="1", wait_times="2", evening_hours="3"))
    for other, ranks in zip(
        others,
        [
            dict(interpreter="1", text_reminders="2"),
            dict(wait_times="1", interpreter="2", evening_hours="3"),
        ],
        strict=True,
    ):
        client_for(app, other).post(f"{url}/ballot", data=ballot(**ranks))
    open_page = lead.get(url)
    assert page(open_page).by_id("results-later") is not None
    assert element(open_page, "turnout").text() == "3 of 3"

    closed = follow(lead, lead.post(f"{url}/close"))
    assert page(closed).by_id("results-later") is None
    header, body = matrix(closed, "schulze-matrix")
    assert header == ["Wait Times", "Interpreter", "Evening Hours", "Text Reminders"]
    # Interpreter is above wait times on two of three ballots, and above every other item on all.
    assert body["Interpreter"] == ["2", "–", "3", "3"]
    assert body["Wait Times"][1] == "1"
    schulze = page(closed).by_id("schulze")
    assert "Winner: Interpreter" in schulze.text()
    assert "Winner: Interpreter" in element(closed, "borda").text()
    irv = element(closed, "irv-rounds").rows()
    assert irv[0][0] == "Priority" and len(irv[0]) >= 2
    assert "Winner: Interpreter" in element(closed, "irv").text()

    # A board member reads the same result once the round is closed.
    assert page(member.get(url)).by_id("schulze-matrix") is not None


def test_a_ballot_after_close_is_refused_and_the_ballot_stays(heard, users, lead, member):
    voting_round = ranked_round(heard, [users[Role.BOARD]])
    url = f"/priorities/rounds/{voting_round.id}"
    member.post(f"{url}/ballot", data=ballot(interpreter="1", wait_times="2"))
    follow(lead, lead.post(f"{url}/close"))

    response = member.post(f"{url}/ballot", data=ballot(text_reminders="1"))

    assert response.status_code == 400
    assert "This round has closed." in element(response, "ballot-problem").text()
    assert stored_ballots(voting_round) == [[["interpreter"], ["wait_times"]]]
    again = follow(lead, lead.post(f"{url}/close"))
    assert "This round has already closed." in flashes(again)


def test_a_round_short_of_its_quorum_shows_no_result(heard, users, lead, member):
    voting_round = ranked_round(heard, [users[Role.BOARD], *board(2)], quorum=3)
    url = f"/priorities/rounds/{voting_round.id}"
    member.post(f"{url}/ballot", data=ballot(interpreter="1", wait_times="2"))
    closed = follow(lead, lead.post(f"{url}/close"))
    assert "1 ballots of the 3 needed" in element(closed, "no-quorum").text()
    assert page(closed).by_id("schulze-matrix") is None
    assert lead.get(f"{url}/results.csv").status_code == 404


def test_the_results_csv_has_totals_and_never_a_voter(app, heard, users, lead):
    voters = [
        board_member("Rosa Medina", "rosa@board.example"),
        board_member("Andre Brooks", "andre@board.example"),
    ]
    voting_round = ranked_round(heard, voters)
    url = f"/priorities/rounds/{voting_round.id}"
    assert lead.get(f"{url}/results.csv").status_code == 404  # nothing before the close
    client_for(app, voters[0]).post(f"{url}/ballot", data=ballot(interpreter="1", wait_times="2"))
    client_for(app, voters[1]).post(
        f"{url}/ballot", data=ballot(interpreter="1", evening_hours="2")
    )
    follow(lead, lead.post(f"{url}/close"))

    response = lead.get(f"{url}/results.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    text = response.get_data(as_text=True).lstrip("\ufeff")
    lines = text.splitlines()
    assert lines[0] == "item,label,borda_points,borda_place,schulze_place,irv_eliminated_in_round"
    assert lines[1].startswith("wait_times,Wait Times,")
    assert any(
        line.startswith("interpreter,Interpreter,6.0,1,1,")
        or line.startswith("interpreter,Interpreter,6,1,1,")
        for line in lines
    )
    assert lines[-1] == "ballots,2,invited,2"
    for secret in ("Rosa", "Medina", "Andre", "Brooks", "rosa@", "andre@", "board.example"):
        assert secret not in text
    assert users[Role.BOARD].email not in text


def test_a_board_member_cannot_close_or_export(heard, users, member):
    voting_round = ranked_round(heard, [users[Role.BOARD]])
    assert member.post(f"/priorities/rounds/{voting_round.id}/close").status_code == 403
    assert member.get(f"/priorities/rounds/{voting_round.id}/results.csv").status_code == 403
    db.session.expire_all()
    assert voting_round.is_open(utcnow())


# --- the CSV report and the command line ------------------------------------------------------


def test_the_report_csv_splits_by_language_with_small_groups_hidden(heard, lead):
    response = lead.get("/priorities/report.csv?by=language")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "priorities-priorities-language.csv" in response.headers["Content-Disposition"]
    lines = response.get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert lines[0].startswith("dimension,group,respondents,rank,item,picked")
    english = [line for line in lines if line.startswith("language,en,")]
    spanish = [line for line in lines if line.startswith("language,es,")]
    assert len(english) == 4 and all(line.startswith("language,en,11,") for line in english)
    assert len(spanish) == 4 and all(line.startswith("language,es,<11,") for line in spanish)
    assert any(",wait_times,11," in line for line in english)
    overall = (
        lead.get("/priorities/report.csv").get_data(as_text=True).lstrip("\ufeff").splitlines()
    )
    assert overall[1].startswith("1,wait_times,26,26,1.0")


def test_the_report_csv_is_for_staff_and_the_lead(heard, member, staff):
    assert member.get("/priorities/report.csv").status_code == 403
    assert staff.get("/priorities/report.csv").status_code == 200


def test_the_command_line_report_matches_the_page(app, heard, lead):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["priorities", "report", "--by", "language", "--format", "csv"])
    assert result.exit_code == 0, result.output
    page_csv = (
        lead.get("/priorities/report.csv?by=language").get_data(as_text=True).lstrip("\ufeff")
    )
    assert result.output.splitlines() == page_csv.splitlines()

    as_json = runner.invoke(args=["priorities", "report", "--format", "json"])
    assert as_json.exit_code == 0, as_json.output
    assert [row["item"] for row in json.loads(as_json.output)][:2] == ["wait_times", "interpreter"]


def test_the_command_line_refuses_an_unknown_survey(app, heard):
    result = app.test_cli_runner().invoke(args=["priorities", "report", "--survey", "nope"])
    assert result.exit_code != 0
    assert "No priority-setting survey 'nope'" in result.output


def test_the_command_line_refuses_without_any_survey(app):
    result = app.test_cli_runner().invoke(args=["priorities", "report"])
    assert result.exit_code != 0
    assert "No priority-setting survey feeds the priority list yet." in result.output


# --- every language, on the demo clinic -------------------------------------------------------


def test_every_language_shows_the_demo_clinics_figures(app):
    from engage.demo import ACCOUNTS, load_demo
    from engage.priorities.demo import CLOSED_ROUND

    load_demo()
    db.session.commit()
    dana = next(account for account in ACCOUNTS if account.email.startswith("dana@"))
    lead = app.test_client()
    assert sign_in(lead, dana.email, dana.password).status_code == 302
    closed = db.session.scalar(sa.select(VotingRound).where(VotingRound.title == CLOSED_ROUND))

    for code in LANGUAGES:
        community = lead.get(f"/priorities/?lang={code}&by=language")
        assert community.status_code == 200, code
        respondents = element(community, "respondents").text()
        assert int(respondents.replace(",", "").replace("\u202f", "").replace("\xa0", "")) > 100, (
            code
        )
        assert page(community).by_id("priority-interpreter") is not None, code

        voices = lead.get(f"/priorities/voices?lang={code}")
        assert voices.status_code == 200, code
        assert len(element(voices, "representation-language").rows()) >= 6, code
        assert re.search(r"\d", element(voices, "effective-n").text()), code

        result = lead.get(f"/priorities/rounds/{closed.id}?lang={code}")
        assert result.status_code == 200, code
        columns, body = matrix(result, "schulze-matrix")
        assert len(columns) == len(body) == 6, code  # the six candidates
        cells = [cell for row in body.values() for cell in row]
        assert all(re.fullmatch(r"\d+|–", cell) for cell in cells), code
        assert sum(int(cell) for cell in cells if cell != "–") > 0, code
