"""People: the humans who hold seats, lead projects and log in."""
from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ivzflow.core.db import Versioned
from ivzflow.extensions import db
from ivzflow.organisations.models import Organisation


class Person(Versioned, db.Model):
    """OParl Person."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False, index=True)
    function: Mapped[str | None] = mapped_column(String(200))  # role title, e.g. "burgemeester Hengelo"
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), index=True)

    organisation: Mapped[Organisation | None] = relationship(foreign_keys=[organisation_id], lazy="joined")
