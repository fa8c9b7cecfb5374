"""The policy calendar: recurring dates of the policy cycle, expanded into the reminders module's PolicyEvents.

Saving a series recomputes its occurrences (every `repeat_years` from the start, up to `until_year`); each
occurrence is one PolicyEvent, so the scheduler reminds those concerned before it (the secretariat and the
agendacommissie of the series' district, see plans.audience) like any other reminder (reminders.plans.plan_policy).
Occurrences that no longer follow from the rule are removed with their event.
"""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from ivzflow.core.errors import ValidationError, check_version
from ivzflow.core.records import expect_version, flush
from ivzflow.extensions import db
from ivzflow.plans.labels import MAX_OCCURRENCES, POLICY_KINDS
from ivzflow.plans.models import PolicyOccurrence, PolicySeries
from ivzflow.reminders.models import PolicyEvent

FIRST_YEAR, LAST_YEAR = 2000, 2100


def occurrence_dates(series: PolicySeries) -> list[tuple[date, date | None]]:
    """(start, end) of every occurrence the rule gives."""
    if not series.repeat_years:
        return [(series.starts_on, series.ends_on)]
    last = series.until_year or series.starts_on.year
    found = []
    for n in range(MAX_OCCURRENCES):
        step = relativedelta(years=n * series.repeat_years)
        start = series.starts_on + step
        if start.year > last:
            break
        found.append((start, series.ends_on + step if series.ends_on else None))
    return found


def label_of(start: date, end: date | None) -> str:
    if end is None or end.year == start.year:
        return str(start.year)
    return f"{start.year}-{end.year}"


def _validate(values: dict) -> None:
    if values.get("kind") not in POLICY_KINDS:
        raise ValidationError(_("Kies de soort."), field="kind")
    if not (values.get("title") or "").strip():
        raise ValidationError(_("Vul een omschrijving in."), field="title")
    starts_on, ends_on = values.get("starts_on"), values.get("ends_on")
    if starts_on is None or not FIRST_YEAR <= starts_on.year <= LAST_YEAR:
        raise ValidationError(_("Vul een datum in tussen %(a)d en %(b)d.", a=FIRST_YEAR, b=LAST_YEAR),
                              field="starts_on")
    if ends_on is not None and not starts_on <= ends_on <= date(LAST_YEAR, 12, 31):
        raise ValidationError(_("Het einde ligt op of na het begin."), field="ends_on")
    repeat, until = values.get("repeat_years"), values.get("until_year")
    if repeat is not None and not 1 <= repeat <= 20:
        raise ValidationError(_("Herhaal elke 1 tot 20 jaar, of laat leeg."), field="repeat_years")
    if until is not None and not starts_on.year <= until <= LAST_YEAR:
        raise ValidationError(_("Het laatste jaar ligt op of na het eerste."), field="until_year")
    days = values.get("remind_days_before")
    if days is None or not 0 <= days <= 365:
        raise ValidationError(_("Herinner 0 tot 365 dagen vooraf."), field="remind_days_before")


def save_series(actor, series: PolicySeries | None, *, version=None, **values) -> PolicySeries:
    """Create or change a series and bring its occurrences (and their reminders) in line with it."""
    _validate(values)
    series = series or PolicySeries()
    expect_version(series, version)
    db.session.add(series)
    for key, value in values.items():
        setattr(series, key, value.strip() if isinstance(value, str) else value)
    series.description = series.description or None
    _sync(series)
    flush(series)
    return series


def _sync(series: PolicySeries) -> None:
    wanted = occurrence_dates(series)
    existing = {o.occurs_on: o for o in series.occurrences}
    keep = {start for start, _end in wanted}
    for start, occurrence in existing.items():
        if start not in keep:
            series.occurrences.remove(occurrence)
            db.session.delete(occurrence.event)
    for start, end in wanted:
        title = f"{series.title} {label_of(start, end)}"
        occurrence = existing.get(start)
        if occurrence is None:
            event = PolicyEvent(title=title[:300], happens_on=start, description=series.description,
                                remind_days_before=series.remind_days_before, is_active=True)
            series.occurrences.append(PolicyOccurrence(event=event, occurs_on=start, ends_on=end))
        else:
            occurrence.ends_on = end
            event = occurrence.event
            event.title, event.description = title[:300], series.description
            event.remind_days_before = series.remind_days_before


