"""Voting methods for advisory-board rounds: one class each, registered by name.

A method reads a ballot from a web form (:meth:`VotingMethod.parse_form`), checks one
given as JSON or re-checks a stored one (:meth:`VotingMethod.validate`), and counts a
round (:meth:`VotingMethod.tally`). Pure: plain data in, frozen dataclasses of plain
numbers out; no Flask, no database, no translation (problems are codes, see
:class:`BallotProblem`), so pages, exports and tests all call the same code.

**The tie-break, everywhere.** A round's ``candidates`` are given in the community's
ranking order. Whenever a tie must be broken, the candidate EARLIER in ``candidates``
wins: for the winner, for the order of a full ranking, and (in instant runoff) by the
LATER of those tied for fewest votes going out. Every result carries ``tie_broken``
(the winner was picked from several tied ones, or a runoff elimination tie was broken)
and ``winners`` (all tied at the top before the tie-break), so a page can say so. With
no ballots every candidate is tied: ``winners`` is all of them, ``winner`` the first.

**Ranked ballots** are tiers, most preferred first; items in one tier are tied. Items a
ballot leaves out are below every item it lists and tied with each other (a truncated
ballot); an empty ballot ranks nothing, so all are tied.

- *Borda* ("symmetric" Borda): per ballot an item scores 1 for each item ranked below it
  and ½ for each item tied with it, unranked items included. On full ballots without
  ties that is standard Borda (m − position). pref_voting's ``symmetric_borda_scores``
  (for ``ProfileWithTies``, unranked below ranked) gives "below minus above" instead;
  ours is ``(ballots × (m − 1) + theirs) / 2``: the same order, on the familiar scale.
- *Schulze*: the support ``d[i][j]`` counts ballots ranking ``i`` strictly above ``j``
  (unranked is below ranked, pref_voting's "extended strict preference"); a link
  ``i → j`` has the MARGIN ``d[i][j] − d[j][i]`` as strength when positive, as in
  pref_voting's ``beat_path`` (its default strength function). On full strict ballots
  margins and winning votes give the same result; with truncation they can differ.
  Winners are the candidates no one beats (``p[i][j] > p[j][i]``); the ranking is that
  relation, ties by candidate order.
- *Instant runoff*: a ballot counts for its top remaining tier; when that tier holds
  several items, the ballot is split equally among them (pref_voting's "Split IRV").
  A ballot whose listed items are all out is exhausted. More than half of the ballots
  still counted wins; otherwise the item with the fewest goes out, one per round.
  Its ``winners`` are the items still in at the first round where all of them had the
  same count (only the tie-break could part them), else just the winner; its
  ``tie_broken`` says whether any elimination tie was broken.

**Approval, dots, score**: totals (approval, dots) or mean scores over the members who
scored the item (score; an item left out is not scored, not a 0); ranking highest
first, an item nobody scored last.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, ClassVar

from engage.priorities.voting_ballots import (
    Approval,
    BallotProblem,
    Content,
    Dots,
    Ranked,
    Scores,
    check_approval,
    check_dots,
    check_ranked,
    check_scores,
    dots_allowed,
    first_value,
    max_score,
    unknown_fields,
    whole_number,
)
from engage.priorities.voting_ranked import (
    BordaResult,
    InstantRunoffResult,
    RankedResult,
    RunoffRound,
    SchulzeResult,
    tally_ranked,
)

__all__ = [
    "VOTING_METHODS",
    "ApprovalResult",
    "BallotProblem",
    "BordaResult",
    "Content",
    "DotsResult",
    "InstantRunoffResult",
    "RankedResult",
    "Result",
    "RunoffRound",
    "SchulzeResult",
    "ScoreResult",
    "VotingMethod",
    "agreement",
    "voting_method",
]

Form = Mapping[str, Sequence[str]]  # field → values, as ``MultiDict.to_dict(flat=False)``


@dataclass(frozen=True)
class ApprovalResult:
    totals: dict[str, int]
    ranking: list[str]
    winners: list[str]
    winner: str | None
    tie_broken: bool
    ballots: int


@dataclass(frozen=True)
class DotsResult:
    totals: dict[str, int]
    ranking: list[str]
    winners: list[str]
    winner: str | None
    tie_broken: bool
    ballots: int


@dataclass(frozen=True)
class ScoreResult:
    means: dict[str, float | None]
    counts: dict[str, int]
    ranking: list[str]
    winners: list[str]
    winner: str | None
    tie_broken: bool
    ballots: int


Result = RankedResult | ApprovalResult | DotsResult | ScoreResult


@dataclass(frozen=True)
class _Standing:
    ranking: list[str]
    winners: list[str]
    winner: str | None
    tie_broken: bool


def _standing(candidates: Sequence[str], value: Mapping[str, Any]) -> _Standing:
    """Highest ``value`` first, ``None`` (nothing to go on) last, ties by candidate order."""
    ranking = sorted(
        candidates,
        key=lambda key: (value[key] is None, -(value[key] or 0), candidates.index(key)),
    )
    if not ranking:
        return _Standing([], [], None, False)
    best = value[ranking[0]]
    winners = [key for key in ranking if value[key] == best]
    return _Standing(ranking, winners, winners[0], len(winners) > 1)


def _form_numbers(candidates: Sequence[str], form: Form, prefix: str) -> Iterator[tuple[str, int]]:
    """Each filled-in ``<prefix><key>`` field as a whole number, in round order.

    Lazy, so the caller's own check on one item (out of range) is the problem reported
    before a later item's field is read, as a member reads the ballot top to bottom.
    """
    unknown_fields(candidates, form, prefix)
    for key in candidates:
        number = whole_number(first_value(form, f"{prefix}{key}"), key)
        if number is not None:
            yield key, number


def _sums_and_counts(
    candidates: Sequence[str], ballots: Iterable[Mapping[str, int]]
) -> tuple[dict[str, int], dict[str, int]]:
    """Per candidate, the sum of what the ballots gave it and how many ballots gave it any."""
    sums = dict.fromkeys(candidates, 0)
    counts = dict.fromkeys(candidates, 0)
    for ballot in ballots:
        for key, value in ballot.items():
            sums[key] += value
            counts[key] += 1
    return sums, counts


class VotingMethod:
    """How one kind of round reads, checks and counts ballots."""

    name: ClassVar[str]

    def parse_form(
        self, candidates: Sequence[str], form: Form, settings: Mapping[str, Any]
    ) -> Content:
        """The ballot a member filled in on the web page, checked and in normal form."""
        raise NotImplementedError

    def validate(
        self, candidates: Sequence[str], content: object, settings: Mapping[str, Any]
    ) -> Content:
        """A ballot from JSON (the API, or the database), checked and in normal form."""
        raise NotImplementedError

    def tally(
        self, candidates: Sequence[str], contents: Sequence[Any], settings: Mapping[str, Any]
    ) -> Result:
        """The round's result; stored ballots that choose nothing still count as cast."""
        raise NotImplementedError


