"""The Platform's money: dated inhabitant figures, the yearly rate, partner contributions, reserves,
commitments (staff capacity, project budgets, grants) and what was spent. Amounts are exact decimals.

A municipality's contribution for a year is the year's rate per inhabitant times its inhabitants on the
year's reference date (the latest figure on or before it), so next year's contributions follow from next
year's figures.
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Integer, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ivzflow.core.db import UTCDateTime, Versioned
from ivzflow.extensions import db
from ivzflow.organisations.models import Organisation

AMOUNT = Numeric(12, 2)
RATE = Numeric(8, 4)


class InhabitantCount(db.Model):
    """A municipality's number of inhabitants on a date (the CBS figure, or a demo value)."""

    __tablename__ = "inhabitant_count"
    __table_args__ = (UniqueConstraint("organisation_id", "counted_on"), CheckConstraint("inhabitants >= 0",
                                                                                          name="positive"))

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"), nullable=False)
    counted_on: Mapped[date] = mapped_column(Date, nullable=False)
    inhabitants: Mapped[int] = mapped_column(Integer, nullable=False)
    is_demo: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)


class ContributionRule(Versioned, db.Model):
    """What the municipalities of a district pay in a year: a rate per inhabitant on a reference date."""

    __tablename__ = "contribution_rule"
    __table_args__ = (UniqueConstraint("district_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    district_id: Mapped[int] = mapped_column(ForeignKey("district.id"), nullable=False)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    rate: Mapped[Decimal] = mapped_column(RATE, nullable=False)
    reference_on: Mapped[date] = mapped_column(Date, nullable=False)


class PartnerContribution(db.Model):
    """A fixed yearly contribution of a partner (the police's EUR 20,000 until 2014)."""

    __tablename__ = "partner_contribution"
    __table_args__ = (UniqueConstraint("district_id", "year", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    district_id: Mapped[int] = mapped_column(ForeignKey("district.id"), nullable=False, index=True)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), nullable=False)
    amount: Mapped[Decimal] = mapped_column(AMOUNT, nullable=False)

    organisation: Mapped[Organisation] = relationship(lazy="joined")


class Reserve(db.Model):
    """Money kept from earlier years (a subsidy period's remainder, a year's accounts)."""

    __tablename__ = "finance_reserve"

    id: Mapped[int] = mapped_column(primary_key=True)
    district_id: Mapped[int] = mapped_column(ForeignKey("district.id"), nullable=False, index=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    amount: Mapped[Decimal] = mapped_column(AMOUNT, nullable=False)
    available_from: Mapped[int] = mapped_column(Integer, nullable=False)  # the year it can be spent from
    is_estimate: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)  # "ca." in the source


class Commitment(Versioned, db.Model):
    """Money promised for some years: staff capacity, a project budget, or a grant received for a project.

    `source` says where it is paid from: the yearly budget, the reserves, or outside money (a grant).
    """

    __tablename__ = "finance_commitment"
    __table_args__ = (CheckConstraint("start_year <= end_year", name="period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    district_id: Mapped[int] = mapped_column(ForeignKey("district.id"), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)  # see labels.COMMITMENT_KINDS
    source: Mapped[str] = mapped_column(String(20), nullable=False)  # see labels.SOURCES
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    start_year: Mapped[int] = mapped_column(Integer, nullable=False)
    end_year: Mapped[int] = mapped_column(Integer, nullable=False)
    amount_per_year: Mapped[Decimal] = mapped_column(AMOUNT, nullable=False)
    fte: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    hours_per_week: Mapped[Decimal | None] = mapped_column(Numeric(5, 1))
    is_estimate: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    project_id: Mapped[int | None] = mapped_column(ForeignKey("project.id", ondelete="SET NULL"))
    # The spending proposal (advised by the functioneringscommissie) that decided it, when in ivzflow.
    decision_item_id: Mapped[int | None] = mapped_column(ForeignKey("decision_item.id", ondelete="SET NULL"))
    note: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    def years(self) -> range:
        return range(self.start_year, self.end_year + 1)


class Expenditure(db.Model):
    """Money actually spent, on a commitment or otherwise."""

    __tablename__ = "finance_expenditure"

    id: Mapped[int] = mapped_column(primary_key=True)
    district_id: Mapped[int] = mapped_column(ForeignKey("district.id"), nullable=False, index=True)
    commitment_id: Mapped[int | None] = mapped_column(ForeignKey("finance_commitment.id", ondelete="SET NULL"),
                                                      index=True)
    spent_on: Mapped[date] = mapped_column(Date, nullable=False)
    amount: Mapped[Decimal] = mapped_column(AMOUNT, nullable=False)
    description: Mapped[str] = mapped_column(String(300), nullable=False)
