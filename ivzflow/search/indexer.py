"""Keeps the search index current in the same transaction as each change.

After every flush the changed objects of the indexed kinds are noted (after_flush); just before the
transaction commits, their entries are built again and written with the rest (before_commit). A rollback
forgets the notes. Writes that bypass the ORM (bulk SQL) are not seen: `flask search reindex` rebuilds all.
A document's text is read from its file once, when its entry is first written; a later change of its
proposal or meeting only updates the entry's facets.
"""
from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, event, func, or_, select, update
from sqlalchemy.orm import Session, joinedload, lazyload, selectinload

from ivzflow.bodies.models import Body
from ivzflow.core import clock
from ivzflow.decisions.models import (
    CommunicationAdvice, Consultation, DecisionItem, DecisionPoint, FollowUpAction, ItemAttachment, PointOutcome,
)
from ivzflow.meetings.models import AgendaItem, Attachment, Meeting
from ivzflow.organisations.models import Organisation
from ivzflow.people.models import Person
from ivzflow.projects.models import Activity, Project, StatusUpdate
from ivzflow.search import backends, extract
from ivzflow.search.models import SearchEntry

_PENDING = "search_pending"
CHUNK = 500
DECIDED_STATES = ("held", "minutes_adopted")  # meetings that have a decision list
_TAG = re.compile(r"<[^>]*>")
TABLE = SearchEntry.__table__


@dataclass
class Entry:
    kind: str
    object_id: int
    title: str
    text: str = ""
    body_id: int | None = None
    year: int | None = None
    state: str | None = None
    decision_item_id: int | None = None
    agenda_item_id: int | None = None
    meeting_id: int | None = None
    project_id: int | None = None
    district_id: int = backends.EVERY_DISTRICT


def plain(*parts: str | None) -> str:
    """Text parts (sanitised HTML or plain) as one plain text."""
    return "\n".join(html.unescape(_TAG.sub(" ", p)).strip() for p in parts if p and p.strip())


def _year(moment: datetime | date | None) -> int | None:
    if moment is None:
        return None
    return clock.local(moment).year if isinstance(moment, datetime) else moment.year


def _proposal_facets(item: DecisionItem) -> dict:
    moment = item.target_meeting.start_at if item.target_meeting else item.created_at
    return dict(body_id=item.decision_body_id, year=_year(moment), state=item.state.name)


def _meeting_facets(meeting: Meeting) -> dict:
    return dict(body_id=meeting.body_id, year=_year(meeting.start_at), state=meeting.state, meeting_id=meeting.id)


# --- builders: ids -> entries (those not found are gone) ------------------------------------------------

def _proposals(session: Session, ids) -> list[Entry]:
    items = session.scalars(select(DecisionItem).where(DecisionItem.id.in_(ids)).options(
        lazyload("*"), joinedload(DecisionItem.state), joinedload(DecisionItem.target_meeting).lazyload("*"),
        selectinload(DecisionItem.points), selectinload(DecisionItem.route).lazyload("*"),
        selectinload(DecisionItem.communication_advice).lazyload("*"))).unique().all()
    with_documents = set(session.scalars(select(TABLE.c.decision_item_id).distinct().where(
        TABLE.c.kind == "proposal_document", TABLE.c.decision_item_id.in_(ids))))
    entries = []
    for item in items:
        advice = item.communication_advice
        text = plain(item.summary,
                     *(f"{p.number}. {p.text}" for p in item.points), *(p.decision_text for p in item.points),
                     *(c.result_text for c in item.route),
                     advice.key_message if advice else None, advice.audiences if advice else None)
        facets = _proposal_facets(item)
        entries.append(Entry("proposal", item.id, item.title, text, decision_item_id=item.id, **facets))
        if item.id in with_documents:  # they follow its facets without reading their files again
            session.execute(update(TABLE).where(TABLE.c.kind == "proposal_document",
                                                TABLE.c.decision_item_id == item.id).values(**facets))
    return entries


