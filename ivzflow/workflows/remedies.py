"""Per named guard: who makes it hold, and what they do, for the "who acts next" guidance of an item.

Each answers (who, what) in Dutch, e.g. ("de agendacommissie", "het voorstel op de agenda van Platform IVZ
10 juni 2015 plaatsen"), or None when it has nothing better to say than the guard's own reason. A guard
without a remedy is shown with its reason and the roles of the step it blocks (decisions.guidance).
"""
from __future__ import annotations

from flask_babel import format_date
from flask_babel import gettext as _

from ivzflow.decisions import route
from ivzflow.workflows.registry import remedy


def submitter(item) -> str:
    name = item.submitter.display_name if item.submitter else None
    return _("de indiener (%(name)s)", name=name) if name else _("de indiener")


def trekker(item) -> str:
    return _("%(name)s (bestuurlijk trekker)", name=item.trekker.name) if item.trekker else _("de bestuurlijk trekker")


def _day(meeting) -> str:
    return format_date(meeting.local_day, "d MMMM yyyy")


@remedy("has_decision_points")
def has_decision_points(item, user):
    return submitter(item), _("de beslispunten invullen (Bewerken)")


@remedy("trekker_consent")
def trekker_consent(item, user):
    if item.trekker is None:
        return submitter(item), _("een bestuurlijk trekker kiezen (Bewerken)")
    return trekker(item), _("instemmen met het voorstel")


@remedy("advice_in_meeting")
def advice_in_meeting(item, user):
    step = route.advice_step(item)
    placed = route.placed_meetings(item, step.body_id)
    if placed:
        return step.body.name, _("het voorstel bespreken in de vergadering van %(day)s", day=_day(placed[0]))
    meeting = route.advice_meeting_ahead(item, step)
    if meeting is None:
        return _("het secretariaat"), _("een vergadering van %(body)s plannen", body=step.body.name)
    return _("de agendacommissie"), _("het voorstel op de agenda van %(meeting)s plaatsen", meeting=meeting.name)


@remedy("platform_advice_not_negative")
def platform_advice_not_negative(item, user):
    return submitter(item), _("het voorstel aanpassen na het negatieve advies (terug naar concept)")


@remedy("has_target_meeting")
def has_target_meeting(item, user):
    return (_("%(who)s of het secretariaat", who=submitter(item)),
            _("de vergadering van %(body)s kiezen", body=item.decision_body.name))


@remedy("communication_advice_approved")
def communication_advice_approved(item, user):
    advice = item.communication_advice
    if advice is not None and advice.status == "draft":
        return (_("het secretariaat (of een tweede communicatieadviseur)"),
                _("het communicatieadvies van %(name)s goedkeuren",
                  name=advice.advisor.display_name if advice.advisor else _("de adviseur")))
    return _("de communicatieadviseur"), _("het communicatieadvies schrijven")


@remedy("before_submission_deadline")
def before_submission_deadline(item, user):
    return _("het secretariaat"), _("een uitzondering op de inleverdatum maken, of een latere vergadering kiezen")


@remedy("meeting_has_started")
def meeting_has_started(item, user):
    meeting = item.target_meeting
    if meeting is None:
        return None
    return item.decision_body.name, _("het voorstel behandelen in de vergadering van %(day)s", day=_day(meeting))


@remedy("route_opinions_recorded")
def route_opinions_recorded(item, user):
    missing = [c.body.name for c in item.route
               if c.role == "decision" and c.body_id != item.decision_body_id and c.result is None]
    return _("het secretariaat"), _("het oordeel van %(bodies)s vastleggen", bodies=", ".join(missing))


@remedy("all_points_decided")
def all_points_decided(item, user):
    return _("het secretariaat"), _("de uitkomst per beslispunt vastleggen")


@remedy("all_actions_done")
def all_actions_done(item, user):
    return _("de eigenaren van de vervolgacties"), _("de vervolgacties afronden")
