"""Accounts: roles (assigned and granted by memberships), passwords, login throttling, API tokens."""
from __future__ import annotations

import hashlib
import math
import secrets
from datetime import timedelta
from functools import lru_cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, has_app_context
from flask_babel import gettext as _
from sqlalchemy import delete, func, select, union, update
from sqlalchemy.orm import selectinload

from ivzflow.accounts.models import ApiToken, LoginAttempt, User, UserDistrict, UserRole, new_session_token
from ivzflow.accounts.roles import Role
from ivzflow.audit.services import log_event
from ivzflow.bodies.models import Body, Membership
from ivzflow.bodies.services import current_on
from ivzflow.core import clock
from ivzflow.core.errors import Conflict, ValidationError, check_version
from ivzflow.core.web import per_request
from ivzflow.extensions import db
from ivzflow.organisations.models import LEVELS, District

_HASHER = PasswordHasher()  # argon2id with the library's current recommended cost
_CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)  # CHEAP_PASSWORD_HASHES: tests only


def _hasher() -> PasswordHasher:
    cheap = has_app_context() and current_app.config.get("CHEAP_PASSWORD_HASHES")
    return _CHEAP_HASHER if cheap else _HASHER


# --- roles -----------------------------------------------------------------------------------------

def granted_by_memberships(person_id, day=None):
    """SQL: the roles the person's memberships grant on a day, today by default (e.g. a seat in the
    agendacommissie). Both may be SQL expressions: a column, a bound parameter."""
    return select(Body.grants_role).join(Membership, Membership.body_id == Body.id).where(
        Membership.person_id == person_id, Body.grants_role.is_not(None),
        current_on(clock.today() if day is None else day))


def known_roles(values) -> set[Role]:
    """The roles named among the values; anything else (an empty string, a role no longer known) is left out."""
    return {Role(v) for v in values if v in Role._value2member_map_}


def granted_roles(person_id: int | None) -> set[Role]:
    """Roles granted by the person's current memberships."""
    if person_id is None:
        return set()
    return known_roles(db.session.scalars(granted_by_memberships(person_id).distinct()))


def roles_of(user) -> frozenset[Role]:
    """All roles of a user now: assigned ones plus those granted by current memberships."""
    if user is None or not getattr(user, "is_authenticated", False):
        return frozenset()
    cache = per_request("roles")
    if user.id not in cache:
        cache[user.id] = frozenset(_assigned_and_granted(user))
    return cache[user.id]


def _assigned_and_granted(user) -> set[Role]:
    """Assigned and granted roles in one query (this runs on nearly every request)."""
    if user.person_id is None or "role_rows" in user.__dict__:  # nothing granted, or the assigned ones loaded
        return user.assigned_roles | granted_roles(user.person_id)
    assigned = select(UserRole.role).where(UserRole.user_id == user.id)
    return known_roles(db.session.scalars(union(assigned, granted_by_memberships(user.person_id))))


def has_role(user, *roles: Role) -> bool:
    return bool(roles_of(user) & set(roles))


# --- passwords ---------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _common_passwords() -> frozenset[str]:
    path = Path(__file__).resolve().parent.parent / "core" / "common_passwords.txt"
    return frozenset(
        line.strip() for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )


def password_problem(password: str, email: str = "") -> str | None:
    """Current guidance (NIST 800-63B): a minimum length, no common passwords, no composition rules."""
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    if len(password) < minimum:
        return _("Een wachtwoord heeft minstens %(n)d tekens.", n=minimum)
    if len(password) > 256:
        return _("Een wachtwoord heeft hoogstens 256 tekens.")
    lowered = password.lower()
    if lowered in _common_passwords() or lowered == email.lower() or lowered == email.lower().split("@")[0]:
        return _("Dit wachtwoord is te voorspelbaar; kies een ander (bijvoorbeeld een zin van een paar woorden).")
    return None


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(user: User, password: str) -> bool:
    hasher = _hasher()
    try:
        hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hasher.hash(password)
    return True


def set_password(user: User, password: str) -> None:
    """Set a new password, end every other session of the user and revoke their API tokens (a token
    made by whoever knew the old password must not outlive it)."""
    problem = password_problem(password, user.email)
    if problem:
        raise ValidationError(problem, field="password")
    user.password_hash = hash_password(password)
    user.password_changed_at = clock.now()
    user.session_token = new_session_token()
    revoke_all_tokens(user)


def change_password(user: User, current: str, new: str) -> None:
    """The user changes their own password; every session and cookie of theirs is invalidated."""
    if not verify_password(user, current):
        raise ValidationError(_("Het huidige wachtwoord klopt niet."), field="current_password")
    set_password(user, new)
    log_event("password_changed", "user", user.id, actor=user)


