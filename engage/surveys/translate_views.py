"""The translation screen: every text of a survey in its base language beside one other.

The target language is ``?language=es``, not ``?lang=``, which would switch the whole
interface into the language being translated into.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from werkzeug.wrappers import Response as BaseResponse

from engage.auth.roles import Role
from engage.core.access import roles_required
from engage.core.i18n import LANGUAGE_NAMES, text_direction
from engage.extensions import db
from engage.surveys import builder_bp, services
from engage.surveys.builder_forms import TranslationForm
from engage.surveys.builder_views import find_survey_or_404
from engage.surveys.models import Survey
from engage.surveys.services import SurveyRefused, TextSlot

FIELD_PREFIX = "text-"


@dataclass(frozen=True)
class TranslationRow:
    """One text on the screen: what it is, the original, and its translation so far."""

    where: str
    label: str
    original: str
    translation: str
    long: bool  # a textarea rather than a one-line input

    @property
    def missing(self) -> bool:
        return not self.translation.strip()

    @property
    def field_name(self) -> str:
        return FIELD_PREFIX + self.where


def _label(slot: TextSlot) -> str:
    if slot.choice is not None:
        return _("Answer %(choice)s of %(question)s", choice=slot.choice, question=slot.question)
    if slot.attribute == "help":
        return _("Help for %(question)s", question=slot.question)
    if slot.question is not None:
        return _("Question %(question)s", question=slot.question)
    return {
        "title": _("Title"),
        "intro": _("Introduction"),
        "thank_you": _("Thank-you message"),
    }[slot.attribute]


def _rows(survey: Survey, language: str) -> list[TranslationRow]:
    base = survey.base_language
    return [
        TranslationRow(
            where=slot.where,
            label=_label(slot),
            original=slot.texts[base],
            translation=slot.texts.get(language, ""),
            long=slot.attribute in ("intro", "thank_you", "help")
            or (slot.attribute == "text" and slot.choice is None),
        )
        for slot in services.text_slots(survey.current)
        if slot.texts.get(base)
    ]


def _target_language(survey: Survey, targets: list[str]) -> str | None:
    """The language asked for, else the first one with texts missing, else the first."""
    asked = request.args.get("language")
    if asked:
        if asked not in targets:
            abort(404)
        return asked
    incomplete = [code for code in targets if services.missing_translations(survey, code)]
    return (incomplete or targets or [None])[0]


@builder_bp.route("/<slug>/translate", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def translate(slug: str) -> tuple[str, int] | BaseResponse:
    survey = find_survey_or_404(slug)
    targets = [code for code in survey.languages if code != survey.base_language]
    language = _target_language(survey, targets)
    form = TranslationForm()
    if language is not None and form.validate_on_submit():
        texts = {
            name.removeprefix(FIELD_PREFIX): value
            for name, value in request.form.items()
            if name.startswith(FIELD_PREFIX)
        }
        try:
            changed = services.save_translations(survey, language, texts)
        except SurveyRefused as refused:
            db.session.rollback()
            form.form_errors.append(str(refused))
        else:
            db.session.commit()
            flash(ngettext("%(num)d text saved.", "%(num)d texts saved.", changed), "success")
            return redirect(url_for("surveys.translate", slug=survey.slug, language=language))
    rows = _rows(survey, language) if language else []
    others = [
        (code, LANGUAGE_NAMES.get(code, code), len(services.missing_translations(survey, code)))
        for code in targets
    ]
    status = 400 if form.errors or form.form_errors else 200
    return render_template(
        "surveys/builder/translate.html",
        survey=survey,
        form=form,
        language=language,
        rows=rows,
        missing=sum(1 for row in rows if row.missing),
        others=others,
        base=survey.base_language,
        language_names=LANGUAGE_NAMES,
        direction=text_direction,
    ), status
