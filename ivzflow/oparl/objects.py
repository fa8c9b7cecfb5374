"""The published records as OParl 1.1 objects: ids are their URLs, extensions are `ivzflow:*` properties.

What is published comes from ivzflow.publication.public only (the same rules as /openbaar/, as SQL
conditions). Each kind is a query (its rows, in list order, of one district or of all) and a renderer that
turns a page of rows into objects with a fixed number of queries, so a list is paged in the database and a
page costs the same whatever the number of rows; an object's URL is the same query narrowed to its id.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from flask import url_for
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import contains_eager, joinedload, lazyload, selectinload

from ivzflow.bodies.models import Body, Membership
from ivzflow.core.web import per_request
from ivzflow.decisions.models import Consultation, DecisionItem
from ivzflow.extensions import db
from ivzflow.meetings.models import AgendaItem, Attachment, Location, Meeting
from ivzflow.organisations.models import District
from ivzflow.people.models import Person
from ivzflow.plans.models import PolicyOccurrence, PolicySeries
from ivzflow.plans.policy import label_of
from ivzflow.publication import public

SCHEMA = "https://schema.oparl.org/1.1/"
PAPER_TYPES = {"decision": "Voorstel ter besluitvorming", "discussion": "Voorstel ter bespreking",
               "information": "Ter kennisname"}
MEETING_STATES = {"sent": "Uitgenodigd", "held": "Gehouden", "minutes_adopted": "Verslag vastgesteld",
                  "cancelled": "Geannuleerd"}
CONSULTATION_ROLES = {"advice": "Advies", "decision": "Besluitvorming", "note": "Kennisname"}
# A district's LegislativeTerm: a period of the four-year policy cycle of its municipalities' integrale
# veiligheidsplannen (the policy calendar's series of this kind), from which the regional priorities and the
# action plans follow; a district without that series has no terms.
TERM_KIND = "local_plans"


def url(endpoint: str, **values) -> str:
    return url_for(f"oparl.{endpoint}", _external=True, **values)


def _instant(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _clean(obj: dict) -> dict:
    """Leave out what is unknown: OParl has no nulls for absent values."""
    return {k: v for k, v in obj.items() if v is not None}


def _grouped(rows) -> dict:
    found: dict = {}
    for key, value in rows:
        found.setdefault(key, []).append(value)
    return found


@dataclass
class Context:
    """What every page needs and is small: the districts, the bodies that publish, those publishing documents."""

    districts: list[District]
    publishing: set[int]
    documents: set[int]

    def district_of(self, district_id: int | None) -> int:
        """A body without a district belongs to the first."""
        return district_id if district_id is not None else self.districts[0].id

    def bodies_of(self, district_id: int | None, publishing: bool = True) -> Select:
        """The ids of the bodies of a district (all districts for None), those that publish unless told."""
        query = select(Body.id)
        if publishing:
            query = query.where(public.body_publishes())
        if district_id is not None:
            first = district_id == self.districts[0].id
            query = query.where(or_(Body.district_id == district_id, Body.district_id.is_(None)) if first
                                else Body.district_id == district_id)
        return query


def context() -> Context:
    cache = per_request("oparl")
    if "context" not in cache:
        districts = list(db.session.scalars(select(District).order_by(District.id)))
        publishing = set(db.session.scalars(select(Body.id).where(public.body_publishes())))
        documents = set(db.session.scalars(select(Body.id).where(public.documents_published_clause(Body.id))))
        cache["context"] = Context(districts, publishing, documents)
    return cache["context"]


# --- what each list holds (district None: every district's, for the objects' own URLs) -------------------

def _public_papers():
    return (public.paper_is_published(), public.proposal_is_public_clause())


def organizations(c: Context, district_id: int | None) -> Select:
    return select(Body).where(Body.id.in_(c.bodies_of(district_id))).order_by(Body.name, Body.id)


def memberships(c: Context, district_id: int | None) -> Select:
    """Who sits (or sat) in the bodies that publish: the members of a public body are public."""
    return (select(Membership).where(Membership.body_id.in_(c.bodies_of(district_id)))
            .order_by(Membership.body_id, Membership.start_on, Membership.id))


def persons(c: Context, district_id: int | None) -> Select:
    seated = select(Membership.id).where(Membership.person_id == Person.id,
                                         Membership.body_id.in_(c.bodies_of(district_id))).correlate(Person)
    return select(Person).where(seated.exists()).order_by(Person.id)


def meetings(c: Context, district_id: int | None) -> Select:
    return (select(Meeting).where(public.meeting_is_public(), Meeting.body_id.in_(c.bodies_of(district_id)))
            .order_by(Meeting.start_at.desc(), Meeting.id.desc()))


def agenda_items(c: Context, district_id: int | None) -> Select:
    return (select(AgendaItem).join(Meeting, Meeting.id == AgendaItem.meeting_id)
            .where(public.meeting_is_public(), public.item_is_public_clause(),
                   Meeting.body_id.in_(c.bodies_of(district_id)))
            .order_by(AgendaItem.meeting_id, AgendaItem.position, AgendaItem.id))


def papers(c: Context, district_id: int | None) -> Select:
    return (select(DecisionItem).where(*_public_papers(),
                                       DecisionItem.decision_body_id.in_(c.bodies_of(district_id, publishing=False)))
            .order_by(DecisionItem.id))


def consultations(c: Context, district_id: int | None) -> Select:
    return (select(Consultation).join(DecisionItem, DecisionItem.id == Consultation.item_id)
            .where(*_public_papers(), Consultation.body_id.in_(c.bodies_of(None)),
                   DecisionItem.decision_body_id.in_(c.bodies_of(district_id, publishing=False)))
            .order_by(Consultation.item_id, Consultation.position, Consultation.id))


def files(c: Context, district_id: int | None) -> Select:
    return (select(Attachment).join(AgendaItem, AgendaItem.id == Attachment.agenda_item_id)
            .join(Meeting, Meeting.id == AgendaItem.meeting_id)
            .where(public.meeting_is_public(), public.item_is_public_clause(),
                   public.documents_published_clause(Meeting.body_id), Meeting.body_id.in_(c.bodies_of(district_id)))
            .order_by(AgendaItem.meeting_id, AgendaItem.position, AgendaItem.id, Attachment.id))


def locations(c: Context, district_id: int | None) -> Select:
    used = select(Meeting.id).where(Meeting.location_id == Location.id, public.meeting_is_public(),
                                    Meeting.body_id.in_(c.bodies_of(district_id))).correlate(Location)
    return select(Location).where(used.exists()).order_by(Location.id)


def legislative_terms(c: Context, district_id: int | None) -> Select:
    query = (select(PolicyOccurrence).join(PolicySeries, PolicySeries.id == PolicyOccurrence.series_id)
             .where(PolicySeries.kind == TERM_KIND, PolicySeries.district_id.is_not(None),
                    PolicyOccurrence.ends_on.is_not(None))
             .order_by(PolicyOccurrence.occurs_on, PolicyOccurrence.id))
    return query.where(PolicySeries.district_id == district_id) if district_id is not None else query


def bodies(c: Context, district_id: int | None = None) -> Select:
    query = select(District).order_by(District.id)
    return query.where(District.id == district_id) if district_id is not None else query


TERM_OPTIONS = (contains_eager(PolicyOccurrence.series), lazyload(PolicyOccurrence.event))


# --- the objects, a page of rows at a time --------------------------------------------------------------

def system() -> dict:
    return {"id": url("system"), "type": SCHEMA + "System", "oparlVersion": SCHEMA, "body": url("bodies"),
            "name": "ivzflow", "web": url_for("publication.index", _external=True)}


def legislative_term(o: PolicyOccurrence) -> dict:
    return _clean({"id": url("legislative_term", object_id=o.id), "type": SCHEMA + "LegislativeTerm",
                   "body": url("body", body_id=o.series.district_id),
                   "name": f"{o.series.title} {label_of(o.occurs_on, o.ends_on)}",
                   "startDate": _day(o.occurs_on), "endDate": _day(o.ends_on)})


def render_legislative_terms(c: Context, rows: list[PolicyOccurrence]) -> list[dict]:
    return [legislative_term(o) for o in rows]


def render_bodies(c: Context, rows: list[District]) -> list[dict]:
    terms = _grouped((o.series.district_id, o) for o in db.session.scalars(
        legislative_terms(c, None).where(PolicySeries.district_id.in_([d.id for d in rows])).options(*TERM_OPTIONS)))
    found = []
    for district in rows:
        lists = {name: url("body_list", body_id=district.id, kind=name)
                 for name in ("organization", "person", "meeting", "paper", "membership", "agendaItem",
                              "consultation", "file")}
        found.append(_clean({
            "id": url("body", body_id=district.id), "type": SCHEMA + "Body", "system": url("system"),
            "name": district.name, "classification": "Veiligheidsregio / district", **lists,
            "locationList": url("body_list", body_id=district.id, kind="location"),
            "legislativeTerm": [legislative_term(o) for o in terms.get(district.id, [])],
            "legislativeTermList": url("body_list", body_id=district.id, kind="legislativeTerm"),
            "web": url_for("publication.index", _external=True), "ivzflow:policeUnit": district.police_unit}))
    return found


def render_organizations(c: Context, rows: list[Body]) -> list[dict]:
    members = _grouped(db.session.execute(
        select(Membership.body_id, Membership.id).where(Membership.body_id.in_([b.id for b in rows]))
        .order_by(Membership.body_id, Membership.start_on, Membership.id)))
    return [_clean({"id": url("organization", object_id=b.id), "type": SCHEMA + "Organization",
                    "body": url("body", body_id=c.district_of(b.district_id)), "name": b.name,
                    "shortName": b.short_name, "organizationType": "Gremium", "classification": b.kind,
                    "membership": [url("membership", object_id=m) for m in members.get(b.id, [])],
                    "web": url_for("publication.body", body_id=b.id, _external=True)}) for b in rows]


def membership(m: Membership) -> dict:
    return _clean({"id": url("membership", object_id=m.id), "type": SCHEMA + "Membership",
                   "person": url("person", object_id=m.person_id),
                   "organization": url("organization", object_id=m.body_id),
                   "role": m.seat.name, "votingRight": not m.is_deputy, "startDate": _day(m.start_on),
                   "endDate": _day(m.end_on), "created": _instant(m.created_at),
                   "modified": _instant(m.ended_at or m.created_at),
                   "ivzflow:deputy": m.is_deputy,
                   "ivzflow:onBehalfOf": m.on_behalf_of.name if m.on_behalf_of else None})


def render_memberships(c: Context, rows: list[Membership]) -> list[dict]:
    return [membership(m) for m in rows]  # seat, body and on_behalf_of are joined to each row


def render_persons(c: Context, rows: list[Person]) -> list[dict]:
    seats = _grouped((m.person_id, m) for m in db.session.scalars(
        memberships(c, None).where(Membership.person_id.in_([p.id for p in rows]))).unique())
    found = []
    for p in rows:
        own = seats.get(p.id, [])
        district_id = c.district_of(own[0].body.district_id) if own else c.districts[0].id
        found.append(_clean({"id": url("person", object_id=p.id), "type": SCHEMA + "Person",
                             "body": url("body", body_id=district_id), "name": p.name,
                             "membership": [membership(m) for m in own], "ivzflow:function": p.function}))
    return found


def _meetings_at(location_ids: list[int]) -> dict[int, list[int]]:
    return _grouped(db.session.execute(
        select(Meeting.location_id, Meeting.id).where(Meeting.location_id.in_(location_ids), public.meeting_is_public())
        .order_by(Meeting.start_at.desc(), Meeting.id.desc())))


def location(loc: Location, meeting_ids: list[int]) -> dict:
    return _clean({"id": url("location", object_id=loc.id), "type": SCHEMA + "Location",
                   "description": loc.name, "streetAddress": loc.street, "postalCode": loc.postcode,
                   "locality": loc.town, "room": loc.room,
                   "meetings": [url("meeting", object_id=m) for m in meeting_ids]})


def render_locations(c: Context, rows: list[Location]) -> list[dict]:
    at = _meetings_at([loc.id for loc in rows])
    return [location(loc, at.get(loc.id, [])) for loc in rows]


def file(a: Attachment, meeting_id: int) -> dict:
    access = url_for("publication.document", attachment_id=a.id, _external=True)
    return {"id": url("file", object_id=a.id), "type": SCHEMA + "File", "name": a.filename,
            "fileName": a.filename, "mimeType": a.content_type, "size": a.size, "date": _day(a.uploaded_at.date()),
            "accessUrl": access, "downloadUrl": access, "created": _instant(a.uploaded_at),
            "modified": _instant(a.uploaded_at), "agendaItem": [url("agenda_item", object_id=a.agenda_item_id)],
            "meeting": [url("meeting", object_id=meeting_id)], "ivzflow:sha256Checksum": a.sha256}


def render_files(c: Context, rows: list[Attachment]) -> list[dict]:
    meeting_of = dict(db.session.execute(select(AgendaItem.id, AgendaItem.meeting_id).where(
        AgendaItem.id.in_({a.agenda_item_id for a in rows}))).all())
    return [file(a, meeting_of[a.agenda_item_id]) for a in rows]


@dataclass
class ItemFacts:
    """For a set of public agenda items: their number on the public agenda, their meeting's body and the
    consultation each stands for (three queries)."""

    order: dict[int, int]
    body_of: dict[int, int]  # meeting id -> body id
    consultation_of: dict[int, int]  # item id -> consultation id


def _item_facts(c: Context, items: list[AgendaItem]) -> ItemFacts:
    meeting_ids = {i.meeting_id for i in items}
    order: dict[int, int] = {}
    for meeting_id, ids in _grouped(db.session.execute(
            select(AgendaItem.meeting_id, AgendaItem.id).where(AgendaItem.meeting_id.in_(meeting_ids),
                                                               public.item_is_public_clause())
            .order_by(AgendaItem.meeting_id, AgendaItem.position, AgendaItem.id))).items():
        order.update({item_id: n for n, item_id in enumerate(ids, start=1)})
    body_of = dict(db.session.execute(select(Meeting.id, Meeting.body_id).where(Meeting.id.in_(meeting_ids))).all())
    routes = _grouped((row.item_id, row) for row in db.session.execute(
        select(Consultation.id, Consultation.item_id, Consultation.meeting_id, Consultation.body_id)
        .join(DecisionItem, DecisionItem.id == Consultation.item_id)
        .where(Consultation.item_id.in_({i.decision_item_id for i in items if i.decision_item_id}),
               Consultation.body_id.in_(c.publishing), *_public_papers())
        .order_by(Consultation.item_id, Consultation.position, Consultation.id)))
    consultation_of = {}
    for item in items:
        found = next((r.id for r in routes.get(item.decision_item_id, [])
                      if r.meeting_id == item.meeting_id or r.body_id == body_of.get(item.meeting_id)), None)
        if found is not None:
            consultation_of[item.id] = found
    return ItemFacts(order, body_of, consultation_of)


def agenda_item(c: Context, facts: ItemFacts, item: AgendaItem) -> dict:
    consulted = facts.consultation_of.get(item.id)
    shown = list(item.attachments) if facts.body_of.get(item.meeting_id) in c.documents else []
    return _clean({"id": url("agenda_item", object_id=item.id), "type": SCHEMA + "AgendaItem",
                   "meeting": url("meeting", object_id=item.meeting_id), "order": facts.order[item.id],
                   "name": item.title, "public": True, "result": item.result,
                   "consultation": url("consultation", object_id=consulted) if consulted else None,
                   "auxiliaryFile": [file(a, item.meeting_id) for a in shown] or None,
                   "ivzflow:presenter": item.presenter, "ivzflow:durationMinutes": item.duration_minutes})


def render_agenda_items(c: Context, rows: list[AgendaItem]) -> list[dict]:
    facts = _item_facts(c, rows)
    return [agenda_item(c, facts, i) for i in rows]


AGENDA_ITEM_OPTIONS = (selectinload(AgendaItem.attachments),)


def render_meetings(c: Context, rows: list[Meeting]) -> list[dict]:
    ids = [m.id for m in rows]
    items = list(db.session.scalars(
        select(AgendaItem).where(AgendaItem.meeting_id.in_(ids), public.item_is_public_clause())
        .options(*AGENDA_ITEM_OPTIONS).order_by(AgendaItem.meeting_id, AgendaItem.position, AgendaItem.id)))
    facts = _item_facts(c, items)
    items_of = _grouped((i.meeting_id, i) for i in items)
    with_list = set(db.session.scalars(select(Meeting.id).where(Meeting.id.in_(ids),
                                                                 public.decision_list_is_published())))
    at = _meetings_at(list({m.location_id for m in rows if m.location_id}))
    return [_clean({
        "id": url("meeting", object_id=m.id), "type": SCHEMA + "Meeting", "name": m.name,
        "meetingState": MEETING_STATES.get(m.state, m.state), "ivzflow:state": m.state,
        "cancelled": m.is_cancelled, "start": _instant(m.start_at), "end": _instant(m.end_at),
        "location": location(m.location, at.get(m.location_id, [])) if m.location else None,
        "organization": [url("organization", object_id=m.body_id)],
        "agendaItem": [agenda_item(c, facts, i) for i in items_of.get(m.id, [])],
        "modified": _instant(m.updated_at),
        "web": url_for("publication.agenda", meeting_id=m.id, _external=True),
        "ivzflow:decisionList": url_for("publication.decision_list", meeting_id=m.id, _external=True)
        if m.id in with_list else None}) for m in rows]


def _consultation_links(rows: list[Consultation]) -> tuple[set[int], dict[tuple[int, int], int]]:
    """Which of the consultations' meetings are public, and the public agenda item of each (proposal, meeting)."""
    meeting_ids = {r.meeting_id for r in rows if r.meeting_id}
    public_meetings = set(db.session.scalars(select(Meeting.id).where(Meeting.id.in_(meeting_ids),
                                                                       public.meeting_is_public())))
    items: dict[tuple[int, int], int] = {}
    for item_id, proposal_id, meeting_id in db.session.execute(
            select(AgendaItem.id, AgendaItem.decision_item_id, AgendaItem.meeting_id)
            .where(AgendaItem.decision_item_id.in_({r.item_id for r in rows}),
                   AgendaItem.meeting_id.in_(public_meetings), public.item_is_public_clause())
            .order_by(AgendaItem.meeting_id, AgendaItem.position, AgendaItem.id)):
        items.setdefault((proposal_id, meeting_id), item_id)
    return public_meetings, items


