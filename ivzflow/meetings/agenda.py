"""Agenda assembly: standing items from the body's template, free items, their order and numbers, the
running time against the meeting's length, and fixing, reopening and sending the agenda.

A gezagsdriehoek meets in two parts: a common part, then local items. Its items carry a section; the
common part comes first and the numbering runs on through the local part.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ivzflow.core.errors import Conflict, ValidationError, check_version, stale_message
from ivzflow.extensions import db
from ivzflow.meetings import amendments, services
from ivzflow.meetings.attachments import forget_files
from ivzflow.meetings.models import AgendaItem, Meeting, StandingItem
from ivzflow.meetings.permissions import AGENDA_AMENDABLE_STATES, AGENDA_EDITABLE_STATES

SECTIONS = ("common", "local")
SECTIONED_KINDS = {"driehoek"}
MAX_ITEM_MINUTES = 600


def has_sections(body) -> bool:
    return body.kind in SECTIONED_KINDS


def section_label(section: str | None) -> str:
    return {"common": _("Gemeenschappelijk deel"), "local": _("Lokaal deel")}.get(section or "", "")


def agenda_order(item) -> tuple:
    """Sort key of agenda and standing items: part (common before local), then position."""
    return (SECTIONS.index(item.section) if item.section in SECTIONS else 0, item.position, item.id or 0)


def move_within_part(items: list, item, direction: str) -> None:
    """Swap an item with its neighbour in the same part of the ordered list, then number positions 1..n."""
    if direction not in ("up", "down"):
        raise ValidationError(_("Kies omhoog of omlaag."))
    peers = [i for i in items if agenda_order(i)[0] == agenda_order(item)[0]]
    index = peers.index(item)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(peers):  # else already first or last: nothing to do
        a, b = items.index(peers[index]), items.index(peers[other])
        items[a], items[b] = items[b], items[a]
    renumber(items)


def renumber(items: list) -> None:
    for position, item in enumerate(items, start=1):
        if item.position != position:
            item.position = position


# --- reading -----------------------------------------------------------------------------------------

def load_items(meeting: Meeting) -> list[AgendaItem]:
    """The meeting's items in agenda order, with their attachments, in two queries."""
    items = db.session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)
                               .options(selectinload(AgendaItem.attachments)))
    return sorted(items, key=agenda_order)


@dataclass
class Row:
    item: AgendaItem
    number: int
    starts_at: datetime
    running_total: int  # minutes from the start of the meeting to the end of this item

    @property
    def attachments(self):
        return self.item.attachments


@dataclass
class Section:
    key: str | None
    label: str
    rows: list[Row] = field(default_factory=list)


@dataclass
class Agenda:
    meeting: Meeting
    sections: list[Section]
    total_minutes: int
    hidden: int  # items the reader may not see

    @property
    def length_minutes(self) -> int:
        return self.meeting.duration_minutes

    @property
    def over_by(self) -> int:
        return max(0, self.total_minutes - self.length_minutes)

    @property
    def rows(self) -> list[Row]:
        return [row for section in self.sections for row in section.rows]

    def is_over(self, row: Row) -> bool:
        return row.running_total > self.length_minutes

    def summary_text(self) -> str:
        return _("Totaal %(total)d van %(length)d minuten.", total=self.total_minutes, length=self.length_minutes)

    def warning_text(self) -> str:
        """Said in words, not by colour alone; empty when the agenda fits the meeting."""
        if not self.over_by:
            return ""
        return _("Let op: de agenda duurt %(over)d minuten langer dan de vergadering (%(total)d van %(length)d "
                 "minuten). Kort punten in of schuif er een door.", over=self.over_by, total=self.total_minutes,
                 length=self.length_minutes)

    def running_text(self, row: Row) -> str:
        text = _("%(total)d van %(length)d min", total=row.running_total, length=self.length_minutes)
        return text + " " + _("(over de tijd)") if self.is_over(row) else text


