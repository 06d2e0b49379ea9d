"""Which language a page is shown in, and how the switcher links are made."""

from __future__ import annotations

from flask import current_app, g, has_request_context, request, session, url_for
from flask_login import current_user

# Each language is named in its own script, so a person finds theirs whatever the page shows.
LANGUAGE_NAMES: dict[str, str] = {
    "en": "English",
    "es": "Español",
    "vi": "Tiếng Việt",
    "zh_Hans": "中文（简体）",
    "ar": "العربية",
}

RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur"})

# Browser tags that mean a language engage offers under another code.
_ACCEPT_ALIASES = {"zh": "zh_Hans", "zh-cn": "zh_Hans", "zh-sg": "zh_Hans", "zh-hans": "zh_Hans"}


def offered_languages() -> list[str]:
    return list(current_app.config["ENGAGE_LANGUAGES"])


def language_choices() -> list[tuple[str, str]]:
    return [(code, LANGUAGE_NAMES.get(code, code)) for code in offered_languages()]


def normalize_language(value: str | None) -> str | None:
    """The offered language code that ``value`` names (a code, a tag or an endonym), or None."""
    if not value:
        return None
    cleaned = value.strip().replace("_", "-").lower()
    offered = offered_languages()
    by_key = {code.replace("_", "-").lower(): code for code in offered}
    by_key.update({name.lower(): code for code, name in LANGUAGE_NAMES.items() if code in offered})
    if cleaned in by_key:
        return by_key[cleaned]
    alias = _ACCEPT_ALIASES.get(cleaned) or _ACCEPT_ALIASES.get(cleaned.split("-")[0])
    if alias in offered:
        return alias
    primary = cleaned.split("-")[0]
    return by_key.get(primary)


def select_locale() -> str:
    """``?lang=`` (remembered), the person's own preference, the browser, then English."""
    if not has_request_context():  # the CLI and background work speak English
        return "en"
    asked = normalize_language(request.args.get("lang"))
    if asked:
        session["lang"] = asked
        return asked
    remembered = normalize_language(session.get("lang"))
    if remembered:
        return remembered
    if current_user.is_authenticated:
        preferred = normalize_language(current_user.preferred_language)
        if preferred:
            return preferred
    participant_language = normalize_language(g.get("participant_language"))
    if participant_language:
        return participant_language
    for tag, _quality in request.accept_languages:
        matched = normalize_language(tag)
        if matched:
            return matched
    return "en"


def html_lang(code: str) -> str:
    """BCP 47 tag for ``<html lang>``: ``zh_Hans`` becomes ``zh-Hans``."""
    return code.replace("_", "-")


def text_direction(code: str) -> str:
    return "rtl" if code.split("_")[0] in RTL_LANGUAGES else "ltr"


def switch_language_url(code: str) -> str:
    """The current page in another language (GET pages keep their query)."""
    args = request.args.to_dict()
    args["lang"] = code
    endpoint = request.endpoint
    if request.method != "GET" or endpoint is None:
        return url_for("core.home", lang=code)
    return url_for(endpoint, **(request.view_args or {}), **args)
