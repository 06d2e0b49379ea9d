"""Ballot contents for board voting rounds: their shapes, their checks, what can go wrong.

A ballot is stored as JSON in item keys, one shape per method (see :mod:`.voting`):

- ranked: ``list[list[str]]``, tiers, most preferred first; keys in one tier are tied;
- approval: ``list[str]``, the approved keys;
- dots: ``dict[str, int]``, dots per key (only keys that got any);
- score: ``dict[str, int]``, a score 0..max per key that was scored.

Every check returns the content in one normal form (keys in the round's ``candidates``
order, no empty tiers, no zero dots), so two ballots that mean the same are stored the
same. A wrong ballot raises :class:`BallotProblem` with a code the web layer translates.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from typing import Any

Ranked = list[list[str]]
Approval = list[str]
Dots = dict[str, int]
Scores = dict[str, int]
Content = Ranked | Approval | Dots | Scores

DEFAULT_DOTS = 10
DEFAULT_MAX_SCORE = 5
# No setting or rank needs more digits; longer input is "too large", never converted.
MOST_DIGITS = 9


class BallotProblem(Exception):
    """A ballot does not fit its round; ``code`` and ``params`` say how, for translation.

    Codes: ``malformed`` (not the method's JSON shape), ``unknown_item``,
    ``duplicate_item``, ``not_a_number``, ``negative``, ``rank_out_of_range``,
    ``too_many_dots``, ``score_out_of_range``, ``nothing_chosen``.
    """

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def __repr__(self) -> str:
        return f"BallotProblem({self.code!r}, **{self.params!r})"


def dots_allowed(settings: Mapping[str, Any]) -> int:
    """The dots each member may spend in a dot-voting round."""
    return int(settings.get("dots", DEFAULT_DOTS))


def max_score(settings: Mapping[str, Any]) -> int:
    """The highest score in a score round; the lowest is always 0."""
    return int(settings.get("max_score", DEFAULT_MAX_SCORE))


def whole_number(text: str, field: str) -> int | None:
    """A form field as a whole number: blank is ``None``; "-2" is -2; "two" is a problem.

    Any script's decimal digits count (people type what their keyboard has).
    """
    stripped = text.strip()
    if not stripped:
        return None
    sign = -1 if stripped[:1] in ("-", "\u2212") else 1
    digits = stripped[1:].strip() if sign < 0 else stripped
    if not digits.isdecimal():
        raise BallotProblem("not_a_number", item=field, value=stripped)
    if len(digits) > MOST_DIGITS:
        return sign * 10**MOST_DIGITS
    return sign * int(digits)


def _is_number(value: object) -> bool:
    # JSON true/false load as bool, a subclass of int: a ballot never means 1 by "true".
    return isinstance(value, int) and not isinstance(value, bool)


def _known(candidates: Collection[str], key: object) -> str:
    if not isinstance(key, str):
        raise BallotProblem("malformed")
    if key not in candidates:
        raise BallotProblem("unknown_item", item=key)
    return key


def check_ranked(candidates: Sequence[str], content: object, *, require_choice: bool) -> Ranked:
    """Tiers of known keys, each key at most once; empty tiers dropped, keys in round order."""
    if not isinstance(content, list) or not all(isinstance(tier, list) for tier in content):
        raise BallotProblem("malformed")
    position = {key: number for number, key in enumerate(candidates)}
    seen: set[str] = set()
    tiers: Ranked = []
    for tier in content:
        for key in tier:
            _known(position, key)
            if key in seen:
                raise BallotProblem("duplicate_item", item=key)
            seen.add(key)
        if tier:
            tiers.append(sorted(tier, key=position.__getitem__))
    if require_choice and not tiers:
        raise BallotProblem("nothing_chosen")
    return tiers


def check_approval(candidates: Sequence[str], content: object, *, require_choice: bool) -> Approval:
    """Known keys, each at most once, in round order."""
    if not isinstance(content, list):
        raise BallotProblem("malformed")
    seen: set[str] = set()
    for key in content:
        _known(candidates, key)
        if key in seen:
            raise BallotProblem("duplicate_item", item=key)
        seen.add(key)
    if require_choice and not seen:
        raise BallotProblem("nothing_chosen")
    return [key for key in candidates if key in seen]


def _numbers_by_key(candidates: Collection[str], content: object) -> Iterator[tuple[str, int]]:
    """A dots or score ballot's entries, each a known key and a whole number.

    Lazy, so the caller's own check on one entry (negative, out of range) is the problem
    reported before a later entry is looked at.
    """
    if not isinstance(content, dict):
        raise BallotProblem("malformed")
    for key, value in content.items():
        _known(candidates, key)
        if not _is_number(value):
            raise BallotProblem("not_a_number", item=key, value=value)
        yield key, value


def check_dots(
    candidates: Sequence[str], content: object, dots: int, *, require_choice: bool
) -> Dots:
    """Whole, non-negative dots on known keys, at most ``dots`` in all; zeros dropped."""
    given: Dots = {}
    for key, value in _numbers_by_key(candidates, content):
        if value < 0:
            raise BallotProblem("negative", item=key, value=value)
        given[key] = value
    spent = sum(given.values())
    if spent > dots:
        raise BallotProblem("too_many_dots", most=dots, spent=spent)
    if require_choice and spent == 0:
        raise BallotProblem("nothing_chosen")
    return {key: given[key] for key in candidates if given.get(key, 0) > 0}


def check_scores(
    candidates: Sequence[str], content: object, highest: int, *, require_choice: bool
) -> Scores:
    """Whole scores 0..``highest`` on known keys; keys left out are not scored (not 0)."""
    given: Scores = {}
    for key, value in _numbers_by_key(candidates, content):
        if not 0 <= value <= highest:
            raise BallotProblem("score_out_of_range", item=key, value=value, most=highest)
        given[key] = value
    if require_choice and not given:
        raise BallotProblem("nothing_chosen")
    return {key: given[key] for key in candidates if key in given}


def first_value(form: Mapping[str, Sequence[str]], field: str) -> str:
    """A form field's first value, as Werkzeug's ``MultiDict.get`` reads it; absent is ""."""
    values = form.get(field) or [""]
    return values[0]


def unknown_fields(candidates: Sequence[str], form: Mapping[str, object], prefix: str) -> None:
    """A ``<prefix><key>`` field for a key not on the ballot means a stale or forged form."""
    known = set(candidates)
    for field in form:
        if field.startswith(prefix) and field[len(prefix) :] not in known:
            raise BallotProblem("unknown_item", item=field[len(prefix) :])
