"""A sent agenda can still change: each change is recorded, and sending the amended agenda makes a new
version whose changes (the addendum) go to the members, by message and e-mail (reminders kind
"agenda_amended"), and show on the agenda page as "Gewijzigd na verzending".

Changes wait (version None) until the preparer sends them; several changes to one item before that
are one line of the addendum (an item added and removed again is no change at all). Who may: those who
prepare the meeting, as for fixing and sending it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from itertools import groupby

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ivzflow.core import clock
from ivzflow.core.errors import Conflict, ValidationError, check_version
from ivzflow.extensions import db
from ivzflow.meetings.models import AgendaChange, AgendaItem, Meeting
from ivzflow.meetings.permissions import AGENDA_AMENDABLE_STATES

FIELD_LABELS = {"title": _l("titel"), "description": _l("toelichting"), "presenter": _l("inleider"),
                "duration_minutes": _l("duur"), "is_public": _l("openbaarheid"), "section": _l("deel")}


def is_amending(meeting: Meeting) -> bool:
    """Changes to this agenda are amendments of an agenda the members already have."""
    return meeting.state in AGENDA_AMENDABLE_STATES


def _pending_of(meeting_id: int, item_id: int | None, kind: str) -> AgendaChange | None:
    return db.session.scalar(select(AgendaChange).where(
        AgendaChange.meeting_id == meeting_id, AgendaChange.version.is_(None), AgendaChange.kind == kind,
        AgendaChange.agenda_item_id == item_id if item_id is not None else AgendaChange.agenda_item_id.is_(None))
        .limit(1))


def _add(actor, meeting: Meeting, kind: str, item: AgendaItem | None, detail: str | None = None,
         is_public: bool | None = None) -> None:
    db.session.add(AgendaChange(
        meeting_id=meeting.id, kind=kind, agenda_item_id=item.id if item is not None else None,
        title=item.title if item is not None else "", detail=detail,
        is_public=(item is None or item.is_public) if is_public is None else is_public, at=clock.now(),
        by_id=getattr(actor, "id", None)))


def item_added(actor, meeting: Meeting, item: AgendaItem) -> None:
    if is_amending(meeting):
        _add(actor, meeting, "added", item)
        db.session.flush()


def item_changed(actor, item: AgendaItem, before: dict) -> None:
    """After an item's values changed from `before`: which of them, merged into a waiting line."""
    meeting = item.meeting
    fields = [key for key in FIELD_LABELS if key in before and before[key] != getattr(item, key)]
    if not is_amending(meeting) or not fields:
        return
    added = _pending_of(meeting.id, item.id, "added")
    if added is not None:
        added.title, added.is_public = item.title, item.is_public
        return  # still new to the members: the addendum says "added", with the latest title
    is_public = item.is_public and before.get("is_public", True)  # confidential if it was so at any time
    waiting = _pending_of(meeting.id, item.id, "changed")
    if waiting is None:
        _add(actor, meeting, "changed", item, ",".join(fields), is_public)
    else:
        known = (waiting.detail or "").split(",")
        waiting.detail = ",".join(known + [f for f in fields if f not in known])
        waiting.title, waiting.is_public = item.title, waiting.is_public and is_public
    db.session.flush()


def item_removed(actor, meeting: Meeting, item: AgendaItem) -> None:
    if not is_amending(meeting):
        return
    was_new = _pending_of(meeting.id, item.id, "added") is not None  # the members never had it
    for change in db.session.scalars(select(AgendaChange).where(
            AgendaChange.agenda_item_id == item.id, AgendaChange.version.is_(None))):
        db.session.delete(change)
    if not was_new:
        _add(actor, meeting, "removed", item)
    db.session.flush()


def order_changed(actor, meeting: Meeting) -> None:
    if is_amending(meeting) and _pending_of(meeting.id, None, "order") is None:
        _add(actor, meeting, "order", None)
        db.session.flush()


def document_added(actor, item: AgendaItem, filename: str) -> None:
    if is_amending(item.meeting) and _pending_of(item.meeting_id, item.id, "added") is None:
        _add(actor, item.meeting, "document_added", item, filename[:300])
        db.session.flush()


