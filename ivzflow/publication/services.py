"""Changing what a body publishes, and withdrawing a publication. Every change is a row change, so the audit
log records it (ivzflow.audit); a withdrawal keeps the public address with a notice."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from ivzflow.core import clock
from ivzflow.core.errors import Conflict, ValidationError, check_version
from ivzflow.extensions import db
from ivzflow.publication import public
from ivzflow.publication.models import KINDS, PublicationPolicy, Withdrawal


def policy_for(body_id: int) -> PublicationPolicy:
    """The body's policy; a new one (publishing nothing, not yet stored) when it has none."""
    return public.policy_of(body_id) or PublicationPolicy(body_id=body_id, agendas=False, decision_lists=False,
                                                          documents=False, projects=False, version=0)


def save_policy(user, body_id: int, *, version, agendas: bool, decision_lists: bool, documents: bool,
                projects: bool) -> PublicationPolicy:
    """Set what the body publishes. A kind switched off withdraws what was published of it, so its pages say
    so rather than disappear."""
    policy = public.policy_of(body_id)
    if policy is None:
        if str(version) != "0":
            raise Conflict(_("Iemand anders heeft dit intussen gewijzigd. Laad de pagina opnieuw en probeer het "
                             "nog eens."))
        policy = PublicationPolicy(body_id=body_id, agendas=False, decision_lists=False, documents=False,
                                   projects=False)
        db.session.add(policy)
    else:
        check_version(policy, version)
    reason = _("De publicatie van dit soort stukken is beëindigd.")
    if policy.agendas and not agendas:
        for meeting in public.published_agendas(body_id):
            withdraw(user, "agenda", meeting.id, reason, body_id)
    if policy.decision_lists and not decision_lists:
        for meeting, _record in public.published_decision_lists(body_id):
            withdraw(user, "decision_list", meeting.id, reason, body_id)
    if policy.projects and not projects:
        for project, _decision in public.published_projects(body_id):
            withdraw(user, "project", project.id, reason, body_id)
    policy.agendas, policy.decision_lists, policy.documents = agendas, decision_lists, documents
    policy.projects = projects
    policy.updated_at = clock.now()
    db.session.flush()
    return policy


def withdraw(user, kind: str, subject_id: int, reason: str, body_id: int) -> Withdrawal:
    """Take a published agenda, decision list (subject: the meeting) or project page back; its page says when
    from now on. Only a publication of this body (whose settings the user may change)."""
    if kind not in KINDS:
        raise ValidationError(_("Kies een publicatie."), field="kind")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Vul de reden van intrekken in."), field="reason")
    finders = {"agenda": public.find_agenda, "decision_list": public.find_decision_list,
               "project": public.find_project}
    found = finders[kind](subject_id)
    if found.withdrawal is not None:
        raise Conflict(_("Deze publicatie is al ingetrokken."))
    if found.body_id != body_id:
        raise ValidationError(_("Dit stuk is niet gepubliceerd."), field="kind")
    withdrawal = Withdrawal(kind=kind, body_id=body_id, withdrawn_at=clock.now(),
                            withdrawn_by_id=getattr(user, "id", None), reason=reason[:300])
    if kind == "project":
        withdrawal.project_id = subject_id
    else:
        withdrawal.meeting_id = subject_id
    db.session.add(withdrawal)
    db.session.flush()
    return withdrawal


def republish(user, withdrawal: Withdrawal, body_id: int) -> None:
    """Undo a withdrawal (the audit log keeps both); only while the body publishes that kind, so the page
    comes back rather than turning into a 404."""
    policy = public.policy_of(body_id)
    flag = {"agenda": "agendas", "decision_list": "decision_lists", "project": "projects"}[withdrawal.kind]
    if withdrawal.body_id != body_id:
        raise ValidationError(_("Dit stuk is niet gepubliceerd."))
    if policy is None or not getattr(policy, flag):
        raise Conflict(_("Zet eerst de publicatie van dit soort stukken aan."))
    db.session.delete(withdrawal)
    db.session.flush()


def withdrawals_of(body_id: int) -> list[Withdrawal]:
    return list(db.session.scalars(select(Withdrawal).where(Withdrawal.body_id == body_id)
                                   .order_by(Withdrawal.withdrawn_at.desc())))
