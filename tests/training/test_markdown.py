"""Module bodies render as safe HTML, whatever an admin (or a pasted text) puts in them."""

from __future__ import annotations

from html.parser import HTMLParser

from engage.training.markdown import ALLOWED_TAGS, render_markdown

HOSTILE = """# Welcome

<script>alert("body")</script>

<style>body { display: none }</style>

<img src="x" onerror="alert('img')">

<p style="position:fixed;top:0">covering the page</p>

[click me](javascript:alert('link')) and [also](JaVaScRiPt:alert(1)) and
[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)

<a href="javascript:alert('raw')" onclick="alert(2)">raw link</a>

[the IHI](https://www.ihi.org/) · [write to us](mailto:qi@valleychc.example)
"""


class Elements(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Elements()
    parser.feed(html)
    return parser.found


def test_a_hostile_body_renders_harmless():
    html = str(render_markdown(HOSTILE))
    found = elements(html)
    tags = {tag for tag, _ in found}
    assert tags <= ALLOWED_TAGS
    assert "script" not in tags and "style" not in tags and "img" not in tags
    for tag, attrs in found:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert "style" not in attrs, (tag, attrs)
        if tag == "a":
            assert set(attrs) <= {"href", "rel"}
            href = attrs.get("href")
            assert href is None or href.startswith(("https://", "http://", "mailto:")), href
    # What is left of the raw HTML is visible text (escaped), never markup.
    lowered = html.lower()
    assert "<script" not in lowered and "<style" not in lowered and "<img" not in lowered
    assert '<a href="javascript' not in lowered and '<a href="data:' not in lowered


def test_ordinary_markdown_keeps_its_meaning():
    html = str(
        render_markdown(
            "# Plan\n\n## Do\n\nSome **bold** and *italic*.\n\n- one\n- two\n\n1. first\n\n"
            "> a patient said\n\n`code`\n\n---\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
            "[the IHI](https://www.ihi.org/)"
        )
    )
    assert "<h2>Plan</h2>" in html and "<h3>Do</h3>" in html  # the page's title is the h1
    for fragment in (
        "<strong>bold</strong>",
        "<em>italic</em>",
        "<ul>",
        "<ol>",
        "<blockquote>",
        "<code>code</code>",
        "<hr>",
        "<table>",
        "<td>1</td>",
    ):
        assert fragment in html, fragment
    assert '<a href="https://www.ihi.org/" rel="noopener noreferrer">the IHI</a>' in html


def test_a_link_keeps_only_safe_schemes_and_gets_noopener():
    links = [attrs for tag, attrs in elements(str(render_markdown(HOSTILE))) if tag == "a"]
    hrefs = [attrs.get("href") for attrs in links]
    assert "https://www.ihi.org/" in hrefs and "mailto:qi@valleychc.example" in hrefs
    assert all(attrs.get("rel") == "noopener noreferrer" for attrs in links)


def test_headings_start_at_h2_whatever_level_the_author_began_at():
    assert str(render_markdown("## Plan\n\n### Do\n\n##### Study")) == (
        "<h2>Plan</h2>\n<h3>Do</h3>\n<h4>Study</h4>\n"
    )
