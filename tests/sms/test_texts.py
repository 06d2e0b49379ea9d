"""System texts: every one in every language fits its segments and carries no health information."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from babel.messages.extract import extract_from_file

from engage import create_app
from engage.config import ConfigurationError, load_settings
from engage.core.i18n import LANGUAGE_NAMES
from engage.sms import texts
from engage.sms.segments import describe
from engage.sms.texts import ALLOWED_PARAMETERS, CALLER_PARAMETERS, SystemText, system_text
from engage.surveys.responses import personal_link_token

LANGUAGES = ["en", "es", "vi", "zh_Hans", "ar"]
TRANSLATIONS = Path(__file__).resolve().parents[2] / "engage" / "translations"
LINKED = [name for name in SystemText if "link" in CALLER_PARAMETERS[name]]


@pytest.fixture(scope="module")
def texts_app():
    """One app for the read-only renders: texts read settings, never the database."""
    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": "sqlite://",
        }
    )


def limit(name: SystemText) -> int:
    return 1 if name is SystemText.HELP else 2


def survey_link(app) -> str:
    """A personal survey link as a text carries it: the public URL, a slug, a signed token."""
    token = personal_link_token(123456, 42)
    return f"{app.config['ENGAGE_PUBLIC_URL']}/s/clinic-visits-2026/p/{token}"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", list(SystemText))
def test_every_text_fits_its_segments_in_every_language(texts_app, name, language):
    with texts_app.test_request_context():
        text = system_text(name, language)
    info = describe(text)
    assert text.strip()
    assert info.segments <= limit(name), (name, language, info, text)
    if language == "en":
        assert info.encoding == "GSM-7", info.non_gsm


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", LINKED)
def test_a_text_with_a_survey_link_fits_two_segments(texts_app, name, language):
    with texts_app.test_request_context():
        link = survey_link(texts_app)
        text = system_text(name, language, link=link)
    assert link in text
    assert describe(text).segments <= 2, (
        f"{name} in {language} with a {len(link)}-character link is {describe(text)}: "
        "shorten the translation or the link"
    )


def test_help_says_who_how_often_what_it_costs_and_how_to_stop(texts_app):
    with texts_app.test_request_context():
        text = system_text(SystemText.HELP, "en")
    assert "Valley CHC" in text
    assert "(617) 555-0100" in text
    assert "up to 3 msgs/wk" in text
    assert "Msg & data rates may apply" in text
    assert "Reply STOP to stop" in text
    assert describe(text).segments == 1


def test_help_in_english_fits_one_segment_even_with_the_full_clinic_name(app):
    app.config["ENGAGE_CLINIC_SHORT_NAME"] = app.config["ENGAGE_CLINIC_NAME"]
    with app.test_request_context():
        text = system_text(SystemText.HELP, "en")
    assert "Valley Community Health Center" in text
    assert describe(text).segments == 1


def test_help_follows_the_weekly_cap(app):
    app.config["ENGAGE_SMS_WEEKLY_CAP"] = 1
    with app.app_context():
        assert "up to 1 msg/wk" in system_text(SystemText.HELP, "en")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_help_text_names_the_clinic_and_its_phone_in_every_language(texts_app, language):
    with texts_app.test_request_context():
        text = system_text(SystemText.HELP, language)
    assert texts_app.config["ENGAGE_CLINIC_SHORT_NAME"] in text
    assert texts_app.config["ENGAGE_CLINIC_PHONE"] in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_language_changed_text_names_the_new_language(texts_app, language):
    with texts_app.test_request_context():
        assert LANGUAGE_NAMES[language] in system_text(SystemText.LANGUAGE_CHANGED, language)


def test_a_language_not_offered_falls_back_to_english(texts_app):
    with texts_app.test_request_context():
        assert system_text(SystemText.HELP, "fr") == system_text(SystemText.HELP, "en")


def test_texts_render_outside_a_request_as_a_worker_does(texts_app):
    with texts_app.app_context():
        assert "STOP" in system_text("opt_in_confirmation", "en")


def test_rendering_leaves_the_page_language_alone(texts_app):
    from flask_babel import get_locale

    with texts_app.test_request_context("/?lang=es"):
        before = str(get_locale())
        system_text(SystemText.HELP, "vi")
        assert str(get_locale()) == before == "es"


# --- no health information -----------------------------------------------------------------


def test_each_text_accepts_only_allowed_parameters():
    for name in SystemText:
        assert CALLER_PARAMETERS[name] <= ALLOWED_PARAMETERS, name


def test_the_wording_uses_only_allowed_placeholders():
    source = Path(texts.__file__).read_text(encoding="utf-8")
    placeholders = set(re.findall(r"%\((\w+)\)[sd]", source))
    assert placeholders
    assert placeholders <= ALLOWED_PARAMETERS


@pytest.mark.parametrize("name", list(SystemText))
@pytest.mark.parametrize(
    "personal",
    [
        {"name": "Maria Lopez"},
        {"first_name": "Maria"},
        {"participant": "Maria"},
        {"date_of_birth": "1980-01-02"},
        {"dob": "1980-01-02"},
        {"answers": "diabetes"},
        {"answer": "3"},
        {"clinic": "Diabetes Clinic"},  # the clinic comes from the settings, never a caller
    ],
)
def test_a_participant_detail_is_refused(texts_app, name, personal):
    with texts_app.test_request_context(), pytest.raises(TypeError):
        system_text(name, "en", **personal)


def test_an_unknown_text_is_refused(texts_app):
    with texts_app.test_request_context(), pytest.raises(ValueError):
        system_text("your_lab_results", "en")


# --- the catalogs, once the lead translates them ----------------------------------------------


def _sms_messages() -> list[tuple[str, ...]]:
    found = []
    for _line, message, _comments, _context in extract_from_file(
        "python", texts.__file__, keywords={"_": None, "ngettext": (1, 2)}
    ):
        found.append(message if isinstance(message, tuple) else (message,))
    return found


SAMPLE = {
    "clinic": "Valley CHC",
    "phone": "(617) 555-0100",
    "num": 3,
    "language": "English",
    "link": "http://127.0.0.1:5000/s/clinic-visits-2026/p/" + "x" * 61,
}


def test_every_text_is_a_catalog_message(texts_app):
    """Each English text is one extracted message filled in, so the lead can translate it."""
    sources = {variant % SAMPLE for message in _sms_messages() for variant in message}
    with texts_app.app_context():
        for name in SystemText:
            assert system_text(name, "en") in sources, name
            if name in LINKED:
                assert system_text(name, "en", link=SAMPLE["link"]) in sources, name


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != "en"])
def test_translated_texts_fit_their_segments(texts_app, language):
    """Vacuous until the catalogs hold these texts; then it checks every translation."""
    catalog = polib.pofile(str(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"))
    entries = {entry.msgid: entry for entry in catalog if not entry.obsolete}
    with texts_app.app_context():
        help_english = system_text(SystemText.HELP, "en")
    for message in _sms_messages():
        entry = entries.get(message[0])
        if entry is None or "fuzzy" in entry.flags:
            continue
        translations = list(entry.msgstr_plural.values()) if len(message) > 1 else [entry.msgstr]
        is_help = any(variant % SAMPLE == help_english for variant in message)
        for translation in filter(None, translations):
            info = describe(translation % SAMPLE)
            assert info.segments <= (1 if is_help else 2), (language, translation, info)


def test_the_short_name_setting_defaults_sensibly(tmp_path):
    assert load_settings(str(tmp_path), {})["ENGAGE_CLINIC_SHORT_NAME"] == "Valley CHC"
    own = load_settings(str(tmp_path), {"ENGAGE_CLINIC_NAME": "Riverside Clinic"})
    assert own["ENGAGE_CLINIC_SHORT_NAME"] == "Riverside Clinic"
    short = load_settings(
        str(tmp_path), {"ENGAGE_CLINIC_NAME": "Riverside Clinic", "ENGAGE_CLINIC_SHORT_NAME": "RC"}
    )
    assert short["ENGAGE_CLINIC_SHORT_NAME"] == "RC"


def _app_with(**settings: str):
    return create_app(
        {"TESTING": True, "SECRET_KEY": "test-secret", "SQLALCHEMY_DATABASE_URI": "sqlite://"}
        | settings
    )


def test_engage_refuses_to_start_when_help_would_not_fit_one_text():
    with pytest.raises(ConfigurationError) as refused:
        _app_with(ENGAGE_CLINIC_SHORT_NAME="Riverside Clinic")
    message = str(refused.value)
    assert "Tiếng Việt" in message and "العربية" in message
    assert "English" not in message  # English has room for it
    assert "at most 10 characters" in message


def test_the_longest_short_name_it_suggests_does_fit():
    app = _app_with(ENGAGE_CLINIC_SHORT_NAME="Codman CHC")
    with app.app_context():
        for language in LANGUAGES:
            assert describe(system_text(SystemText.HELP, language)).segments == 1


def test_a_phone_too_long_for_help_says_to_shorten_the_phone():
    with pytest.raises(ConfigurationError, match="Shorten ENGAGE_CLINIC_PHONE"):
        _app_with(ENGAGE_CLINIC_PHONE="+1 (617) 555-0100 ext. 2045 (Mon-Fri 9-5)")
