"""Between the tiers: a decision passed up to the body its body reports to, and the result reported back.

One mechanism for every tier: a body "reports_to" another (BodyRelation), a driehoek to its DVO, a DVO to the
RVO of its unit. `pass_up` continues an adopted proposal there as a new proposal (`continues_id`) on the upper
body's own route (its own adviser, its own meeting and decision); `report_back` (the workflow effect of every
decision) tells the lower body the result: a terugkoppeling item on its next agenda (the reminders tell its
secretariat and the trekker, reminders.plans). `report_down` puts a decision on the next agenda of every body
that reports to the deciding body (a DVO decision to the driehoeken).

What is confidential to the lower district stays behind: the documents of a vertrouwelijk proposal and its
explanation are not passed on; it goes up as intern, with its title and decision points only. The
communication advice, the project and the history stay with the original too.
"""
from __future__ import annotations

from flask import has_request_context, url_for
from flask_babel import gettext as _
from markupsafe import escape
from sqlalchemy import or_, select
from sqlalchemy.orm import lazyload

from ivzflow.bodies.districts import is_secretariat_for
from ivzflow.bodies.models import Body, BodyRelation
from ivzflow.core import clock, files
from ivzflow.core.errors import Conflict, NotAllowed, ValidationError
from ivzflow.decisions import route
from ivzflow.decisions.models import DecisionItem, ItemAttachment
from ivzflow.decisions.services import create_item
from ivzflow.extensions import db
from ivzflow.meetings import agenda
from ivzflow.meetings.models import Meeting
from ivzflow.meetings.permissions import AGENDA_AMENDABLE_STATES, AGENDA_EDITABLE_STATES

REPORTS_TO = "reports_to"
ADOPTED = ("adopted", "amended")


def _outcome_label(transition: str | None) -> str:
    return {"vaststellen": _("vastgesteld"), "afwijzen": _("afgewezen"),
            "kennisnemen": _("voor kennisgeving aangenomen")}.get(transition or "", transition or "")


# --- the structure -----------------------------------------------------------------------------------

def upper_bodies(body_id: int) -> list[Body]:
    """The bodies this body reports to (a DVO: the RVO of its unit; a driehoek: its DVO)."""
    return list(db.session.scalars(select(Body).join(BodyRelation, BodyRelation.target_id == Body.id).where(
        BodyRelation.source_id == body_id, BodyRelation.kind == REPORTS_TO).order_by(BodyRelation.id)))


def lower_bodies(body_id: int) -> list[Body]:
    """The bodies that report to this body (a DVO: its driehoeken)."""
    return list(db.session.scalars(select(Body).join(BodyRelation, BodyRelation.source_id == Body.id).where(
        BodyRelation.target_id == body_id, BodyRelation.kind == REPORTS_TO).order_by(BodyRelation.id)))


def tier_bodies(body_id: int) -> tuple[list[Body], list[Body]]:
    """upper_bodies and lower_bodies in one query."""
    rows = db.session.execute(select(Body, BodyRelation.source_id).join(
        BodyRelation, or_(BodyRelation.target_id == Body.id, BodyRelation.source_id == Body.id)).where(
        BodyRelation.kind == REPORTS_TO, or_(BodyRelation.source_id == body_id, BodyRelation.target_id == body_id),
        Body.id != body_id).order_by(BodyRelation.id)).all()
    return ([b for b, source in rows if source == body_id], [b for b, source in rows if source != body_id])


def continuation_of(item: DecisionItem) -> DecisionItem | None:
    """The proposal that continues this one on the other tier, if it was passed on (only a decided one is)."""
    if not any(p.outcome for p in item.points):
        return None
    return db.session.scalar(select(DecisionItem).where(DecisionItem.continues_id == item.id)
                             .options(lazyload(DecisionItem.workflow_version)).order_by(DecisionItem.id).limit(1))


def continued(item: DecisionItem) -> DecisionItem | None:
    """The proposal this one continues."""
    return db.session.get(DecisionItem, item.continues_id) if item.continues_id else None


# --- passing up --------------------------------------------------------------------------------------

def is_adopted(item: DecisionItem) -> bool:
    """Adopted by its deciding body (and perhaps carried out since): a point was adopted."""
    return any(p.outcome in ADOPTED for p in item.points)


def may_pass_up(user, item: DecisionItem) -> bool:
    """The secretariat of the proposal's district passes it up."""
    return is_secretariat_for(user, item.district_id)


def can_pass_up(user, item: DecisionItem) -> bool:
    """Whether the button is offered: the district's secretariat, an adopted proposal not passed on yet, and a
    body above its deciding body."""
    return (may_pass_up(user, item) and is_adopted(item) and bool(upper_bodies(item.decision_body_id))
            and continuation_of(item) is None)


