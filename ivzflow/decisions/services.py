"""Decision items: drafting, the route through the chain, communication advice, outcomes, decision lists."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import nh3
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ivzflow.bodies.models import Body, BodyRelation
from ivzflow.core import clock
from ivzflow.core.errors import Conflict, ValidationError, check_version
from ivzflow.core.richtext import clean_html
from ivzflow.decisions.models import (
    CONFIDENTIALITY, KINDS, AdviceInform, CommunicationAdvice, Consultation, DecisionItem, DecisionList,
    DecisionPoint,
)
from ivzflow.extensions import db
from ivzflow.meetings.models import Meeting
from ivzflow.workflows import loader
from ivzflow.workflows.models import WorkflowState

WORKFLOW_KEY = "dvo_voorstel"
OUTCOMES = ("adopted", "amended", "rejected", "deferred", "noted")


def sanitise(html: str | None) -> str | None:
    """Formatted text is cleaned on the way in (and again on render, by the richtext filter)."""
    return clean_html(html)


# --- route -------------------------------------------------------------------------------------------

def deciding_bodies() -> list[Body]:
    """Bodies that another body advises: the ones proposals go to (the DVO)."""
    advised = select(BodyRelation.target_id).where(BodyRelation.kind == "advises")
    return list(db.session.scalars(select(Body).where(Body.id.in_(advised)).order_by(Body.name)))


def planned_route(decision_body: Body, touches_both: bool) -> list[tuple[Body, str]]:
    """The bodies an item passes, from the structure: who advises the deciding body, who takes note of
    its matters (deciding too when the item touches both the social and physical agenda), and the body."""
    relations = db.session.scalars(select(BodyRelation).where(
        BodyRelation.kind.in_(("advises", "takes_note")), BodyRelation.target_id == decision_body.id)
        .order_by(BodyRelation.id)).all()
    route = [(r.source, "advice") for r in relations if r.kind == "advises"]
    route += [(r.source, "decision" if touches_both else "note") for r in relations if r.kind == "takes_note"]
    return route + [(decision_body, "decision")]


def _set_route(item: DecisionItem) -> None:
    kept = {(c.body_id, c.role): c for c in item.route}
    item.route = [kept.get((body.id, role)) or Consultation(body_id=body.id, body=body, role=role, position=i)
                  for i, (body, role) in enumerate(planned_route(item.decision_body, item.touches_both_agendas))]
    for i, consultation in enumerate(item.route):
        consultation.position = i


# --- drafting ----------------------------------------------------------------------------------------

def _validate(values: dict) -> None:
    if not (values.get("title") or "").strip():
        raise ValidationError(_("Geef het voorstel een titel."), field="title")
    if values.get("kind") not in KINDS:
        raise ValidationError(_("Kies de soort: ter besluitvorming, ter bespreking of ter informatie."), field="kind")
    if values.get("confidentiality") not in CONFIDENTIALITY:
        raise ValidationError(_("Kies openbaar, intern of vertrouwelijk."), field="confidentiality")


def _points(texts: list[str]) -> list[str]:
    return [t.strip() for t in texts if t and t.strip()]


def create_item(actor, *, decision_body: Body, title: str, kind: str = "decision", confidentiality: str = "intern",
                summary: str | None = None, points: list[str] = (), trekker_id: int | None = None,
                project_id: int | None = None, touches_both_agendas: bool = False,
                target_meeting_id: int | None = None) -> DecisionItem:
    """Draft a proposal; it starts in the initial state of the current DVO-proposal workflow."""
    values = dict(title=title, kind=kind, confidentiality=confidentiality)
    _validate(values)
    loader.ensure_defaults()
    version = loader.latest(WORKFLOW_KEY)
    now = clock.now()
    item = DecisionItem(
        title=title.strip()[:300], kind=kind, confidentiality=confidentiality, summary=sanitise(summary),
        submitter_id=getattr(actor, "id", None), trekker_id=trekker_id, project_id=project_id,
        decision_body_id=decision_body.id, decision_body=decision_body, touches_both_agendas=touches_both_agendas,
        workflow_version_id=version.id, workflow_version=version, state=loader.initial_state(version),
        state_entered_at=now, created_at=now, updated_at=now)
    item.points = [DecisionPoint(number=i, text=text) for i, text in enumerate(_points(points), start=1)]
    item.communication_advice = CommunicationAdvice(status="requested", updated_at=now)
    db.session.add(item)
    _set_route(item)
    if target_meeting_id:
        set_target_meeting(item, target_meeting_id)
    db.session.flush()
    return item


def update_item(item: DecisionItem, *, version, title: str, kind: str, confidentiality: str, summary: str | None,
                points: list[str], trekker_id: int | None, project_id: int | None,
                touches_both_agendas: bool) -> None:
    """Change a draft (only while its state is editable)."""
    check_version(item, version)
    if not item.state.is_editable:
        raise Conflict(_("Dit voorstel is niet meer te bewerken in de toestand '%(state)s'.", state=item.state.label_nl))
    _validate(dict(title=title, kind=kind, confidentiality=confidentiality))
    item.title, item.kind, item.confidentiality = title.strip()[:300], kind, confidentiality
    item.summary, item.trekker_id, item.project_id = sanitise(summary), trekker_id, project_id
    if item.touches_both_agendas != touches_both_agendas:
        item.touches_both_agendas = touches_both_agendas
        _set_route(item)
    texts = _points(points)
    existing = {p.number: p for p in item.points}
    item.points = [existing.get(i) or DecisionPoint(number=i, text=t) for i, t in enumerate(texts, start=1)]
    for point, text in zip(item.points, texts):
        point.text = text
    if item.project_id and item.trekker_consent_at is not None:
        item.trekker_consent_at = item.trekker_consent_by_id = None  # a changed proposal needs consent again
    item.updated_at = clock.now()
    db.session.flush()


def set_target_meeting(item: DecisionItem, meeting_id: int | None) -> None:
    """Aim the item at a meeting of its deciding body (before it is placed on that agenda)."""
    if not meeting_id:
        item.target_meeting_id, item.target_meeting = None, None
        return
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None or meeting.body_id != item.decision_body_id:
        raise ValidationError(_("Kies een vergadering van %(body)s.", body=item.decision_body.name), field="meeting_id")
    if meeting.is_cancelled or meeting.start_at <= clock.now():
        raise ValidationError(_("Kies een komende vergadering."), field="meeting_id")
    item.target_meeting_id, item.target_meeting = meeting.id, meeting
    item.updated_at = clock.now()


def give_consent(actor, item: DecisionItem) -> None:
    """The bestuurlijk trekker agrees that the proposal of their project goes ahead."""
    if item.trekker_id is None or getattr(actor, "person_id", None) != item.trekker_id:
        raise ValidationError(_("Alleen de bestuurlijk trekker kan instemmen."))
    item.trekker_consent_at, item.trekker_consent_by_id = clock.now(), actor.id
    db.session.flush()


def override_deadline(actor, item: DecisionItem, reason: str) -> None:
    """The secretariat lets a late proposal through, with a reason that is kept."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Geef een reden voor de uitzondering op de inleverdatum."), field="reason")
    item.deadline_override_reason, item.deadline_override_by_id = reason[:300], actor.id
    db.session.flush()


