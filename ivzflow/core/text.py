"""Plain text rules shared by every domain: a title or name is one line, without control characters."""
from __future__ import annotations

import re

from sqlalchemy import event

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def one_line(text: str | None) -> str | None:
    """The text with every run of control characters (newlines, tabs, ...) made one space. A title
    ends up in e-mail subjects, calendar files and headers, where a line break would break them."""
    if text is None:
        return None
    return re.sub(r"  +", " ", _CONTROL.sub(" ", text)).strip()


def keep_one_line(*attributes) -> None:
    """Whatever path sets these model attributes (a form, the API, an import), they hold one line."""
    for attribute in attributes:
        event.listen(attribute, "set", _on_set, retval=True)


def _on_set(target, value, oldvalue, initiator):
    return one_line(value) if isinstance(value, str) else value
