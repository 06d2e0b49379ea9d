"""What an answer does to a response: the rules both channels and both storage paths share.

Pure functions over a version's :class:`QuestionSpec` list and a response's answers as a
``{question key: value}`` map (``None`` is an optional question the person skipped).
``engage.surveys.responses`` applies them to ORM rows for the web runner; the SMS answer
step (``engage.sms.answer_step``) applies them to plain rows. Keeping them here means
"which question comes next" and "which answers a change hides" have one definition.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from engage.surveys.question_types import AnswerProblem, QuestionSpec, Value, check_answer

Answers = Mapping[str, Value]


def shown_keys(specs: Sequence[QuestionSpec], answers: Answers) -> list[str]:
    """Keys of the questions shown, given these answers, in the survey's order."""
    return [spec.key for spec in specs if spec.is_shown(answers)]


def next_key(specs: Sequence[QuestionSpec], answers: Answers) -> str | None:
    """The first shown question with no answer yet (a skip counts as one), or None."""
    return next((key for key in shown_keys(specs, answers) if key not in answers), None)


def missing_required(specs: Sequence[QuestionSpec], answers: Answers) -> list[str]:
    """Keys of shown required questions still without an answer."""
    return [
        spec.key
        for spec in specs
        if spec.required and spec.is_shown(answers) and answers.get(spec.key) is None
    ]


def without_hidden(specs: Sequence[QuestionSpec], answers: Answers) -> dict[str, Value]:
    """The answers left once those to hidden questions are dropped, until nothing changes
    (dropping one answer may hide a question that depended on it)."""
    kept = dict(answers)
    while True:
        hidden = {spec.key for spec in specs if not spec.is_shown(kept)} & kept.keys()
        if not hidden:
            return kept
        for key in hidden:
            del kept[key]


def apply_answer(
    specs: Sequence[QuestionSpec], answers: Answers, key: str, raw: Value
) -> tuple[Value, dict[str, Value]]:
    """The normalized value of ``raw`` for question ``key``, and all the answers after it.

    Raises :class:`AnswerProblem` when the answer does not fit or the question is not in
    the version (``unknown_question``); the caller then writes nothing.
    """
    spec = next((s for s in specs if s.key == key), None)
    if spec is None:
        raise AnswerProblem("unknown_question")
    others = {k: v for k, v in answers.items() if k != key}
    value = check_answer(spec, raw, others)
    return value, without_hidden(specs, {**others, key: value})
