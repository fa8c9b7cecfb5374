"""What the public sees: one function per kind of record, for /openbaar/ and /oparl/v1/ alike.

A record is published when its body's policy publishes its kind, it is final (an agenda once sent, a
decision list once adopted) and it was not withdrawn. Inside it, every item is checked again as it is read,
with the application's own rules for a reader without an account: an agenda item only when it is public and
any proposal it carries is openbaar (decisions.permissions.confidentiality_allows), so a later edit that
makes either intern takes it off the public pages at once.
The same rules as SQL conditions (`*_clause`, `*_is_published`, `body_publishes`) let OParl page in the database.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_login import AnonymousUserMixin
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import joinedload, lazyload, selectinload

from ivzflow.bodies.models import Body
from ivzflow.decisions.decision_list import Listing, compose
from ivzflow.decisions.models import DecisionItem, DecisionList, DecisionPoint, PointOutcome
from ivzflow.decisions.permissions import confidentiality_allows
from ivzflow.extensions import db
from ivzflow.meetings.agenda import Agenda, build, load_items
from ivzflow.meetings.models import AgendaItem, Attachment, Meeting
from ivzflow.meetings.permissions import AGENDA_VISIBLE_STATES
from ivzflow.projects.models import Milestone, Project
from ivzflow.publication.models import PublicationPolicy, Withdrawal

VISITOR = AnonymousUserMixin()  # the public: no account, no seat, no role


def proposal_is_public(proposal: DecisionItem) -> bool:
    """The application's rule for a reader without an account. Intern and vertrouwelijk are refused before
    it is asked: its answer for them is no (a visitor has no seat and no role), and asking would load the
    proposal's route."""
    return proposal.confidentiality == "openbaar" and confidentiality_allows(VISITOR, proposal)


def proposal_is_public_clause():
    """proposal_is_public as an SQL condition on DecisionItem: confidentiality_allows lets everyone read an
    openbaar proposal before it asks anything else, so the rule comes down to the column (a test holds the
    two to the same answer)."""
    return DecisionItem.confidentiality == "openbaar"


def item_is_public_clause():
    """_public_item_rule as an SQL condition on AgendaItem: public, and any proposal it carries openbaar."""
    return and_(AgendaItem.is_public, or_(
        AgendaItem.decision_item_id.is_(None),
        select(DecisionItem.id).where(DecisionItem.id == AgendaItem.decision_item_id, proposal_is_public_clause())
        .correlate(AgendaItem).exists()))


def _not_withdrawn(kind: str):
    return ~select(Withdrawal.id).where(Withdrawal.kind == kind, Withdrawal.meeting_id == Meeting.id) \
        .correlate(Meeting).exists()


def _policy_says(flag):
    return select(PublicationPolicy.id).where(PublicationPolicy.body_id == Meeting.body_id, flag.is_(True)) \
        .correlate(Meeting).exists()


def agenda_is_published():
    """SQL condition on Meeting: its agenda is on the public site."""
    return and_(Meeting.is_published, Meeting.state.in_(AGENDA_VISIBLE_STATES),
                _policy_says(PublicationPolicy.agendas), _not_withdrawn("agenda"))


def decision_list_is_published():
    """SQL condition on Meeting: its decision list is on the public site."""
    return and_(Meeting.is_published, _policy_says(PublicationPolicy.decision_lists), _not_withdrawn("decision_list"),
                select(DecisionList.id).where(DecisionList.meeting_id == Meeting.id,
                                              DecisionList.adopted_at.is_not(None)).correlate(Meeting).exists())


def agenda_published_at(meeting: Meeting) -> datetime:
    return meeting.sent_at or meeting.start_at


# --- bodies -------------------------------------------------------------------------------------------

def body_publishes():
    """SQL condition on Body: it publishes agendas, decision lists or project pages."""
    return select(PublicationPolicy.id).where(
        PublicationPolicy.body_id == Body.id,
        or_(PublicationPolicy.agendas, PublicationPolicy.decision_lists, PublicationPolicy.projects)) \
        .correlate(Body).exists()


def publishing_bodies() -> list[Body]:
    """The bodies that publish agendas, decision lists or project pages, by name."""
    return list(db.session.scalars(select(Body).where(body_publishes()).order_by(Body.name)))


def publishing_body(body_id: int) -> Body | None:
    return next((b for b in publishing_bodies() if b.id == body_id), None)


