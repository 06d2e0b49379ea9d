"""The words of every text engage sends on its own: confirmations, help, re-prompts, reminders.

Each text is a gettext message, so it lives in the catalogs beside the web pages and
is rendered in the participant's language with ``force_locale``; an untranslated
text falls back to English, never to a blank.

Room is tight. HELP must fit one segment in every language (carriers ask for the
sender's name, a number to call, how often texts come, "Msg & data rates may
apply" and how to stop, all in one), every other text two. A translation that
uses a letter outside GSM-7 (Spanish á, every Vietnamese, Chinese and Arabic
text) travels as UCS-2: 70 characters in one segment, 134 in two. So texts name
the clinic by its short name (``ENGAGE_CLINIC_SHORT_NAME``, "Valley CHC"), use
plain straight apostrophes, and keep to a sentence or two; tests/sms/test_texts.py
checks every text in every offered language.

No text carries health information, so none takes a participant's name, birth
date or answers: the parameters a caller may pass are listed per text in
:data:`CALLER_PARAMETERS`, all drawn from :data:`ALLOWED_PARAMETERS`, and
:func:`system_text` refuses anything else. Links carry signed tokens; the page
behind a link shows the details.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping

from flask import current_app
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _

from engage.config import ConfigurationError
from engage.core.i18n import LANGUAGE_NAMES, offered_languages
from engage.sms.segments import GSM7_SINGLE, UCS2_SINGLE, describe


class SystemText(enum.StrEnum):
    OPT_OUT_CONFIRMATION = "opt_out_confirmation"  # the one confirmation the FCC allows
    OPT_IN_CONFIRMATION = "opt_in_confirmation"
    HELP = "help"
    REPROMPT = "reprompt"  # opens a re-prompt; the caller adds what is expected
    THANK_YOU = "thank_you"  # when a survey has no thank-you of its own
    EXPIRED = "expired"
    UNKNOWN_NUMBER = "unknown_number"
    LANGUAGE_CHANGED = "language_changed"
    REMINDER = "reminder"
    INVITE = "invite"  # opens a campaign's first message; the first question may follow


# Everything a text may show besides its fixed words. None of these is about a person's
# health: the clinic's own name and phone, how many texts a week, a language's name, a link.
ALLOWED_PARAMETERS = frozenset({"clinic", "phone", "num", "language", "link"})

# What a caller may pass to each text; the clinic, phone, weekly count and language
# name are filled in from the settings and the language asked for.
CALLER_PARAMETERS: Mapping[SystemText, frozenset[str]] = {
    name: frozenset({"link"}) if name in {SystemText.INVITE, SystemText.REMINDER} else frozenset()
    for name in SystemText
}


def _opt_out_confirmation(p: Mapping[str, str | int]) -> str:
    return _(
        "%(clinic)s: You are unsubscribed and will get no more texts. "
        "Reply START to resubscribe. Questions? Call %(phone)s",
        clinic=p["clinic"],
        phone=p["phone"],
    )


def _opt_in_confirmation(p: Mapping[str, str | int]) -> str:
    return ngettext(
        "%(clinic)s: You will get texts again, up to %(num)d msg/wk. "
        "Msg & data rates may apply. Reply HELP for help, STOP to stop.",
        "%(clinic)s: You will get texts again, up to %(num)d msgs/wk. "
        "Msg & data rates may apply. Reply HELP for help, STOP to stop.",
        int(p["num"]),
        clinic=p["clinic"],
    )


def _help(p: Mapping[str, str | int]) -> str:
    return ngettext(
        "%(clinic)s check-ins: up to %(num)d msg/wk. Help: %(phone)s. "
        "Msg & data rates may apply. Reply STOP to stop.",
        "%(clinic)s check-ins: up to %(num)d msgs/wk. Help: %(phone)s. "
        "Msg & data rates may apply. Reply STOP to stop.",
        int(p["num"]),
        clinic=p["clinic"],
        phone=p["phone"],
    )


def _reprompt(p: Mapping[str, str | int]) -> str:
    return _("Sorry, we could not use that reply.")


def _thank_you(p: Mapping[str, str | int]) -> str:
    return _("Thank you! Your answers help %(clinic)s improve.", clinic=p["clinic"])


def _expired(p: Mapping[str, str | int]) -> str:
    return _(
        "%(clinic)s: These questions have closed because we did not hear back. "
        "Thank you for your time.",
        clinic=p["clinic"],
    )


def _unknown_number(p: Mapping[str, str | int]) -> str:
    return _(
        "%(clinic)s: This number is not on our list. "
        "To join our patient check-ins, call %(phone)s.",
        clinic=p["clinic"],
        phone=p["phone"],
    )


def _language_changed(p: Mapping[str, str | int]) -> str:
    return _(
        "%(clinic)s: We will text you in %(language)s from now on.",
        clinic=p["clinic"],
        language=p["language"],
    )


def _reminder(p: Mapping[str, str | int]) -> str:
    if "link" in p:
        return _(
            "%(clinic)s: We would still like to hear from you. "
            "Reply to our last question or go to %(link)s",
            clinic=p["clinic"],
            link=p["link"],
        )
    return _(
        "%(clinic)s: We would still like to hear from you. Please reply to our last question.",
        clinic=p["clinic"],
    )


def _invite(p: Mapping[str, str | int]) -> str:
    if "link" in p:
        return _(
            "%(clinic)s: Please answer a few short questions to help us improve, "
            "by text or at %(link)s Reply STOP to stop.",
            clinic=p["clinic"],
            link=p["link"],
        )
    return _(
        "%(clinic)s: Please answer a few short questions to help us improve. "
        "Msg & data rates may apply. Reply STOP to stop.",
        clinic=p["clinic"],
    )


_RENDERERS: Mapping[SystemText, Callable[[Mapping[str, str | int]], str]] = {
    SystemText.OPT_OUT_CONFIRMATION: _opt_out_confirmation,
    SystemText.OPT_IN_CONFIRMATION: _opt_in_confirmation,
    SystemText.HELP: _help,
    SystemText.REPROMPT: _reprompt,
    SystemText.THANK_YOU: _thank_you,
    SystemText.EXPIRED: _expired,
    SystemText.UNKNOWN_NUMBER: _unknown_number,
    SystemText.LANGUAGE_CHANGED: _language_changed,
    SystemText.REMINDER: _reminder,
    SystemText.INVITE: _invite,
}


def system_text(name: SystemText | str, language: str, **given: str | None) -> str:
    """The text ``name`` in ``language`` (English when it is not offered).

    Only the parameters in ``CALLER_PARAMETERS[name]`` are accepted (a ``link`` for
    an invite or a reminder); anything else, a participant's name say, is a
    ``TypeError``, so no caller can slip personal details into a text. A parameter
    given as None is left out (``link=None``: the wording without a link).
    """
    name = SystemText(name)
    params = {key: value for key, value in given.items() if value is not None}
    refused = set(params) - CALLER_PARAMETERS[name]
    if refused:
        raise TypeError(f"system text {name.value!r} takes no {', '.join(sorted(refused))}")
    if language not in offered_languages():
        language = "en"
    config = current_app.config
    values: dict[str, str | int] = {
        "clinic": config["ENGAGE_CLINIC_SHORT_NAME"],
        "phone": config["ENGAGE_CLINIC_PHONE"],
        "num": config["ENGAGE_SMS_WEEKLY_CAP"],
        "language": LANGUAGE_NAMES.get(language, language),
        **params,
    }
    with force_locale(language):
        return _RENDERERS[name](values)


def check_help_fits_one_segment() -> None:
    """Refuse to start when HELP would take two texts in any offered language.

    Carriers ask for HELP in one segment, and it carries the clinic's short name and
    phone, which are settings: a long name, or the full name taken when no short one is
    set, pushes the Vietnamese or Arabic HELP (70 characters in UCS-2) over. Saying so
    at start-up, with the length that fits, beats a HELP that splits in a patient's hand.
    Needs an app context.
    """
    name = str(current_app.config["ENGAGE_CLINIC_SHORT_NAME"])
    too_long: dict[str, int] = {}
    for language in offered_languages():
        cost = describe(system_text(SystemText.HELP, language))
        if cost.segments > 1:
            single = GSM7_SINGLE if cost.encoding == "GSM-7" else UCS2_SINGLE
            too_long[language] = single - (cost.characters - len(name))
    if not too_long:
        return
    room = min(too_long.values())
    languages = ", ".join(LANGUAGE_NAMES.get(code, code) for code in too_long)
    advice = (
        f"Set ENGAGE_CLINIC_SHORT_NAME to at most {room} characters (it names the clinic "
        "in every text), for example initials."
        if room > 0
        else "Shorten ENGAGE_CLINIC_PHONE (for example 617-555-0100)."
    )
    raise ConfigurationError(
        f"The HELP text, which carriers require to fit in one text message, takes two in "
        f"{languages} with ENGAGE_CLINIC_SHORT_NAME={name!r} and "
        f"ENGAGE_CLINIC_PHONE={current_app.config['ENGAGE_CLINIC_PHONE']!r}. {advice}"
    )
