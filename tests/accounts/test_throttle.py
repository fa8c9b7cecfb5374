"""Login throttling (issue 15): a block slows guessing without locking the owner out for good.

Past the limit (per account, and four times that per address) one attempt is checked per delay, the
delay doubling with each further failure; attempts that come sooner are refused without being checked
or counted. Old attempts are purged as new ones are written.
"""
from datetime import timedelta

from sqlalchemy import func, select

from ivzflow.accounts.models import LoginAttempt
from ivzflow.accounts.roles import Role
from ivzflow.core import clock
from ivzflow.extensions import db
from tests.conftest import PASSWORD

ADDRESS = "127.0.0.1"  # the test client's


def _failures(app, *, ip=ADDRESS, email_of=lambda n: f"guess{n}@example.org", seconds_ago=0, count=None):
    at = clock.now() - timedelta(seconds=seconds_ago)
    for n in range(count if count is not None else app.config["LOGIN_MAX_FAILURES"] * 4):
        db.session.add(LoginAttempt(email=email_of(n), ip=ip, at=at, succeeded=False))
    db.session.commit()


def _attempts() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(LoginAttempt))


def test_a_blocked_address_refuses_at_once_without_counting(client, make_user, app):
    user = make_user(Role.MEMBER)
    _failures(app)
    before = _attempts()
    for _ in range(3):
        response = client.post("/login", data={"email": user.email, "password": PASSWORD})
        assert "Te veel mislukte inlogpogingen" in response.get_data(as_text=True)
    assert _attempts() == before  # throttled attempts are not new failures
    assert client.get("/bodies").status_code == 302


def test_a_correct_password_gets_through_a_blocked_address_after_the_delay(client, make_user, app):
    user = make_user(Role.MEMBER)
    _failures(app, seconds_ago=app.config["LOGIN_BLOCKED_DELAY"].total_seconds() + 1)
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/bodies").status_code == 200


def test_a_wrong_password_after_the_delay_doubles_it(client, make_user, app):
    user = make_user(Role.MEMBER)
    delay = app.config["LOGIN_BLOCKED_DELAY"]
    _failures(app, seconds_ago=delay.total_seconds() + 1)
    client.post("/login", data={"email": user.email, "password": "niet het goede wachtwoord"})
    page = client.post("/login", data={"email": user.email, "password": PASSWORD}).get_data(as_text=True)
    assert f"Probeer het over {int(delay.total_seconds() * 2)} seconden opnieuw" in page


def test_a_locked_account_lets_its_owner_in_after_the_delay(client, make_user, app):
    user = make_user(Role.MEMBER)
    _failures(app, ip="10.9.9.9", email_of=lambda n: user.email, count=app.config["LOGIN_MAX_FAILURES"],
              seconds_ago=5)
    page = client.post("/login", data={"email": user.email, "password": PASSWORD}).get_data(as_text=True)
    assert "Te veel mislukte inlogpogingen" in page
    db.session.execute(db.update(LoginAttempt).values(at=clock.now() - app.config["LOGIN_BLOCKED_DELAY"]
                                                      - timedelta(seconds=1)))
    db.session.commit()
    assert client.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 302


def test_old_attempts_are_purged_when_a_new_one_is_written(client, make_user, app):
    user = make_user(Role.MEMBER)
    _failures(app, ip="10.1.1.1", count=50, seconds_ago=2 * 24 * 3600)
    assert _attempts() == 50
    client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert _attempts() == 1


def test_the_per_address_count_has_an_index(app, ctx):
    indexes = {tuple(index.columns.keys()) for index in LoginAttempt.__table__.indexes}
    assert ("ip", "at") in indexes
