"""An item's timeline: transitions, advice and opinions, communication advice, decisions and actions."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select

from ivzflow.accounts.models import User
from ivzflow.decisions.actions import actions_of
from ivzflow.decisions import outcomes
from ivzflow.decisions.models import DecisionItem, DecisionPoint, PointOutcome
from ivzflow.extensions import db
from ivzflow.meetings.models import Meeting
from ivzflow.workflows.engine import history


@dataclass
class Event:
    at: datetime
    who: str | None
    text: str
    comment: str | None = None


def events(item: DecisionItem, actions: list | None = None) -> list[Event]:
    """Everything that happened to the item, oldest first, in a bounded number of queries."""
    locale = str(get_locale())
    found = [Event(item.created_at, item.submitter.display_name if item.submitter else None, _("Voorstel aangemaakt"))]
    for t in history(item.id):
        found.append(Event(t.at, t.by.display_name if t.by else None,
                           _("%(from)s → %(to)s", **{"from": t.from_state.label(locale), "to": t.to_state.label(locale)}),
                           t.comment))
    recorders = {c.recorded_by_id for c in item.route if c.recorded_by_id}
    advice = item.communication_advice
    if advice and advice.approved_by_id:
        recorders.add(advice.approved_by_id)
    # People by name, not by e-mail address: one query for everyone who recorded something.
    names = {u.id: u.display_name for u in db.session.scalars(select(User).where(User.id.in_(recorders)))} \
        if recorders else {}
    for c in item.route:
        if c.recorded_at:
            found.append(Event(c.recorded_at, names.get(c.recorded_by_id),
                               _("%(body)s: %(result)s", body=c.body.name, result=c.result), c.result_text))
    if advice and advice.approved_at:
        found.append(Event(advice.approved_at, names.get(advice.approved_by_id), _("Communicatieadvies goedgekeurd")))
    if item.trekker_consent_at:
        found.append(Event(item.trekker_consent_at, item.trekker.name if item.trekker else None,
                           _("Bestuurlijk trekker stemde in")))
    for outcome, number, meeting_name in db.session.execute(
            select(PointOutcome, DecisionPoint.number, Meeting.name)
            .join(DecisionPoint, DecisionPoint.id == PointOutcome.point_id)
            .join(Meeting, Meeting.id == PointOutcome.meeting_id)
            .where(DecisionPoint.item_id == item.id).order_by(PointOutcome.recorded_at, DecisionPoint.number)):
        found.append(Event(outcome.recorded_at, None, _("%(meeting)s, beslispunt %(n)d: %(outcome)s", meeting=meeting_name,
                                                        n=number, outcome=outcomes.label(outcome.outcome)),
                           outcome.text))
    for action in actions if actions is not None else actions_of(item.id):
        found.append(Event(action.created_at, None, _("Vervolgactie: %(text)s", text=action.description[:120])))
    return sorted(found, key=lambda e: e.at)
