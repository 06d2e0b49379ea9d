"""Forms for "you said, we did": the lead's sentence, each language's texts, and sending.

The texts form has two fields per offered language (``sms_<code>`` and ``public_<code>``),
so its class is built for the languages the clinic offers rather than written out.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from engage.backlog.loop import FALLBACK_LANGUAGE, MAX_PUBLIC, MAX_UPDATE
from engage.core.i18n import LANGUAGE_NAMES

# Twilio takes at most 1,600 characters; the segment rule refuses far less, with a reason.
MAX_TEXT_FIELD = 1600


class LoopDraftForm(FlaskForm):
    update = TextAreaField(
        _l("What we changed"),
        validators=[
            DataRequired(message=_l("Write what changed, in a sentence or two.")),
            Length(
                max=MAX_UPDATE,
                message=_l("Keep the update to %(max)d characters; the page text can say more."),
            ),
        ],
        description=_l(
            "One or two plain sentences in English, the same for everyone: no names, nothing "
            "about anyone's health. engage frames it and drafts it in every language; you can "
            "edit each language before it is sent."
        ),
    )
    submit = SubmitField(_l("Draft the update"))


class SendForm(FlaskForm):
    submit = SubmitField(_l("Send to everyone listed"))


class LoopTextsForm(FlaskForm):
    """Base of :func:`texts_form`; the per-language fields are added there."""

    published = BooleanField(
        _l('Show on the public "What we changed" page'),
        description=_l("It appears there once the update is sent."),
    )
    submit = SubmitField(_l("Save the texts"))


def texts_form(languages: Iterable[str], *, sms: bool) -> type[LoopTextsForm]:
    """A texts form for ``languages``; without ``sms`` (after sending) only the page texts."""
    fields: dict[str, object] = {}
    for code in languages:
        name = LANGUAGE_NAMES.get(code, code)
        if sms:
            fields[f"sms_{code}"] = TextAreaField(
                _l("Text message in %(language)s", language=name),
                validators=[Optional(), Length(max=MAX_TEXT_FIELD)],
                description=_l("Goes to everyone whose language has no text of its own.")
                if code == FALLBACK_LANGUAGE
                else _l(
                    "Leave it blank to send the English text to people who prefer %(language)s.",
                    language=name,
                ),
            )
        fields[f"public_{code}"] = TextAreaField(
            _l("Page text in %(language)s", language=name),
            validators=[
                Optional(),
                Length(
                    max=MAX_PUBLIC,
                    message=_l("A page text is at most %(max)d characters."),
                ),
            ],
        )
    return type("LoopTexts", (LoopTextsForm,), fields)