def _proposal_documents(session: Session, ids) -> list[Entry]:
    rows = session.execute(select(ItemAttachment, DecisionItem).join(DecisionItem, ItemAttachment.item_id == DecisionItem.id)
                           .where(ItemAttachment.id.in_(ids))
                           .options(lazyload("*"), joinedload(DecisionItem.state),
                                    joinedload(DecisionItem.target_meeting).lazyload("*"))).unique().all()
    return [Entry("proposal_document", doc.id, doc.filename, extract.text_of(doc.stored_name, doc.content_type),
                  decision_item_id=item.id, **_proposal_facets(item)) for doc, item in rows]


def _actions(session: Session, ids) -> list[Entry]:
    actions = session.scalars(select(FollowUpAction).where(FollowUpAction.id.in_(ids)).options(
        lazyload("*"), joinedload(FollowUpAction.item).lazyload("*"))).unique().all()
    return [Entry("action", a.id, a.description[:300], plain(a.description, a.notes, a.item.title),
                  body_id=a.item.decision_body_id, year=_year(a.due_on or a.created_at), state=a.status,
                  decision_item_id=a.item_id) for a in actions]


def _agenda_items(session: Session, ids) -> list[Entry]:
    items = session.scalars(select(AgendaItem).where(AgendaItem.id.in_(ids))
                            .options(lazyload("*"), selectinload(AgendaItem.meeting).lazyload("*"))).all()
    return [Entry("agenda_item", i.id, i.title, plain(i.description, i.presenter, i.result, i.minutes),
                  agenda_item_id=i.id, **_meeting_facets(i.meeting)) for i in items]


def _agenda_documents(session: Session, ids) -> list[Entry]:
    rows = session.execute(select(Attachment, AgendaItem).join(AgendaItem, Attachment.agenda_item_id == AgendaItem.id)
                           .where(Attachment.id.in_(ids))
                           .options(lazyload("*"), selectinload(AgendaItem.meeting).lazyload("*"))).all()
    return [Entry("agenda_document", doc.id, doc.filename, extract.text_of(doc.stored_name, doc.content_type),
                  agenda_item_id=item.id, **_meeting_facets(item.meeting)) for doc, item in rows]


def _decision_lists(session: Session, meeting_ids) -> list[Entry]:
    """Keyed by meeting. Only what every reader of the list sees: its public agenda items, and the outcomes
    of public proposals (the rest is found, by those who may, as agenda items and proposals)."""
    meetings = session.scalars(select(Meeting).where(Meeting.id.in_(meeting_ids), Meeting.state.in_(DECIDED_STATES))
                               .options(lazyload("*"))).all()
    if not meetings:
        return []
    parts: dict[int, list[str | None]] = {m.id: [] for m in meetings}
    for item in session.scalars(select(AgendaItem)  # an item that carries a proposal only when that is public too
                                .outerjoin(DecisionItem, AgendaItem.decision_item_id == DecisionItem.id)
                                .where(AgendaItem.meeting_id.in_(parts), AgendaItem.is_public,
                                       or_(AgendaItem.decision_item_id.is_(None),
                                           DecisionItem.confidentiality == "openbaar"))
                                .order_by(AgendaItem.position, AgendaItem.id).options(lazyload("*"))):
        parts[item.meeting_id] += [item.title, item.result]
    for outcome, point, title in session.execute(
            select(PointOutcome, DecisionPoint, DecisionItem.title)
            .join(DecisionPoint, PointOutcome.point_id == DecisionPoint.id)
            .join(DecisionItem, DecisionPoint.item_id == DecisionItem.id)
            .where(PointOutcome.meeting_id.in_(parts), DecisionItem.confidentiality == "openbaar")
            .order_by(DecisionItem.id, DecisionPoint.number).options(lazyload("*"))):
        parts[outcome.meeting_id] += [title, f"{point.number}. {point.text}", outcome.text]
    return [Entry("decision_list", m.id, m.name, plain(*parts[m.id]), **_meeting_facets(m)) for m in meetings]


