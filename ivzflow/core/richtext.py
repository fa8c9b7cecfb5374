"""Formatted text (project texts, decision summaries): one cleaner, applied on write and again on render.

Users may type HTML with a few tags, or plain text: a blank line starts a paragraph, lines starting with
"- " or "* " become a bulleted list and "1. " a numbered one. Either way the result passes through nh3
with an allow-list, so only these tags (and links with an href) are ever stored or shown.
"""
from __future__ import annotations

import re

import nh3
from markupsafe import Markup, escape

ALLOWED_TAGS = {"p", "ul", "ol", "li", "strong", "em", "a", "h3", "h4", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
_BULLET = re.compile(r"^\s*[-*•]\s+")
_NUMBER = re.compile(r"^\s*\d+[.)]\s+")


def clean_html(text: str | None) -> str | None:
    """Sanitised HTML for storing, or None when nothing is left."""
    if text is None or not text.strip():
        return None
    html = text if _TAG.search(text) else _from_plain(text)
    cleaned = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                        clean_content_tags={"script", "style"}, link_rel="noopener noreferrer").strip()
    return cleaned or None


def render(text: str | None) -> Markup:
    """For templates: sanitise again (cheap; guards rows written outside the services) and mark safe."""
    return Markup(clean_html(text) or "")  # nosec B704: nh3 allow-list output


def _from_plain(text: str) -> str:
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    return "".join(_block(block.split("\n")) for block in blocks)


def _block(lines: list[str]) -> str:
    if all(_BULLET.match(line) for line in lines):
        return "<ul>" + "".join(f"<li>{escape(_BULLET.sub('', line))}</li>" for line in lines) + "</ul>"
    if all(_NUMBER.match(line) for line in lines):
        return "<ol>" + "".join(f"<li>{escape(_NUMBER.sub('', line))}</li>" for line in lines) + "</ol>"
    return "<p>" + "<br>".join(str(escape(line.strip())) for line in lines) + "</p>"