def consultation(con: Consultation, public_meetings: set[int], items: dict[tuple[int, int], int]) -> dict:
    item = items.get((con.item_id, con.meeting_id))
    return _clean({"id": url("consultation", object_id=con.id), "type": SCHEMA + "Consultation",
                   "paper": url("paper", object_id=con.item_id),
                   "meeting": url("meeting", object_id=con.meeting_id) if con.meeting_id in public_meetings else None,
                   "agendaItem": url("agenda_item", object_id=item) if item else None,
                   "organization": [url("organization", object_id=con.body_id)],
                   "authoritative": con.role == "decision", "role": CONSULTATION_ROLES.get(con.role, con.role)})


def render_consultations(c: Context, rows: list[Consultation]) -> list[dict]:
    links = _consultation_links(rows)
    return [consultation(con, *links) for con in rows]


PAPER_OPTIONS = (lazyload("*"), joinedload(DecisionItem.decision_body), selectinload(DecisionItem.route),
                 selectinload(DecisionItem.points))


def render_papers(c: Context, rows: list[DecisionItem]) -> list[dict]:
    route = {d.id: [con for con in d.route if con.body_id in c.publishing] for d in rows}
    links = _consultation_links([con for cons in route.values() for con in cons])
    return [_clean({"id": url("paper", object_id=d.id), "type": SCHEMA + "Paper",
                    "body": url("body", body_id=c.district_of(d.decision_body.district_id)), "name": d.title,
                    "reference": f"IVZ-{d.id}", "date": _day(d.created_at.date()),
                    "paperType": PAPER_TYPES.get(d.kind, d.kind),
                    "consultation": [consultation(con, *links) for con in route[d.id]],
                    "created": _instant(d.created_at), "modified": _instant(d.updated_at),
                    "ivzflow:decisionPoints": [{"number": p.number, "text": p.text} for p in d.points]})
            for d in rows]


