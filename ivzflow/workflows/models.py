"""Workflow definitions as versioned rows: states with behaviour flags, transitions with roles, guards, effects."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ivzflow.core.db import UTCDateTime
from ivzflow.extensions import db


class Workflow(db.Model):
    __tablename__ = "workflow"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(60), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)

    versions: Mapped[list[WorkflowVersion]] = relationship(
        back_populates="workflow", order_by="WorkflowVersion.number")


class WorkflowVersion(db.Model):
    """One immutable version of a workflow; items keep the version they started on."""

    __tablename__ = "workflow_version"
    __table_args__ = (UniqueConstraint("workflow_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workflow_id: Mapped[int] = mapped_column(ForeignKey("workflow.id", ondelete="CASCADE"), nullable=False)
    number: Mapped[int] = mapped_column(Integer, nullable=False)
    definition: Mapped[dict] = mapped_column(JSON, nullable=False)  # the source, for export and diff
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    note: Mapped[str | None] = mapped_column(Text)

    workflow: Mapped[Workflow] = relationship(back_populates="versions", lazy="joined")
    states: Mapped[list[WorkflowState]] = relationship(
        back_populates="version", order_by="WorkflowState.position", cascade="all, delete-orphan", lazy="selectin")
    transitions: Mapped[list[WorkflowTransition]] = relationship(
        back_populates="version", order_by="WorkflowTransition.position", cascade="all, delete-orphan",
        lazy="selectin")


class WorkflowState(db.Model):
    __tablename__ = "workflow_state"
    __table_args__ = (UniqueConstraint("version_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("workflow_version.id", ondelete="CASCADE"), nullable=False)
    name: Mapped[str] = mapped_column(String(60), nullable=False)
    label_nl: Mapped[str] = mapped_column(String(200), nullable=False)
    label_en: Mapped[str] = mapped_column(String(200), nullable=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    is_initial: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    is_final: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    is_editable: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    visible_to: Mapped[list] = mapped_column(JSON, nullable=False, default=list)

    version: Mapped[WorkflowVersion] = relationship(back_populates="states")

    def label(self, locale: str) -> str:
        return self.label_en if locale == "en" else self.label_nl


class WorkflowTransition(db.Model):
    __tablename__ = "workflow_transition"
    __table_args__ = (UniqueConstraint("version_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("workflow_version.id", ondelete="CASCADE"), nullable=False)
    name: Mapped[str] = mapped_column(String(60), nullable=False)
    label_nl: Mapped[str] = mapped_column(String(200), nullable=False)
    label_en: Mapped[str] = mapped_column(String(200), nullable=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    from_state_id: Mapped[int] = mapped_column(ForeignKey("workflow_state.id"), nullable=False)
    to_state_id: Mapped[int] = mapped_column(ForeignKey("workflow_state.id"), nullable=False)
    roles: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    guards: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    effects: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    form: Mapped[str | None] = mapped_column(String(60))  # extra input the transition asks for

    version: Mapped[WorkflowVersion] = relationship(back_populates="transitions")
    from_state: Mapped[WorkflowState] = relationship(foreign_keys=[from_state_id], lazy="joined")
    to_state: Mapped[WorkflowState] = relationship(foreign_keys=[to_state_id], lazy="joined")

    def label(self, locale: str) -> str:
        return self.label_en if locale == "en" else self.label_nl
