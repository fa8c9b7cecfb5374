"""Calendar feeds behind a secret URL: the user's feed token and what each feed contains.

Calendar apps cannot log in, so the secret in the URL authenticates. Like API tokens, the secret is
shown once and only its SHA-256 is stored; renewing it revokes the old one, so old URLs stop working.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ivzflow.accounts.models import User
from ivzflow.accounts.roles import Role
from ivzflow.accounts.services import has_role
from ivzflow.bodies.models import Body, BodyRelation
from ivzflow.core import clock
from ivzflow.extensions import db
from ivzflow.meetings.models import Deadline, FeedToken, Meeting
from ivzflow.meetings.permissions import can_view_meeting, seating

# Feeds carry meetings from this long ago onwards: enough for "what did we have", bounded in size.
FEED_HISTORY = timedelta(days=366)
# Roles that submit items to the bodies the agendacommissie prepares (Platform IVZ, DVO): they also get
# those bodies' submission deadlines in their personal feed.
SUBMITTING_ROLES = (Role.PROJECTLEIDER, Role.COMMUNICATIE, Role.SECRETARIAT)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


# --- the token ---------------------------------------------------------------------------------------

def live_token(user: User) -> FeedToken | None:
    """The user's current (not revoked) feed token, if any."""
    return db.session.scalar(select(FeedToken).where(FeedToken.user_id == user.id, FeedToken.revoked_at.is_(None))
                             .order_by(FeedToken.created_at.desc(), FeedToken.id.desc()).limit(1))


def revoke(user: User) -> int:
    """Revoke the user's feed link(s); returns how many were live."""
    tokens = list(db.session.scalars(
        select(FeedToken).where(FeedToken.user_id == user.id, FeedToken.revoked_at.is_(None))))
    for token in tokens:
        token.revoked_at = clock.now()
    db.session.flush()
    return len(tokens)


def renew(user: User) -> tuple[FeedToken, str]:
    """A new feed secret for the user (revoking the previous one); the secret is returned only now."""
    revoke(user)
    secret = secrets.token_urlsafe(32)
    token = FeedToken(user_id=user.id, token_hash=_hash(secret), created_at=clock.now())
    db.session.add(token)
    db.session.flush()
    return token, secret


def user_for_secret(secret: str) -> User | None:
    """The enabled user whose live feed token this secret is, or None."""
    if not secret or len(secret) > 100:
        return None
    token = db.session.scalar(select(FeedToken).where(FeedToken.token_hash == _hash(secret)))
    if token is None or token.revoked_at is not None:
        return None
    user = db.session.get(User, token.user_id)
    return user if user is not None and user.is_enabled else None


# --- what the feeds carry ----------------------------------------------------------------------------

def _published_since():
    return select(Meeting).where(Meeting.is_published.is_(True), Meeting.start_at >= clock.now() - FEED_HISTORY)


def body_feed(user: User, body: Body) -> list[Meeting]:
    """The published meetings of a body that the user may see (cancelled ones too, so clients drop them)."""
    meetings = db.session.scalars(_published_since().where(Meeting.body_id == body.id).order_by(Meeting.start_at))
    return [m for m in meetings if can_view_meeting(user, m)]


def _submission_bodies(user: User) -> set[int]:
    """The bodies the agendacommissie prepares, for users who submit items to them."""
    if not has_role(user, *SUBMITTING_ROLES):
        return set()
    preparer = select(Body.id).where(Body.grants_role == Role.AGENDACOMMISSIE.value)
    return set(db.session.scalars(select(BodyRelation.target_id).where(
        BodyRelation.kind == "prepares", BodyRelation.source_id.in_(preparer))))


def personal_feed(user: User) -> tuple[list[Meeting], list[Deadline]]:
    """The published meetings of the bodies the user now sits in, with their deadlines; plus the
    submission deadlines of the Platform and DVO for those who submit items to them."""
    member_of = set(seating(user).member_of)
    submits_to = _submission_bodies(user) - member_of
    if not member_of and not submits_to:
        return [], []
    meetings = [m for m in db.session.scalars(
        _published_since().where(Meeting.body_id.in_(member_of | submits_to))
        .options(selectinload(Meeting.deadlines)).order_by(Meeting.start_at)) if can_view_meeting(user, m)]
    deadlines = [d for m in meetings for d in m.deadlines if m.body_id in member_of or d.kind == "submission"]
    return [m for m in meetings if m.body_id in member_of], deadlines