def policy_of(body_id: int) -> PublicationPolicy | None:
    return db.session.scalar(select(PublicationPolicy).where(PublicationPolicy.body_id == body_id))


# --- agendas ------------------------------------------------------------------------------------------

def published_agendas(body_id: int | None = None, limit: int | None = None) -> list[Meeting]:
    """Meetings whose agenda is published, newest first."""
    query = select(Meeting).where(agenda_is_published()).order_by(Meeting.start_at.desc(), Meeting.id.desc())
    if body_id is not None:
        query = query.where(Meeting.body_id == body_id)
    return list(db.session.scalars(query.limit(limit)))


@dataclass
class Found:
    """A public address: the record when published, its withdrawal when taken back (else nothing found)."""

    meeting: Meeting | None = None
    withdrawal: Withdrawal | None = None
    project: Project | None = None
    decision: DecisionItem | None = None  # a project's assignment decision

    @property
    def body_id(self) -> int | None:
        if self.meeting is not None:
            return self.meeting.body_id
        return self.decision.decision_body_id if self.decision is not None else None


def _find(kind: str, meeting_id: int, published) -> Found:
    meeting = db.session.scalar(select(Meeting).where(Meeting.id == meeting_id, published))
    if meeting is not None:
        return Found(meeting=meeting)
    withdrawal = db.session.scalar(select(Withdrawal).where(Withdrawal.kind == kind,
                                                            Withdrawal.meeting_id == meeting_id))
    return Found(meeting=db.session.get(Meeting, meeting_id), withdrawal=withdrawal) if withdrawal else Found()


def find_agenda(meeting_id: int) -> Found:
    return _find("agenda", meeting_id, agenda_is_published())


def find_decision_list(meeting_id: int) -> Found:
    return _find("decision_list", meeting_id, decision_list_is_published())


def _public_item_rule(items: list[AgendaItem]):
    """Whether an agenda item may be shown: public, and any proposal it carries openbaar (one query)."""
    proposal_ids = {i.decision_item_id for i in items if i.decision_item_id}
    proposals = {p.id: p for p in db.session.scalars(  # the rule reads the row alone, not its workflow
        select(DecisionItem).where(DecisionItem.id.in_(proposal_ids)).options(lazyload("*")))} if proposal_ids else {}

    def shown(item: AgendaItem) -> bool:
        if not item.is_public:
            return False
        if item.decision_item_id is None:
            return True
        proposal = proposals.get(item.decision_item_id)
        return proposal is not None and proposal_is_public(proposal)
    return shown


def public_agenda(meeting: Meeting) -> Agenda:
    """The published agenda's public items, numbered as on the members' agenda."""
    items = load_items(meeting)
    return build(meeting, items, _public_item_rule(items))


def public_decision_list(meeting: Meeting) -> Listing:
    """The adopted decision list with only public items and openbaar proposals (a fixed number of queries)."""
    return compose(meeting, lambda item: item.is_public, proposal_is_public, hide_items_of_hidden_proposals=True)


def published_decision_lists(body_id: int | None = None,
                             limit: int | None = None) -> list[tuple[Meeting, DecisionList]]:
    """Meetings with their published decision list, newest first."""
    query = (select(Meeting, DecisionList).join(DecisionList, DecisionList.meeting_id == Meeting.id)
             .where(decision_list_is_published()).order_by(Meeting.start_at.desc(), Meeting.id.desc()))
    if body_id is not None:
        query = query.where(Meeting.body_id == body_id)
    return [(m, d) for m, d in db.session.execute(query.limit(limit))]


# --- documents ----------------------------------------------------------------------------------------

def documents_published_clause(body_id_column):
    """documents_published as an SQL condition on a column holding a body's id."""
    return select(PublicationPolicy.id).where(PublicationPolicy.body_id == body_id_column,
                                              PublicationPolicy.documents.is_(True),
                                              PublicationPolicy.agendas.is_(True)).exists()


def documents_published(body_id: int) -> bool:
    policy = policy_of(body_id)
    return bool(policy and policy.documents and policy.agendas)


def public_attachment(attachment_id: int) -> Attachment | None:
    """An agenda item's document, when its agenda is published, its body publishes documents and the item is
    public."""
    attachment = db.session.get(Attachment, attachment_id)
    if attachment is None:
        return None
    item = attachment.agenda_item
    published = db.session.scalar(select(Meeting.id).where(Meeting.id == item.meeting_id, agenda_is_published()))
    if published is None or not documents_published(item.meeting.body_id):
        return None
    return attachment if _public_item_rule([item])(item) else None


