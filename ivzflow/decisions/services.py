"""Decision items: drafting, the route through the chain, communication advice, outcomes, decision lists."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import nh3
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ivzflow.bodies.districts import scope_clause
from ivzflow.bodies.models import Body
from ivzflow.core import clock
from ivzflow.core.errors import Conflict, ValidationError, check_version
from ivzflow.core.richtext import clean_html
from ivzflow.decisions import route
from ivzflow.decisions.models import (
    ADVICE_SETTLED, CONFIDENTIALITY, KINDS, AdviceInform, CommunicationAdvice, Consultation, DecisionItem,
    DecisionList, DecisionPoint, PointOutcome,
)
from ivzflow.decisions import outcomes as point_outcomes
from ivzflow.extensions import db
from ivzflow.meetings.models import Meeting
from ivzflow.people.models import Person
from ivzflow.projects.models import Project
from ivzflow.workflows import loader
from ivzflow.workflows.models import WorkflowState

WORKFLOW_KEY = "dvo_voorstel"


def sanitise(html: str | None) -> str | None:
    """Formatted text is cleaned on the way in (and again on render, by the richtext filter)."""
    return clean_html(html)


# --- route -------------------------------------------------------------------------------------------

def district_scope(actor):
    """The deciding bodies a person may choose: those of the districts he works in (none given: all)."""
    return scope_clause(actor, Body.district_id) if getattr(actor, "is_authenticated", False) else None


def deciding_bodies(actor=None) -> list[Body]:
    """The bodies a new proposal may go to for decision (route.deciding_bodies of the current workflow), in the
    districts the actor works in."""
    loader.ensure_defaults()
    return route.deciding_bodies(loader.latest(WORKFLOW_KEY), district_scope(actor))


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


def _trekker(body: Body, trekker_id: int | None, project_id: int | None, actor=None) -> int | None:
    """The trekker of a proposal: the one chosen, else its project's; a member of the deciding body (or the
    project's own trekker), so that someone is there to consent. Nobody makes himself the trekker (who
    consents) of a project whose trekker is someone else."""
    project = db.session.get(Project, project_id) if project_id else None
    if project_id and project is None:
        raise ValidationError(_("Dit project bestaat niet."), field="project_id")
    if trekker_id is None and project is not None:
        return project.trekker_id
    own = getattr(actor, "person_id", None)
    if (project is not None and project.trekker_id and trekker_id != project.trekker_id and own is not None
            and trekker_id == own):
        raise ValidationError(_("U kunt uzelf geen bestuurlijk trekker maken van een project waarvan %(name)s de "
                                "trekker is; de trekker van het project stemt in met het voorstel.",
                                name=project.trekker.name if project.trekker else "?"), field="trekker_id")
    if not route.trekker_allowed(body.id, trekker_id, project):
        person = db.session.get(Person, trekker_id)
        raise ValidationError(_("%(name)s is geen lid van %(body)s en kan daarom geen bestuurlijk trekker zijn; kies "
                                "een lid van %(body)s.", name=person.name if person else "?", body=body.name),
                              field="trekker_id")
    return trekker_id


def create_item(actor, *, decision_body: Body | None = None, title: str, kind: str = "decision",
                confidentiality: str = "intern", summary: str | None = None, points: list[str] = (),
                trekker_id: int | None = None, project_id: int | None = None, touches_both_agendas: bool = False,
                target_meeting_id: int | None = None, own_adviser_ok: bool = False) -> DecisionItem:
    """Draft a proposal; it starts in the initial state of the current DVO-proposal workflow, on the route that
    workflow gives it (by default to the body its advising body advises: the DVO), with its project's trekker.
    Only a body the route lets decide, unless own_adviser_ok: a service drafting for another chain (spending,
    to the agendacommissie after its own adviser) says so."""
    values = dict(title=title, kind=kind, confidentiality=confidentiality)
    _validate(values)
    loader.ensure_defaults()
    version = loader.latest(WORKFLOW_KEY)
    decision_body = decision_body or route.default_deciding_body(version, district_scope(actor))
    if decision_body is None:
        raise ValidationError(_("Er is geen gremium dat over voorstellen besluit; leg eerst vast wie wie adviseert."),
                              field="decision_body_id")
    route.check_deciding_body(version, decision_body, own_adviser_ok=own_adviser_ok,
                              district_scope=district_scope(actor))
    trekker_id = _trekker(decision_body, trekker_id, project_id, actor)
    now = clock.now()
    item = DecisionItem(
        title=title.strip()[:300], kind=kind, confidentiality=confidentiality, summary=sanitise(summary),
        submitter_id=getattr(actor, "id", None), trekker_id=trekker_id, project_id=project_id,
        decision_body_id=decision_body.id, decision_body=decision_body, district_id=decision_body.district_id,
        touches_both_agendas=touches_both_agendas,
        workflow_version_id=version.id, workflow_version=version, state=loader.initial_state(version),
        state_entered_at=now, created_at=now, updated_at=now)
    item.points = [DecisionPoint(number=i, text=text) for i, text in enumerate(_points(points), start=1)]
    item.communication_advice = CommunicationAdvice(status="requested", updated_at=now)
    db.session.add(item)
    if target_meeting_id:
        _aim(item, target_meeting_id, field="target_meeting_id")
    route.plan(item)
    db.session.flush()
    return item


def propose(actor, **values) -> DecisionItem:
    """A proposal drafted by a person, through the form or the API (both call this): only to a body the
    workflow's route lets decide."""
    return create_item(actor, **values)


