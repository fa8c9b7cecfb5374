"""One way to change a record: a new one needs no version; an existing one only with the version the user saw.

Models with `Versioned` carry a version that SQLAlchemy checks in every UPDATE. A form or API call posts the
version it showed back; `expect_version` compares it before anything is changed (a missing version is refused,
never skipped), and `flush` turns a race lost at UPDATE time (StaleDataError) into the same 409 message.
"""
from __future__ import annotations

from typing import TypeVar

from sqlalchemy import inspect
from sqlalchemy.orm import object_session
from sqlalchemy.orm.exc import StaleDataError

from ivzflow.core.db import assign
from ivzflow.core.errors import Conflict, check_version, stale_message
from ivzflow.extensions import db

T = TypeVar("T")


def is_new(obj) -> bool:
    """Not yet in the database (just created, perhaps added to the session but not flushed)."""
    state = inspect(obj)
    return state.transient or state.pending


def expect_version(obj, version) -> None:
    """Refuse to change an existing record unless `version` is the one it has now (409)."""
    if not is_new(obj):
        check_version(obj, version)


def flush(obj=None) -> None:
    """Write the pending changes; a record changed by someone else since it was loaded gives a 409."""
    session = (object_session(obj) if obj is not None else None) or db.session
    try:
        session.flush()
    except StaleDataError:
        raise Conflict(stale_message()) from None


def save(obj: T, values: dict, *, version=None) -> T:
    """Create or change `obj` with form values (text stripped, empty text stored as NULL; see assign).

    A new record is added to the session; an existing one needs the version the user saw.
    """
    expect_version(obj, version)
    if inspect(obj).transient:
        db.session.add(obj)
    assign(obj, values)
    flush(obj)
    return obj
