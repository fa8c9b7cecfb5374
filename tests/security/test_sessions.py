"""Sessions: ended everywhere by logout and password changes, idle and absolute time-outs, login throttling
counted in the database (shared by workers), password rules, and cookie flags in production."""
from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from flask_login.utils import encode_cookie
from sqlalchemy import func, select

from ivzflow import create_app
from ivzflow.accounts.models import User
from ivzflow.accounts.roles import Role
from ivzflow.accounts.services import password_problem, set_password
from ivzflow.audit.models import AuditEntry
from ivzflow.core import clock
from ivzflow.extensions import db
from tests.conftest import PASSWORD, IsolatedClient

NEW_PASSWORD = "een heel nieuw lang wachtwoord"


def _client(app):
    app.test_client_class = IsolatedClient
    return app.test_client()


def _log_in(client, user, password=PASSWORD):
    response = client.post("/login", data={"email": user.email, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)


def _remember_cookie(app, client, user):
    """A remember-me cookie for the user as Flask-Login would sign it (the app itself issues none)."""
    with app.test_request_context():
        value = encode_cookie(user.get_id())
    client.set_cookie(app.config.get("REMEMBER_COOKIE_NAME", "remember_token"), value, domain="ivzflow.test")


def _opens(client) -> bool:
    response = client.get("/profile")
    return response.status_code == 200


def _audit_count(action: str) -> int:
    return db.session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action == action))


def test_logout_ends_every_session_and_remember_cookie_of_the_user(app, client, make_user):
    user = make_user(Role.MEMBER)
    laptop, phone, remembered = client, _client(app), _client(app)
    _log_in(laptop, user)
    _log_in(phone, user)
    _remember_cookie(app, remembered, db.session.get(User, user.id))
    assert _opens(laptop) and _opens(phone)
    laptop.post("/logout")
    assert not _opens(laptop)
    assert not _opens(phone)
    assert not _opens(remembered)
    assert _audit_count("logout") == 1


def test_password_change_ends_the_other_sessions_and_remember_cookies(app, client, make_user):
    user = make_user(Role.MEMBER)
    phone, remembered = _client(app), _client(app)
    _log_in(client, user)
    _log_in(phone, user)
    _remember_cookie(app, remembered, db.session.get(User, user.id))
    response = client.post("/profile/password", data={"pw-current_password": PASSWORD, "pw-password": NEW_PASSWORD})
    assert response.status_code == 302
    assert _opens(client)  # this session carries on
    assert not _opens(phone)
    assert not _opens(remembered)
    assert _audit_count("password_changed") == 1
    assert not _log_in_ok(phone, user, PASSWORD)
    assert _log_in_ok(phone, user, NEW_PASSWORD)


def _log_in_ok(client, user, password) -> bool:
    return client.post("/login", data={"email": user.email, "password": password}).status_code == 302


def test_a_password_set_by_the_administrator_ends_the_users_sessions(app, client, make_user):
    user = make_user(Role.MEMBER)
    _log_in(client, user)
    set_password(db.session.get(User, user.id), NEW_PASSWORD)
    db.session.commit()
    assert not _opens(client)


def test_disabling_a_user_ends_their_sessions_and_tokens(app, client, make_user):
    user = make_user(Role.MEMBER)
    _log_in(client, user)
    db.session.get(User, user.id).is_enabled = False
    db.session.commit()
    assert not _opens(client)
    assert not _log_in_ok(_client(app), user, PASSWORD)


def test_idle_timeout(app, client, make_user):
    user = make_user(Role.MEMBER)
    _log_in(client, user)
    idle = app.config["SESSION_IDLE_TIMEOUT"]
    with time_machine.travel(clock.now() + idle - timedelta(minutes=1), tick=False):
        assert _opens(client)  # activity just inside the window keeps the session
    with time_machine.travel(clock.now() + 2 * idle - timedelta(minutes=3), tick=False):
        assert _opens(client)
    with time_machine.travel(clock.now() + 3 * idle, tick=False):
        response = client.get("/profile")
    assert response.status_code == 302 and "expired=1" in response.headers["Location"]
    assert not _opens(client)  # and it stays ended


def test_absolute_timeout_even_when_active(app, client, make_user):
    user = make_user(Role.MEMBER)
    start = clock.now()
    with time_machine.travel(start, tick=False):
        _log_in(client, user)
    idle, absolute = app.config["SESSION_IDLE_TIMEOUT"], app.config["PERMANENT_SESSION_LIFETIME"]
    step = idle - timedelta(minutes=5)
    moment = start
    while moment + step < start + absolute:
        moment += step
        with time_machine.travel(moment, tick=False):
            assert _opens(client), f"active session ended after {moment - start}"
    with time_machine.travel(start + absolute + timedelta(minutes=1), tick=False):
        response = client.get("/profile")
    assert response.status_code == 302 and "expired=1" in response.headers["Location"]


