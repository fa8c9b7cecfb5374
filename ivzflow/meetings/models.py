"""Meetings on their cycles: rules, meetings, derived deadlines, hosts, agendas, attendance."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ivzflow.bodies.models import Body
from ivzflow.core import clock
from ivzflow.core.db import UTCDateTime, Versioned
from ivzflow.core.text import keep_one_line
from ivzflow.extensions import db
from ivzflow.organisations.models import Organisation
from ivzflow.people.models import Person


class MeetingRule(Versioned, db.Model):
    """How often a body meets, when, anchored to which other body, and the deadlines before each meeting."""

    __tablename__ = "meeting_rule"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id", ondelete="CASCADE"), unique=True, nullable=False)
    per_year: Mapped[int] = mapped_column(Integer, nullable=False, default=4)
    exactly: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)  # else "at least"
    duration_minutes: Mapped[int] = mapped_column(Integer, nullable=False, default=90)
    weekday: Mapped[int | None] = mapped_column(Integer)  # 0 = Monday
    start_time: Mapped[str] = mapped_column(String(5), nullable=False, default="09:30")  # local HH:MM
    # none | same_day_before | working_days_before | weeks_before
    anchor: Mapped[str] = mapped_column(String(30), nullable=False, default="none")
    anchor_body_id: Mapped[int | None] = mapped_column(ForeignKey("body.id"))
    anchor_offset: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    submission_days: Mapped[int] = mapped_column(Integer, nullable=False, default=21)
    agenda_fixed_days: Mapped[int] = mapped_column(Integer, nullable=False, default=14)
    documents_days: Mapped[int] = mapped_column(Integer, nullable=False, default=7)
    has_host_rotation: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)

    body: Mapped[Body] = relationship(foreign_keys=[body_id], lazy="joined")
    anchor_body: Mapped[Body | None] = relationship(foreign_keys=[anchor_body_id], lazy="joined")


class Location(Versioned, db.Model):
    """A place to meet: a host organisation's address and room."""

    __tablename__ = "location"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    street: Mapped[str | None] = mapped_column(String(200))
    postcode: Mapped[str | None] = mapped_column(String(10))
    town: Mapped[str | None] = mapped_column(String(100))
    room: Mapped[str | None] = mapped_column(String(100))

    organisation: Mapped[Organisation | None] = relationship(lazy="joined")

    @property
    def address(self) -> str:
        parts = [self.name, self.street, " ".join(p for p in (self.postcode, self.town) if p), self.room]
        return ", ".join(p for p in parts if p)


class Meeting(Versioned, db.Model):
    """OParl Meeting of a body."""

    __tablename__ = "meeting"
    __table_args__ = (
        Index("ix_meeting_body_start", "body_id", "start_at"),
        Index("ix_meeting_start", "start_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id", ondelete="CASCADE"), nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    start_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    end_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    # planned | preparing | fixed | sent | held | minutes_adopted | cancelled
    state: Mapped[str] = mapped_column(String(20), nullable=False, default="planned")
    is_published: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    cancel_reason: Mapped[str | None] = mapped_column(String(300))
    sequence: Mapped[int] = mapped_column(Integer, nullable=False, default=0)  # iCal SEQUENCE
    anchor_meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id", ondelete="SET NULL"), index=True)
    location_id: Mapped[int | None] = mapped_column(ForeignKey("location.id"))
    host_organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    notes: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # when the agenda went to the members
    # +1 per amended sending
    agenda_version: Mapped[int] = mapped_column(Integer, nullable=False, default=1, server_default="1")

    body: Mapped[Body] = relationship(lazy="joined")
    location: Mapped[Location | None] = relationship(lazy="joined")
    host: Mapped[Organisation | None] = relationship(lazy="joined")
    anchor_meeting: Mapped[Meeting | None] = relationship(remote_side=[id], lazy="select")
    deadlines: Mapped[list[Deadline]] = relationship(
        back_populates="meeting", order_by="Deadline.due_at", cascade="all, delete-orphan")
    items: Mapped[list[AgendaItem]] = relationship(
        back_populates="meeting", order_by="AgendaItem.position", cascade="all, delete-orphan")

    @property
    def is_cancelled(self) -> bool:
        return self.state == "cancelled"

    @property
    def local_day(self) -> date:
        return clock.local(self.start_at).date()

    @property
    def duration_minutes(self) -> int:
        return int((self.end_at - self.start_at).total_seconds() // 60)


class Deadline(db.Model):
    """A date derived from a meeting: submission of items, agenda fixed, documents sent."""

    __tablename__ = "deadline"
    __table_args__ = (UniqueConstraint("meeting_id", "kind"), Index("ix_deadline_due", "due_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)  # submission | agenda_fixed | documents
    due_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    is_cancelled: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)

    meeting: Mapped[Meeting] = relationship(back_populates="deadlines")


class MeetingChange(db.Model):
    """What moved or was cancelled, when, by whom and why: shown on the meeting and in notices."""

    __tablename__ = "meeting_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)  # moved | cancelled
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    reason: Mapped[str | None] = mapped_column(String(300))
    old_start_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    new_start_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cause_meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id", ondelete="SET NULL"))


class HostTurn(db.Model):
    """An organisation in a body's host roster, in turn order."""

    __tablename__ = "host_turn"
    __table_args__ = (UniqueConstraint("body_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id", ondelete="CASCADE"), nullable=False, index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), nullable=False)
    location_id: Mapped[int | None] = mapped_column(ForeignKey("location.id"))
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)

    organisation: Mapped[Organisation] = relationship(lazy="joined")
    location: Mapped[Location | None] = relationship(lazy="joined")


class HostSkip(db.Model):
    """An organisation passed over as host of one meeting, with the reason."""

    __tablename__ = "host_skip"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), nullable=False, index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), nullable=False)
    reason: Mapped[str] = mapped_column(String(300), nullable=False)

    organisation: Mapped[Organisation] = relationship(lazy="joined")


