"""The ballot form's values, its problems in the voter's language, and a round's totals as CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Any

from flask_babel import gettext as _

from engage.priorities.models import RoundMethod, VotingRound
from engage.priorities.rounds import RoundOutcome, candidate_keys
from engage.priorities.voting import BallotProblem


def ballot_problem_message(problem: BallotProblem) -> str:
    """What is wrong with a ballot, in the voter's language."""
    params = problem.params
    messages = {
        "unknown_item": _("The ballot names an item that is not in this round."),
        "duplicate_item": _("Each item can appear only once on a ballot."),
        "malformed": _("This ballot cannot be read. Fill in the form again."),
        "rank_out_of_range": _(
            "Give each ranked item a place from 1 to %(most)s.", most=params.get("most", "")
        ),
        "not_a_number": _("Write whole numbers only."),
        "too_many_dots": _(
            "You have %(most)s dots to spend and your ballot spends %(spent)s.",
            most=params.get("most", ""),
            spent=params.get("spent", ""),
        ),
        "negative": _("Numbers cannot be below zero."),
        "score_out_of_range": _("Give each score from 0 to %(most)s.", most=params.get("most", "")),
        "nothing_chosen": _("Your ballot is empty: choose at least one item."),
    }
    return messages.get(problem.code, _("This ballot cannot be counted. Check it and try again."))


def form_values(
    voting_round: VotingRound, content: Any, submitted: Mapping[str, Any] | None
) -> dict[str, Any]:
    """What each ballot field shows: the form just sent back, else the member's ballot."""
    keys = candidate_keys(voting_round)
    if submitted is not None:
        return {
            "approve": list(submitted.getlist("approve")) if hasattr(submitted, "getlist") else [],
            **{name: submitted.get(name, "") for name in submitted if name != "approve"},
        }
    values: dict[str, Any] = {"approve": []}
    if content is None:
        return values
    method = voting_round.method
    if method == RoundMethod.RANKED:
        for place, tier in enumerate(content, 1):
            for key in tier:
                values[f"rank-{key}"] = str(place)
    elif method == RoundMethod.APPROVAL:
        values["approve"] = list(content)
    elif method == RoundMethod.DOTS:
        values |= {f"dots-{key}": str(content.get(key, 0)) for key in keys}
    elif method == RoundMethod.SCORE:
        values |= {f"score-{key}": str(content[key]) for key in keys if key in content}
    return values


def results_csv(voting_round: VotingRound, outcome: RoundOutcome, labels: Mapping[str, str]) -> str:
    """One row per item with every method's figure; no ballot, no voter."""
    result = outcome.result
    keys = candidate_keys(voting_round)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if voting_round.method == RoundMethod.RANKED:
        writer.writerow(
            [
                "item",
                "label",
                "borda_points",
                "borda_place",
                "schulze_place",
                "irv_eliminated_in_round",
            ]
        )
        eliminated = {
            key: number
            for number, runoff in enumerate(result.instant_runoff.rounds, 1)
            for key in runoff.eliminated
        }
        for key in keys:
            writer.writerow(
                [
                    key,
                    labels.get(key, key),
                    result.borda.points.get(key, 0),
                    result.borda.ranking.index(key) + 1,
                    result.schulze.ranking.index(key) + 1,
                    eliminated.get(key, ""),
                ]
            )
    elif voting_round.method == RoundMethod.SCORE:
        writer.writerow(["item", "label", "mean_score", "scored_by", "place"])
        for key in keys:
            writer.writerow(
                [
                    key,
                    labels.get(key, key),
                    result.means.get(key),
                    result.counts.get(key, 0),
                    result.ranking.index(key) + 1,
                ]
            )
    else:
        writer.writerow(["item", "label", "total", "place"])
        for key in keys:
            writer.writerow(
                [
                    key,
                    labels.get(key, key),
                    result.totals.get(key, 0),
                    result.ranking.index(key) + 1,
                ]
            )
    writer.writerow([])
    writer.writerow(["ballots", outcome.ballots, "invited", outcome.invited])
    return buffer.getvalue()
