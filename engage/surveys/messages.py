"""What a person reads when an answer or a survey change is refused, in their language."""

from __future__ import annotations

from flask_babel import gettext as _

from engage.surveys.question_types import AnswerProblem


def answer_problem_message(problem: AnswerProblem) -> str:
    params = problem.params
    messages = {
        "required": lambda: _("Please answer this question."),
        "unknown_choice": lambda: _("Choose one of the answers shown."),
        "not_a_list": lambda: _("Choose one or more of the answers shown."),
        "duplicate_choice": lambda: _("Choose each answer only once."),
        "too_many": lambda: _("Choose at most %(most)s.", most=params.get("most")),
        "out_of_scale": lambda: _("Choose a number from 1 to %(most)s.", most=params.get("most")),
        "not_a_number": lambda: _("Enter a number."),
        "below_min": lambda: _("Enter %(least)s or more.", least=params.get("least")),
        "above_max": lambda: _("Enter %(most)s or less.", most=params.get("most")),
        "not_whole": lambda: _("Enter a whole number."),
        "not_yes_no": lambda: _("Answer yes or no."),
        "not_text": lambda: _("Enter some text."),
        "too_long": lambda: _(
            "Keep your answer under %(most)s characters.", most=params.get("most")
        ),
        "hidden_question": lambda: _("This question does not apply to your earlier answers."),
        "already_completed": lambda: _("You have already finished this survey. Thank you!"),
        "unknown_question": lambda: _("This question is no longer part of the survey."),
    }
    return messages.get(problem.code, lambda: _("This answer does not fit the question."))()
