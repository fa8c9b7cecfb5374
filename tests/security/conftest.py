"""The security tests' world: the Twente demo plus the objects access rules are about.

`world` adds to the demo what it lacks: a user of another body (a driehoek member elsewhere), an
unpublished meeting, a sent agenda with a public and a confidential (driehoek) item, each with a file,
notifications, a delivery, a feed secret and API tokens (read and read-write) for every demo user.
"""
from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ivzflow.accounts.models import ApiToken, User
from ivzflow.accounts.roles import Role
from ivzflow.accounts.services import create_token
from ivzflow.audit.models import AuditEntry
from ivzflow.bodies.models import Body, BodyRelation, Membership, Seat
from ivzflow.bodies.services import appoint
from ivzflow.core import clock
from ivzflow.decisions.models import ActionAssignment, Consultation, DecisionItem, FollowUpAction, ItemAttachment
from ivzflow.extensions import db
from ivzflow.meetings import feeds
from ivzflow.core.files import save_upload
from ivzflow.meetings.attachments import add_attachment
from ivzflow.meetings.models import AgendaItem, Attachment, Location, Meeting, StandingItem
from ivzflow.meetings.services import create_meeting
from ivzflow.people.models import Person
from ivzflow.organisations.models import Organisation
from ivzflow.projects.models import Activity, Indicator, IndicatorTarget, Project
from ivzflow.reminders.models import Delivery, Notification, PolicyEvent
from ivzflow.workflows.models import Workflow
from tests import snapshots

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
DEMO_PASSWORD = "Twente-demo-2015"

# The principals of the access matrix: anonymous, one user per role (the demo's), and an outsider.
ROLE_USERS = {
    "admin": "admin@demo.ivzflow.nl",
    "secretariat": "secretariaat@demo.ivzflow.nl",
    "agendacommissie": "agendacommissie@demo.ivzflow.nl",  # assigned "member"; the role comes from the seat
    "projectleider": "projectleider@demo.ivzflow.nl",
    "communicatie": "communicatie@demo.ivzflow.nl",
    "member": "lid@demo.ivzflow.nl",
    "outsider": "buiten@example.org",  # member role, sits only in another basisteam's driehoek
}
PRINCIPALS = ["anonymous", *ROLE_USERS]


@dataclass
class World:
    users: dict[str, int] = field(default_factory=dict)          # principal -> user id
    ids: dict[str, int | str] = field(default_factory=dict)      # named objects -> id (and a title)
    tokens: dict[tuple[str, str], str] = field(default_factory=dict)  # (principal, scope) -> secret
    feed_secret: str = ""  # the member's calendar-feed secret


def _one(model, *where):
    return db.session.scalar(select(model).where(*where).order_by(model.id).limit(1))


def _body(name: str) -> Body:
    return db.session.scalar(select(Body).where(Body.name == name))