def record_opinion(actor, consultation: Consultation, result: str, text: str | None) -> None:
    """The recorded opinion of a body on the route (e.g. Veiligheidsdirectie, Kring van GS)."""
    if result not in ("akkoord", "akkoord_met_opmerkingen", "niet_akkoord", "kennisgenomen"):
        raise ValidationError(_("Kies het oordeel."), field="result")
    consultation.result, consultation.result_text = result, (text or "").strip()[:5000] or None
    consultation.recorded_at, consultation.recorded_by_id = clock.now(), actor.id
    db.session.flush()


# --- communication advice ----------------------------------------------------------------------------

WOO = ("actief", "op_verzoek", "niet")


def save_advice(actor, advice: CommunicationAdvice, *, version, key_message: str | None, audiences: str | None,
                spokesperson: str | None, timing: str | None, embargo_until: date | None, woo_disclosure: str | None,
                woo_note: str | None, inform_ids: list[int]) -> None:
    """The communication advisor writes (or changes) the advice; a change needs approval again."""
    check_version(advice, version)
    if woo_disclosure and woo_disclosure not in WOO:
        raise ValidationError(_("Kies hoe het voorstel openbaar wordt (Woo)."), field="woo_disclosure")
    advice.key_message, advice.audiences = (key_message or "").strip() or None, (audiences or "").strip() or None
    advice.spokesperson, advice.timing = (spokesperson or "").strip() or None, (timing or "").strip() or None
    advice.embargo_until, advice.woo_disclosure = embargo_until, woo_disclosure or None
    advice.woo_note = (woo_note or "").strip() or None
    existing = {i.organisation_id: i for i in advice.inform}
    advice.inform = [existing.get(org_id) or AdviceInform(organisation_id=org_id) for org_id in dict.fromkeys(inform_ids)]
    advice.advisor_id = actor.id
    advice.status = "draft"
    advice.approved_at = advice.approved_by_id = None
    advice.updated_at = clock.now()
    db.session.flush()