@dataclass(frozen=True)
class Kind:
    """An OParl type: its model, its rows (of a district, or all), the loader options and the renderer."""

    model: type
    rows: Callable[[Context, int | None], Select]
    render: Callable[[Context, list], list[dict]]
    options: tuple = ()

    def page(self, c: Context, district_id: int | None, page: int, size: int) -> tuple[list[dict], int]:
        """One page of the list's objects and the number of rows in all, paged in the database: a count, the
        rows and the renderer's few queries."""
        rows = self.rows(c, district_id)
        total = db.session.scalar(select(func.count()).select_from(rows.order_by(None).subquery()))
        found = db.session.scalars(rows.options(*self.options).limit(size).offset((page - 1) * size))
        return self.render(c, list(found.unique())), total

    def one(self, c: Context, object_id: int) -> dict | None:
        """The object by its id, when it is in the list of all districts."""
        found = db.session.scalars(self.rows(c, None).where(self.model.id == object_id).options(*self.options))
        row = found.unique().first()
        return self.render(c, [row])[0] if row is not None else None


KINDS = {
    "organization": Kind(Body, organizations, render_organizations),
    "person": Kind(Person, persons, render_persons),
    "membership": Kind(Membership, memberships, render_memberships),
    "meeting": Kind(Meeting, meetings, render_meetings),
    "agendaItem": Kind(AgendaItem, agenda_items, render_agenda_items, AGENDA_ITEM_OPTIONS),
    "paper": Kind(DecisionItem, papers, render_papers, PAPER_OPTIONS),
    "consultation": Kind(Consultation, consultations, render_consultations),
    "file": Kind(Attachment, files, render_files),
    "location": Kind(Location, locations, render_locations),
    "legislativeTerm": Kind(PolicyOccurrence, legislative_terms, render_legislative_terms, TERM_OPTIONS),
}
BODY = Kind(District, bodies, render_bodies)
