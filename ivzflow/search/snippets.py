"""Highlighted snippets: the words that match the query, escaped, in <mark>.

A word matches as in the database: its Dutch stem starts with the stem of a query word (MIN_PREFIX and
longer; a shorter one must be equal). Only the shown window is stemmed; the first match in a long text is
looked for with a cheap pattern of the query's stems and words first.
"""
from __future__ import annotations

import re

from markupsafe import Markup, escape

from ivzflow.search.backends import MIN_PREFIX
from ivzflow.search.stemming import WORD, fold, stem

WIDTH = 220  # characters of text around the first match
_SPACE = re.compile(r"\s+")


class Matcher:
    def __init__(self, words: list[str]):
        self.terms = [stem(w) for w in words]
        hints = sorted({*self.terms, *words} - {""}, key=len, reverse=True)
        self.hint = re.compile(r"\b(?:" + "|".join(re.escape(h) for h in hints) + r")") if hints else None

    def matches(self, word: str) -> bool:
        found = stem(fold(word))
        return any(found.startswith(t) if len(t) >= MIN_PREFIX else found == t for t in self.terms)

    def mark(self, text: str) -> Markup:
        out, last = [], 0
        for word in WORD.finditer(text):
            if self.matches(word.group()):
                out += [escape(text[last:word.start()]), Markup("<mark>"), escape(word.group()), Markup("</mark>")]
                last = word.end()
        out.append(escape(text[last:]))
        return Markup("").join(out)

    def first(self, text: str) -> int:
        """Where the first matching word starts, or 0."""
        if self.hint is None:
            return 0
        folded = fold(text)
        if len(folded) != len(text):  # a character that folds to several: positions would not line up
            folded = text.lower()
        for candidate in self.hint.finditer(folded):
            word = WORD.match(text, candidate.start())
            if word and self.matches(word.group()):
                return candidate.start()
        return 0


def highlight(title: str, matcher: Matcher) -> Markup:
    return matcher.mark(title)


def snippet(text: str | None, matcher: Matcher) -> Markup:
    """A window of the text around the first matching word (or its start), with ellipses where it is cut."""
    text = _SPACE.sub(" ", text or "").strip()
    if not text:
        return Markup("")
    start = max(0, matcher.first(text) - WIDTH // 3)
    if start:  # begin at a word
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 30 else start
    end = min(len(text), start + WIDTH)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start + WIDTH // 2 else end
    return Markup("").join([Markup("… ") if start else Markup(""), matcher.mark(text[start:end]),
                            Markup(" …") if end < len(text) else Markup("")])
