"""Named guards: each answers None when it holds, or the Dutch reason why the step cannot be taken now."""
from __future__ import annotations

from flask_babel import format_datetime
from flask_babel import gettext as _

from ivzflow.core import clock
from ivzflow.decisions import route
from ivzflow.decisions.actions import open_action_count
from ivzflow.decisions.models import ADVICE_SETTLED
from ivzflow.workflows.registry import guard


def _advice(item):
    return next((c for c in item.route if c.role == "advice"), None)


@guard("has_decision_points")
def has_decision_points(item, user, params):
    if item.kind == "decision" and not item.points:
        return _("Een voorstel ter besluitvorming heeft minstens één beslispunt nodig.")
    return None


@guard("trekker_consent")
def trekker_consent(item, user, params):
    if item.project_id and item.trekker_consent_at is None:
        who = item.trekker.name if item.trekker else _("de bestuurlijk trekker")
        return _("%(who)s (bestuurlijk trekker) heeft nog niet ingestemd met dit voorstel.", who=who)
    return None


@guard("advice_in_meeting")
def advice_in_meeting(item, user, params):
    """The advising body (the Platform IVZ) advises in a meeting: the proposal is on that meeting's agenda
    and the meeting has begun."""
    step = route.advice_step(item)
    if step is None:
        return None
    placed = route.placed_meetings(item, step.body_id)
    if any(m.start_at <= clock.now() for m in placed):
        return None
    if placed:
        return _("%(body)s geeft zijn advies in de vergadering zelf (%(meeting)s, %(when)s); daarna legt het "
                 "secretariaat het advies vast.", body=step.body.name, meeting=placed[0].name,
                 when=format_datetime(placed[0].start_at, "d MMMM yyyy HH:mm"))
    meeting = route.advice_meeting_ahead(item, step)
    if meeting is None:
        return _("Het voorstel staat nog niet op de agenda van %(body)s, en er is geen komende vergadering van "
                 "%(body)s gepland; het secretariaat plant die eerst.", body=step.body.name)
    return _("Het voorstel staat nog niet op de agenda van %(body)s. De agendacommissie plaatst het op de agenda van "
             "%(meeting)s; het advies wordt in die vergadering gegeven.", body=step.body.name, meeting=meeting.name)


@guard("platform_advice_not_negative")
def platform_advice_not_negative(item, user, params):
    advice = _advice(item)
    if advice is None or advice.result is None:
        return _("Het Platform IVZ heeft nog geen advies gegeven.")
    if advice.result == "negatief":
        return _("Het Platform IVZ adviseerde negatief; pas het voorstel eerst aan.")
    return None


@guard("has_target_meeting")
def has_target_meeting(item, user, params):
    meeting = item.target_meeting
    if meeting is None:
        return _("Kies eerst de vergadering van %(body)s waarvoor het voorstel bedoeld is.", body=item.decision_body.name)
    if meeting.body_id != item.decision_body_id:
        return _("De gekozen vergadering is niet van %(body)s.", body=item.decision_body.name)
    if meeting.state in ("held", "minutes_adopted", "cancelled") or meeting.start_at <= clock.now():
        return _("De gekozen vergadering (%(name)s) is al geweest of geannuleerd; kies een volgende.", name=meeting.name)
    return None


@guard("communication_advice_approved")
def communication_advice_approved(item, user, params):
    """Whatever its kind (decision, discussion, information: each may carry points the DVO adopts), a proposal
    goes on with an approved advice, or with the secretariat's recorded reason why it needs none."""
    advice = item.communication_advice
    if advice is None or advice.status not in ADVICE_SETTLED:
        return _("Het communicatieadvies is nog niet goedgekeurd. Elk voorstel aan het DVO heeft een goedgekeurd "
                 "communicatieadvies nodig; de communicatieadviseur stelt het op. Is er geen advies nodig, dan legt "
                 "het secretariaat vast waarom.")
    return None


@guard("before_submission_deadline")
def before_submission_deadline(item, user, params):
    meeting = item.target_meeting
    if meeting is None or item.deadline_override_reason:
        return None
    deadline = next((d for d in meeting.deadlines if d.kind == "submission" and not d.is_cancelled), None)
    if deadline is not None and item.state_entered_at > deadline.due_at:
        return _("Het voorstel werd gereed gemeld op %(ready)s, na de inleverdatum van %(name)s (%(deadline)s). "
                 "Het secretariaat kan met een reden een uitzondering maken.",
                 ready=format_datetime(item.state_entered_at, "d MMM yyyy HH:mm"), name=meeting.name,
                 deadline=format_datetime(deadline.due_at, "d MMM yyyy HH:mm"))
    return None


@guard("meeting_has_started")
def meeting_has_started(item, user, params):
    meeting = item.target_meeting
    if meeting is None or meeting.start_at > clock.now():
        return _("Het DVO besluit pas in de vergadering zelf (%(when)s).",
                 when=format_datetime(meeting.start_at, "d MMM yyyy HH:mm") if meeting else "?")
    return None


@guard("route_opinions_recorded")
def route_opinions_recorded(item, user, params):
    missing = [c.body.name for c in item.route
               if c.role == "decision" and c.body_id != item.decision_body_id and c.result is None]
    if missing:
        return _("Het oordeel van %(bodies)s ontbreekt nog; dit voorstel raakt zowel de sociale als de fysieke "
                 "agenda van het AB VRT.", bodies=", ".join(missing))
    return None


@guard("all_points_decided")
def all_points_decided(item, user, params):
    open_points = [str(p.number) for p in item.points if not p.outcome]
    if open_points:
        return _("Beslispunt(en) %(numbers)s hebben nog geen uitkomst.", numbers=", ".join(open_points))
    return None


@guard("all_actions_done")
def all_actions_done(item, user, params):
    n = open_action_count(item.id)
    if n:
        return _("Er staan nog %(n)d vervolgacties open.", n=n)
    return None