def approve_advice(actor, advice: CommunicationAdvice, version) -> None:
    check_version(advice, version)
    if not advice.key_message or not advice.audiences:
        raise ValidationError(_("Een communicatieadvies heeft minstens een kernboodschap en doelgroepen nodig."))
    advice.status, advice.approved_by_id, advice.approved_at = "approved", actor.id, clock.now()
    advice.updated_at = clock.now()
    db.session.flush()


def advice_worklist(visible=None) -> list[DecisionItem]:
    """Items whose communication advice is not approved yet, those aimed at the soonest meeting first.

    `visible` (a select of items, see queries.visible_items) limits the list to what the user may see."""
    query = (select(DecisionItem).join(CommunicationAdvice)
             .join(WorkflowState, WorkflowState.id == DecisionItem.state_id)
             .outerjoin(Meeting, Meeting.id == DecisionItem.target_meeting_id)
             .where(CommunicationAdvice.status != "approved", DecisionItem.kind == "decision",
                    WorkflowState.is_final.is_(False)))
    if visible is not None:
        query = query.where(DecisionItem.id.in_(visible.with_only_columns(DecisionItem.id)))
    return list(db.session.scalars(
        query.options(selectinload(DecisionItem.route), selectinload(DecisionItem.communication_advice),
                      joinedload(DecisionItem.target_meeting).selectinload(Meeting.deadlines))
        .order_by(DecisionItem.target_meeting_id.is_(None), Meeting.start_at, DecisionItem.updated_at.desc())))


# --- outcomes and decision lists ---------------------------------------------------------------------

def record_outcomes(actor, item: DecisionItem, outcomes: dict[int, tuple[str, str | None]], version) -> None:
    """At the meeting: per decision point the outcome and the decision text."""
    check_version(item, version)
    meeting = item.target_meeting
    if meeting is None:
        raise Conflict(_("Dit voorstel staat niet op een vergadering."))
    for point in item.points:
        outcome, text = outcomes.get(point.id, (None, None))
        if outcome and outcome not in OUTCOMES:
            raise ValidationError(_("Onbekende uitkomst bij beslispunt %(n)d.", n=point.number), field="outcome")
        point.outcome = outcome or None
        point.decision_text = (text or "").strip() or None
        point.decided_at_meeting_id = meeting.id if outcome else None
    item.updated_at = clock.now()
    db.session.flush()


@dataclass
class DecisionListView:
    meeting: Meeting
    items: list[DecisionItem]
    record: DecisionList | None


def decision_list(meeting: Meeting) -> DecisionListView:
    """The besluitenlijst: the items with points decided at this meeting, in agenda order."""
    item_ids = select(DecisionPoint.item_id).where(DecisionPoint.decided_at_meeting_id == meeting.id)
    items = list(db.session.scalars(select(DecisionItem).where(DecisionItem.id.in_(item_ids))
                                    .options(selectinload(DecisionItem.points)).order_by(DecisionItem.id)))
    record = db.session.scalar(select(DecisionList).where(DecisionList.meeting_id == meeting.id))
    return DecisionListView(meeting, items, record)


def adopt_decision_list(actor, meeting: Meeting, at_meeting: Meeting) -> DecisionList:
    """Mark a meeting's decision list adopted at a later meeting of the same body."""
    if at_meeting.body_id != meeting.body_id or at_meeting.start_at <= meeting.start_at:
        raise ValidationError(_("Een besluitenlijst wordt vastgesteld in een latere vergadering van hetzelfde gremium."),
                              field="meeting_id")
    record = db.session.scalar(select(DecisionList).where(DecisionList.meeting_id == meeting.id))
    if record is None:
        record = DecisionList(meeting_id=meeting.id)
        db.session.add(record)
    if record.adopted_at is not None:
        raise Conflict(_("Deze besluitenlijst is al vastgesteld."))
    record.adopted_at, record.adopted_at_meeting_id, record.adopted_by_id = clock.now(), at_meeting.id, actor.id
    db.session.flush()
    return record


def start_from_status_update(actor, project, summary: str | None, decision_needed: str) -> DecisionItem | None:
    """A status update that asks the DVO for a decision starts a draft proposal for the project."""
    bodies = deciding_bodies()
    if not bodies or actor is None or getattr(actor, "id", None) is None:
        return None
    lines = [line.strip(" -•\t") for line in decision_needed.splitlines() if line.strip(" -•\t")]
    return create_item(actor, decision_body=bodies[0], title=_("%(project)s: besluit gevraagd", project=project.title),
                       points=lines, trekker_id=project.trekker_id, project_id=project.id,
                       summary=f"<p>{nh3.clean_text(summary)}</p>" if summary else None)