def _projects(session: Session, ids) -> list[Entry]:
    projects = session.scalars(select(Project).where(Project.id.in_(ids)).options(lazyload("*"))).unique().all()
    activities: dict[int, list[str | None]] = {}
    for activity in session.scalars(select(Activity).where(Activity.project_id.in_(ids))
                                    .order_by(Activity.position, Activity.id).options(lazyload("*"))).unique():
        activities.setdefault(activity.project_id, []).extend([activity.title, activity.owner_text, activity.note])
    return [Entry("project", p.id, p.title, plain(p.short_name, p.assignment, p.intended_result, p.assignment_reference,
                                                  p.analysis, p.ambition, p.approach, *activities.get(p.id, [])),
                  year=_year(p.start_on), state=p.latest_status, project_id=p.id) for p in projects]


def _status_updates(session: Session, ids) -> list[Entry]:
    rows = session.execute(select(StatusUpdate, Project.title).join(Project, StatusUpdate.project_id == Project.id)
                           .where(StatusUpdate.id.in_(ids)).options(lazyload("*"))).all()
    return [Entry("status_update", u.id, title, plain(u.summary, u.achievements, u.risks, u.next_steps,
                                                       u.decision_needed),
                  year=_year(u.posted_at), state=u.status, project_id=u.project_id) for u, title in rows]


def _bodies(session: Session, ids) -> list[Entry]:
    return [Entry("body", b.id, b.name, plain(b.short_name, b.description), body_id=b.id)
            for b in session.scalars(select(Body).where(Body.id.in_(ids)).options(lazyload("*")))]


def _people(session: Session, ids) -> list[Entry]:
    return [Entry("person", p.id, p.name, plain(p.function, p.organisation.name if p.organisation else None))
            for p in session.scalars(select(Person).where(Person.id.in_(ids)).options(
                lazyload("*"), joinedload(Person.organisation).lazyload("*"))).unique()]


def _organisations(session: Session, ids) -> list[Entry]:
    return [Entry("organisation", o.id, o.name, plain(o.short_name))
            for o in session.scalars(select(Organisation).where(Organisation.id.in_(ids)).options(lazyload("*")))]


BUILDERS: dict[str, Callable[[Session, list[int]], list[Entry]]] = {
    "proposal": _proposals, "proposal_document": _proposal_documents, "action": _actions,
    "agenda_item": _agenda_items, "agenda_document": _agenda_documents, "decision_list": _decision_lists,
    "project": _projects, "status_update": _status_updates,
    "body": _bodies, "person": _people, "organisation": _organisations,
}
# When one of these is gone, so is everything indexed under it (the database cascades without the ORM).
_PARENT = {"proposal": TABLE.c.decision_item_id, "agenda_item": TABLE.c.agenda_item_id}


def _set_districts(session: Session, entries: list[Entry]) -> None:
    """Each entry's district: its project's, else its proposal's, else its body's (a query per source)."""
    sources = ((Project, "project_id"), (DecisionItem, "decision_item_id"), (Body, "body_id"))
    left = list(entries)
    for model, field in sources:
        ids = {getattr(e, field) for e in left if getattr(e, field)}
        if not ids:
            continue
        district_of = dict(session.execute(select(model.id, model.district_id).where(model.id.in_(ids))).all())
        for e in [e for e in left if getattr(e, field)]:
            e.district_id = district_of.get(getattr(e, field)) or backends.EVERY_DISTRICT
        left = [e for e in left if not getattr(e, field)]


def refresh(session: Session, kind: str, ids: Iterable[int]) -> None:
    """Write the entries of these objects again; remove those of objects that are gone."""
    ids = sorted(set(ids))
    backend = backends.for_session(session)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        entries = BUILDERS[kind](session, chunk)
        session.execute(delete(TABLE).where(TABLE.c.kind == kind, TABLE.c.object_id.in_(chunk)))
        gone = set(chunk) - {e.object_id for e in entries}
        if gone and kind in _PARENT:
            session.execute(delete(TABLE).where(_PARENT[kind].in_(gone)))
        if entries:
            _set_districts(session, entries)
            backend.insert(session, [dict(vars(e)) for e in entries])  # asdict's deep copy is not needed here


# --- what a change touches ---------------------------------------------------------------------------

