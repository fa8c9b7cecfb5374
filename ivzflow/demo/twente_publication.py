"""Demo: the DVO Twente publishes its public agendas, decision lists, documents and project pages (Woo), so
/openbaar/ shows the adopted decision list of March 2015, the agendas sent since and the projects the action
plan assigned."""
from __future__ import annotations

from sqlalchemy import select

from ivzflow.bodies.models import Body
from ivzflow.extensions import db
from ivzflow.publication.models import PublicationPolicy


def load() -> None:
    dvo = db.session.scalar(select(Body).where(Body.short_name == "DVO"))
    db.session.add(PublicationPolicy(body_id=dvo.id, agendas=True, decision_lists=True, documents=True,
                                     projects=True))
    db.session.flush()
