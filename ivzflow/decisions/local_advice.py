"""The local communication advisor a communication advice is prepared with (issue 16).

The source: the advice is prepared "met de lokale communicatieadviseur van de portefeuillehouder (of de
betrokken partners)". The advice records who that was; choosing (or changing) that person asks him, through
the reminders (reminders.plans: a notification with a link, like the trekker's consent request).
"""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from ivzflow.core import clock
from ivzflow.core.errors import ValidationError
from ivzflow.core.forms import options
from ivzflow.decisions.models import CommunicationAdvice, DecisionItem
from ivzflow.extensions import db
from ivzflow.organisations.models import Organisation
from ivzflow.people.models import Person


def concerned_organisations(item: DecisionItem, advice: CommunicationAdvice, inform_ids=None) -> set[int]:
    """The portfolio holder's (the bestuurlijk trekker's) organisation and the partners to inform (as stored,
    or as just posted)."""
    found = set(inform_ids) if inform_ids is not None else {i.organisation_id for i in advice.inform}
    if item.trekker is not None and item.trekker.organisation_id:
        found.add(item.trekker.organisation_id)
    return found


def advisor_choices(item: DecisionItem, advice: CommunicationAdvice, blank: str,
                    inform_ids=None) -> list[tuple[int, str]]:
    """The people of the organisations concerned (one query), and the one chosen before."""
    organisations = concerned_organisations(item, advice, inform_ids)
    query = (select(Person.id, Person.name, Person.function, Organisation.short_name, Organisation.name.label("org"))
             .outerjoin(Organisation, Person.organisation_id == Organisation.id).order_by(Person.name))
    wanted = Person.organisation_id.in_(organisations)
    if advice.local_advisor_id:
        wanted = wanted | (Person.id == advice.local_advisor_id)
    rows = db.session.execute(query.where(wanted)).all()
    return options([(0, blank)] + [(r.id, ", ".join(x for x in (r.name, r.function or r.short_name or r.org) if x))
                                   for r in rows])


def record_local_advisor(advice: CommunicationAdvice, person_id: int | None) -> bool:
    """Record who the advice is prepared with; a newly chosen person is asked (returns True then)."""
    person_id = person_id or None
    if person_id == advice.local_advisor_id:
        return False
    if person_id is not None and db.session.get(Person, person_id) is None:
        raise ValidationError(_("Kies een persoon uit de lijst."), field="local_advisor_id")
    advice.local_advisor_id = person_id
    advice.local_advisor_asked_at = clock.now() if person_id else None
    db.session.flush()
    return person_id is not None
