"""Districts, basisteams and the organisations that take part (municipalities and partners)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ivzflow.core.db import Versioned
from ivzflow.extensions import db


class District(Versioned, db.Model):
    """A police district (Twente is one of 43) or the police unit above some (Oost-Nederland): the scope that
    bodies, basisteams, organisations, projects and proposals belong to. A unit's bodies are the upper tier
    (RVO, Bestuurscollege) its districts report to."""

    __tablename__ = "district"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True, nullable=False)
    police_unit: Mapped[str | None] = mapped_column(String(120))
    level: Mapped[str] = mapped_column(String(20), nullable=False, default="district", server_default="district")
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("district.id"), index=True)  # a district's unit

    parent: Mapped[District | None] = relationship(remote_side=[id])

    @property
    def is_unit(self) -> bool:
        return self.level == UNIT


DISTRICT = "district"
UNIT = "eenheid"
LEVELS = {DISTRICT: _l("District"), UNIT: _l("Eenheid")}


class Basisteam(Versioned, db.Model):
    __tablename__ = "basisteam"

    id: Mapped[int] = mapped_column(primary_key=True)
    district_id: Mapped[int] = mapped_column(ForeignKey("district.id"), nullable=False, index=True)
    name: Mapped[str] = mapped_column(String(120), nullable=False)

    district: Mapped[District] = relationship()
    municipalities: Mapped[list[Organisation]] = relationship(
        back_populates="basisteam", order_by="Organisation.name", viewonly=True)


class Organisation(Versioned, db.Model):
    """OParl Organization: a municipality or a partner (police, OM, RIEC, VRT ...)."""

    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    short_name: Mapped[str | None] = mapped_column(String(60))
    classification: Mapped[str] = mapped_column(String(40), nullable=False, index=True)
    district_id: Mapped[int | None] = mapped_column(ForeignKey("district.id"), index=True)
    basisteam_id: Mapped[int | None] = mapped_column(ForeignKey("basisteam.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    inhabitants: Mapped[int | None] = mapped_column(Integer)
    inhabitants_is_demo: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    website: Mapped[str | None] = mapped_column(String(300))
    # Who answers for the organisation in the chain (for a municipality: its IVZ-coördinator).
    contact_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", use_alter=True))
    notes: Mapped[str | None] = mapped_column(Text)

    # Loaded where shown (lists ask for them): joined by default they rode along with every reference to an
    # organisation, a chain of joins on every page.
    basisteam: Mapped[Basisteam | None] = relationship(back_populates="municipalities")
    parent: Mapped[Organisation | None] = relationship(remote_side=[id])


# Kinds of organisation (stored values) with their labels, in display order.
CLASSIFICATIONS = {
    "gemeente": _l("Gemeente"),
    "politie": _l("Politie"),
    "om": _l("Openbaar Ministerie"),
    "veiligheidsregio": _l("Veiligheidsregio"),
    "brandweer": _l("Brandweer"),
    "ggd": _l("GGD"),
    "samenwerkingsverband": _l("Samenwerkingsverband"),
    "overig": _l("Overig"),
}
