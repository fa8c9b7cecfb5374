"""Date arithmetic for planning: Dutch public holidays, working days and a body's yearly pattern.

Pure functions of dates and settings, so they are easy to test and reuse.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import holidays
from dateutil.rrule import MONTHLY, rrule, weekday as rrule_weekday

from ivzflow.core.numbers import whole_number


@dataclass(frozen=True)
class HolidayPolicy:
    include_liberation_day: bool = False
    extra_days: frozenset[date] = frozenset()

    def calendar(self, years) -> dict[date, str]:
        """{date: name} of the days without meetings in these years."""
        categories = ("public", "optional") if self.include_liberation_day else ("public",)
        # Without "optional", Bevrijdingsdag counts only in lustrum years (2015, 2020 ...), as nationally agreed.
        days = dict(holidays.country_holidays("NL", years=list(years), categories=categories, language="nl"))
        for extra in self.extra_days:
            days.setdefault(extra, "Vrije dag (regionaal)")
        return days


def is_working_day(day: date, closed: dict[date, str]) -> bool:
    return day.weekday() < 5 and day not in closed


def previous_working_day(day: date, closed: dict[date, str]) -> date:
    """The day itself when it is a working day, else the nearest working day before it."""
    while not is_working_day(day, closed):
        day -= timedelta(days=1)
    return day


def working_days_before(day: date, n: int, closed: dict[date, str]) -> date:
    """The date `n` working days before `day` (n = 0 gives the previous working day, if needed)."""
    result = previous_working_day(day, closed)
    for _ in range(n):
        result = previous_working_day(result - timedelta(days=1), closed)
    return result


def yearly_pattern(year: int, per_year: int, weekday: int | None) -> list[date]:
    """`per_year` dates spread over the year: every 12/n months on the second `weekday` of the month.

    Six a year gives January, March, May ...; four gives January, April, July, October.
    """
    if per_year < 1:
        return []
    interval = max(1, 12 // per_year)
    day = rrule_weekday(weekday if weekday is not None else 1)(+2)
    dates = rrule(MONTHLY, interval=interval, byweekday=day, dtstart=datetime(year, 1, 1), until=datetime(year, 12, 31))
    return [d.date() for d in dates][:per_year]


def parse_time(value: str) -> tuple[int, int]:
    """"09:30" → (9, 30); raises ValueError on anything else."""
    hours, _sep, minutes = value.partition(":")
    hour, minute = whole_number(hours, 0, 23), whole_number(minutes, 0, 59)
    if hour is None or minute is None or len(minutes) != 2:
        raise ValueError(value)
    return hour, minute