def build_world(files_dir) -> World:
    world = World()
    users = {p: db.session.scalar(select(User).where(User.email == e)) for p, e in ROLE_USERS.items() if p != "outsider"}
    dvo, midden, noord = _body("DVO Twente"), _body("Gezagsdriehoek Basisteam Midden"), _body("Gezagsdriehoek Basisteam Noord")
    today = clock.today()

    # The outsider: a member of the Noord driehoek only, with the plain member role.
    person = Person(name="Buitenstaander Noord")
    db.session.add(person)
    db.session.flush()
    seat = Seat(body_id=noord.id, name="Buitenstaander")
    db.session.add(seat)
    db.session.flush()
    appoint(None, seat, person, today - timedelta(days=30))
    from ivzflow.accounts.services import create_user
    outsider = create_user(ROLE_USERS["outsider"], DEMO_PASSWORD, {Role.MEMBER}, person_id=person.id)
    users["outsider"] = outsider
    world.users = {p: u.id for p, u in users.items()}

    # Meetings: a DVO meeting with a sent agenda, an unpublished DVO meeting, a driehoek meeting whose agenda
    # was sent, with a confidential item; each item with a file.
    start = clock.now().replace(microsecond=0) + timedelta(days=20)
    sent = create_meeting(None, dvo, start, 90, publish=True, name="DVO matrix")
    sent.state = "sent"
    unpublished = create_meeting(None, dvo, start + timedelta(days=7), 90, publish=False, name="DVO concept")
    preparing = create_meeting(None, dvo, start + timedelta(days=14), 90, publish=True, name="DVO in voorbereiding")
    preparing.state = "preparing"
    driehoek = create_meeting(None, midden, start + timedelta(days=2), 60, publish=True, name="Driehoek matrix")
    driehoek.state = "sent"
    db.session.flush()
    public_item = AgendaItem(meeting_id=sent.id, title="Openbaar punt", duration_minutes=10, is_public=True, position=1)
    secret_item = AgendaItem(meeting_id=driehoek.id, title="Vertrouwelijk driehoekpunt", duration_minutes=10,
                             is_public=False, position=1)
    draft_item = AgendaItem(meeting_id=preparing.id, title="Punt in voorbereiding", duration_minutes=10,
                            is_public=True, position=1)
    db.session.add_all([public_item, secret_item, draft_item])
    db.session.flush()
    for item, name in ((public_item, "openbaar.pdf"), (secret_item, "vertrouwelijk.pdf"), (draft_item, "concept.pdf")):
        meeting_state = item.meeting.state
        item.meeting.state = "preparing"  # documents are added while the agenda is prepared
        db.session.flush()
        add_attachment(None, item, io.BytesIO(PDF), name)
        item.meeting.state = meeting_state
    db.session.flush()

    # Projects: one of the projectleider's own and one of someone else.
    leider = users["projectleider"]
    indicator = _one(Indicator, Indicator.id.in_(select(IndicatorTarget.indicator_id)))
    own = db.session.get(Project, indicator.project_id)
    own.projectleider_id = leider.person_id
    activity = _one(Activity, Activity.project_id == own.id)
    if activity is None:
        activity = Activity(project_id=own.id, title="Matrix-activiteit", position=99)
        db.session.add(activity)
    other = _one(Project, Project.id != own.id)
    if other.projectleider_id == leider.person_id:
        other.projectleider_id = users["member"].person_id
    db.session.flush()

    # Personal things of the member: notifications, a delivery, a feed secret, API tokens for everyone.
    now = clock.now()
    note = Notification(key="matrix:member", user_id=users["member"].id, kind="test", title="Voor het lid",
                        body="Alleen voor het lid.", created_at=now)
    db.session.add(note)
    delivery = Delivery(key="matrix:delivery", user_id=users["member"].id, kind="test", to_address="lid@demo.ivzflow.nl",
                        subject="Test", body="Test", message_id="<matrix@ivzflow>", status="failed",
                        next_attempt_at=now, created_at=now)
    db.session.add(delivery)
    event = PolicyEvent(title="Begroting", happens_on=today + timedelta(days=60))
    db.session.add(event)
    _feed, world.feed_secret = feeds.renew(users["member"])
    for principal, user in users.items():
        for scope in ("read", "write"):
            token, secret = create_token(user, f"{principal}-{scope}", scope)
            world.tokens[(principal, scope)] = secret
    spare, _secret = create_token(users["member"], "member-spare", "read")  # the one the matrix revokes
    world.ids["token_id"] = spare.id
    db.session.flush()

    confidential = _one(DecisionItem, DecisionItem.confidentiality == "vertrouwelijk")
    decision = next(i for i in db.session.scalars(select(DecisionItem).order_by(DecisionItem.id))
                    if i.confidentiality == "openbaar" and not i.state.is_final and i.route)
    action = _one(FollowUpAction, FollowUpAction.id.in_(select(ActionAssignment.action_id)))
    documents = {}
    for item, name in ((decision, "voorstel.pdf"), (confidential, "vertrouwelijk voorstel.pdf")):
        document = ItemAttachment(item_id=item.id, **save_upload(io.BytesIO(PDF), name), uploaded_at=now)
        db.session.add(document)
        db.session.flush()
        documents[item.id] = document.id
    world.ids.update(
        proposal_document=documents[decision.id], confidential_document=documents[confidential.id],
        dvo=dvo.id, midden=midden.id, noord=noord.id,
        sent_meeting=sent.id, unpublished_meeting=unpublished.id, preparing_meeting=preparing.id,
        driehoek_meeting=driehoek.id,
        public_agenda_item=public_item.id, secret_agenda_item=secret_item.id, draft_agenda_item=draft_item.id,
        public_attachment=public_item.attachments[0].id, secret_attachment=secret_item.attachments[0].id,
        draft_attachment=draft_item.attachments[0].id,
        own_project=own.id, other_project=other.id, activity=activity.id, indicator=indicator.id,
        target=_one(IndicatorTarget, IndicatorTarget.indicator_id == indicator.id).id,
        decision_item=decision.id,
        confidential_item=confidential.id, confidential_title=confidential.title,
        consultation=_one(Consultation, Consultation.item_id == decision.id).id,
        action=action.id, assignment=_one(ActionAssignment, ActionAssignment.action_id == action.id).id,
        standing_item=_one(StandingItem, StandingItem.body_id == dvo.id).id,
        location=_one(Location).id, relation=_one(BodyRelation).id,
        membership=_one(Membership).id, seat=_one(Seat, Seat.body_id == dvo.id).id,
        notification=note.id, delivery=delivery.id, event=event.id, workflow=_one(Workflow).id,
        member_user=users["member"].id, org=_one(Organisation).id,
        person=users["member"].person_id,
    )
    from ivzflow.finance.models import Commitment
    from ivzflow.plans.models import LocalPlan, PolicySeries
    world.ids.update(local_plan=_one(LocalPlan).id, policy_series=_one(PolicySeries).id,
                     commitment=_one(Commitment, Commitment.decision_item_id.is_(None),
                                     Commitment.source == "budget").id)  # the plan cycle (issue 16)
    world.ids.update(_publication(dvo, sent, public_item))
    db.session.commit()
    return world