def delete_series(actor, series: PolicySeries, version) -> None:
    check_version(series, version)
    for occurrence in list(series.occurrences):
        db.session.delete(occurrence.event)
    db.session.delete(series)
    db.session.flush()


@dataclass
class CalendarEntry:
    occurrence: PolicyOccurrence
    series: PolicySeries

    @property
    def event(self) -> PolicyEvent:
        return self.occurrence.event


def _of_districts(query, districts: int | Collection[int | None] | None):
    """Only the dates of these districts (one, or several) and the national ones; None: every district's."""
    if districts is None:
        return query
    ids = [districts] if isinstance(districts, int) else list(districts)
    return query.where(PolicySeries.district_id.in_(ids) | PolicySeries.district_id.is_(None))


def entries(start: date | None = None, end: date | None = None,
            district_id: int | Collection[int | None] | None = None) -> list[CalendarEntry]:
    """Occurrences that start in [start, end] (either side open), in date order, with their series and event;
    of one district or several (audience.districts_of) and the national ones, if given."""
    query = (select(PolicyOccurrence).join(PolicySeries, PolicySeries.id == PolicyOccurrence.series_id)
             .options(contains_eager(PolicyOccurrence.series))  # one query however many series (43 districts')
             .order_by(PolicyOccurrence.occurs_on, PolicyOccurrence.id))
    if start is not None:
        query = query.where(PolicyOccurrence.occurs_on >= start)
    if end is not None:
        query = query.where(PolicyOccurrence.occurs_on <= end)
    return [CalendarEntry(o, o.series) for o in db.session.scalars(_of_districts(query, district_id))]


def all_series(district_id: int | None = None) -> list[PolicySeries]:
    """Every series, or those of one district and the national ones (without a district)."""
    query = select(PolicySeries).order_by(PolicySeries.starts_on, PolicySeries.id)
    return list(db.session.scalars(_of_districts(query, district_id)))


def coming_events(today: date, districts: Collection[int | None]):
    """The ids of the active PolicyEvents from today on, of these districts and the national ones (a select)."""
    query = (select(PolicyEvent.id).outerjoin(PolicyOccurrence, PolicyOccurrence.event_id == PolicyEvent.id)
             .outerjoin(PolicySeries, PolicySeries.id == PolicyOccurrence.series_id)
             .where(PolicyEvent.is_active.is_(True), PolicyEvent.happens_on >= today))
    return _of_districts(query, districts)


@dataclass
class PolicyDate:
    """A date of the policy calendar as the meetings' calendar and feed show it: an event of a series (with
    its period and kind) or one entered on its own in the reminders module."""
    event_id: int
    title: str
    starts_on: date
    ends_on: date | None
    kind: str | None
    description: str | None


def dates_between(start: date | None, end: date | None,
                  districts: int | Collection[int | None] | None = None) -> list[PolicyDate]:
    """The active policy dates that start in [start, end] (either side open), of these districts and the
    national ones (a series without district, an event entered on its own) if given: one query."""
    query = (select(PolicyEvent.id, PolicyEvent.title, PolicyEvent.happens_on, PolicyOccurrence.ends_on,
                    PolicySeries.kind, PolicyEvent.description)
             .outerjoin(PolicyOccurrence, PolicyOccurrence.event_id == PolicyEvent.id)
             .outerjoin(PolicySeries, PolicySeries.id == PolicyOccurrence.series_id)
             .where(PolicyEvent.is_active.is_(True)).order_by(PolicyEvent.happens_on, PolicyEvent.id))
    if start is not None:
        query = query.where(PolicyEvent.happens_on >= start)
    if end is not None:
        query = query.where(PolicyEvent.happens_on <= end)
    return [PolicyDate(*row) for row in db.session.execute(_of_districts(query, districts))]
