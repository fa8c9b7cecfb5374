"""What a body publishes (its policy) and the publications withdrawn since.

A publication is not a copy: the public pages read the live agenda and decision list and check, at read
time, that each item is still public. A withdrawal keeps the publication's address alive with a notice.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ivzflow.bodies.models import Body
from ivzflow.core.db import UTCDateTime, Versioned
from ivzflow.extensions import db

KINDS = ("agenda", "decision_list", "project")


class PublicationPolicy(Versioned, db.Model):
    """Which kinds of a body's public records are published, once they are final (sent, adopted)."""

    __tablename__ = "publication_policy"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id", ondelete="CASCADE"), nullable=False, unique=True)
    agendas: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False, server_default=false())
    decision_lists: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False, server_default=false())
    documents: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False, server_default=false())
    # a project's page, when the decision that gave its assignment is this body's and public
    projects: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False, server_default=false())
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    body: Mapped[Body] = relationship(lazy="joined")

    @property
    def publishes_anything(self) -> bool:
        return self.agendas or self.decision_lists or self.projects


class Withdrawal(db.Model):
    """A publication taken back: its page says so from then on (a meeting's agenda or decision list, or a
    project's page)."""

    __tablename__ = "publication_withdrawal"
    __table_args__ = (UniqueConstraint("kind", "meeting_id"), UniqueConstraint("kind", "project_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    project_id: Mapped[int | None] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id", ondelete="CASCADE"), nullable=False, index=True)
    withdrawn_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    withdrawn_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(String(300), nullable=False)
