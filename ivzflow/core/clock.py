"""The one place that reads the time. Instants are aware UTC; dates are local (Europe/Amsterdam)."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

LOCAL_TZ = ZoneInfo("Europe/Amsterdam")
_frozen: ContextVar[datetime | None] = ContextVar("ivzflow_frozen_now", default=None)


def now() -> datetime:
    """Current instant in UTC.

    With the demo clock (FAKE_NOW, refused in production) time starts at that moment when the process
    starts and then runs on, so a demo of 2015 behaves like 2015 (deadlines, reminders, "next meeting").
    """
    frozen = _frozen.get()
    if frozen is not None:
        return frozen
    real = datetime.now(timezone.utc)
    if has_app_context() and current_app.config.get("FAKE_NOW"):
        return real + _offset(real)
    return real


def _offset(real: datetime) -> timedelta:
    offset = current_app.extensions.get("ivzflow.clock_offset")
    if offset is None:
        start = datetime.fromisoformat(current_app.config["FAKE_NOW"])
        if start.tzinfo is None:
            start = start.replace(tzinfo=LOCAL_TZ)
        offset = current_app.extensions["ivzflow.clock_offset"] = start - real
    return offset


@contextmanager
def frozen_at(instant: datetime) -> Iterator[None]:
    """Inside the block now() answers `instant`: for loading demo history through the real services."""
    if instant.tzinfo is None:
        raise ValueError("frozen_at needs an aware datetime")
    token = _frozen.set(instant.astimezone(timezone.utc))
    try:
        yield
    finally:
        _frozen.reset(token)


def today() -> date:
    """Today's date in Europe/Amsterdam."""
    return now().astimezone(LOCAL_TZ).date()


def local(instant: datetime) -> datetime:
    return instant.astimezone(LOCAL_TZ)


def local_to_utc(day: date, hour: int = 0, minute: int = 0) -> datetime:
    """A wall-clock time in Amsterdam on `day`, as an aware UTC instant (DST handled by zoneinfo)."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LOCAL_TZ).astimezone(timezone.utc)
