"""Local integral safety plans, the shared list of safety themes, partner priorities and the weighing.

A plan belongs to one municipality and runs over whole years; the matrix of a year counts, per theme, the
plans in force that year naming it. The weighing of a district's next action plan judges the themes against
the selection criteria a) to i) and proposes speerpunten and aandachtsthema's.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ivzflow.core.db import UTCDateTime, Versioned
from ivzflow.extensions import db
from ivzflow.organisations.models import Organisation
from ivzflow.reminders.models import PolicyEvent


class SafetyTheme(Versioned, db.Model):
    """A safety theme on the shared list, in one of the source's groups (see labels.GROUPS)."""

    __tablename__ = "safety_theme"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False, unique=True)
    short_name: Mapped[str | None] = mapped_column(String(60))
    group: Mapped[str] = mapped_column(String(30), nullable=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class LocalPlanTheme(db.Model):
    __tablename__ = "local_plan_theme"

    plan_id: Mapped[int] = mapped_column(ForeignKey("local_plan.id", ondelete="CASCADE"), primary_key=True)
    theme_id: Mapped[int] = mapped_column(ForeignKey("safety_theme.id"), primary_key=True, index=True)


class LocalPlan(Versioned, db.Model):
    """A municipality's integraal veiligheidsplan for a period of whole years."""

    __tablename__ = "local_plan"
    __table_args__ = (CheckConstraint("start_year <= end_year", name="period"),
                      UniqueConstraint("organisation_id", "start_year"))

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), nullable=False)
    district_id: Mapped[int] = mapped_column(ForeignKey("district.id"), nullable=False, index=True)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    start_year: Mapped[int] = mapped_column(Integer, nullable=False)
    end_year: Mapped[int] = mapped_column(Integer, nullable=False)
    adopted_on: Mapped[date | None] = mapped_column(Date)
    document: Mapped[str | None] = mapped_column(String(300))  # where the adopted plan can be read
    created_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    organisation: Mapped[Organisation] = relationship(lazy="joined")
    themes: Mapped[list[SafetyTheme]] = relationship(
        secondary="local_plan_theme", order_by="SafetyTheme.position", viewonly=True)


class PartnerPriority(db.Model):
    """A theme a partner names as its priority (politie nationaal, eenheid, OM, Veiligheidsstrategie ON ...)."""

    __tablename__ = "partner_priority"
    __table_args__ = (UniqueConstraint("district_id", "source", "theme_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    district_id: Mapped[int] = mapped_column(ForeignKey("district.id"), nullable=False, index=True)
    source: Mapped[str] = mapped_column(String(120), nullable=False)  # the partner or plan, in words
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    theme_id: Mapped[int] = mapped_column(ForeignKey("safety_theme.id"), nullable=False)
    note: Mapped[str | None] = mapped_column(String(300))


class Weighing(Versioned, db.Model):
    """The agendacommissie's weighing of themes for a district's action plan starting in `year`."""

    __tablename__ = "theme_weighing"
    __table_args__ = (UniqueConstraint("district_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    district_id: Mapped[int] = mapped_column(ForeignKey("district.id"), nullable=False)
    year: Mapped[int] = mapped_column(Integer, nullable=False)  # first year of the action plan
    matrix_year: Mapped[int] = mapped_column(Integer, nullable=False)  # the local plans in force that year
    opgaven: Mapped[str | None] = mapped_column(Text)  # strategic conditions, one per line
    decision_item_id: Mapped[int | None] = mapped_column(ForeignKey("decision_item.id", ondelete="SET NULL"))
    drafted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    entries: Mapped[list[WeighingEntry]] = relationship(
        back_populates="weighing", cascade="all, delete-orphan", order_by="WeighingEntry.position")


class WeighingEntry(db.Model):
    """One theme in a weighing: its judgement per criterion and the proposed outcome."""

    __tablename__ = "theme_weighing_entry"
    __table_args__ = (UniqueConstraint("weighing_id", "theme_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    weighing_id: Mapped[int] = mapped_column(ForeignKey("theme_weighing.id", ondelete="CASCADE"), nullable=False)
    theme_id: Mapped[int] = mapped_column(ForeignKey("safety_theme.id"), nullable=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    outcome: Mapped[str] = mapped_column(String(20), nullable=False, default="none")  # see labels.OUTCOMES
    # Judgements per criterion letter: {"a": {"met": true, "reason": "..."}}; one small document per theme.
    judgements: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)
    added_by_hand: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    # The regional project that carries the theme once the DVO set its assignment.
    project_id: Mapped[int | None] = mapped_column(ForeignKey("project.id", ondelete="SET NULL"))

    weighing: Mapped[Weighing] = relationship(back_populates="entries")
    theme: Mapped[SafetyTheme] = relationship(lazy="joined")


class PolicySeries(Versioned, db.Model):
    """A recurring date (or period) of the policy cycle: the local plans' period, the IVM every four years,
    the action plan, a one-off such as the financing proposal to the DVO.

    Each occurrence is a PolicyEvent of the reminders module, so its reminders go out the way every other
    reminder does; PolicyOccurrence links them.
    """

    __tablename__ = "policy_series"
    __table_args__ = (CheckConstraint("repeat_years IS NULL OR repeat_years > 0", name="repeat"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    district_id: Mapped[int | None] = mapped_column(ForeignKey("district.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30), nullable=False)  # see labels.POLICY_KINDS
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    starts_on: Mapped[date] = mapped_column(Date, nullable=False)
    ends_on: Mapped[date | None] = mapped_column(Date)  # a period (local plans, action plan); None: one day
    repeat_years: Mapped[int | None] = mapped_column(Integer)  # every n years; None: once
    until_year: Mapped[int | None] = mapped_column(Integer)  # last year an occurrence may start in
    remind_days_before: Mapped[int] = mapped_column(Integer, nullable=False, default=30)
    description: Mapped[str | None] = mapped_column(Text)

    occurrences: Mapped[list[PolicyOccurrence]] = relationship(
        back_populates="series", cascade="all, delete-orphan", order_by="PolicyOccurrence.occurs_on")


class PolicyOccurrence(db.Model):
    __tablename__ = "policy_occurrence"
    __table_args__ = (UniqueConstraint("series_id", "occurs_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    series_id: Mapped[int] = mapped_column(ForeignKey("policy_series.id", ondelete="CASCADE"), nullable=False)
    event_id: Mapped[int] = mapped_column(ForeignKey("policy_event.id", ondelete="CASCADE"), nullable=False,
                                          unique=True)
    occurs_on: Mapped[date] = mapped_column(Date, nullable=False)
    ends_on: Mapped[date | None] = mapped_column(Date)

    series: Mapped[PolicySeries] = relationship(back_populates="occurrences")
    event: Mapped[PolicyEvent] = relationship(lazy="joined")