def build(meeting: Meeting, items: list[AgendaItem], visible: Callable[[AgendaItem], bool]) -> Agenda:
    """Number the items and add up their minutes over the whole agenda; keep the rows the reader may see.

    Numbers and times count every item, so that everyone refers to the same "item 4".
    """
    sectioned = has_sections(meeting.body) or any(i.section for i in items)
    sections = [Section(key, section_label(key)) for key in SECTIONS] if sectioned else [Section(None, "")]
    running, hidden = 0, 0
    for number, item in enumerate(sorted(items, key=agenda_order), start=1):
        starts_at = meeting.start_at + timedelta(minutes=running)
        running += item.duration_minutes
        if not visible(item):
            hidden += 1
            continue
        target = sections[SECTIONS.index(item.section) if sectioned and item.section in SECTIONS else 0]
        target.rows.append(Row(item, number, starts_at, running))
    return Agenda(meeting, sections, running, hidden)


# --- guards ------------------------------------------------------------------------------------------

def ensure_editable(meeting: Meeting) -> None:
    """Items can be added or changed while the agenda is being prepared, and after it was sent (as an
    amendment, sent again to the members: see amendments)."""
    if meeting.state in AGENDA_EDITABLE_STATES | AGENDA_AMENDABLE_STATES:
        return
    messages = {
        "fixed": _("De agenda is al vastgesteld. Heropen de agenda om punten toe te voegen of te wijzigen."),
        "held": _("Deze vergadering is al gehouden; de agenda kan niet meer worden gewijzigd."),
        "minutes_adopted": _("Deze vergadering is al gehouden; de agenda kan niet meer worden gewijzigd."),
        "cancelled": _("Deze vergadering is geannuleerd; de agenda kan niet meer worden gewijzigd."),
    }
    raise Conflict(messages.get(meeting.state, _("De agenda kan nu niet worden gewijzigd.")))


def clean_item_values(body, values: dict) -> dict:
    """Title, minutes, part and openness, as agenda items and standing items share them."""
    title = (values.get("title") or "").strip()
    if not title:
        raise ValidationError(_("Vul een titel in."), field="title")
    if len(title) > 300:
        raise ValidationError(_("Een titel is hoogstens 300 tekens."), field="title")
    minutes = values.get("duration_minutes")
    if minutes is None or not 0 <= minutes <= MAX_ITEM_MINUTES:
        raise ValidationError(_("Geef de duur in minuten, van 0 tot %(max)d.", max=MAX_ITEM_MINUTES),
                              field="duration_minutes")
    section = values.get("section") or None
    if has_sections(body):
        if section not in SECTIONS:
            raise ValidationError(_("Kies het gemeenschappelijke of het lokale deel."), field="section")
    else:
        section = None
    return {"title": title, "duration_minutes": minutes, "section": section,
            "is_public": bool(values.get("is_public", True))}


def _clean(meeting: Meeting, values: dict) -> dict:
    presenter = (values.get("presenter") or "").strip()
    if len(presenter) > 200:
        raise ValidationError(_("Een naam is hoogstens 200 tekens."), field="presenter")
    description = (values.get("description") or "").strip()
    if len(description) > 10000:
        raise ValidationError(_("Een toelichting is hoogstens 10.000 tekens."), field="description")
    return {**clean_item_values(meeting.body, values), "description": description or None,
            "presenter": presenter or None}


# --- writing -----------------------------------------------------------------------------------------

def _next_position(meeting: Meeting) -> int:
    return (db.session.scalar(select(func.max(AgendaItem.position)).where(AgendaItem.meeting_id == meeting.id))
            or 0) + 1


def start_preparing(actor, meeting: Meeting, *, version) -> int:
    """Planned → agenda in preparation, with the body's standing items; returns how many were added."""
    services.change_state(actor, meeting, "preparing", version=version)
    already = db.session.scalar(select(func.count(AgendaItem.id)).where(
        AgendaItem.meeting_id == meeting.id, AgendaItem.is_standing.is_(True)))
    if already:
        return 0
    template = db.session.scalars(select(StandingItem).where(StandingItem.body_id == meeting.body_id)
                                  .order_by(StandingItem.position, StandingItem.id))
    position = _next_position(meeting)
    sectioned = has_sections(meeting.body)
    added = 0
    for standing in template:
        db.session.add(AgendaItem(
            meeting_id=meeting.id, position=position + added, title=standing.title,
            duration_minutes=standing.duration_minutes, is_public=standing.is_public, is_standing=True,
            is_closing=standing.is_closing,
            section=(standing.section if standing.section in SECTIONS else "common") if sectioned else None))
        added += 1
    db.session.flush()
    return added


