"""The portfolio: every project with its latest status, overdue activities, indicators and due update.

A fixed number of queries whatever the number of projects: two for a page of projects with their latest
update and overdue count, three for the indicators and their values, three for the Platform cycle.
The latest update is kept on the project row (`latest_update_id`, `latest_status`); the page of projects
is picked first (unless sorted on overdue activities), so overdue activities are counted for that page
only, not for every project in the country.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import aliased

from ivzflow.core import clock
from ivzflow.core.forms import options
from ivzflow.extensions import db
from ivzflow.people.models import Person
from ivzflow.projects.due import cycles_of, due_state
from ivzflow.projects.indicators import IndicatorView, view_of
from ivzflow.projects.labels import SORTS
from ivzflow.projects.models import Activity, Indicator, IndicatorTarget, Measurement, Project, StatusUpdate

STATUS_ORDER = {"red": 0, "amber": 1, "green": 2}


@dataclass(frozen=True)
class Filters:
    kind: str | None = None
    trekker_id: int | None = None
    trekker_name: str | None = None  # part of the name, any case
    municipality_id: int | None = None
    status: str | None = None  # red | amber | green | none (no update yet)
    sort: str = "position"
    descending: bool = False
    # Which projects: the ones the user may read in the districts asked (projects.scope); None: all.
    scope: ColumnElement[bool] | None = field(default=None, compare=False)


@dataclass
class Row:
    project: Project
    status: str | None
    progress: int | None
    posted_at: datetime | None
    overdue_activities: int
    due_state: str = "none"
    due_on: date | None = None  # the day the update is due before the project's own district's Platform
    indicators: list[IndicatorView] = field(default_factory=list)

    @property
    def track(self) -> Counter:
        return Counter(v.evaluation.state for v in self.indicators)

    def age_days(self, today: date) -> int | None:
        return None if self.posted_at is None else (today - clock.local(self.posted_at).date()).days


def _filter(query, filters: Filters):
    if filters.scope is not None:
        query = query.where(filters.scope)
    if filters.kind:
        query = query.where(Project.kind == filters.kind)
    if filters.trekker_id:
        query = query.where(Project.trekker_id == filters.trekker_id)
    if filters.trekker_name:
        query = query.where(Project.trekker_id.in_(
            select(Person.id).where(Person.name.icontains(filters.trekker_name, autoescape=True))))
    if filters.municipality_id:
        query = query.where(Project.lead_organisation_id == filters.municipality_id)
    return query


def _with_status(query, filters: Filters):
    if filters.status == "none":
        return query.where(Project.latest_update_id.is_(None))
    if filters.status:
        return query.where(Project.latest_status == filters.status)
    return query


def _query(filters: Filters, today: date, only: list[int] | None = None):
    """Projects with their latest update and overdue count, filtered and sorted; or `only` those projects
    (a page already picked with the filters), sorted the same way."""
    overdue = (select(Activity.project_id, func.count(Activity.id).label("n"))
               .where(Activity.status.in_(("open", "in_progress")), Activity.due_on < today))
    if only is not None:
        overdue = overdue.where(Activity.project_id.in_(only))
    overdue = overdue.group_by(Activity.project_id).subquery()
    update = aliased(StatusUpdate)
    overdue_n = func.coalesce(overdue.c.n, 0)
    query = (select(Project, update.status, update.progress, update.posted_at, overdue_n)
             .outerjoin(update, update.id == Project.latest_update_id)
             .outerjoin(overdue, overdue.c.project_id == Project.id))
    if only is None:
        query = _with_status(_filter(query, filters), filters)
    else:
        query = query.where(Project.id.in_(only))
    return _ordered(query, filters, {**_update_sorts(update), "overdue": overdue_n})


def _page_of_ids(filters: Filters, limit: int, offset: int):
    """One page of project ids, filtered and sorted as asked (not on overdue activities: that count is made
    for the page only)."""
    update = aliased(StatusUpdate)
    query = select(Project.id)
    if filters.sort in ("progress", "updated"):
        query = query.outerjoin(update, update.id == Project.latest_update_id)
    query = _with_status(_filter(query, filters), filters)
    return _ordered(query, filters, _update_sorts(update)).limit(limit).offset(offset)


def _update_sorts(update) -> dict:
    return {"status": case(STATUS_ORDER, value=Project.latest_status, else_=3),
            "progress": func.coalesce(update.progress, -1), "updated": update.posted_at}


def _ordered(query, filters: Filters, derived: dict | None = None):
    """Sorted as asked: on the project's own fields, or on the derived values given."""
    trekker = aliased(Person)
    if filters.sort == "trekker":
        query = query.outerjoin(trekker, trekker.id == Project.trekker_id)
    order = {"position": Project.position, "title": Project.title, "kind": Project.kind, "trekker": trekker.name,
             **(derived or {})}.get(filters.sort if filters.sort in SORTS else "position", Project.position)
    order = order.desc() if filters.descending else order
    return query.order_by(order, Project.position, Project.title, Project.id)