VOTING_METHODS: dict[str, VotingMethod] = {}


def register(cls: type[VotingMethod]) -> type[VotingMethod]:
    VOTING_METHODS[cls.name] = cls()
    return cls


def voting_method(name: str) -> VotingMethod:
    return VOTING_METHODS[name]


@register
class RankedChoice(VotingMethod):
    """Rank the items, ties allowed; counted by Borda, Schulze and instant runoff."""

    name = "ranked"

    def parse_form(
        self, candidates: Sequence[str], form: Form, settings: Mapping[str, Any]
    ) -> Ranked:
        """``rank-<key>``: blank (not ranked) or 1..k; equal numbers tie, gaps are fine."""
        tiers: dict[int, list[str]] = {}
        for key, rank in _form_numbers(candidates, form, "rank-"):
            if not 1 <= rank <= len(candidates):
                raise BallotProblem("rank_out_of_range", item=key, most=len(candidates))
            tiers.setdefault(rank, []).append(key)
        return self.validate(candidates, [tiers[rank] for rank in sorted(tiers)], settings)

    def validate(
        self, candidates: Sequence[str], content: object, settings: Mapping[str, Any]
    ) -> Ranked:
        return check_ranked(candidates, content, require_choice=True)

    def tally(
        self, candidates: Sequence[str], contents: Sequence[Any], settings: Mapping[str, Any]
    ) -> RankedResult:
        """Stored ballots as they are; an empty one counts as a ballot that ties all."""
        return tally_ranked(candidates, contents)


