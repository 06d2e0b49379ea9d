"""Backlog items: the status path, links to priorities, voices, timeline, pages and access."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from engage.auth.roles import Role
from engage.backlog import services
from engage.backlog.models import ImprovementItem, ItemEvent, ItemStatus
from engage.backlog.services import BacklogRefused, ItemInput
from engage.backlog.timeline import timeline
from engage.backlog.transitions import NEXT, can_move
from engage.backlog.voices import voices
from engage.core.types import utcnow
from engage.extensions import db
from engage.priorities import rounds
from tests.conftest import make_user, sign_in
from tests.priorities.builders import (
    board,
    open_ranked_round,
    priority_survey,
    respond,
    with_items,
)

PATH = [ItemStatus.PLANNED, ItemStatus.TESTING, ItemStatus.ADOPTED, ItemStatus.DONE]


def test_the_status_path_allows_only_its_steps():
    assert can_move(ItemStatus.PROPOSED, ItemStatus.PLANNED)
    assert can_move(ItemStatus.ADAPTED, ItemStatus.TESTING)  # an adapted change is tested again
    assert not can_move(ItemStatus.PROPOSED, ItemStatus.ADOPTED)  # not without testing
    assert not can_move(ItemStatus.DONE, ItemStatus.PROPOSED)
    assert NEXT[ItemStatus.DONE] == ()
    for status, following in NEXT.items():
        assert status not in following


def test_moving_along_the_path_writes_the_history(db_app):
    staff = make_user(Role.STAFF)
    item = services.create_item(ItemInput(title="Same-day interpreters"), staff.id)
    for status in PATH:
        services.move(item, status, staff.id)
    kinds = [(e.kind.value, e.status.value) for e in db.session.scalars(sa.select(ItemEvent))]
    assert kinds == [("created", "proposed")] + [("status", s.value) for s in PATH]


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        ([], ItemStatus.ADOPTED),
        ([ItemStatus.PLANNED], ItemStatus.DONE),
        (PATH, ItemStatus.TESTING),
    ],
)
def test_an_invalid_status_change_is_refused_and_changes_nothing(db_app, path, refused):
    item = services.create_item(ItemInput(title="Evening hours"), None)
    for status in path:
        services.move(item, status, None)
    before = item.status
    with pytest.raises(BacklogRefused, match="cannot become"):
        services.move(item, refused, None)
    assert item.status == before


def test_an_item_needs_a_title_and_a_staff_owner(db_app):
    board_member = make_user(Role.BOARD)
    with pytest.raises(BacklogRefused, match="title"):
        services.create_item(ItemInput(title="  "), None)
    with pytest.raises(BacklogRefused, match="owner"):
        services.create_item(ItemInput(title="X", owner_id=board_member.id), None)
    with pytest.raises(BacklogRefused, match="no longer exists"):
        services.create_item(ItemInput(title="X", priorities={999: ""}), None)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ImprovementItem)) == 0


def _voiced_item():
    """An item answering "interpreter": 12 Spanish and 3 English speakers ranked it."""
    survey = priority_survey()
    by_key = with_items(survey)
    for _ in range(12):
        respond(survey, ["interpreter", "wait_times"], language="es")
    for _ in range(3):
        respond(survey, ["interpreter"], language="en")
    for _ in range(20):
        respond(survey, ["wait_times"], language="en")
    item = services.create_item(
        ItemInput(title="Same-day interpreters", priorities={by_key["interpreter"].id: "asked"}),
        None,
    )
    return item, by_key


def test_the_voices_behind_an_item_are_counted_with_small_cells_hidden(db_app):
    item, _by_key = _voiced_item()
    found = voices(item)
    assert found.people.shown == "15"
    languages = dict(found.groups["language"])
    # English is 3: hidden, and Spanish with it, or 15 - 12 would give it away.
    assert (languages["en"].shown, languages["es"].shown) == ("<11", "<11")


def test_the_timeline_runs_from_first_raised_to_the_board_and_the_item(db_app):
    item, by_key = _voiced_item()
    members = board(2)
    voting_round = open_ranked_round(
        [by_key["interpreter"].id, by_key["wait_times"].id], members, now=utcnow()
    )
    rounds.close_now(voting_round)
    item.created_at = voting_round.closes_at + timedelta(microseconds=1)  # chosen, then added
    for status in PATH[:3]:
        services.move(item, status, None)
    steps = timeline(item, voices(item).first_raised)
    assert [step.kind for step in steps] == ["raised", "decided", "created", "adopted"]
    assert steps[0].days_since_previous is None
    assert all(step.days_since_previous is not None for step in steps[1:])


def test_filters_and_the_priorities_with_no_item(db_app):
    item, by_key = _voiced_item()
    other = services.create_item(ItemInput(title="Evening hours"), None)
    services.move(other, ItemStatus.PLANNED, None)
    by_priority = services.list_items(services.BacklogFilter(priority_id=by_key["interpreter"].id))
    assert by_priority == [item]
    assert services.list_items(services.BacklogFilter(status=ItemStatus.PLANNED)) == [other]
    answered = services.items_for_priorities([p.id for p in by_key.values()])
    assert answered[by_key["interpreter"].id] == [item]
    assert answered[by_key["wait_times"].id] == []


# ---- pages -------------------------------------------------------------------------------


@pytest.fixture
def page_data(app, users):
    item, by_key = _voiced_item()
    db.session.commit()
    return item, by_key


def test_board_members_read_and_comment_but_cannot_edit(client, users, page_data):
    item, _by_key = page_data
    sign_in(client, users[Role.BOARD].email)
    page = client.get(f"/backlog/{item.id}")
    assert page.status_code == 200
    assert "Same-day interpreters" in page.text and 'id="voices"' in page.text
    assert client.get(f"/backlog/{item.id}/edit").status_code == 403
    assert client.get("/backlog/new").status_code == 403
    moved = client.post(f"/backlog/{item.id}/status", data={"status": "planned"})
    assert moved.status_code == 403
    assert db.session.get(ImprovementItem, item.id).status == ItemStatus.PROPOSED
    client.post(f"/backlog/{item.id}/comments", data={"body": "Please start at Eastside."})
    assert "Please start at Eastside." in client.get(f"/backlog/{item.id}").text


def test_add_to_backlog_from_a_board_round_links_the_round_and_priority(client, users, page_data):
    _item, by_key = page_data
    sign_in(client, users[Role.STAFF].email)
    priority = by_key["wait_times"]
    members = board(1)
    voting_round = open_ranked_round([priority.id, by_key["interpreter"].id], members)
    form = client.get(f"/backlog/new?priority={priority.id}&round={voting_round.id}")
    assert form.status_code == 200 and "Wait Times" in form.text
    saved = client.post(
        f"/backlog/new?priority={priority.id}&round={voting_round.id}",
        data={
            "title": "Shorter waits",
            "priorities": [str(priority.id)],
            "rationale": "The board chose it",
            "owner_id": str(users[Role.STAFF].id),
            "site_id": "",
        },
    )
    assert saved.status_code == 302
    item = db.session.scalar(
        sa.select(ImprovementItem).where(ImprovementItem.title == "Shorter waits")
    )
    assert item.round_id == voting_round.id
    assert [link.rationale for link in item.links] == ["The board chose it"]


def test_bad_input_on_the_item_form_and_the_status_change(client, users, page_data):
    item, _by_key = page_data
    sign_in(client, users[Role.STAFF].email)
    empty = client.post("/backlog/new", data={"title": "", "owner_id": "", "site_id": ""})
    assert empty.status_code == 400
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ImprovementItem)) == 1
    jumped = client.post(
        f"/backlog/{item.id}/status", data={"status": "done"}, follow_redirects=True
    )
    assert "cannot become" in jumped.text
    nonsense = client.post(
        f"/backlog/{item.id}/status", data={"status": "nonsense"}, follow_redirects=True
    )
    assert "Choose one of the statuses offered." in nonsense.text
    assert db.session.get(ImprovementItem, item.id).status == ItemStatus.PROPOSED
    assert client.get("/backlog/?status=nonsense").status_code == 400
    assert client.get("/backlog/?site=abc").status_code == 400


def test_the_list_shows_top_priorities_without_an_item(client, users, page_data):
    _item, by_key = page_data
    sign_in(client, users[Role.ADMIN].email)
    page = client.get("/backlog/")
    assert page.status_code == 200
    uncovered = page.text.split('id="uncovered"')[1].split("</section>")[0]
    assert "Wait Times" in uncovered and "Interpreter" not in uncovered
    filtered = client.get(f"/backlog/?priority={by_key['interpreter'].id}")
    assert "Same-day interpreters" in filtered.text
    # The community page links each priority to the items that answer it, or offers one.
    ranking = client.get("/priorities/").text
    interpreter_row = ranking.split('id="priority-interpreter"')[1].split("</tr>")[0]
    assert f"/backlog/?priority={by_key['interpreter'].id}" in interpreter_row
    assert "1 item" in interpreter_row
    wait_row = ranking.split('id="priority-wait_times"')[1].split("</tr>")[0]
    assert f"/backlog/new?priority={by_key['wait_times'].id}" in wait_row


def test_training_linked_to_an_item_can_be_assigned_to_its_owner(client, users, page_data):
    from engage.training.models import Assignment
    from tests.training.builders import make_module

    item, _by_key = page_data
    module = make_module()
    draft = make_module("draft-module", published=False)
    item.owner_id = users[Role.STAFF].id
    db.session.commit()

    sign_in(client, users[Role.BOARD].email)
    refused = client.post(f"/backlog/{item.id}/training", data={"module_id": str(module.id)})
    assert refused.status_code == 403

    client.post("/logout")
    sign_in(client, users[Role.STAFF].email)
    unpublished = client.post(
        f"/backlog/{item.id}/training", data={"module_id": str(draft.id)}, follow_redirects=True
    )
    assert "Choose a published training module." in unpublished.text
    client.post(
        f"/backlog/{item.id}/training",
        data={"module_id": str(module.id), "assign_owner": "y"},
    )
    page = client.get(f"/backlog/{item.id}").text
    assert f"Module {module.slug}" in page.split('id="training"')[1]
    assignment = db.session.scalars(sa.select(Assignment)).one()
    assert (assignment.user_id, assignment.module_id) == (users[Role.STAFF].id, module.id)
    # Luis's home page lists the module he must take before testing the change.
    assert f"Module {module.slug}" in client.get("/").text

    client.post(f"/backlog/{item.id}/training/{module.id}/remove")
    assert "No training linked yet." in client.get(f"/backlog/{item.id}").text
