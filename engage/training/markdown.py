"""Module bodies: Markdown an admin writes, rendered to HTML that cannot run or restyle.

Two layers, so neither has to be perfect: markdown-it-py in CommonMark mode with raw
HTML switched off turns ``<script>`` into visible text, and nh3 (the ammonia sanitiser)
then keeps only ordinary tags and link schemes. A body is never turned into HTML by hand.
"""

from __future__ import annotations

import re

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

ALLOWED_TAGS = frozenset(
    {
        "p",
        "h2",
        "h3",
        "h4",
        "ul",
        "ol",
        "li",
        "strong",
        "em",
        "a",
        "blockquote",
        "code",
        "pre",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "hr",
        "br",
    }
)
ALLOWED_ATTRIBUTES = {"a": {"href"}}
# No javascript:, data: or vbscript: links; relative links are dropped too (url_relative).
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
# Their content goes with them, so no script text is left lying on the page.
DROPPED_WITH_CONTENT = frozenset({"script", "style"})

_HEADING = re.compile(r"<h([1-6])>")
_HEADING_TAG = re.compile(r"<(/?)h([1-6])>")
_parser = MarkdownIt("commonmark", {"html": False}).enable("table")
_cleaner = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(DROPPED_WITH_CONTENT),
    attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    url_schemes=set(ALLOWED_SCHEMES),
    link_rel="noopener noreferrer",
    url_relative="deny",
)


def render_markdown(source: str) -> Markup:
    """Safe HTML for a module body, its headings moved so the first level used is ``h2``.

    The page's title is its only ``h1``; whether the author started at ``#`` or ``##``,
    the body's sections come right under it (``h2``), and nothing goes deeper than ``h4``.
    """
    html = _parser.render(source or "")
    levels = [int(level) for level in _HEADING.findall(html)]
    if levels:
        shift = 2 - min(levels)
        html = _HEADING_TAG.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + shift, 4)}>", html)
    return Markup(_cleaner.clean(html))  # noqa: S704  (sanitised by nh3 just now)
