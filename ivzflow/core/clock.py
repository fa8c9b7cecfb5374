"""The one place that reads the time. Instants are aware UTC; dates are local (Europe/Amsterdam)."""
from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

LOCAL_TZ = ZoneInfo("Europe/Amsterdam")


def now() -> datetime:
    """Current instant in UTC; the demo clock (FAKE_NOW) shifts it when configured."""
    real = datetime.now(timezone.utc)
    fake = current_app.config.get("FAKE_NOW") if has_app_context() else None
    if fake:
        parsed = datetime.fromisoformat(fake)
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=LOCAL_TZ)
        return parsed.astimezone(timezone.utc)
    return real


def today() -> date:
    """Today's date in Europe/Amsterdam."""
    return now().astimezone(LOCAL_TZ).date()


def local(instant: datetime) -> datetime:
    return instant.astimezone(LOCAL_TZ)


def local_to_utc(day: date, hour: int = 0, minute: int = 0) -> datetime:
    """A wall-clock time in Amsterdam on `day`, as an aware UTC instant (DST handled by zoneinfo)."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LOCAL_TZ).astimezone(timezone.utc)