class StandingItem(Versioned, db.Model):
    """An item on every agenda of a body (its agenda template)."""

    __tablename__ = "standing_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id", ondelete="CASCADE"), nullable=False, index=True)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    duration_minutes: Mapped[int] = mapped_column(Integer, nullable=False, default=5)
    section: Mapped[str | None] = mapped_column(String(20))  # common | local (gezagsdriehoek)
    is_public: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    # A closing item (Rondvraag en sluiting): items added later land before it.
    is_closing: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False, server_default=false())


class AgendaItem(Versioned, db.Model):
    """OParl AgendaItem: one numbered point on a meeting's agenda."""

    __tablename__ = "agenda_item"
    __table_args__ = (Index("ix_agenda_item_meeting_position", "meeting_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), nullable=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    presenter: Mapped[str | None] = mapped_column(String(200))
    duration_minutes: Mapped[int] = mapped_column(Integer, nullable=False, default=10)
    is_public: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    is_standing: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    is_closing: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False, server_default=false())
    section: Mapped[str | None] = mapped_column(String(20))
    result: Mapped[str | None] = mapped_column(String(300))
    minutes: Mapped[str | None] = mapped_column(Text)
    # The proposal this item puts before the meeting, if any (ivzflow.decisions).
    decision_item_id: Mapped[int | None] = mapped_column(ForeignKey("decision_item.id", ondelete="SET NULL"),
                                                         index=True)

    meeting: Mapped[Meeting] = relationship(back_populates="items")
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="agenda_item", order_by="Attachment.id", cascade="all, delete-orphan")


class AgendaChange(db.Model):
    """A change to an agenda after it was sent. It waits (version None) until the amended agenda is sent
    again, and then belongs to that version (2, 3 ...): the addendum the members are sent."""

    __tablename__ = "agenda_change"
    __table_args__ = (Index("ix_agenda_change_meeting_version", "meeting_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), nullable=False)
    version: Mapped[int | None] = mapped_column(Integer)
    # added | changed | removed | order | document_added | document_removed
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(300), nullable=False)  # the item's title at the change
    detail: Mapped[str | None] = mapped_column(String(300))  # changed fields, or the document's name
    is_public: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Attachment(db.Model):
    """A document on an agenda item, stored outside the web root under a random name."""

    __tablename__ = "attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_item.id", ondelete="CASCADE"),
                                                nullable=False, index=True)
    filename: Mapped[str] = mapped_column(String(255), nullable=False)
    stored_name: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    content_type: Mapped[str] = mapped_column(String(100), nullable=False)
    size: Mapped[int] = mapped_column(Integer, nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    agenda_item: Mapped[AgendaItem] = relationship(back_populates="attachments")


class Attendance(db.Model):
    """Who was present, absent or stood in for someone at a meeting."""

    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), nullable=False, index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False)  # present | absent | substitute
    substitute_for_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))

    person: Mapped[Person] = relationship(foreign_keys=[person_id], lazy="joined")
    substitute_for: Mapped[Person | None] = relationship(foreign_keys=[substitute_for_id], lazy="joined")


class FeedToken(db.Model):
    """The secret in a user's calendar-feed URLs; renewing it makes old URLs stop working."""

    __tablename__ = "feed_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), nullable=False, index=True)
    token_hash: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


keep_one_line(Meeting.name, AgendaItem.title)  # titles end up in e-mail subjects and calendar files