UNCHANGED = object()


def update_item(item: DecisionItem, *, version, title: str, kind: str, confidentiality: str, summary: str | None,
                points: list[str], trekker_id: int | None, project_id: int | None,
                touches_both_agendas: bool, decision_body: Body | None = None,
                target_meeting_id=UNCHANGED, actor=None) -> None:
    """Change a draft (only while its state is editable). A changed deciding body re-plans the route; the
    trekker and the meeting must then fit the new body, or the change is refused with the reason."""
    check_version(item, version)
    if not item.state.is_editable:
        raise Conflict(_("Dit voorstel is niet meer te bewerken in de toestand '%(state)s'.", state=item.state.label_nl))
    _validate(dict(title=title, kind=kind, confidentiality=confidentiality))
    before = (item.title, [p.text for p in item.points])
    if decision_body is not None and decision_body.id != item.decision_body_id:
        route.check_deciding_body(item.workflow_version, decision_body, district_scope=district_scope(actor))
        item.decision_body_id, item.decision_body = decision_body.id, decision_body
        item.district_id = decision_body.district_id
    item.title, item.kind, item.confidentiality = title.strip()[:300], kind, confidentiality
    item.summary, item.project_id = sanitise(summary), project_id
    item.trekker_id = _trekker(item.decision_body, trekker_id, project_id, actor)
    item.touches_both_agendas = touches_both_agendas
    if target_meeting_id is not UNCHANGED:
        _aim(item, target_meeting_id, field="target_meeting_id")
    elif item.target_meeting is not None and item.target_meeting.body_id != item.decision_body_id:
        raise ValidationError(_("De beoogde vergadering %(meeting)s is niet van %(body)s; kies een vergadering van "
                                "%(body)s.", meeting=item.target_meeting.name, body=item.decision_body.name),
                              field="target_meeting_id")
    route.plan(item)
    texts = _points(points)
    existing = {p.number: p for p in item.points}
    item.points = [existing.get(i) or DecisionPoint(number=i, text=t) for i, t in enumerate(texts, start=1)]
    for point, text in zip(item.points, texts):
        point.text = text
    if item.project_id and item.trekker_consent_at is not None:
        item.trekker_consent_at = item.trekker_consent_by_id = None  # a changed proposal needs consent again
    if (item.title, [p.text for p in item.points]) != before:
        advice_to_confirm_again(item)
    item.updated_at = clock.now()
    db.session.flush()


def advice_to_confirm_again(item: DecisionItem) -> None:
    """After a change to the title, the decision points or the documents, an approved communication advice
    (like the trekker's consent) no longer holds: it waits for approval again (by someone other than its
    writer), and it is back on the advice work list and in the approvers' tasks."""
    advice = item.communication_advice
    if advice is None or advice.status not in ADVICE_SETTLED:
        return
    advice.status = "draft" if advice.key_message else "requested"  # a waiver was about the old text too
    advice.approved_at = advice.approved_by_id = None
    advice.waived_reason = advice.waived_at = advice.waived_by_id = None
    advice.updated_at = clock.now()


def _aim(item: DecisionItem, meeting_id: int | None, field: str = "meeting_id") -> None:
    if not meeting_id:
        item.target_meeting_id, item.target_meeting = None, None
        return
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None or meeting.body_id != item.decision_body_id:
        raise ValidationError(_("%(meeting)s is geen vergadering van %(body)s; kies een vergadering van %(body)s.",
                                meeting=meeting.name if meeting else "?", body=item.decision_body.name), field=field)
    if meeting.is_cancelled or meeting.start_at <= clock.now():
        raise ValidationError(_("Kies een komende vergadering."), field=field)
    item.target_meeting_id, item.target_meeting = meeting.id, meeting


def set_target_meeting(item: DecisionItem, meeting_id: int | None) -> None:
    """Aim the item at a meeting of its deciding body (before it is placed on that agenda); the route's
    meetings follow."""
    _aim(item, meeting_id)
    route.plan(item)
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


