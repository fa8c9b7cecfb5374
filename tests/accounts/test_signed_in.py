"""The signed-in user is loaded with their roles and unread count in one query; both are what the
separate queries give, and the count follows messages read in the same request."""
from flask import g
from sqlalchemy import select

from ivzflow.accounts.models import User
from ivzflow.accounts.services import _assigned_and_granted, roles_of
from ivzflow.accounts.session import load_signed_in
from ivzflow.core import clock
from ivzflow.extensions import db
from ivzflow.reminders import services as reminders
from ivzflow.reminders.models import Notification


def test_roles_and_unread_count_are_those_of_the_separate_queries(app, demo):
    users = db.session.scalars(select(User).order_by(User.id)).all()
    db.session.add_all(Notification(key=f"t{n}", user_id=users[0].id, kind="test", title="Bericht", body="Tekst",
                                    created_at=clock.now()) for n in range(3))
    db.session.commit()
    expected = {u.id: (frozenset(_assigned_and_granted(u)), reminders.unread_count(u.id)) for u in users}
    assert any(roles for roles, _ in expected.values()) and expected[users[0].id][1] == 3
    for user in users:
        with app.test_request_context("/"):
            loaded = load_signed_in(user.id)
            assert (roles_of(loaded), reminders.unread_count(user.id)) == expected[user.id], user.email
    with app.test_request_context("/"):
        assert load_signed_in(10**9) is None and "roles" not in g


def test_the_count_follows_messages_read_in_the_same_request(app, demo):
    user = db.session.scalar(select(User).order_by(User.id).limit(1))
    db.session.add(Notification(key="t-read", user_id=user.id, kind="test", title="Bericht", body="Tekst",
                                created_at=clock.now()))
    db.session.commit()
    with app.test_request_context("/"):
        load_signed_in(user.id)
        assert reminders.unread_count(user.id) == 1
        reminders.mark_all_read(user.id)
        assert reminders.unread_count(user.id) == 0
        db.session.rollback()
