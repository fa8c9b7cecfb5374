"""Regional projects and themes: trekker, projectleider, expert group, activities, money, indicators, status.

A status update is never edited once posted: the history of a project is the list of its updates, each
numbered within the project so two people posting at once cannot both become "the next one".
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, Numeric, String, Text, UniqueConstraint, event
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ivzflow.bodies.models import Body
from ivzflow.core.db import UTCDateTime, Versioned
from ivzflow.core.text import keep_one_line
from ivzflow.extensions import db
from ivzflow.organisations.models import Organisation
from ivzflow.people.models import Person

AMOUNT = Numeric(12, 2)
VALUE = Numeric(14, 2)


class Project(Versioned, db.Model):
    """A regional theme or project: speerpunt, aandachtsthema or strategische opgave."""

    __tablename__ = "project"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    short_name: Mapped[str | None] = mapped_column(String(60))
    kind: Mapped[str] = mapped_column(String(30), nullable=False, index=True)  # see labels.KINDS
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    start_on: Mapped[date | None] = mapped_column(Date)
    end_on: Mapped[date | None] = mapped_column(Date)
    trekker_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)  # a DVO member
    projectleider_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    lead_organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    expert_group_id: Mapped[int | None] = mapped_column(ForeignKey("body.id", ondelete="SET NULL"), index=True)
    district_id: Mapped[int | None] = mapped_column(ForeignKey("district.id"), index=True)  # whose project it is
    # Readable by every district (good practice travels); else only by its own district's users.
    is_public: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False, server_default=sa_false())
    # Set by the DVO as commissioner. Formatted text, sanitised on the way in (see richtext.py).
    assignment: Mapped[str | None] = mapped_column(Text)
    intended_result: Mapped[str | None] = mapped_column(Text)
    # The DVO decision that set the assignment: in words, and as a link to the decision item when it is in ivzflow.
    assignment_reference: Mapped[str | None] = mapped_column(String(300))
    assignment_decision_id: Mapped[int | None] = mapped_column(
        ForeignKey("decision_item.id", ondelete="SET NULL", use_alter=True))
    analysis: Mapped[str | None] = mapped_column(Text)
    ambition: Mapped[str | None] = mapped_column(Text)
    approach: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The newest status update, set when one is posted (updates are never edited or removed on their own),
    # so the portfolio sorts and filters on status without going through every update in the country.
    # Not an edit of the project: it does not change the version an open form holds.
    latest_update_id: Mapped[int | None] = mapped_column(
        ForeignKey("project_status_update.id", ondelete="SET NULL", use_alter=True))
    latest_status: Mapped[str | None] = mapped_column(String(10), index=True)  # its status, to filter on

    trekker: Mapped[Person | None] = relationship(foreign_keys=[trekker_id], lazy="joined")
    projectleider: Mapped[Person | None] = relationship(foreign_keys=[projectleider_id], lazy="joined")
    lead_organisation: Mapped[Organisation | None] = relationship(lazy="joined")
    expert_group: Mapped[Body | None] = relationship(lazy="joined")

    def is_running_on(self, day: date) -> bool:
        return (self.start_on is None or self.start_on <= day) and (self.end_on is None or self.end_on >= day)


class Activity(Versioned, db.Model):
    """Something the project does, with an owner (a person or a name), a due date and a status."""

    __tablename__ = "project_activity"
    __table_args__ = (Index("ix_project_activity_project_due", "project_id", "due_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), nullable=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    owner_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    owner_text: Mapped[str | None] = mapped_column(String(200))  # "werkgroep Hennep", "alle gemeenten"
    due_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="open")  # see labels.ACTIVITY_STATUSES
    body_id: Mapped[int | None] = mapped_column(ForeignKey("body.id", ondelete="SET NULL"))
    note: Mapped[str | None] = mapped_column(String(500))

    owner: Mapped[Person | None] = relationship(lazy="joined")
    body: Mapped[Body | None] = relationship(lazy="joined")

    @property
    def owner_label(self) -> str:
        return self.owner.name if self.owner else (self.owner_text or "")

    def is_overdue_on(self, day: date) -> bool:
        return self.status in ("open", "in_progress") and self.due_on is not None and self.due_on < day


class Milestone(Versioned, db.Model):
    __tablename__ = "project_milestone"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), nullable=False, index=True)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    due_on: Mapped[date | None] = mapped_column(Date)
    reached_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(String(500))


class BudgetLine(Versioned, db.Model):
    """A grant or a budget line of a project: source, amount and the period it covers."""

    __tablename__ = "project_budget_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(20), nullable=False, default="grant")  # grant | budget
    source: Mapped[str] = mapped_column(String(200), nullable=False)
    description: Mapped[str | None] = mapped_column(String(500))
    amount: Mapped[Decimal | None] = mapped_column(AMOUNT)  # None: not (yet) known
    start_on: Mapped[date | None] = mapped_column(Date)
    end_on: Mapped[date | None] = mapped_column(Date)


class Indicator(Versioned, db.Model):
    """A measurable ambition: baseline, a target per year, and measurements per year."""

    __tablename__ = "project_indicator"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), nullable=False, index=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    unit: Mapped[str | None] = mapped_column(String(40))  # "aantal", "%"
    direction: Mapped[str] = mapped_column(String(10), nullable=False, default="lower")  # lower | higher is better
    baseline_value: Mapped[Decimal | None] = mapped_column(VALUE)
    baseline_year: Mapped[int | None] = mapped_column(Integer)
    source: Mapped[str | None] = mapped_column(String(300))

    targets: Mapped[list[IndicatorTarget]] = relationship(
        order_by="IndicatorTarget.year", cascade="all, delete-orphan", back_populates="indicator")
    measurements: Mapped[list[Measurement]] = relationship(
        order_by="Measurement.year", cascade="all, delete-orphan", back_populates="indicator")


class IndicatorTarget(db.Model):
    __tablename__ = "indicator_target"
    __table_args__ = (UniqueConstraint("indicator_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("project_indicator.id", ondelete="CASCADE"), nullable=False)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    value: Mapped[Decimal] = mapped_column(VALUE, nullable=False)

    indicator: Mapped[Indicator] = relationship(back_populates="targets")


class Measurement(db.Model):
    """An actual value for a year: for the whole region (no organisation) or for one municipality."""

    __tablename__ = "indicator_measurement"
    __table_args__ = (UniqueConstraint("indicator_id", "year", "organisation_id"),
                      Index("ix_indicator_measurement_indicator_year", "indicator_id", "year"))

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("project_indicator.id", ondelete="CASCADE"), nullable=False)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    value: Mapped[Decimal] = mapped_column(VALUE, nullable=False)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    note: Mapped[str | None] = mapped_column(String(200))  # "circa", source remarks

    indicator: Mapped[Indicator] = relationship(back_populates="measurements")
    organisation: Mapped[Organisation | None] = relationship(lazy="joined")


class StatusUpdate(db.Model):
    """The projectleider's report before a Platform meeting. Posted once, never edited."""

    __tablename__ = "project_status_update"
    __table_args__ = (UniqueConstraint("project_id", "number"),
                      Index("ix_project_status_update_project_posted", "project_id", "posted_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), nullable=False)
    number: Mapped[int] = mapped_column(Integer, nullable=False)  # 1, 2, ... within the project
    status: Mapped[str] = mapped_column(String(10), nullable=False)  # red | amber | green
    progress: Mapped[int] = mapped_column(Integer, nullable=False)  # percent
    summary: Mapped[str] = mapped_column(Text, nullable=False)
    achievements: Mapped[str | None] = mapped_column(Text)
    risks: Mapped[str | None] = mapped_column(Text)
    next_steps: Mapped[str | None] = mapped_column(Text)
    # "Decision needed from the DVO", in words; posting an update with it starts a draft proposal (below).
    decision_needed: Mapped[str | None] = mapped_column(Text)
    decision_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("decision_item.id", ondelete="SET NULL", use_alter=True))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    author_name: Mapped[str] = mapped_column(String(200), nullable=False)  # kept if the account goes
    posted_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)

    @property
    def needs_decision(self) -> bool:
        return bool(self.decision_needed)


@event.listens_for(StatusUpdate, "before_update")
def _status_updates_are_final(mapper, connection, target) -> None:
    raise RuntimeError("A status update is never edited after posting; post a new one.")


class ProjectComment(db.Model):
    """A remark on a project by its trekker or editors (e.g. on the latest status update)."""

    __tablename__ = "project_comment"
    __table_args__ = (Index("ix_project_comment_project_posted", "project_id", "posted_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), nullable=False)
    status_update_id: Mapped[int | None] = mapped_column(
        ForeignKey("project_status_update.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text, nullable=False)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    author_name: Mapped[str] = mapped_column(String(200), nullable=False)
    posted_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)


keep_one_line(Project.title)  # titles end up in e-mail subjects and calendar files
