"""The rendered item list of an agenda, kept in each process while nothing it shows has changed.

An agenda is read far more often than it changes (every member opens it before the meeting), and its
rows are the costliest part of the page to render. The key is what the rows are made of, read from the
database on every request in one light query (the items, their attachments and their proposals'
documents), with the meeting's times and state and the reader's rights, language and address prefix.
Any change anywhere, by any process or server, gives another key, so a kept rendering is never stale;
old keys simply age out.

The CSRF token differs per session: it is kept as a placeholder and filled in for each reader.
"""
from __future__ import annotations

import hashlib
import secrets
import threading
from collections import OrderedDict
from functools import lru_cache

from sqlalchemy import bindparam, select

from ivzflow.decisions.models import ItemAttachment
from ivzflow.extensions import db
from ivzflow.meetings.models import AgendaItem, Attachment

CSRF_PLACEHOLDER = f"csrf-{secrets.token_hex(16)}"
BUDGET_CHARS = 4_000_000  # of HTML per process; an agenda of 20 items is about 45,000

_kept: OrderedDict[tuple, str] = OrderedDict()
_size = 0
_lock = threading.Lock()  # the development server and threaded workers serve requests side by side


@lru_cache(maxsize=1)
def _contents_query():
    """Built once: constructing the statement costs more than running it."""
    return (select(AgendaItem.id, AgendaItem.position, AgendaItem.section, AgendaItem.title, AgendaItem.description,
                   AgendaItem.presenter, AgendaItem.duration_minutes, AgendaItem.is_public, AgendaItem.is_standing,
                   AgendaItem.result, AgendaItem.version, AgendaItem.decision_item_id,
                   Attachment.id, Attachment.filename, Attachment.size,
                   ItemAttachment.id, ItemAttachment.filename, ItemAttachment.size, ItemAttachment.uploaded_at)
            .outerjoin(Attachment, Attachment.agenda_item_id == AgendaItem.id)
            .outerjoin(ItemAttachment, ItemAttachment.item_id == AgendaItem.decision_item_id)
            .where(AgendaItem.meeting_id == bindparam("meeting_id")))


def contents_of(meeting_id: int) -> str:
    """A digest of everything the agenda's rows show, read in one query.

    The values themselves, not only ids and versions: SQLite hands the id of a deleted last row to the
    next one, and a restored backup brings back old versions with other contents.
    """
    rows = sorted(repr(tuple(row)) for row in db.session.execute(_contents_query(), {"meeting_id": meeting_id}))
    return hashlib.blake2b("\n".join(rows).encode(), digest_size=16).hexdigest()


def get(key: tuple) -> str | None:
    with _lock:
        html = _kept.get(key)
        if html is not None:
            _kept.move_to_end(key)
        return html


def put(key: tuple, html: str) -> None:
    global _size
    if len(html) > BUDGET_CHARS // 4:
        return  # a giant agenda is rendered each time rather than pushing out all others
    with _lock:
        if key in _kept:
            return
        _kept[key] = html
        _size += len(html)
        while _size > BUDGET_CHARS:
            _old_key, old = _kept.popitem(last=False)
            _size -= len(old)


def clear() -> None:
    global _size
    with _lock:
        _kept.clear()
        _size = 0
