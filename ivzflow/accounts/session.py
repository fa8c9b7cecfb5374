"""Who is logged in: the user loader, the login gate and session time-outs.

Every endpoint needs a logged-in user unless it is marked @public (ivzflow.core.web); an expired session
is ended and the user sent to the login page. The audit log learns who acts on each request.
"""
from __future__ import annotations

from functools import lru_cache

from flask import Flask, current_app, g, redirect, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, logout_user
from sqlalchemy import String, bindparam, cast, func, select

from ivzflow.accounts.models import User, UserRole
from ivzflow.accounts.services import granted_by_memberships, known_roles
from ivzflow.audit.services import set_actor
from ivzflow.bodies.districts import remember_districts, working_districts
from ivzflow.bodies.models import Body
from ivzflow.core import clock
from ivzflow.core.numbers import whole_number
from ivzflow.core.web import is_public_endpoint, per_request
from ivzflow.extensions import db, login_manager
from ivzflow.reminders.services import unread_of


@lru_cache(maxsize=1)
def _signed_in_query():
    """Built once (the subqueries cost more to build than to run); the user and the day are parameters."""
    assigned = (select(func.aggregate_strings(UserRole.role, ",")).where(UserRole.user_id == User.id)
                .scalar_subquery())
    granted = (granted_by_memberships(User.person_id, bindparam("today"))
               .with_only_columns(func.aggregate_strings(Body.grants_role, ",")).scalar_subquery())
    districts = working_districts(bindparam("user_id"), bindparam("today")).subquery()
    district_ids = select(func.aggregate_strings(cast(districts.c.district_id, String), ",")).scalar_subquery()
    return (select(User, assigned, granted, unread_of(User.id).scalar_subquery(), district_ids)
            .where(User.id == bindparam("user_id")))


def load_signed_in(user_id: int) -> User | None:
    """The user a request comes from, with what nearly every page asks next, in one query instead of
    four: the roles (kept for roles_of), the number of unread messages (kept for unread_count) and the
    districts he works in (kept for bodies.districts.districts_of)."""
    row = db.session.execute(_signed_in_query(), {"user_id": user_id, "today": clock.today()}).first()
    if row is None:
        return None
    user, assigned, granted, unread, district_ids = row
    per_request("roles")[user.id] = frozenset(known_roles(f"{assigned or ''},{granted or ''}".split(",")))
    remember_districts(user.id, (district_ids or "").split(","))
    g.setdefault("unread", {})[user.id] = unread
    return user


@login_manager.user_loader
def _load_user(user_id: str):
    raw_id, _, token = user_id.partition(":")
    number = whole_number(raw_id, 1)
    user = load_signed_in(number) if number and token else None
    if user is None or user.session_token != token or not user.is_enabled:
        return None
    return user


def _session_expired() -> bool:
    now = clock.now().timestamp()
    started, seen = session.get("login_at"), session.get("seen_at")
    absolute = current_app.config["PERMANENT_SESSION_LIFETIME"].total_seconds()
    idle = current_app.config["SESSION_IDLE_TIMEOUT"].total_seconds()
    if started is None or seen is None:
        return True
    return now - started > absolute or now - seen > idle


def init_app(app: Flask) -> None:
    """Register the gate; before ivzflow.core.web's own request hooks, so the gate runs first."""
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Log in om deze pagina te zien.")
    login_manager.session_protection = "basic"

    @app.before_request
    def _gate():
        if current_user.is_authenticated:
            if _session_expired():
                logout_user()
                session.clear()
                if not is_public_endpoint():
                    return redirect(url_for("accounts.login", next=request.full_path, expired=1))
            else:
                session["seen_at"] = clock.now().timestamp()
                set_actor(db.session, current_user)
                return None
        set_actor(db.session, None)
        if not is_public_endpoint():
            return login_manager.unauthorized()
        return None
