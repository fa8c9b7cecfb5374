"""Dutch words to the stems both sides of a search compare: the Snowball Dutch (Porter) stemmer, the same
algorithm as PostgreSQL's 'dutch' configuration, after folding case and diacritics (coördinator, coordinator)."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

WORD = re.compile(r"[^\W_]+")
MAX_QUERY_TERMS = 8
_stemmer = snowballstemmer.stemmer("dutch_porter")


def fold(text: str) -> str:
    """Lower case without diacritics."""
    if text.isascii():  # most Dutch text: nothing to decompose
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return _stemmer.stemWord(word)


def stems(text: str) -> str:
    """The text as space-separated stems, for the SQLite index."""
    return " ".join(stem(word) for word in WORD.findall(fold(text or "")))


def query_words(query: str) -> list[str]:
    """The words of a user's query, folded, each once, in order, at most MAX_QUERY_TERMS (each backend
    stems them itself)."""
    return list(dict.fromkeys(WORD.findall(fold(query or ""))))[:MAX_QUERY_TERMS]
