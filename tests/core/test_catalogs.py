"""Every catalog is complete, and no template text escapes translation."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "engage" / "translations"
LANGUAGES = ["es", "vi", "zh_Hans", "ar"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_is_complete(language):
    catalog = polib.pofile(str(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"))
    assert [entry.msgid for entry in catalog.untranslated_entries()] == []
    assert [entry.msgid for entry in catalog.fuzzy_entries()] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_covers_every_extracted_string(language):
    template = polib.pofile(str(TRANSLATIONS / "messages.pot"))
    catalog = polib.pofile(str(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"))
    translated = {entry.msgid for entry in catalog if not entry.obsolete}
    assert sorted({entry.msgid for entry in template} - translated) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_survive_translation(language):
    catalog = polib.pofile(str(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"))
    pattern = re.compile(r"%\(\w+\)[sd]")
    for entry in catalog:
        expected = sorted(pattern.findall(entry.msgid))
        strings = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in filter(None, strings):  # untranslated entries fail test_catalog_is_complete
            found = sorted(set(pattern.findall(text)))
            assert set(found) <= set(expected) and (found or not expected or entry.msgid_plural), (
                entry.msgid,
                text,
            )


def test_the_template_catalog_is_up_to_date():
    """Run ``make translations`` after changing a string; this catches forgetting to."""
    from babel.messages.extract import extract_from_dir

    method_map = [("engage/**.py", "python"), ("engage/**/templates/**.html", "jinja2")]
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map=method_map, keywords=keywords
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    template = {entry.msgid for entry in polib.pofile(str(TRANSLATIONS / "messages.pot"))}
    assert sorted(found - template) == []


# Text that is the same in every language: the product's name, symbols and punctuation.
ALLOWED_LITERALS = {"engage"}


class _TextCollector(HTMLParser):
    LOCALIZED_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt", "value")

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_data(self, data: str) -> None:
        self._check(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in self.LOCALIZED_ATTRIBUTES and value:
                self._check(value)

    def _check(self, text: str) -> None:
        for word in re.findall(r"[^\W\d_]{2,}", text):
            if word not in ALLOWED_LITERALS:
                self.found.append(text.strip())
                return


def _untranslated_text(source: str) -> list[str]:
    without_jinja = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", " ", source, flags=re.S)
    collector = _TextCollector()
    collector.feed(without_jinja)
    return collector.found


TEMPLATES = sorted((ROOT / "engage").glob("**/templates/**/*.html"))


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: str(path.relative_to(ROOT)))
def test_template_has_no_text_outside_translation(template):
    assert _untranslated_text(template.read_text()) == []


def test_the_template_check_catches_plain_text():
    assert _untranslated_text('<p>Hello {{ _("World") }}</p><input placeholder="Search">') == [
        "Hello",
        "Search",
    ]


# Each catalog must be written in its own script: a mix-up of files shows up here.
SCRIPTS = {
    "es": re.compile(r"[A-Za-zÁÉÍÓÚÑáéíóúñü]"),
    "vi": re.compile(r"[A-Za-zÀ-ỹ]"),
    "zh_Hans": re.compile(r"[\u4e00-\u9fff]"),
    "ar": re.compile(r"[\u0600-\u06ff]"),
}
FOREIGN = {
    "es": re.compile(r"[\u4e00-\u9fff\u0600-\u06ff]"),
    "vi": re.compile(r"[\u4e00-\u9fff\u0600-\u06ff]"),
    "zh_Hans": re.compile(r"[\u0600-\u06ff]"),
    "ar": re.compile(r"[\u4e00-\u9fff]"),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_is_in_its_own_script(language):
    catalog = polib.pofile(str(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"))
    texts = [entry.msgstr for entry in catalog if entry.msgstr and not entry.obsolete]
    assert [text for text in texts if FOREIGN[language].search(text)] == []
    in_script = [text for text in texts if SCRIPTS[language].search(text)]
    assert len(in_script) >= 0.9 * len(texts)