def test_throttling_is_shared_by_two_app_instances_through_the_database(app, client, make_user):
    """Two workers: failures at one count at the other, with a Dutch message and an audit entry."""
    user = make_user(Role.MEMBER)
    other_worker = create_app({k: app.config[k] for k in (
        "TESTING", "SECRET_KEY", "SQLALCHEMY_DATABASE_URI", "WTF_CSRF_ENABLED", "FILES_DIR", "SERVER_NAME")})
    worker_b = _client(other_worker)
    try:
        for _ in range(app.config["LOGIN_MAX_FAILURES"]):
            client.post("/login", data={"email": user.email, "password": "niet het goede wachtwoord"})
        response = worker_b.post("/login", data={"email": user.email, "password": PASSWORD})
        page = response.get_data(as_text=True)
        assert response.status_code == 200
        assert "Te veel mislukte inlogpogingen. Probeer het over 30 seconden opnieuw." in page
        assert not _opens(worker_b)
        assert _audit_count("login_failed") == app.config["LOGIN_MAX_FAILURES"]
        assert _audit_count("login_throttled") == 1
        # after the window the right password works again, at either worker
        with time_machine.travel(clock.now() + app.config["LOGIN_FAILURE_WINDOW"] + timedelta(minutes=1)):
            assert _log_in_ok(worker_b, user, PASSWORD)
    finally:
        with other_worker.app_context():
            db.engine.dispose()


def test_throttling_also_holds_for_unknown_addresses_without_telling_them_apart(client, make_user, app):
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        client.post("/login", data={"email": "niemand@example.org", "password": "niet het goede wachtwoord"})
    response = client.post("/login", data={"email": "niemand@example.org", "password": PASSWORD})
    assert "Te veel mislukte inlogpogingen" in response.get_data(as_text=True)


@pytest.mark.parametrize("password, ok", [
    ("elf tekens!", False),                      # too short (11)
    ("a" * 12, True),                            # long enough; no composition rules
    ("alleen kleine letters zonder cijfers", True),
    ("veiligheid123", False),                    # on the shipped list of common passwords
    ("WelkomWelkom", False),                     # case does not help
    ("x" * 257, False),                          # longer than anyone types
])
def test_password_rules_follow_current_guidance(app, ctx, password, ok):
    assert (password_problem(password, "iemand@example.org") is None) is ok


def test_the_common_password_list_ships_with_the_app():
    from ivzflow.accounts.services import _common_passwords

    common = _common_passwords()
    assert len(common) > 10_000
    assert {"password", "wachtwoord", "123456789012"} & common


def test_the_email_address_is_not_a_password(app, ctx):
    assert password_problem("iemand.lang@example.org", "iemand.lang@example.org") is not None


def test_production_cookies_are_secure_httponly_and_samesite(app, tmp_path):
    prod = create_app({"ENV": "production", "SECRET_KEY": "prod-secret", "TESTING": True, "SERVER_NAME": "ivzflow.test",
                       "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                       "FILES_DIR": str(tmp_path)})
    for prefix in ("SESSION", "REMEMBER"):
        assert prod.config[f"{prefix}_COOKIE_SECURE"] is True
        assert prod.config[f"{prefix}_COOKIE_HTTPONLY"] is True
        assert prod.config[f"{prefix}_COOKIE_SAMESITE"] in ("Lax", "Strict")
    response = prod.test_client().post("/language", data={"locale": "en", "next": "/login"},
                                       base_url="https://ivzflow.test")
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    with prod.app_context():
        db.engine.dispose()


def test_production_refuses_the_demo_clock(tmp_path):
    with pytest.raises(RuntimeError):
        create_app({"ENV": "production", "SECRET_KEY": "x", "FAKE_NOW": "2015-06-01T09:00",
                    "SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_production_refuses_cheap_password_hashes_and_hashes_at_full_cost():
    with pytest.raises(RuntimeError, match="CHEAP_PASSWORD_HASHES"):
        create_app({"ENV": "production", "SECRET_KEY": "x", "CHEAP_PASSWORD_HASHES": True,
                    "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    from ivzflow.accounts.services import hash_password
    full = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    with full.app_context():
        assert "m=65536,t=3" in hash_password("geheim")  # argon2id at the library's recommended cost


def test_login_issues_no_remember_cookie(client, make_user):
    user = make_user(Role.MEMBER)
    response = client.post("/login", data={"email": user.email, "password": PASSWORD, "remember": "y"})
    assert "remember_token" not in " ".join(response.headers.getlist("Set-Cookie"))