def place_before_closing(meeting: Meeting, item: AgendaItem) -> None:
    """Move a new item from the end of its part to just before that part's closing items (Rondvraag en
    sluiting); a part without closing items keeps it at the end."""
    items = load_items(meeting)
    part = agenda_order(item)[0]
    closing = next((i for i, other in enumerate(items)
                    if other.is_closing and other is not item and agenda_order(other)[0] == part), None)
    if closing is None:
        return
    items.remove(item)
    items.insert(closing, item)
    renumber(items)
    db.session.flush()


def add_item(actor, meeting: Meeting, **values) -> AgendaItem:
    """A free item at the end of its part of the agenda, before the closing items; a planned meeting goes
    into preparation first."""
    ensure_editable(meeting)
    clean = _clean(meeting, values)
    if meeting.state == "planned":
        start_preparing(actor, meeting, version=meeting.version)
    item = AgendaItem(meeting_id=meeting.id, position=_next_position(meeting), **clean)
    db.session.add(item)
    db.session.flush()
    place_before_closing(meeting, item)
    amendments.item_added(actor, meeting, item)
    return item


def update_item(actor, item: AgendaItem, *, version, **values) -> None:
    """Change an item's title, text, presenter, minutes, openness or part."""
    ensure_editable(item.meeting)
    check_version(item, version)
    before = {key: getattr(item, key) for key in amendments.FIELD_LABELS}
    for key, value in _clean(item.meeting, values).items():
        setattr(item, key, value)
    db.session.flush()
    amendments.item_changed(actor, item, before)


def delete_item(actor, item: AgendaItem, *, version) -> None:
    """Remove an item with its documents (the files go when the transaction commits)."""
    ensure_editable(item.meeting)
    check_version(item, version)
    amendments.item_removed(actor, item.meeting, item)
    forget_files(item.attachments)
    db.session.delete(item)
    db.session.flush()


def reorder(actor, meeting: Meeting, item_ids: list[int]) -> list[AgendaItem]:
    """Put the items in the given order: the full list of the meeting's item ids, as shown to the user."""
    ensure_editable(meeting)
    items = {item.id: item for item in load_items(meeting)}
    if len(item_ids) != len(set(item_ids)) or set(item_ids) != set(items):
        raise Conflict(stale_message())
    if [i.id for i in sorted(items.values(), key=agenda_order)] != item_ids:
        amendments.order_changed(actor, meeting)
    renumber([items[item_id] for item_id in item_ids])
    db.session.flush()
    return sorted(items.values(), key=agenda_order)


def move_item(actor, item: AgendaItem, direction: str) -> None:
    """One place up or down within its part of the agenda (the buttons that work without JavaScript)."""
    meeting = item.meeting
    ensure_editable(meeting)
    items = load_items(meeting)
    before = list(items)
    move_within_part(items, item, direction)
    if items != before:
        amendments.order_changed(actor, meeting)
    db.session.flush()


def fix_agenda(actor, meeting: Meeting, *, version) -> None:
    """Agenda in preparation → fixed; an agenda needs at least one item."""
    check_version(meeting, version)
    count = db.session.scalar(select(func.count(AgendaItem.id)).where(AgendaItem.meeting_id == meeting.id))
    if meeting.state == "preparing" and not count:
        raise ValidationError(_("Een agenda zonder punten kan niet worden vastgesteld. Voeg eerst een punt toe."))
    services.change_state(actor, meeting, "fixed", version=meeting.version)


def reopen_agenda(actor, meeting: Meeting, *, version) -> None:
    """Fixed → in preparation again, to change items."""
    services.change_state(actor, meeting, "preparing", version=version)


def send_agenda(actor, meeting: Meeting, *, version) -> None:
    """Fixed → sent to the members; only a published meeting's agenda can be sent."""
    check_version(meeting, version)
    if meeting.state == "fixed" and not meeting.is_published:
        raise Conflict(_("Deze vergadering is nog niet gepubliceerd. Publiceer haar eerst; daarna kan de agenda "
                         "verzonden worden."))
    services.change_state(actor, meeting, "sent", version=meeting.version)