# --- proposals (OParl Paper) --------------------------------------------------------------------------

def paper_is_published():
    """SQL condition on DecisionItem: the candidates of public_papers, on a public item of a published agenda
    or decided at a meeting whose decision list is published (proposal_is_public still to be asked)."""
    on_agenda = (select(AgendaItem.decision_item_id).join(Meeting, Meeting.id == AgendaItem.meeting_id)
                 .where(AgendaItem.is_public, AgendaItem.decision_item_id.is_not(None), agenda_is_published()))
    decided = (select(DecisionPoint.item_id).join(PointOutcome, PointOutcome.point_id == DecisionPoint.id)
               .join(Meeting, Meeting.id == PointOutcome.meeting_id).where(decision_list_is_published()))
    return or_(DecisionItem.id.in_(on_agenda), DecisionItem.id.in_(decided))


def public_papers() -> list[DecisionItem]:
    """Openbaar proposals on a public item of a published agenda, or decided at a meeting whose decision list
    is published."""
    proposals = db.session.scalars(
        select(DecisionItem).where(paper_is_published())
        .options(lazyload("*"), joinedload(DecisionItem.decision_body), selectinload(DecisionItem.route),
                 selectinload(DecisionItem.points)).order_by(DecisionItem.id))
    return [p for p in proposals if proposal_is_public(p)]


def latest_change(meetings: list[Meeting]) -> datetime | None:
    return max((agenda_published_at(m) for m in meetings), default=None)



# --- for OParl: meetings ------------------------------------------------------------------------------

def meeting_is_public():
    """SQL condition on Meeting: its agenda or its decision list is published."""
    return or_(agenda_is_published(), decision_list_is_published())


def public_meetings(body_ids: list[int] | None = None) -> list[Meeting]:
    """Meetings whose agenda or decision list is published, newest first."""
    query = (select(Meeting).where(meeting_is_public())
             .order_by(Meeting.start_at.desc(), Meeting.id.desc()))
    if body_ids is not None:
        query = query.where(Meeting.body_id.in_(body_ids))
    return list(db.session.scalars(query))


# --- project pages ------------------------------------------------------------------------------------

def published_projects(body_id: int | None = None) -> list[tuple[Project, DecisionItem]]:
    """Projects whose assignment came from a public decision of a body that publishes project pages, with
    that decision; by title."""
    papers = {p.id: p for p in public_papers()}
    withdrawn = select(Withdrawal.id).where(Withdrawal.kind == "project", Withdrawal.project_id == Project.id) \
        .correlate(Project).exists()
    policy = select(PublicationPolicy.id).where(PublicationPolicy.body_id == DecisionItem.decision_body_id,
                                                PublicationPolicy.projects.is_(True)).correlate(DecisionItem).exists()
    query = (select(Project).join(DecisionItem, DecisionItem.id == Project.assignment_decision_id)
             .where(policy, ~withdrawn).order_by(Project.title, Project.id))
    found = [(p, papers[p.assignment_decision_id]) for p in db.session.scalars(query)
             if p.assignment_decision_id in papers]
    return [(p, d) for p, d in found if body_id is None or d.decision_body_id == body_id]


def find_project(project_id: int) -> Found:
    published = next(((p, d) for p, d in published_projects() if p.id == project_id), None)
    if published is not None:
        return Found(project=published[0], decision=published[1])
    withdrawal = db.session.scalar(select(Withdrawal).where(Withdrawal.kind == "project",
                                                            Withdrawal.project_id == project_id))
    return Found(project=db.session.get(Project, project_id), withdrawal=withdrawal) if withdrawal else Found()


def project_milestones(project: Project) -> list[Milestone]:
    return list(db.session.scalars(select(Milestone).where(Milestone.project_id == project.id)
                                   .order_by(Milestone.due_on, Milestone.id)))


def public_meetings_of_paper(proposal: DecisionItem) -> list[Meeting]:
    """The published agendas on which the proposal is a public item."""
    return list(db.session.scalars(
        select(Meeting).join(AgendaItem, AgendaItem.meeting_id == Meeting.id)
        .where(AgendaItem.decision_item_id == proposal.id, AgendaItem.is_public, agenda_is_published())
        .order_by(Meeting.start_at)))
