"""Bodies (gremia), their relations, seats with rotation pools, memberships and portfolios.

A membership is never edited in place: ending one stamps when and by whom, and a rotation ends the
current term and appoints the next holder, so the history of every seat is complete.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ivzflow.core.db import UTCDateTime, Versioned
from ivzflow.extensions import db
from ivzflow.organisations.models import Basisteam, District, Organisation
from ivzflow.people.models import Person


class Body(Versioned, db.Model):
    """A gremium: OParl Organization of classification committee, board, consultation ..."""

    __tablename__ = "body"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    short_name: Mapped[str | None] = mapped_column(String(60))
    kind: Mapped[str] = mapped_column(String(40), nullable=False, index=True)
    description: Mapped[str | None] = mapped_column(Text)
    district_id: Mapped[int | None] = mapped_column(ForeignKey("district.id"), index=True)
    basisteam_id: Mapped[int | None] = mapped_column(ForeignKey("basisteam.id"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))  # the hosting organisation
    # A current membership of this body grants the user this role (e.g. "agendacommissie").
    grants_role: Mapped[str | None] = mapped_column(String(30))

    # Shown on the body's own page and in the API only: loaded there, not with every reference to a body.
    district: Mapped[District | None] = relationship()
    basisteam: Mapped[Basisteam | None] = relationship()
    organisation: Mapped[Organisation | None] = relationship()
    seats: Mapped[list[Seat]] = relationship(back_populates="body", order_by="Seat.position", viewonly=True)


class BodyRelation(db.Model):
    """`source` advises / prepares / precedes ... `target`."""

    __tablename__ = "body_relation"
    __table_args__ = (UniqueConstraint("source_id", "target_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("body.id", ondelete="CASCADE"), nullable=False, index=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("body.id", ondelete="CASCADE"), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(30), nullable=False)
    note: Mapped[str | None] = mapped_column(String(300))

    source: Mapped[Body] = relationship(foreign_keys=[source_id], lazy="joined")
    target: Mapped[Body] = relationship(foreign_keys=[target_id], lazy="joined")


class Seat(Versioned, db.Model):
    """A place in a body ("Voorzitter", "Basisteam Midden", "OM"), held by one member at a time."""

    __tablename__ = "seat"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id", ondelete="CASCADE"), nullable=False, index=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    role: Mapped[str] = mapped_column(String(20), nullable=False, default="member")  # chair|secretary|member|advisor
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    term_months: Mapped[int | None] = mapped_column(Integer)
    rotates: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))  # on whose behalf, if fixed
    # Stamped on every appointment or ending, so concurrent membership changes of one seat conflict.
    members_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    body: Mapped[Body] = relationship(back_populates="seats")
    organisation: Mapped[Organisation | None] = relationship(lazy="joined")
    pool: Mapped[list[RotationEntry]] = relationship(
        back_populates="seat", order_by="RotationEntry.position", cascade="all, delete-orphan")


class RotationEntry(db.Model):
    """One organisation in a seat's rotation pool, in turn order, with its designated representative."""

    __tablename__ = "rotation_entry"
    __table_args__ = (UniqueConstraint("seat_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    seat_id: Mapped[int] = mapped_column(ForeignKey("seat.id", ondelete="CASCADE"), nullable=False, index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), nullable=False)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    position: Mapped[int] = mapped_column(Integer, nullable=False)

    seat: Mapped[Seat] = relationship(back_populates="pool")
    organisation: Mapped[Organisation] = relationship(lazy="joined")
    person: Mapped[Person | None] = relationship(lazy="joined")


class Membership(Versioned, db.Model):
    """OParl Membership: a person holds a seat (or deputises for it) from start_on to end_on (inclusive)."""

    __tablename__ = "membership"
    __table_args__ = (
        Index("ix_membership_body_dates", "body_id", "start_on", "end_on"),
        Index("ix_membership_seat_dates", "seat_id", "start_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    seat_id: Mapped[int] = mapped_column(ForeignKey("seat.id", ondelete="CASCADE"), nullable=False)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id", ondelete="CASCADE"), nullable=False)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), nullable=False, index=True)
    on_behalf_of_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    is_deputy: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    start_on: Mapped[date] = mapped_column(Date, nullable=False)
    end_on: Mapped[date | None] = mapped_column(Date)  # last day of the membership
    term_ends_on: Mapped[date | None] = mapped_column(Date)  # planned end of the term
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ended_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    end_reason: Mapped[str | None] = mapped_column(String(300))

    seat: Mapped[Seat] = relationship(lazy="joined")
    body: Mapped[Body] = relationship(lazy="joined")
    person: Mapped[Person] = relationship(lazy="joined")
    on_behalf_of: Mapped[Organisation | None] = relationship(lazy="joined")
    # Who recorded the change: shown on the body's history page only (which loads them).
    created_by = relationship("User", foreign_keys=[created_by_id])
    ended_by = relationship("User", foreign_keys=[ended_by_id])

    def is_current_on(self, day: date) -> bool:
        return self.start_on <= day and (self.end_on is None or self.end_on >= day)


class PortfolioAssignment(Versioned, db.Model):
    """A portfolio held for a body by a municipality (its mayor): the portefeuilleverdeling."""

    __tablename__ = "portfolio_assignment"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id", ondelete="CASCADE"), nullable=False, index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), nullable=False, index=True)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    note: Mapped[str | None] = mapped_column(String(300))
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    start_on: Mapped[date | None] = mapped_column(Date)
    end_on: Mapped[date | None] = mapped_column(Date)

    body: Mapped[Body] = relationship(lazy="joined")
    organisation: Mapped[Organisation] = relationship(lazy="joined")