def _indicators_of(project_ids: list[int]) -> dict[int, list[IndicatorView]]:
    if not project_ids:
        return {}
    indicators = db.session.scalars(select(Indicator).where(Indicator.project_id.in_(project_ids))
                                    .order_by(Indicator.position, Indicator.id)).all()
    ids = select(Indicator.id).where(Indicator.project_id.in_(project_ids))
    targets: dict[int, list] = {}
    for t in db.session.scalars(select(IndicatorTarget).where(IndicatorTarget.indicator_id.in_(ids))):
        targets.setdefault(t.indicator_id, []).append(t)
    actuals: dict[int, list] = {}
    for m in db.session.scalars(select(Measurement).where(Measurement.indicator_id.in_(ids),
                                                          Measurement.organisation_id.is_(None))):
        actuals.setdefault(m.indicator_id, []).append(m)
    views: dict[int, list[IndicatorView]] = {}
    for i in indicators:
        views.setdefault(i.project_id, []).append(view_of(i, targets.get(i.id, []), actuals.get(i.id, [])))
    return views


def portfolio(filters: Filters = Filters(), *, limit: int | None = None, offset: int = 0) -> list[Row]:
    """The portfolio's rows, filtered and sorted (one page of them with `limit`); each row's update is due
    before its own district's Platform."""
    today = clock.today()
    if limit is not None and filters.sort != "overdue":
        query = _query(filters, today, only=list(db.session.scalars(_page_of_ids(filters, limit, offset))))
    else:
        query = _query(filters, today)
        if limit is not None:
            query = query.limit(limit).offset(offset)
    rows = [Row(project, status, progress, posted_at, overdue)
            for project, status, progress, posted_at, overdue in db.session.execute(query)]
    views = _indicators_of([r.project.id for r in rows])
    cycles = cycles_of({r.project.district_id for r in rows})  # each project's own Platform
    for row in rows:
        row.indicators = views.get(row.project.id, [])
        own = cycles[row.project.district_id]
        row.due_state, row.due_on = due_state(own, row.project, row.posted_at), own.due_on
    return rows


def count(filters: Filters = Filters()) -> int:
    return db.session.scalar(_with_status(_filter(select(func.count(Project.id)), filters), filters)) or 0


def trekker_choices(blank: str, limit: int | None = None):
    """The people who are trekker of some project, for the filter; None when there are more than `limit`."""
    query = select(Person.id, Person.name).where(
        Person.id.in_(select(Project.trekker_id).where(Project.trekker_id.is_not(None)))).order_by(Person.name)
    people = db.session.execute(query if limit is None else query.limit(limit + 1)).all()
    if limit is not None and len(people) > limit:
        return None
    return options([(0, blank)] + [(p.id, p.name) for p in people])