def set_deadline_choice(user: User, show_all: bool) -> None:
    """The user's choice of deadlines in the calendar and the feed: all, or only those he must act on."""
    user.show_all_deadlines = show_all
    db.session.flush()


def end_all_sessions(user: User) -> None:
    user.session_token = new_session_token()


# --- login -----------------------------------------------------------------------------------------

_DUMMY_PASSWORD = "not a password anyone has"


@lru_cache(maxsize=2)
def _dummy_hash(hasher: PasswordHasher) -> str:
    return hasher.hash(_DUMMY_PASSWORD)


def _check(user: User | None, password: str) -> bool:
    """Verify the password, spending the same time whether the account exists, is disabled or not:
    no account enumeration by timing."""
    if user is None or not user.is_enabled:
        hasher = _hasher()
        try:
            hasher.verify(_dummy_hash(hasher), password)
        except (VerificationError, InvalidHashError):
            pass
        return False
    return verify_password(user, password)


def _failures_since(column, value, since) -> tuple[int, object]:
    """How many failed attempts, and the last attempt of any kind, for an e-mail address or an address."""
    failures, last = db.session.execute(select(
        func.count().filter(LoginAttempt.succeeded.is_(False)), func.max(LoginAttempt.at)
    ).where(column == value, LoginAttempt.at >= since)).one()
    return failures or 0, last


def _wait(failures: int, limit: int, last) -> timedelta | None:
    """Time still to wait before the next attempt is checked, or None. Up to the limit every attempt is
    checked; beyond it one attempt per delay, the delay doubling with each further failure (capped). So a
    blocked address or account is slowed to a few guesses, while its owner gets in after the wait."""
    if failures < limit or last is None:
        return None
    base = current_app.config["LOGIN_BLOCKED_DELAY"]
    delay = min(base * 2 ** min(failures - limit, 16), current_app.config["LOGIN_BLOCKED_DELAY_MAX"])
    remaining = last + delay - clock.now()
    return remaining if remaining > timedelta(0) else None


def _purge_old_attempts() -> None:
    cutoff = clock.now() - max(current_app.config["LOGIN_FAILURE_WINDOW"], timedelta(days=1))
    db.session.execute(delete(LoginAttempt).where(LoginAttempt.at < cutoff))


