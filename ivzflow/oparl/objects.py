"""The published records as OParl 1.1 objects: ids are their URLs, extensions are `ivzflow:*` properties.

What is published comes from ivzflow.publication.public only (the same rules as /openbaar/); `scope()`
gathers it once per request in a fixed number of queries, and every list and object is cut from it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from flask import url_for
from sqlalchemy import select

from ivzflow.bodies.models import Body, Membership
from ivzflow.core.web import per_request
from ivzflow.decisions.models import Consultation, DecisionItem
from ivzflow.extensions import db
from ivzflow.meetings.models import AgendaItem, Attachment, Location, Meeting
from ivzflow.organisations.models import District
from ivzflow.people.models import Person
from ivzflow.publication import public

SCHEMA = "https://schema.oparl.org/1.1/"
PAPER_TYPES = {"decision": "Voorstel ter besluitvorming", "discussion": "Voorstel ter bespreking",
               "information": "Ter kennisname"}
MEETING_STATES = {"sent": "Uitgenodigd", "held": "Gehouden", "minutes_adopted": "Verslag vastgesteld",
                  "cancelled": "Geannuleerd"}
CONSULTATION_ROLES = {"advice": "Advies", "decision": "Besluitvorming", "note": "Kennisname"}


def url(endpoint: str, **values) -> str:
    return url_for(f"oparl.{endpoint}", _external=True, **values)


def _instant(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _clean(obj: dict) -> dict:
    """Leave out what is unknown: OParl has no nulls for absent values."""
    return {k: v for k, v in obj.items() if v is not None}


@dataclass
class Scope:
    """Everything published, gathered once."""

    districts: list[District]
    bodies: list[Body]
    meetings: list[Meeting]
    items: list[AgendaItem]
    papers: list[DecisionItem]
    memberships: list[Membership]
    files: list[Attachment]
    persons: list[Person] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    consultations: list[Consultation] = field(default_factory=list)

    def __post_init__(self):
        self.persons = sorted({m.person_id: m.person for m in self.memberships}.values(), key=lambda p: p.id)
        self.locations = sorted({m.location_id: m.location for m in self.meetings if m.location}.values(),
                                key=lambda loc: loc.id)
        body_ids = {b.id for b in self.bodies}
        self.consultations = [c for p in self.papers for c in p.route if c.body_id in body_ids]
        self.body_ids = body_ids
        self.meeting_ids = {m.id for m in self.meetings}
        self.items_of: dict[int, list[AgendaItem]] = {}
        for item in self.items:
            self.items_of.setdefault(item.meeting_id, []).append(item)
        self.paper_ids = {p.id for p in self.papers}
        self.document_bodies = {b for b in body_ids if public.documents_published(b)}
        self.decision_list_ids = {m.id for m, _record in public.published_decision_lists()}

    def district_of(self, body: Body) -> District:
        return next((d for d in self.districts if d.id == body.district_id), self.districts[0])

    def files_of(self, item: AgendaItem) -> list[Attachment]:
        return list(item.attachments) if item.meeting.body_id in self.document_bodies else []


def scope() -> Scope:
    cache = per_request("oparl")
    if "scope" not in cache:
        districts = list(db.session.scalars(select(District).order_by(District.id)))
        bodies = public.publishing_bodies() if districts else []
        body_ids = [b.id for b in bodies]
        meetings = public.public_meetings(body_ids)
        items = public.public_items(meetings)
        found = Scope(districts, bodies, meetings, items, public.public_papers(), public.public_memberships(body_ids),
                      [])
        found.files = [a for i in items for a in found.files_of(i)]
        cache["scope"] = found
    return cache["scope"]


# --- the objects --------------------------------------------------------------------------------------

def system() -> dict:
    return {"id": url("system"), "type": SCHEMA + "System", "oparlVersion": SCHEMA, "body": url("bodies"),
            "name": "ivzflow", "web": url_for("publication.index", _external=True)}


def body(s: Scope, district: District) -> dict:
    lists = {name: url("body_list", body_id=district.id, kind=name)
             for name in ("organization", "person", "meeting", "paper", "membership", "agendaItem", "consultation",
                          "file")}
    return _clean({"id": url("body", body_id=district.id), "type": SCHEMA + "Body", "system": url("system"),
                   "name": district.name, "classification": "Veiligheidsregio / district", **lists,
                   "locationList": url("body_list", body_id=district.id, kind="location"),
                   "legislativeTerm": [], "web": url_for("publication.index", _external=True),
                   "ivzflow:policeUnit": district.police_unit})


def organization(s: Scope, b: Body) -> dict:
    return _clean({"id": url("organization", object_id=b.id), "type": SCHEMA + "Organization",
                   "body": url("body", body_id=s.district_of(b).id), "name": b.name, "shortName": b.short_name,
                   "organizationType": "Gremium", "classification": b.kind,
                   "membership": [url("membership", object_id=m.id) for m in s.memberships if m.body_id == b.id],
                   "web": url_for("publication.body", body_id=b.id, _external=True)})


def membership(s: Scope, m: Membership) -> dict:
    return _clean({"id": url("membership", object_id=m.id), "type": SCHEMA + "Membership",
                   "person": url("person", object_id=m.person_id),
                   "organization": url("organization", object_id=m.body_id),
                   "role": m.seat.name, "votingRight": not m.is_deputy, "startDate": _day(m.start_on),
                   "endDate": _day(m.end_on), "created": _instant(m.created_at),
                   "modified": _instant(m.ended_at or m.created_at),
                   "ivzflow:deputy": m.is_deputy,
                   "ivzflow:onBehalfOf": m.on_behalf_of.name if m.on_behalf_of else None})


def person(s: Scope, p: Person) -> dict:
    district = s.districts[0]
    return _clean({"id": url("person", object_id=p.id), "type": SCHEMA + "Person",
                   "body": url("body", body_id=district.id), "name": p.name,
                   "membership": [membership(s, m) for m in s.memberships if m.person_id == p.id],
                   "ivzflow:function": p.function})


def location(s: Scope, loc: Location) -> dict:
    return _clean({"id": url("location", object_id=loc.id), "type": SCHEMA + "Location",
                   "description": loc.name, "streetAddress": loc.street, "postalCode": loc.postcode,
                   "locality": loc.town, "room": loc.room,
                   "meetings": [url("meeting", object_id=m.id) for m in s.meetings if m.location_id == loc.id]})


def file(s: Scope, a: Attachment) -> dict:
    access = url_for("publication.document", attachment_id=a.id, _external=True)
    return {"id": url("file", object_id=a.id), "type": SCHEMA + "File", "name": a.filename,
            "fileName": a.filename, "mimeType": a.content_type, "size": a.size, "date": _day(a.uploaded_at.date()),
            "accessUrl": access, "downloadUrl": access, "created": _instant(a.uploaded_at),
            "modified": _instant(a.uploaded_at), "agendaItem": [url("agenda_item", object_id=a.agenda_item_id)],
            "meeting": [url("meeting", object_id=a.agenda_item.meeting_id)], "ivzflow:sha256Checksum": a.sha256}


def _consultation_of(s: Scope, item: AgendaItem) -> Consultation | None:
    if item.decision_item_id not in s.paper_ids:
        return None
    return next((c for c in s.consultations if c.item_id == item.decision_item_id
                 and (c.meeting_id == item.meeting_id or c.body_id == item.meeting.body_id)), None)


def agenda_item(s: Scope, item: AgendaItem, order: int) -> dict:
    consulted = _consultation_of(s, item)
    return _clean({"id": url("agenda_item", object_id=item.id), "type": SCHEMA + "AgendaItem",
                   "meeting": url("meeting", object_id=item.meeting_id), "order": order, "name": item.title,
                   "public": True, "result": item.result,
                   "consultation": url("consultation", object_id=consulted.id) if consulted else None,
                   "auxiliaryFile": [file(s, a) for a in s.files_of(item)] or None,
                   "ivzflow:presenter": item.presenter, "ivzflow:durationMinutes": item.duration_minutes})


def order_of(s: Scope, item: AgendaItem) -> int:
    return s.items_of[item.meeting_id].index(item) + 1


def meeting(s: Scope, m: Meeting) -> dict:
    return _clean({"id": url("meeting", object_id=m.id), "type": SCHEMA + "Meeting", "name": m.name,
                   "meetingState": MEETING_STATES.get(m.state, m.state), "ivzflow:state": m.state,
                   "cancelled": m.is_cancelled, "start": _instant(m.start_at),
                   "end": _instant(m.end_at), "location": location(s, m.location) if m.location else None,
                   "organization": [url("organization", object_id=m.body_id)],
                   "agendaItem": [agenda_item(s, i, n) for n, i in enumerate(s.items_of.get(m.id, []), start=1)],
                   "modified": _instant(m.updated_at),
                   "web": url_for("publication.agenda", meeting_id=m.id, _external=True),
                   "ivzflow:decisionList": url_for("publication.decision_list", meeting_id=m.id, _external=True)
                   if m.id in s.decision_list_ids else None})


def consultation(s: Scope, c: Consultation) -> dict:
    item = next((i for i in s.items if i.decision_item_id == c.item_id and i.meeting_id == c.meeting_id), None)
    return _clean({"id": url("consultation", object_id=c.id), "type": SCHEMA + "Consultation",
                   "paper": url("paper", object_id=c.item_id),
                   "meeting": url("meeting", object_id=c.meeting_id) if c.meeting_id in s.meeting_ids else None,
                   "agendaItem": url("agenda_item", object_id=item.id) if item else None,
                   "organization": [url("organization", object_id=c.body_id)],
                   "authoritative": c.role == "decision", "role": CONSULTATION_ROLES.get(c.role, c.role)})


def paper(s: Scope, d: DecisionItem) -> dict:
    return _clean({"id": url("paper", object_id=d.id), "type": SCHEMA + "Paper",
                   "body": url("body", body_id=s.district_of(d.decision_body).id), "name": d.title,
                   "reference": f"IVZ-{d.id}", "date": _day(d.created_at.date()),
                   "paperType": PAPER_TYPES.get(d.kind, d.kind),
                   "consultation": [consultation(s, c) for c in s.consultations if c.item_id == d.id],
                   "created": _instant(d.created_at), "modified": _instant(d.updated_at),
                   "ivzflow:decisionPoints": [{"number": p.number, "text": p.text} for p in d.points]})
