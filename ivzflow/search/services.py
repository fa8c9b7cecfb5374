"""Searching the index as a user: only entries whose object the user may open are matched, counted or
faceted. Each kind's rule is its own package's (decisions.queries.visible_clause, meetings.permissions,
projects.permissions, bodies.permissions), as SQL conditions, so counts and pages are right. A search
takes a fixed number of queries, whatever the number of results."""
from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup
from sqlalchemy import and_, exists, false, func, or_, select

from ivzflow.bodies.district_filter import DistrictFilter
from ivzflow.bodies.permissions import can_view_structure
from ivzflow.core.pagination import Page
from ivzflow.decisions.models import DecisionItem
from ivzflow.decisions.queries import visible_clause
from ivzflow.extensions import db
from ivzflow.meetings import permissions as meetings_can
from ivzflow.meetings.models import AgendaItem, Meeting
from ivzflow.meetings.visibility import visible_agenda_items
from ivzflow.projects.models import Project
from ivzflow.projects.permissions import visible_projects
from ivzflow.search import backends, snippets, stemming
from ivzflow.search.kinds import KINDS
from ivzflow.search.models import SearchEntry

TABLE = SearchEntry.__table__
MAX_QUERY_LENGTH = 200
SNIPPET_SOURCE = 50_000  # characters of an entry's text read for its snippet


@dataclass(frozen=True)
class Filters:
    kind: str | None = None
    body_id: int | None = None
    year: int | None = None
    state: str | None = None
    districts: DistrictFilter | None = None  # the picked districts: their entries and those of every district


@dataclass
class Hit:
    kind: str
    object_id: int
    title: Markup
    snippet: Markup
    year: int | None
    state: str | None
    body_id: int | None
    decision_item_id: int | None
    agenda_item_id: int | None
    meeting_id: int | None
    project_id: int | None


@dataclass
class Results:
    query: str
    page: Page
    hits: list[Hit] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # per filter kind, within the other filters

    @property
    def total(self) -> int:
        return self.page.total


def visible(user):
    """The entries this user may open, as an SQL condition on search_entry."""
    if not getattr(user, "is_authenticated", False):
        return false()
    # Each rule as EXISTS on the entry's own parent, checked per entry found: `IN (the visible ids)` made the
    # database list every visible proposal, agenda item and meeting in the country for each search.
    item_visible = exists().where(DecisionItem.id == TABLE.c.decision_item_id, visible_clause(user))
    agenda_item_visible = (select(AgendaItem.id).join(Meeting, AgendaItem.meeting_id == Meeting.id)
                           .where(AgendaItem.id == TABLE.c.agenda_item_id, visible_agenda_items(user)).exists())
    # a decision list (of a held meeting, whose agenda was sent) holds only its public items
    meeting_visible = exists().where(Meeting.id == TABLE.c.meeting_id, meetings_can.visible_meetings(user))
    open_kinds = [k for k, allowed in (("body", can_view_structure(user)), ("person", can_view_structure(user)),
                                       ("organisation", can_view_structure(user))) if allowed]
    project_visible = exists().where(Project.id == TABLE.c.project_id, visible_projects(user))
    return or_(
        TABLE.c.kind.in_(open_kinds),
        and_(TABLE.c.kind.in_(("project", "status_update")), project_visible),
        # a follow-up action with its proposal (its owners find it in their action list)
        and_(TABLE.c.kind.in_(("proposal", "proposal_document", "action")), item_visible),
        and_(TABLE.c.kind.in_(("agenda_item", "agenda_document")), agenda_item_visible),
        and_(TABLE.c.kind == "decision_list", meeting_visible),
    )


def _filtered(query, filters: Filters, *, with_kind: bool = True):
    if with_kind and filters.kind:
        query = query.where(TABLE.c.kind.in_(KINDS[filters.kind][1]))
    if filters.body_id:
        query = query.where(TABLE.c.body_id == filters.body_id)
    if filters.year:
        query = query.where(TABLE.c.year == filters.year)
    if filters.state:
        query = query.where(TABLE.c.state == filters.state)
    if (districts := _districts(filters)) is not None:
        query = query.where(TABLE.c.district_id.in_([backends.EVERY_DISTRICT, *sorted(districts)]))
    return query


def _districts(filters: Filters) -> frozenset[int] | None:
    return filters.districts.ids if filters.districts is not None else None


def search(user, text: str, filters: Filters, page: Page) -> Results:
    """One page of what the user may see that matches the words, best first."""
    text = (text or "").strip()[:MAX_QUERY_LENGTH]
    words = stemming.query_words(text)
    if not words:
        return Results(text, page.with_total(0))
    backend = backends.for_session(db.session)
    allowed = visible(user)
    base, _score = backend.matching(select(TABLE.c.kind, func.count().label("n")), words, _districts(filters))
    base = _filtered(base.where(allowed), filters, with_kind=False)
    by_kind = dict(db.session.execute(base.group_by(TABLE.c.kind)).all())
    counts = {name: sum(by_kind.get(k, 0) for k in kinds) for name, (_label, kinds) in KINDS.items()}
    total = sum(by_kind.get(k, 0) for k in KINDS[filters.kind][1]) if filters.kind else sum(by_kind.values())
    page = page.with_total(total)
    hits = []
    if total and page.offset < total:
        # The page's ids are ranked first, then only their rows read: the texts of every match are not sorted.
        top_query, score = backend.matching(select(TABLE.c.id), words, _districts(filters))
        top = (_filtered(top_query.where(allowed), filters).add_columns(score.label("score"))
               .order_by(backend.best_first(score), TABLE.c.id).limit(page.per_page).offset(page.offset).subquery())
        columns = [c for c in TABLE.c if c.name not in ("text", "document")]
        rows_query = (select(*columns, func.substr(TABLE.c.text, 1, SNIPPET_SOURCE).label("text"))
                      .join(top, top.c.id == TABLE.c.id).order_by(backend.best_first(top.c.score), TABLE.c.id))
        matcher = snippets.Matcher(words)
        for row in db.session.execute(rows_query):
            hits.append(Hit(row.kind, row.object_id, snippets.highlight(row.title, matcher),
                            snippets.snippet(row.text, matcher), row.year, row.state, row.body_id,
                            row.decision_item_id, row.agenda_item_id, row.meeting_id, row.project_id))
    return Results(text, page, hits, counts)
