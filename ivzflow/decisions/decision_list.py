"""The besluitenlijst of a meeting, as it follows from the meeting record: who attended (present, absent with
notice, who stood in for whom), and every agenda item's result, a proposal's per decision point as decided at
this meeting (a point deferred here stays 'aangehouden' here, whatever a later meeting decided)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ivzflow.decisions import permissions as can
from ivzflow.decisions.models import DecisionItem, DecisionList, DecisionPoint, PointOutcome
from ivzflow.extensions import db
from ivzflow.meetings import permissions as meetings_can
from ivzflow.meetings.agenda import build, load_items
from ivzflow.meetings.models import AgendaItem, Attendance, Meeting


@dataclass
class Decided:
    """A proposal and what this meeting decided on its points."""

    item: DecisionItem
    points: list[tuple[DecisionPoint, PointOutcome]]


@dataclass
class Entry:
    """One agenda item with its result; `decided` when it put a proposal before the meeting."""

    number: int | None
    title: str
    result: str | None
    decided: Decided | None = None


@dataclass
class Attendees:
    present: list = field(default_factory=list)      # Person
    absent: list = field(default_factory=list)       # Person, absent with notice
    stand_ins: list = field(default_factory=list)    # Attendance rows (person, substitute_for)

    @property
    def is_recorded(self) -> bool:
        return bool(self.present or self.absent or self.stand_ins)


@dataclass
class Listing:
    meeting: Meeting
    entries: list[Entry]
    attendees: Attendees
    record: DecisionList | None

    @property
    def items(self) -> list[DecisionItem]:
        return [e.decided.item for e in self.entries if e.decided]


def attendees_of(meeting: Meeting) -> Attendees:
    rows = list(db.session.scalars(select(Attendance).where(Attendance.meeting_id == meeting.id)
                                   .order_by(Attendance.id)))
    replaced = {row.substitute_for_id for row in rows if row.status == "substitute"}
    found = Attendees()
    for row in rows:
        if row.status == "substitute":
            found.stand_ins.append(row)
        elif row.status == "present":
            found.present.append(row.person)
        elif row.status == "absent" and row.person_id not in replaced:  # a replaced member shows with the stand-in
            found.absent.append(row.person)
    found.present.sort(key=lambda p: p.name)
    found.absent.sort(key=lambda p: p.name)
    return found


def listing(user, meeting: Meeting) -> Listing:
    """Everything the besluitenlijst shows that this user may see, in agenda order; proposals decided at this
    meeting without an agenda item of it come last. A fixed number of queries."""
    return compose(meeting, meetings_can.item_visibility(user, meeting), lambda item: can.can_view_item(user, item))


def compose(meeting: Meeting, shows_item: Callable[[AgendaItem], bool], shows_proposal: Callable[[DecisionItem], bool],
            *, hide_items_of_hidden_proposals: bool = False) -> Listing:
    """The besluitenlijst with the reader's rules: which agenda items and proposals he sees. The public one
    (ivzflow.publication) also hides an agenda item whose proposal it hides."""
    items = load_items(meeting)
    outcomes = list(db.session.scalars(select(PointOutcome).where(PointOutcome.meeting_id == meeting.id)))
    proposal_ids = {o.point.item_id for o in outcomes} | {i.decision_item_id for i in items if i.decision_item_id}
    proposals = {d.id: d for d in db.session.scalars(
        select(DecisionItem).where(DecisionItem.id.in_(proposal_ids)).options(selectinload(DecisionItem.points))
    )} if proposal_ids else {}
    by_point = {o.point_id: o for o in outcomes}

    def item_shown(agenda_item: AgendaItem) -> bool:
        if not shows_item(agenda_item):
            return False
        if hide_items_of_hidden_proposals and agenda_item.decision_item_id:
            proposal = proposals.get(agenda_item.decision_item_id)
            return proposal is not None and shows_proposal(proposal)
        return True

    agenda = build(meeting, items, item_shown)

    def decided(item_id: int) -> Decided | None:
        item = proposals.get(item_id)
        if item is None or not shows_proposal(item):
            return None
        return Decided(item, [(p, by_point[p.id]) for p in item.points if p.id in by_point])

    entries, placed = [], set()
    for row in agenda.rows:
        agenda_item: AgendaItem = row.item
        entry = Entry(row.number, agenda_item.title, agenda_item.result)
        if agenda_item.decision_item_id:
            placed.add(agenda_item.decision_item_id)
            entry.decided = decided(agenda_item.decision_item_id)
        entries.append(entry)
    for item_id in sorted({o.point.item_id for o in outcomes} - placed):
        if (extra := decided(item_id)) is not None:
            entries.append(Entry(None, extra.item.title, None, extra))
    record = db.session.scalar(select(DecisionList).where(DecisionList.meeting_id == meeting.id))
    return Listing(meeting, entries, attendees_of(meeting), record)
