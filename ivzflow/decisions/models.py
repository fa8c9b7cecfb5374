"""Decision items (voorstellen) on their route through the chain, and what follows from decisions."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ivzflow.bodies.models import Body
from ivzflow.core.db import UTCDateTime, Versioned
from ivzflow.core.text import keep_one_line
from ivzflow.extensions import db
from ivzflow.meetings.models import Meeting
from ivzflow.organisations.models import Organisation
from ivzflow.people.models import Person
from ivzflow.workflows.models import WorkflowState, WorkflowVersion

KINDS = ("decision", "discussion", "information")
CONFIDENTIALITY = ("openbaar", "intern", "vertrouwelijk")


class DecisionItem(Versioned, db.Model):
    """A proposal with numbered decision points, travelling Platform IVZ → agendacommissie → DVO."""

    __tablename__ = "decision_item"
    __table_args__ = (
        Index("ix_decision_item_state", "state_id"),
        # the proposals list: a district's rows, newest first, with every column visible_clause reads, so the
        # database neither reads nor sorts the wide rows to find a page
        Index("ix_decision_item_listing", "district_id", "updated_at", "state_id", "confidentiality", "submitter_id",
              "trekker_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False, default="decision")
    summary: Mapped[str | None] = mapped_column(Text)  # sanitised HTML
    confidentiality: Mapped[str] = mapped_column(String(20), nullable=False, default="intern")
    project_id: Mapped[int | None] = mapped_column(ForeignKey("project.id", ondelete="SET NULL"), index=True)
    submitter_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    trekker_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    decision_body_id: Mapped[int] = mapped_column(ForeignKey("body.id"), nullable=False, index=True)
    # The district (or unit) whose work this is: its decision body's, set when it is proposed.
    district_id: Mapped[int | None] = mapped_column(ForeignKey("district.id"), index=True)
    # Passed up (or down) a tier: the item this one continues, on the other tier's route.
    continues_id: Mapped[int | None] = mapped_column(ForeignKey("decision_item.id", ondelete="SET NULL"), index=True)
    touches_both_agendas: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    workflow_version_id: Mapped[int] = mapped_column(ForeignKey("workflow_version.id"), nullable=False)
    state_id: Mapped[int] = mapped_column(ForeignKey("workflow_state.id"), nullable=False)
    state_entered_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    target_meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id", ondelete="SET NULL"), index=True)
    trekker_consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    trekker_consent_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    deadline_override_reason: Mapped[str | None] = mapped_column(String(300))
    deadline_override_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)

    workflow_version: Mapped[WorkflowVersion] = relationship(lazy="joined")
    state: Mapped[WorkflowState] = relationship(lazy="joined")
    submitter = relationship("User", foreign_keys=[submitter_id], lazy="joined")
    trekker: Mapped[Person | None] = relationship(foreign_keys=[trekker_id], lazy="joined")
    decision_body: Mapped[Body] = relationship(lazy="joined")
    target_meeting: Mapped[Meeting | None] = relationship(lazy="joined")
    project = relationship("Project", foreign_keys=[project_id])  # shown on the item's page only
    points: Mapped[list[DecisionPoint]] = relationship(
        back_populates="item", order_by="DecisionPoint.number", cascade="all, delete-orphan")
    route: Mapped[list[Consultation]] = relationship(
        back_populates="item", order_by="Consultation.position", cascade="all, delete-orphan")
    communication_advice: Mapped[CommunicationAdvice | None] = relationship(
        back_populates="item", uselist=False, cascade="all, delete-orphan")


class DecisionPoint(Versioned, db.Model):
    """A numbered beslispunt; each gets its own outcome."""

    __tablename__ = "decision_point"
    __table_args__ = (UniqueConstraint("item_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("decision_item.id", ondelete="CASCADE"), nullable=False)
    number: Mapped[int] = mapped_column(Integer, nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    # adopted | amended | rejected | deferred | noted
    outcome: Mapped[str | None] = mapped_column(String(20))
    decision_text: Mapped[str | None] = mapped_column(Text)
    decided_at_meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id", ondelete="SET NULL"),
                                                              index=True)

    item: Mapped[DecisionItem] = relationship(back_populates="points")


class PointOutcome(db.Model):
    """What one meeting decided on one decision point. A point deferred at one meeting and decided at a later
    one has a row for each: the earlier meeting's decision list keeps 'aangehouden'."""

    __tablename__ = "point_outcome"
    __table_args__ = (UniqueConstraint("point_id", "meeting_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("decision_point.id", ondelete="CASCADE"), nullable=False)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), nullable=False, index=True)
    outcome: Mapped[str] = mapped_column(String(20), nullable=False)  # adopted|amended|rejected|deferred|noted
    text: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    point: Mapped[DecisionPoint] = relationship(lazy="joined")


class Consultation(db.Model):
    """OParl Consultation: one body on the item's planned route, its role, target meeting and result."""

    __tablename__ = "consultation"
    __table_args__ = (Index("ix_consultation_body_item", "body_id", "item_id"),)  # the proposals a body sees

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("decision_item.id", ondelete="CASCADE"), nullable=False, index=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id"), nullable=False)
    role: Mapped[str] = mapped_column(String(20), nullable=False)  # advice | decision | note
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id", ondelete="SET NULL"))
    # advice: positief | aanpassen | negatief; decision/note: the body's opinion, e.g. akkoord
    result: Mapped[str | None] = mapped_column(String(30))
    result_text: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    item: Mapped[DecisionItem] = relationship(back_populates="route")
    body: Mapped[Body] = relationship(lazy="joined")
    meeting: Mapped[Meeting | None] = relationship(lazy="joined")


# A proposal may go on to the DVO: its communication advice approved, or recorded as not needed.
ADVICE_SETTLED = ("approved", "waived")
ADVICE_OPEN = ("requested", "draft")  # the others: an index finds these, where NOT IN reads every advice


class CommunicationAdvice(Versioned, db.Model):
    """The communicatieadvies every proposal to the DVO should carry."""

    __tablename__ = "communication_advice"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("decision_item.id", ondelete="CASCADE"), nullable=False,
                                         unique=True)
    key_message: Mapped[str | None] = mapped_column(Text)
    audiences: Mapped[str | None] = mapped_column(Text)
    spokesperson: Mapped[str | None] = mapped_column(String(200))
    timing: Mapped[str | None] = mapped_column(String(300))
    embargo_until: Mapped[date | None] = mapped_column(Date)
    woo_disclosure: Mapped[str | None] = mapped_column(String(30))  # actief | op_verzoek | niet
    woo_note: Mapped[str | None] = mapped_column(String(300))
    advisor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    # requested | draft (ter goedkeuring) | approved | waived (not needed: the secretariat recorded why)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="requested", index=True)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    waived_reason: Mapped[str | None] = mapped_column(String(300))
    waived_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    waived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # the local communication advisor of the portfolio holder (or of the partners concerned) it is prepared
    # with; asked (a notification) when chosen
    local_advisor_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"), index=True)
    local_advisor_asked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    item: Mapped[DecisionItem] = relationship(back_populates="communication_advice")
    local_advisor: Mapped[Person | None] = relationship(foreign_keys=[local_advisor_id], lazy="joined")
    advisor = relationship("User", foreign_keys=[advisor_id], lazy="joined")
    approved_by = relationship("User", foreign_keys=[approved_by_id], lazy="joined")
    waived_by = relationship("User", foreign_keys=[waived_by_id], lazy="joined")
    inform: Mapped[list[AdviceInform]] = relationship(cascade="all, delete-orphan", lazy="selectin")


class AdviceInform(db.Model):
    """An organisation that must be informed, according to the communication advice."""

    __tablename__ = "advice_inform"
    __table_args__ = (UniqueConstraint("advice_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    advice_id: Mapped[int] = mapped_column(ForeignKey("communication_advice.id", ondelete="CASCADE"), nullable=False)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), nullable=False)

    organisation: Mapped[Organisation] = relationship(lazy="joined")


class ItemTransition(db.Model):
    """Who moved which item from which state to which, when, with what comment."""

    __tablename__ = "item_transition"
    __table_args__ = (Index("ix_item_transition_item", "item_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("decision_item.id", ondelete="CASCADE"), nullable=False)
    transition: Mapped[str] = mapped_column(String(60), nullable=False)
    from_state_id: Mapped[int] = mapped_column(ForeignKey("workflow_state.id"), nullable=False)
    to_state_id: Mapped[int] = mapped_column(ForeignKey("workflow_state.id"), nullable=False)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    comment: Mapped[str | None] = mapped_column(Text)

    from_state: Mapped[WorkflowState] = relationship(foreign_keys=[from_state_id], lazy="joined")
    to_state: Mapped[WorkflowState] = relationship(foreign_keys=[to_state_id], lazy="joined")
    by = relationship("User", lazy="joined")


class ItemAttachment(db.Model):
    """A document of a proposal, stored under instance/ with size and type limits and a checksum."""

    __tablename__ = "item_attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("decision_item.id", ondelete="CASCADE"), nullable=False, index=True)
    filename: Mapped[str] = mapped_column(String(255), nullable=False)
    stored_name: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    content_type: Mapped[str] = mapped_column(String(100), nullable=False)
    size: Mapped[int] = mapped_column(Integer, nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))


class FollowUpAction(Versioned, db.Model):
    """An action that follows from a decision, with an owner (a person, or organisations) and a due date."""

    __tablename__ = "follow_up_action"
    __table_args__ = (Index("ix_follow_up_action_due", "status", "due_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("decision_item.id", ondelete="CASCADE"), nullable=False, index=True)
    point_id: Mapped[int | None] = mapped_column(ForeignKey("decision_point.id", ondelete="SET NULL"))
    description: Mapped[str] = mapped_column(Text, nullable=False)
    owner_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    due_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="open")  # open|in_progress|done|n_a
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    item: Mapped[DecisionItem] = relationship(lazy="joined")
    owner_person: Mapped[Person | None] = relationship(lazy="joined")
    assignments: Mapped[list[ActionAssignment]] = relationship(
        back_populates="action", cascade="all, delete-orphan", order_by="ActionAssignment.id")


class ActionAssignment(Versioned, db.Model):
    """One organisation's part of a fanned-out action, with its own status."""

    __tablename__ = "action_assignment"
    __table_args__ = (UniqueConstraint("action_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("follow_up_action.id", ondelete="CASCADE"), nullable=False)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), nullable=False, index=True)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="open")
    note: Mapped[str | None] = mapped_column(String(500))
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    action: Mapped[FollowUpAction] = relationship(back_populates="assignments")
    organisation: Mapped[Organisation] = relationship(lazy="joined")


class DecisionList(db.Model):
    """The besluitenlijst of a meeting: follows from the recorded outcomes; adopted at the next meeting."""

    __tablename__ = "decision_list"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), nullable=False, unique=True)
    adopted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    adopted_at_meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id", ondelete="SET NULL"))
    adopted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))


keep_one_line(DecisionItem.title)  # titles end up in e-mail subjects and calendar files