def _publication(dvo: Body, sent: Meeting, public_item: AgendaItem) -> dict[str, int | str]:
    """The public site and OParl (the demo DVO publishes everything): a withdrawn agenda (of a meeting of its
    own, so nothing else leaves the public site), and a published record of each kind for the public routes."""
    from ivzflow.oparl.objects import TERM_KIND
    from ivzflow.plans.models import PolicyOccurrence, PolicySeries
    from ivzflow.publication import public, services

    taken_back = create_meeting(None, dvo, sent.start_at + timedelta(days=1), 60, publish=True, name="DVO ingetrokken")
    taken_back.state = "sent"
    db.session.flush()
    withdrawal = services.withdraw(None, "agenda", taken_back.id, "Matrix: ingetrokken", dvo.id)
    paper = public.public_papers()[0]
    meetings = public.public_meetings([dvo.id])
    membership = _one(Membership, Membership.body_id == dvo.id)
    return dict(
        withdrawal=withdrawal.id, decision_list_meeting=public.published_decision_lists(dvo.id)[0][0].id,
        published_project=public.published_projects(dvo.id)[0][0].id, district=dvo.district_id,
        oparl_kind="meeting", oparl_membership=membership.id, oparl_person=membership.person_id,
        oparl_paper=paper.id, oparl_consultation=next(c.id for c in paper.route if c.body_id == dvo.id),
        oparl_location=next(m.location_id for m in meetings if m.location_id is not None),
        oparl_term=db.session.scalar(select(PolicyOccurrence.id).join(PolicySeries).where(
            PolicySeries.kind == TERM_KIND, PolicySeries.district_id == dvo.district_id)),
    )


_snapshots: dict[str, tuple[World, dict]] = {}
_files: dict[str, dict[Path, bytes]] = {}  # the stored files of the world, put back after a deletion


def _restore_files() -> None:
    for path, content in _files[db.engine.dialect.name].items():
        if not path.exists():  # as the app stores them: 0600 files in 0700 folders
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out:
                out.write(content)


@pytest.fixture
def world(demo, app, ctx) -> World:
    """The demo plus the security objects; built once per database, then restored from a snapshot."""
    backend = db.engine.dialect.name
    if backend not in _snapshots:
        built = build_world(app.config["FILES_DIR"])
        _snapshots[backend] = (built, snapshots.take())
        _files[backend] = {p: p.read_bytes() for p in Path(app.config["FILES_DIR"]).rglob("*") if p.is_file()}
    else:
        snapshots.restore(_snapshots[backend][1])
        _restore_files()
    return _snapshots[backend][0]


def restore_world() -> None:
    """Put the world back after a request changed it."""
    snapshots.restore(_snapshots[db.engine.dialect.name][1])
    _restore_files()


def fingerprint() -> tuple:
    """Changes nothing may escape: every audited write adds an audit entry; the unaudited tables are
    compared row by row."""
    unaudited = [t for t in db.metadata.sorted_tables if t.name in (
        "notification", "delivery", "reminder", "user_role")]
    with db.engine.connect() as connection:
        rows = tuple(tuple(map(tuple, connection.execute(t.select().order_by(*t.primary_key.columns))))
                     for t in unaudited)
        rows += (tuple(map(tuple, connection.execute(select(ApiToken.id, ApiToken.revoked_at).order_by(ApiToken.id)))),)
        # a token's last-used time is recorded on every use, refused or not
        last_audit = connection.execute(select(func.max(AuditEntry.id), func.count(AuditEntry.id)).where(
            AuditEntry.record_type != "api_token")).one()
    return last_audit, rows
