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
from ivzflow.bodies.models import Body
from ivzflow.core import clock
from ivzflow.extensions import db
from ivzflow.meetings.models import Deadline, FeedToken, Meeting
from ivzflow.meetings.permissions import (acts_on_deadline, can_view_meeting, prepared_bodies, seating,
                                         shows_all_deadlines, submits_to)

# Feeds carry meetings from this long ago onwards: enough for "what did we have", bounded in size.
FEED_HISTORY = timedelta(days=366)


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


def personal_feed(user: User) -> tuple[list[Meeting], list[Deadline]]:
    """The published meetings of the bodies the user now sits in; and the deadlines he acts on (those of
    the meetings he prepares, the submission deadlines of the Platform and DVO for those who submit items
    to them), or, if he chose all, also every deadline of the meetings in his feed."""
    member_of = set(seating(user).member_of)
    acting_on = set(prepared_bodies(user)) | set(submits_to(user))
    bodies = member_of | acting_on
    if not bodies:
        return [], []
    meetings = [m for m in db.session.scalars(
        _published_since().where(Meeting.body_id.in_(bodies))
        .options(selectinload(Meeting.deadlines)).order_by(Meeting.start_at)) if can_view_meeting(user, m)]
    everything = shows_all_deadlines(user)
    deadlines = [d for m in meetings for d in m.deadlines
                 if acts_on_deadline(user, d) or (everything and m.body_id in member_of)]
    return [m for m in meetings if m.body_id in member_of], deadlines