def authenticate(email: str, password: str, ip: str) -> User:
    """Check a login. Attempts are counted in the database, so throttling holds across workers. Past
    the limit (per account, and four times that per address) an attempt is only checked after a delay;
    one that comes sooner is refused without being checked or counted."""
    email = (email or "").strip().lower()[:254]
    ip = (ip or "?")[:64]
    limit = current_app.config["LOGIN_MAX_FAILURES"]
    since = clock.now() - current_app.config["LOGIN_FAILURE_WINDOW"]
    by_email, last_by_email = _failures_since(LoginAttempt.email, email, since)
    by_ip, last_by_ip = _failures_since(LoginAttempt.ip, ip, since)
    waits = [w for w in (_wait(by_email, limit, last_by_email), _wait(by_ip, limit * 4, last_by_ip)) if w]
    if waits:
        seconds = math.ceil(max(waits).total_seconds())
        log_event("login_throttled", "user", email, {"ip": ip})
        if seconds > 90:
            message = _("Te veel mislukte inlogpogingen. Probeer het over %(m)d minuten opnieuw.",
                        m=(seconds + 59) // 60)
        else:
            message = _("Te veel mislukte inlogpogingen. Probeer het over %(s)d seconden opnieuw.", s=seconds)
        raise Conflict(message)
    user = db.session.scalar(select(User).where(User.email == email))
    ok = _check(user, password)
    _purge_old_attempts()
    db.session.add(LoginAttempt(email=email, ip=ip, at=clock.now(), succeeded=ok))
    if not ok:
        log_event("login_failed", "user", user.id if user else email, {"ip": ip})
        raise ValidationError(_("Onbekend e-mailadres of onjuist wachtwoord."))
    user.last_login_at = clock.now()
    log_event("login", "user", user.id, {"ip": ip}, actor=user)
    return user


# --- users (admin) ---------------------------------------------------------------------------------

def _email_taken(email: str, except_id: int | None = None) -> bool:
    query = select(User.id).where(User.email == email)
    if except_id:
        query = query.where(User.id != except_id)
    return db.session.scalar(query) is not None


def create_user(email: str, password: str, roles: set[Role], person_id: int | None = None) -> User:
    """Create an account; the e-mail address is its login name."""
    email = email.strip().lower()
    if _email_taken(email):
        raise ValidationError(_("Er is al een gebruiker met dit e-mailadres."), field="email")
    problem = password_problem(password, email)
    if problem:
        raise ValidationError(problem, field="password")
    user = User(email=email, password_hash=hash_password(password), person_id=person_id,
                password_changed_at=clock.now())
    user.role_rows = [UserRole(role=r.value) for r in sorted(roles, key=lambda r: r.value)]
    db.session.add(user)
    db.session.flush()
    return user


def update_user(user: User, *, version, email: str, roles: set[Role], person_id: int | None,
                is_enabled: bool) -> None:
    """Change an account; disabling it or changing its roles ends its sessions."""
    check_version(user, version)
    email = email.strip().lower()
    if _email_taken(email, except_id=user.id):
        raise ValidationError(_("Er is al een gebruiker met dit e-mailadres."), field="email")
    old_roles = user.assigned_roles
    user.email = email
    user.person_id = person_id
    if roles != old_roles:
        user.role_rows = [r for r in user.role_rows if Role(r.role) in roles] + [
            UserRole(role=r.value) for r in sorted(roles - old_roles, key=lambda r: r.value)]
        log_event("roles_changed", "user", user.id, {"from": sorted(r.value for r in old_roles),
                                                      "to": sorted(r.value for r in roles)})
    if user.is_enabled and not is_enabled:
        end_all_sessions(user)
    user.is_enabled = is_enabled
    if roles != old_roles:
        end_all_sessions(user)


def list_users() -> list[User]:
    return list(db.session.scalars(select(User).options(selectinload(User.role_rows), selectinload(User.granted_districts))
                                   .order_by(User.email)))


def district_choices() -> list[tuple[int, str]]:
    """Districts and units by name, for the districts an administrator gives a user."""
    rows = db.session.execute(select(District.id, District.name, District.level).order_by(District.name)).all()
    return [(r.id, f"{r.name} ({LEVELS[r.level]})" if r.level in LEVELS else r.name) for r in rows]


def granted_district_ids(user: User) -> list[int]:
    return list(db.session.scalars(select(UserDistrict.district_id).where(UserDistrict.user_id == user.id)))


def set_user_districts(user: User, district_ids) -> None:
    """The districts the administrator gives a user beyond his organisation's and seats' (a secretariat serving
    two districts); refuses an unknown district."""
    wanted = {int(i) for i in district_ids or ()}
    if wanted and len(wanted) != db.session.scalar(select(func.count(District.id)).where(District.id.in_(wanted))):
        raise ValidationError(_("Kies bestaande districten."), field="districts")
    current = {row.district_id: row for row in db.session.scalars(
        select(UserDistrict).where(UserDistrict.user_id == user.id))}
    for district_id, row in current.items():
        if district_id not in wanted:
            db.session.delete(row)
    for district_id in sorted(wanted - current.keys()):
        db.session.add(UserDistrict(user_id=user.id, district_id=district_id))
    if wanted != current.keys():
        log_event("districts_changed", "user", user.id, {"from": sorted(current), "to": sorted(wanted)})
    db.session.flush()
    db.session.expire(user, ["granted_districts"])


# --- API tokens ------------------------------------------------------------------------------------

TOKEN_PREFIX = "ivz_"


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(user: User, name: str, scope: str = "read") -> tuple[ApiToken, str]:
    """A new personal API token; the secret is returned once and only its hash is stored."""
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("Geef het token een naam."), field="name")
    if scope not in ("read", "write"):
        raise ValidationError(_("Kies lezen of lezen en schrijven."), field="scope")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, name=name[:100], prefix=secret[:12], token_hash=_token_hash(secret),
                     scope=scope, created_at=clock.now())
    db.session.add(token)
    db.session.flush()
    return token, secret


def token_user(secret: str) -> ApiToken | None:
    """The live (not revoked) token for a secret, or None."""
    if not secret or not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == _token_hash(secret)))
    if token is None or token.revoked_at is not None or not token.user.is_enabled:
        return None
    return token


def tokens_of(user: User) -> list[ApiToken]:
    return list(db.session.scalars(
        select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.created_at.desc())))


def revoke_token(user: User, token: ApiToken) -> None:
    if token.user_id != user.id:
        raise ValidationError(_("Dit token is niet van u."))
    if token.revoked_at is None:
        token.revoked_at = clock.now()


def revoke_all_tokens(user: User) -> None:
    """Revoke every live API token of the user."""
    db.session.execute(update(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
                       .values(revoked_at=clock.now()).execution_options(synchronize_session="fetch"))


def purge_login_attempts(older_than_days: int = 30) -> int:
    """Forget login attempts older than the throttling could ever need."""
    cutoff = clock.now() - timedelta(days=older_than_days)
    return db.session.execute(delete(LoginAttempt).where(LoginAttempt.at < cutoff)).rowcount or 0