def document_removed(actor, item: AgendaItem, filename: str) -> None:
    if not is_amending(item.meeting) or _pending_of(item.meeting_id, item.id, "added") is not None:
        return
    waiting = db.session.scalar(select(AgendaChange).where(
        AgendaChange.agenda_item_id == item.id, AgendaChange.version.is_(None), AgendaChange.kind == "document_added",
        AgendaChange.detail == filename[:300]).limit(1))
    if waiting is not None:
        db.session.delete(waiting)  # added and removed again before the members heard of it
    else:
        _add(actor, item.meeting, "document_removed", item, filename[:300])
    db.session.flush()


# --- reading -----------------------------------------------------------------------------------------

def describe(change: AgendaChange, *, title: str | None = None) -> str:
    """One line of the addendum, e.g. "Gewijzigd: Cameratoezicht (titel, duur)"."""
    title = change.title if title is None else title
    if change.kind == "added":
        return _("Toegevoegd: %(title)s", title=title)
    if change.kind == "removed":
        return _("Vervallen: %(title)s", title=title)
    if change.kind == "changed":
        fields = ", ".join(str(FIELD_LABELS[f]) for f in (change.detail or "").split(",") if f in FIELD_LABELS)
        return _("Gewijzigd: %(title)s (%(fields)s)", title=title, fields=fields)
    if change.kind == "document_added":
        return _("Stuk toegevoegd bij %(title)s: %(name)s", title=title, name=change.detail)
    if change.kind == "document_removed":
        return _("Stuk vervallen bij %(title)s: %(name)s", title=title, name=change.detail)
    return _("De volgorde van de punten is gewijzigd.")


@dataclass
class Version:
    number: int
    sent_at: datetime
    changes: list[AgendaChange]

    def lines(self) -> list[str]:
        return [describe(c) for c in self.changes]


def _visible(changes, sees_confidential: bool) -> list[AgendaChange]:
    return [c for c in changes if c.is_public or sees_confidential]


def pending(meeting: Meeting, sees_confidential: bool = True) -> list[AgendaChange]:
    """Changes not yet sent to the members, in the order they were made."""
    return _visible(db.session.scalars(select(AgendaChange).where(
        AgendaChange.meeting_id == meeting.id, AgendaChange.version.is_(None))
        .order_by(AgendaChange.at, AgendaChange.id)), sees_confidential)


def sent_versions(meeting: Meeting, sees_confidential: bool) -> list[Version]:
    """The amended versions sent, newest first, each with the changes the reader may see."""
    if meeting.agenda_version <= 1:
        return []
    changes = db.session.scalars(select(AgendaChange).where(
        AgendaChange.meeting_id == meeting.id, AgendaChange.version.is_not(None))
        .order_by(AgendaChange.version.desc(), AgendaChange.at, AgendaChange.id)).all()
    return [Version(number, group[0].sent_at, _visible(group, sees_confidential))
            for number, group in ((n, list(g)) for n, g in groupby(changes, key=lambda c: c.version))]


def version_of(meeting: Meeting, number: int) -> Version | None:
    return next((v for v in sent_versions(meeting, True) if v.number == number), None)


# --- sending -----------------------------------------------------------------------------------------

def send_amended(actor, meeting: Meeting, *, version) -> Version:
    """The waiting changes become the agenda's next version and go to the members (the reminders planner
    sees the new version: a message and an e-mail to each member)."""
    check_version(meeting, version)
    if not is_amending(meeting):
        raise Conflict(_("Alleen een verzonden agenda kan opnieuw worden verzonden met wijzigingen."))
    changes = pending(meeting)
    if not changes:
        raise ValidationError(_("Er zijn geen wijzigingen om te verzenden."))
    now = clock.now()
    meeting.agenda_version += 1
    for change in changes:
        change.version, change.sent_at = meeting.agenda_version, now
    meeting.sequence += 1  # calendar apps pick up the changed description
    meeting.updated_at = now
    db.session.flush()
    return Version(meeting.agenda_version, now, changes)