def _touched(obj) -> list[tuple[str, int | None]]:
    """The (kind, id) keys to refresh for a changed object; "meeting" and "point" are resolved later."""
    match obj:
        case DecisionItem():
            return [("proposal", obj.id), ("actions_of", obj.id)]
        case DecisionPoint() | CommunicationAdvice() | Consultation():
            return [("proposal", obj.item_id)]
        case PointOutcome():
            return [("point", obj.point_id), ("decision_list", obj.meeting_id)]
        case ItemAttachment():
            return [("proposal_document", obj.id)]
        case FollowUpAction():
            return [("action", obj.id)]
        case AgendaItem():
            return [("agenda_item", obj.id), ("decision_list", obj.meeting_id)]
        case Attachment():
            return [("agenda_document", obj.id)]
        case Meeting():
            return [("meeting", obj.id)]
        case Project():
            return [("project", obj.id)]
        case Activity():
            return [("project", obj.project_id)]
        case StatusUpdate():
            return [("status_update", obj.id)]
        case Body():
            return [("body", obj.id)]
        case Person():
            return [("person", obj.id)]
        case Organisation():
            return [("organisation", obj.id)]
    return []


def _apply(session: Session, keys: set[tuple[str, int]]) -> None:
    by_kind: dict[str, set[int]] = {}
    for kind, object_id in keys:
        if object_id is not None:
            by_kind.setdefault(kind, set()).add(object_id)
    if points := by_kind.pop("point", None):
        by_kind.setdefault("proposal", set()).update(session.scalars(
            select(DecisionPoint.item_id).where(DecisionPoint.id.in_(points))))
    if items := by_kind.pop("actions_of", None):
        by_kind.setdefault("action", set()).update(session.scalars(
            select(FollowUpAction.id).where(FollowUpAction.item_id.in_(items))))
    if meetings := by_kind.pop("meeting", None):
        by_kind.setdefault("decision_list", set()).update(meetings)
        by_kind.setdefault("agenda_item", set()).update(session.scalars(
            select(AgendaItem.id).where(AgendaItem.meeting_id.in_(meetings))))
        gone = meetings - set(session.scalars(select(Meeting.id).where(Meeting.id.in_(meetings))))
        if gone:
            session.execute(delete(TABLE).where(TABLE.c.meeting_id.in_(gone)))
        for meeting in session.scalars(select(Meeting).where(Meeting.id.in_(meetings))):
            session.execute(update(TABLE).where(TABLE.c.kind == "agenda_document", TABLE.c.meeting_id == meeting.id)
                            .values(**_meeting_facets(meeting)))
    for kind in BUILDERS:  # parents before what follows them
        if kind in by_kind:
            refresh(session, kind, by_kind[kind])


def reindex_all(session: Session) -> int:
    """Rebuild the whole index (documents read again); the number of entries."""
    session.execute(delete(TABLE))
    sources = {"proposal": DecisionItem.id, "proposal_document": ItemAttachment.id, "action": FollowUpAction.id,
               "agenda_item": AgendaItem.id, "agenda_document": Attachment.id, "decision_list": Meeting.id,
               "project": Project.id, "status_update": StatusUpdate.id, "body": Body.id, "person": Person.id,
               "organisation": Organisation.id}
    for kind, column in sources.items():
        refresh(session, kind, session.scalars(select(column)))
    return session.scalar(select(func.count()).select_from(TABLE))


@event.listens_for(Session, "after_flush")
def _note_changes(session: Session, flush_context) -> None:
    pending = None
    for obj in (*session.new, *session.dirty, *session.deleted):
        keys = _touched(obj)
        if keys:
            pending = pending if pending is not None else session.info.setdefault(_PENDING, set())
            pending.update(keys)


@event.listens_for(Session, "before_commit")
def _write_entries(session: Session) -> None:
    if not session.info.get(_PENDING) and not (session.new or session.dirty or session.deleted):
        return
    session.flush()
    rounds = 0
    while keys := session.info.pop(_PENDING, None):
        _apply(session, keys)
        session.flush()
        rounds += 1
        if rounds > 10:  # building entries changes no indexed object; this only guards against a loop
            break


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(_PENDING, None)
