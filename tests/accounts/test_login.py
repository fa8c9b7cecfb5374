from datetime import timedelta

import pytest

from ivzflow.accounts.models import LoginAttempt
from ivzflow.accounts.roles import Role
from ivzflow.audit.models import AuditEntry
from ivzflow.extensions import db
from tests.conftest import PASSWORD


def test_anonymous_is_sent_to_login(client):
    response = client.get("/bodies")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_login_page_is_dutch_by_default(client):
    page = client.get("/login").get_data(as_text=True)
    assert 'lang="nl"' in page
    assert "Inloggen" in page


def test_english_can_be_chosen(client):
    client.post("/language", data={"locale": "en", "next": "/login"})
    page = client.get("/login").get_data(as_text=True)
    assert 'lang="en"' in page
    assert "Log in" in page


def test_login_with_right_password_reaches_dashboard(client, make_user):
    user = make_user(Role.SECRETARIAT)
    response = client.post("/login", data={"email": user.email.upper(), "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_wrong_password_gets_a_dutch_message_and_is_recorded(client, make_user):
    user = make_user(Role.MEMBER)
    response = client.post("/login", data={"email": user.email, "password": "wrong password here"})
    assert response.status_code == 200
    assert "Onbekend e-mailadres of onjuist wachtwoord" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(AuditEntry.id)).where(AuditEntry.action == "login_failed")) == 1


def test_login_is_throttled_after_repeated_failures(client, make_user, app):
    user = make_user(Role.MEMBER)
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        client.post("/login", data={"email": user.email, "password": "wrong password here"})
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert "Te veel mislukte inlogpogingen" in response.get_data(as_text=True)
    assert client.get("/bodies").status_code == 302  # still not logged in
    assert db.session.scalar(db.select(db.func.count(AuditEntry.id)).where(AuditEntry.action == "login_throttled")) == 1


def test_throttle_counts_in_the_database_so_it_holds_across_workers(client, make_user, app):
    from ivzflow.core import clock

    user = make_user(Role.MEMBER)
    # failures recorded by "another worker": rows in the shared database
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        db.session.add(LoginAttempt(email=user.email, ip="10.0.0.9", at=clock.now(), succeeded=False))
    db.session.commit()
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert "Te veel mislukte inlogpogingen" in response.get_data(as_text=True)


def test_old_failures_no_longer_count(client, make_user, app):
    from ivzflow.core import clock

    user = make_user(Role.MEMBER)
    long_ago = clock.now() - app.config["LOGIN_FAILURE_WINDOW"] - timedelta(minutes=1)
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        db.session.add(LoginAttempt(email=user.email, ip="127.0.0.1", at=long_ago, succeeded=False))
    db.session.commit()
    assert client.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 302


def test_logout_invalidates_a_copied_session_cookie(app, client, login_as):
    login_as(Role.SECRETARIAT)
    cookie = client.get_cookie("session", domain="ivzflow.test")
    assert client.get("/bodies").status_code == 200
    client.post("/logout")
    thief = app.test_client()
    thief.set_cookie("session", cookie.value, domain="ivzflow.test")
    assert thief.get("/bodies").status_code == 302


def test_password_change_ends_other_sessions(app, client, make_user, login):
    user = login(make_user(Role.MEMBER))
    other = app.test_client()
    other.post("/login", data={"email": user.email, "password": PASSWORD})
    assert other.get("/bodies").status_code == 200
    response = client.post("/profile/password", data={"pw-current_password": PASSWORD,
                                                     "pw-password": "een heel nieuw lang wachtwoord"})
    assert response.status_code == 302
    assert client.get("/bodies").status_code == 200
    assert other.get("/bodies").status_code == 302


@pytest.mark.parametrize("new_password, message", [
    ("kort", "minstens 12 tekens"),
    ("wachtwoord123", "te voorspelbaar"),
    ("password1234", "te voorspelbaar"),
])
def test_weak_passwords_are_refused_with_a_reason(client, login_as, new_password, message):
    login_as(Role.MEMBER)
    response = client.post("/profile/password", data={"pw-current_password": PASSWORD, "pw-password": new_password})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_idle_session_expires(client, login_as, app):
    import time_machine
    from ivzflow.core import clock

    login_as(Role.MEMBER)
    assert client.get("/bodies").status_code == 200
    with time_machine.travel(clock.now() + app.config["SESSION_IDLE_TIMEOUT"] + timedelta(minutes=1)):
        response = client.get("/bodies")
    assert response.status_code == 302
    assert "expired=1" in response.headers["Location"]


def test_security_headers_are_set(client):
    response = client.get("/login")
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_post_without_csrf_token_is_refused(csrf_app, make_user):
    user = make_user(Role.MEMBER)
    client = csrf_app.test_client()
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 400