@register
class ApprovalVoting(VotingMethod):
    """Tick every item you support; the most ticks wins."""

    name = "approval"

    def parse_form(
        self, candidates: Sequence[str], form: Form, settings: Mapping[str, Any]
    ) -> Approval:
        """``approve``: one value per ticked item; a repeated value counts once."""
        ticked = [value for value in form.get("approve", []) if value]
        return self.validate(candidates, list(dict.fromkeys(ticked)), settings)

    def validate(
        self, candidates: Sequence[str], content: object, settings: Mapping[str, Any]
    ) -> Approval:
        return check_approval(candidates, content, require_choice=True)

    def tally(
        self, candidates: Sequence[str], contents: Sequence[Any], settings: Mapping[str, Any]
    ) -> ApprovalResult:
        totals = dict.fromkeys(candidates, 0)
        for content in contents:
            for key in check_approval(candidates, content, require_choice=False):
                totals[key] += 1
        return ApprovalResult(totals, **vars(_standing(candidates, totals)), ballots=len(contents))


@register
class DotVoting(VotingMethod):
    """Spread a fixed number of dots over the items (several on one item allowed)."""

    name = "dots"

    def parse_form(
        self, candidates: Sequence[str], form: Form, settings: Mapping[str, Any]
    ) -> Dots:
        """``dots-<key>``: a whole number, blank is 0; unspent dots are allowed."""
        content = {key: dots for key, dots in _form_numbers(candidates, form, "dots-") if dots}
        return self.validate(candidates, content, settings)

    def validate(
        self, candidates: Sequence[str], content: object, settings: Mapping[str, Any]
    ) -> Dots:
        return check_dots(candidates, content, dots_allowed(settings), require_choice=True)

    def tally(
        self, candidates: Sequence[str], contents: Sequence[Any], settings: Mapping[str, Any]
    ) -> DotsResult:
        most = dots_allowed(settings)
        ballots = (check_dots(candidates, c, most, require_choice=False) for c in contents)
        totals, _counts = _sums_and_counts(candidates, ballots)
        return DotsResult(totals, **vars(_standing(candidates, totals)), ballots=len(contents))


@register
class ScoreVoting(VotingMethod):
    """Score each item 0..max; the highest mean among those who scored it wins."""

    name = "score"

    def parse_form(
        self, candidates: Sequence[str], form: Form, settings: Mapping[str, Any]
    ) -> Scores:
        """``score-<key>``: blank (not scored) or 0..max."""
        highest = max_score(settings)
        content = {}
        for key, score in _form_numbers(candidates, form, "score-"):
            if not 0 <= score <= highest:
                raise BallotProblem("score_out_of_range", item=key, value=score, most=highest)
            content[key] = score
        return self.validate(candidates, content, settings)

    def validate(
        self, candidates: Sequence[str], content: object, settings: Mapping[str, Any]
    ) -> Scores:
        return check_scores(candidates, content, max_score(settings), require_choice=True)

    def tally(
        self, candidates: Sequence[str], contents: Sequence[Any], settings: Mapping[str, Any]
    ) -> ScoreResult:
        highest = max_score(settings)
        ballots = (check_scores(candidates, c, highest, require_choice=False) for c in contents)
        sums, counts = _sums_and_counts(candidates, ballots)
        # Exact means for ordering and ties; floats only for display.
        exact = {key: Fraction(sums[key], counts[key]) if counts[key] else None for key in sums}
        means = {key: None if mean is None else float(mean) for key, mean in exact.items()}
        standing = _standing(candidates, exact)
        return ScoreResult(means, counts, **vars(standing), ballots=len(contents))


def agreement(
    contents: Sequence[Mapping[str, int]],
    threshold_score: int,
    candidates: Sequence[str] | None = None,
) -> dict[str, float]:
    """Per item, the share of score ballots that rated it ``threshold_score`` or higher.

    The Delphi rule ("stop once 70% rate an item important"): the share is of all
    ballots, so a member who left the item unscored did not rate it important. Items
    are ``candidates`` when given, else every item some ballot scored; no ballots, 0.0.
    """
    keys = list(candidates) if candidates is not None else []
    if candidates is None:
        keys = list(dict.fromkeys(key for content in contents for key in content))
    agreeing = dict.fromkeys(keys, 0)
    for content in contents:
        for key, score in content.items():
            if key in agreeing and score >= threshold_score:
                agreeing[key] += 1
    return {key: count / len(contents) if contents else 0.0 for key, count in agreeing.items()}
