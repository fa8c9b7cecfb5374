"""Whole numbers from text that a browser or an API client sent (ids, page numbers, years, days)."""
from __future__ import annotations

MAX_ID = 2**31 - 1  # the largest value of an integer column on every database ivzflow runs on


def whole_number(raw, low: int = 0, high: int = MAX_ID) -> int | None:
    """The number written in ASCII digits, when it lies from low to high; None for anything else.

    str.isdigit() alone lets through '²' (which int() refuses) and digits of other scripts, and a long
    run of digits is too large for the database: both ended in a 500.
    """
    text = str(raw) if isinstance(raw, (str, int)) and not isinstance(raw, bool) else ""
    if not text or len(text) > 12 or not text.isascii() or not text.isdigit():
        return None
    value = int(text)
    return value if low <= value <= high else None