def waive_advice(actor, advice: CommunicationAdvice, reason: str, version) -> None:
    """The secretariat records why a proposal (of whatever kind) needs no communication advice; the reason is
    kept with who and when (and audited as every change), shown on the proposal and as 'n.v.t.' on the agenda."""
    check_version(advice, version)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Geef de reden waarom dit voorstel geen communicatieadvies nodig heeft."),
                              field="reason")
    if advice.status == "approved":
        raise Conflict(_("Het communicatieadvies is al goedgekeurd."))
    advice.status, advice.waived_reason = "waived", reason[:300]
    advice.waived_by_id, advice.waived_at = actor.id, clock.now()
    advice.updated_at = clock.now()
    db.session.flush()


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
    advice.waived_reason = advice.waived_at = advice.waived_by_id = None
    advice.updated_at = clock.now()
    db.session.flush()


def approve_advice(actor, advice: CommunicationAdvice, version) -> None:
    """Four eyes: someone other than its writer approves an advice."""
    check_version(advice, version)
    if advice.advisor_id is not None and advice.advisor_id == getattr(actor, "id", None):
        raise Conflict(_("U schreef dit communicatieadvies zelf; een ander keurt het goed (het secretariaat of een "
                         "tweede communicatieadviseur), zodat altijd twee mensen het hebben gezien."))
    if not advice.key_message or not advice.audiences:
        raise ValidationError(_("Een communicatieadvies heeft minstens een kernboodschap en doelgroepen nodig."))
    advice.status, advice.approved_by_id, advice.approved_at = "approved", actor.id, clock.now()
    advice.updated_at = clock.now()
    db.session.flush()


def advice_worklist(visible=None) -> list[DecisionItem]:
    """Items (of any kind) whose communication advice is neither approved nor waived yet, those aimed at the
    soonest meeting first.

    `visible` (a select of items, see queries.visible_items) limits the list to what the user may see."""
    query = (select(DecisionItem).join(CommunicationAdvice)
             .join(WorkflowState, WorkflowState.id == DecisionItem.state_id)
             .outerjoin(Meeting, Meeting.id == DecisionItem.target_meeting_id)
             .where(CommunicationAdvice.status.not_in(ADVICE_SETTLED), WorkflowState.is_final.is_(False)))
    if visible is not None:
        query = query.where(DecisionItem.id.in_(visible.with_only_columns(DecisionItem.id)))
    return list(db.session.scalars(
        query.options(selectinload(DecisionItem.route), selectinload(DecisionItem.communication_advice),
                      joinedload(DecisionItem.target_meeting).selectinload(Meeting.deadlines))
        .order_by(DecisionItem.target_meeting_id.is_(None), Meeting.start_at, DecisionItem.updated_at.desc())))


# --- outcomes and decision lists ---------------------------------------------------------------------

def record_outcomes(actor, item: DecisionItem, outcomes: dict[int, tuple[str, str | None]], version) -> None:
    """At the meeting: per decision point the outcome and the decision text, kept for that meeting
    (decisions.outcomes; the meeting record enters them in the same way)."""
    check_version(item, version)
    meeting = item.target_meeting
    if meeting is None:
        raise Conflict(_("Dit voorstel staat niet op een vergadering."))
    for point in item.points:
        outcome, _text = outcomes.get(point.id, (None, None))
        if outcome and outcome not in point_outcomes.OUTCOMES:
            raise ValidationError(_("Onbekende uitkomst bij beslispunt %(n)d.", n=point.number), field="outcome")
    point_outcomes.record(actor, meeting, item, outcomes, point_outcomes.outcomes_at(meeting.id, [p.id for p in item.points]))
    item.updated_at = clock.now()
    db.session.flush()


@dataclass
class DecisionListView:
    meeting: Meeting
    items: list[DecisionItem]
    record: DecisionList | None


def decision_list(meeting: Meeting) -> DecisionListView:
    """The proposals with points decided (or deferred) at this meeting."""
    item_ids = (select(DecisionPoint.item_id).join(PointOutcome, PointOutcome.point_id == DecisionPoint.id)
                .where(PointOutcome.meeting_id == meeting.id))
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
    """A status update that asks the DVO for a decision starts a draft proposal for the project, on the
    workflow's route (Platform advice, DVO decision) and with the project's trekker."""
    if actor is None or getattr(actor, "id", None) is None or not deciding_bodies(actor):
        return None
    lines = [line.strip(" -•\t") for line in decision_needed.splitlines() if line.strip(" -•\t")]
    return create_item(actor, title=_("%(project)s: besluit gevraagd", project=project.title),
                       points=lines, project_id=project.id,
                       summary=f"<p>{nh3.clean_text(summary)}</p>" if summary else None)
