"""Highlighted snippets: the words whose stems start with a query's stems, escaped and marked with <mark>.

Dutch Snowball stems are nearly always a prefix of the word they come from, so a word matches when it
starts with a stem; the database decided what matches, this only shows where.
"""
from __future__ import annotations

import re

from markupsafe import Markup, escape

from ivzflow.search.stemming import fold

WIDTH = 220  # characters of text around the first match
_SPACE = re.compile(r"\s+")


def _pattern(terms: list[str]) -> re.Pattern | None:
    terms = sorted({t for t in terms if t}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(t) for t in terms) + r")\w*") if terms else None


def _mark(text: str, pattern: re.Pattern | None) -> Markup:
    """The text escaped, its matching words in <mark>. Matching runs on the folded text (same length for
    Latin letters with diacritics after NFC; when lengths differ, nothing is marked rather than the wrong part)."""
    folded = fold(text)
    if pattern is None or len(folded) != len(text):
        return escape(text)
    out, last = [], 0
    for found in pattern.finditer(folded):
        out += [escape(text[last:found.start()]), Markup("<mark>"), escape(text[found.start():found.end()]),
                Markup("</mark>")]
        last = found.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def highlight(title: str, terms: list[str]) -> Markup:
    return _mark(title, _pattern(terms))


def snippet(text: str | None, terms: list[str]) -> Markup:
    """A window of the text around the first matching word (or its start), with ellipses where it is cut."""
    text = _SPACE.sub(" ", text or "").strip()
    if not text:
        return Markup("")
    pattern = _pattern(terms)
    found = pattern.search(fold(text)) if pattern else None
    start = max(0, (found.start() if found else 0) - WIDTH // 3)
    if start:  # begin at a word
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 30 else start
    end = min(len(text), start + WIDTH)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start + WIDTH // 2 else end
    window = _mark(text[start:end], pattern)
    return Markup("").join([Markup("… ") if start else Markup(""), window, Markup(" …") if end < len(text) else Markup("")])