def pass_up(item: DecisionItem, actor, to_body: Body | None = None, note: str | None = None) -> DecisionItem:
    """Continue an adopted proposal at the body its deciding body reports to, on that body's route; only what
    is not confidential to the district goes along (see the module docstring)."""
    if not may_pass_up(actor, item):
        raise NotAllowed(_("Alleen het secretariaat van het district van dit voorstel kan het voorleggen aan een "
                           "hoger gremium."))
    uppers = upper_bodies(item.decision_body_id)
    if not uppers:
        raise Conflict(_("%(body)s legt aan geen ander gremium verantwoording af; leg dat eerst vast in de "
                         "structuur.", body=item.decision_body.name))
    to_body = to_body or uppers[0]
    if to_body.id not in {b.id for b in uppers}:
        raise ValidationError(_("%(body)s legt niet voor aan %(other)s; kies %(choices)s.",
                                body=item.decision_body.name, other=to_body.name,
                                choices=", ".join(b.name for b in uppers)), field="to_body_id")
    if not is_adopted(item):
        raise Conflict(_("Alleen een voorstel dat %(body)s heeft vastgesteld kan worden voorgelegd.",
                         body=item.decision_body.name))
    if continuation_of(item) is not None:
        raise Conflict(_("Dit voorstel is al voorgelegd aan een hoger gremium."))
    note = (note or "").strip()
    if len(note) > 2000:
        raise ValidationError(_("Een toelichting is hoogstens 2.000 tekens."), field="note")
    confidential = item.confidentiality == "vertrouwelijk"
    summary = "" if confidential else (item.summary or "")
    if note:
        said = _("Toelichting van %(body)s:", body=item.decision_body.name)
        summary = f"<p>{escape(said)} {escape(note)}</p>" + summary
    trekker_id = item.trekker_id if route.trekker_allowed(to_body.id, item.trekker_id) else None
    continuation = create_item(
        actor, decision_body=to_body, title=item.title, kind=item.kind,
        confidentiality="intern" if confidential else item.confidentiality, summary=summary or None,
        points=[p.text for p in item.points], trekker_id=trekker_id, own_adviser_ok=True)
    continuation.continues_id = item.id
    if not confidential:
        _copy_documents(item, continuation, actor)
    db.session.flush()
    return continuation


def _copy_documents(source: DecisionItem, target: DecisionItem, actor) -> None:
    for document in db.session.scalars(select(ItemAttachment).where(ItemAttachment.item_id == source.id)
                                       .order_by(ItemAttachment.id)):
        with files.open_file(document.stored_name) as stream:
            stored = files.save_upload(stream, document.filename)
        db.session.add(ItemAttachment(item_id=target.id, **stored, uploaded_at=clock.now(),
                                      uploaded_by_id=getattr(actor, "id", None)))


# --- reporting back ----------------------------------------------------------------------------------

def next_open_meeting(body_id: int) -> Meeting | None:
    """The body's next meeting whose agenda can still take an item (not cancelled, not fixed or held)."""
    return db.session.scalar(select(Meeting).where(
        Meeting.body_id == body_id, Meeting.start_at > clock.now(),
        Meeting.state.in_(AGENDA_EDITABLE_STATES | AGENDA_AMENDABLE_STATES)).order_by(Meeting.start_at).limit(1))


def _link(item: DecisionItem) -> str:
    if has_request_context():
        return url_for("decisions.show", item_id=item.id, _external=True)
    return f"/decisions/{item.id}"


def _feedback(decided: DecisionItem, body: Body, transition: str | None, actor, is_public: bool):
    """A terugkoppeling item on the body's next open agenda, before its closing items; None without one."""
    meeting = next_open_meeting(body.id)
    if meeting is None:
        return None
    upper = decided.decision_body
    lines = [_("%(body)s heeft het voorstel '%(title)s' %(outcome)s.", body=upper.name, title=decided.title,
               outcome=_outcome_label(transition))]
    lines += [f"{p.number}. {p.text} — {_outcome_label_point(p.outcome)}" for p in decided.points]
    lines.append(_("Voorstel: %(link)s", link=_link(decided)))
    return agenda.add_item(actor, meeting, title=_("Terugkoppeling %(body)s: %(title)s",
                                                   body=upper.short_name or upper.name, title=decided.title)[:300],
                           description="\n".join(lines), duration_minutes=10, is_public=is_public,
                           section="common")


def _outcome_label_point(outcome: str | None) -> str:
    return {"adopted": _("vastgesteld"), "amended": _("gewijzigd vastgesteld"), "rejected": _("afgewezen"),
            "deferred": _("aangehouden"), "noted": _("voor kennisgeving")}.get(outcome or "", outcome or "-")


def report_back(item: DecisionItem, actor, transition: str | None) -> None:
    """After the upper body decided a continuation: the terugkoppeling on the next agenda of the body the
    original came from. (The notification to its secretariat and trekker follows from the data: reminders.)"""
    original = continued(item)
    if original is None:
        return
    _feedback(item, original.decision_body, transition, actor, is_public=original.confidentiality == "openbaar")


def report_down(item: DecisionItem, actor) -> list:
    """A decision reported back to the bodies that report to its deciding body (a DVO decision to the
    driehoeken): a terugkoppeling item on each one's next open agenda. The district's secretariat does this."""
    if not is_secretariat_for(actor, item.district_id):
        raise NotAllowed(_("Alleen het secretariaat van het district van dit voorstel kan het terugkoppelen."))
    decision = next((c for c in item.route if c.role == "decision" and c.body_id == item.decision_body_id), None)
    if decision is None or decision.result is None:
        raise Conflict(_("%(body)s heeft nog niet over dit voorstel besloten.", body=item.decision_body.name))
    placed = [_feedback(item, body, decision.result, actor, is_public=item.confidentiality == "openbaar")
              for body in lower_bodies(item.decision_body_id)]
    return [p for p in placed if p is not None]
