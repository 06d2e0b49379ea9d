"""A three-question check-in survey in English and Spanish, open, for the SMS tests."""

from __future__ import annotations

from engage.extensions import db
from engage.surveys import services
from engage.surveys.models import Survey
from engage.surveys.services import ChoiceInput, QuestionInput

QUESTION_TEXTS = {
    "ease": {"en": "How easy was it to get care?", "es": "¿Qué tan fácil fue recibir atención?"},
    "interpreter": {"en": "Did you need an interpreter?", "es": "¿Necesitó un intérprete?"},
    "visits": {"en": "How many visits this year?", "es": "¿Cuántas visitas este año?"},
}
THANK_YOU = {"en": "Thank you for helping the clinic!", "es": "¡Gracias por ayudar a la clínica!"}


def make_checkin_survey(slug: str = "checkin", *, visits_required: bool = False) -> Survey:
    """ease (single, required), interpreter (yes/no, required), visits (number 0-50)."""
    survey = services.create_survey(
        slug,
        {"en": f"Check-in {slug}", "es": f"Consulta {slug}"},
        base_language="en",
        languages=["en", "es"],
        thank_you=THANK_YOU,
    )
    services.add_question(
        survey,
        QuestionInput(
            key="ease",
            type="single",
            required=True,
            text=QUESTION_TEXTS["ease"],
            choices=[
                ChoiceInput("easy", {"en": "Easy", "es": "Fácil"}),
                ChoiceInput("ok", {"en": "OK", "es": "Regular"}),
                ChoiceInput("hard", {"en": "Hard", "es": "Difícil"}),
            ],
        ),
    )
    services.add_question(
        survey,
        QuestionInput(
            key="interpreter",
            type="yes_no",
            required=True,
            text=QUESTION_TEXTS["interpreter"],
        ),
    )
    services.add_question(
        survey,
        QuestionInput(
            key="visits",
            type="number",
            required=visits_required,
            text=QUESTION_TEXTS["visits"],
            settings={"min": 0, "max": 50},
        ),
    )
    services.open_survey(survey)
    db.session.commit()
    return survey
