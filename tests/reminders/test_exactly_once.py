"""Exactly once, whatever crashes: two real scheduler processes, one killed mid-sweep; and SMTP down."""
import os
import signal
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from ivzflow.accounts.roles import Role
from ivzflow.core import clock
from ivzflow.extensions import db
from ivzflow.reminders.models import Delivery, Notification, PolicyEvent, Reminder
from ivzflow.reminders.sweep import sweep
from tests.conftest import MailSink, free_port, wait_until

USERS, EVENTS = 11, 20  # 220 reminders


class SlowSink(MailSink):
    async def handle_DATA(self, server, session, envelope):
        import asyncio
        await asyncio.sleep(0.02)  # a real server takes a moment: so a kill lands mid-sweep
        return await super().handle_DATA(server, session, envelope)


def _plan_reminders(make_user):
    for n in range(USERS):
        make_user(Role.SECRETARIAT, email=f"secretaris{n}@example.org")
    soon = clock.today() + timedelta(days=5)
    for n in range(EVENTS):
        db.session.add(PolicyEvent(title=f"IVM-meting deel {n}", happens_on=soon, remind_days_before=30))
    db.session.commit()
    assert db.session.scalar(select(func.count(Reminder.id))) == USERS * EVENTS


def _scheduler(app, instance, port):
    env = {**os.environ, "IVZFLOW_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"], "IVZFLOW_SECRET_KEY": "x",
           "IVZFLOW_MAIL_SERVER": "127.0.0.1", "IVZFLOW_MAIL_PORT": str(port), "IVZFLOW_INSTANCE_PATH": str(instance),
           "IVZFLOW_BASE_URL": "http://ivzflow.test"}
    return subprocess.Popen([sys.executable, "-m", "flask", "--app", "ivzflow", "scheduler", "--interval", "1"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_two_schedulers_one_killed_mid_sweep_deliver_each_reminder_once(app, ctx, make_user, tmp_path):
    from aiosmtpd.controller import Controller

    sink, port = SlowSink(), free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    _plan_reminders(make_user)
    first = _scheduler(app, tmp_path, port)
    second = None
    try:
        assert wait_until(lambda: len(sink.messages) >= 1), "the first scheduler never sent anything"
        second = _scheduler(app, tmp_path, port)  # a standby: waits for the lock
        assert wait_until(lambda: len(sink.messages) >= 60)
        first.send_signal(signal.SIGKILL)
        first.wait()
        at_kill = len(sink.messages)  # the first is dead: every message from here on is the standby's
        assert at_kill < USERS * EVENTS - 20, f"the kill landed after the work was done ({at_kill} sent)"

        def all_sent():
            db.session.rollback()
            return db.session.scalar(select(func.count(Delivery.id)).where(Delivery.status == "sent")) == USERS * EVENTS
        assert wait_until(all_sent), "the standby did not finish the work"
    finally:
        for process in (first, second):
            if process and process.poll() is None:
                process.send_signal(signal.SIGTERM)
                process.wait(timeout=10)
        controller.stop()
    db.session.rollback()
    assert db.session.scalar(select(func.count(Notification.id)).where(Notification.kind == "policy_event")) \
        == USERS * EVENTS
    assert db.session.scalar(select(func.count(Reminder.id)).where(
        Reminder.kind == "policy_event", Reminder.processed_at.is_(None))) == 0
    ids = [m["Message-ID"] for m in sink.messages]
    expected = set(db.session.scalars(select(Delivery.message_id).where(Delivery.kind == "policy_event")))
    assert set(ids) == expected
    # the only possible repeat: the one e-mail the SMTP server accepted just before the kill, same Message-ID
    assert len(ids) - len(set(ids)) <= 1
    # the standby sent the rest: at least what was left at the kill (one more if that e-mail was repeated)
    by_standby = len(ids) - at_kill
    assert USERS * EVENTS - at_kill <= by_standby <= USERS * EVENTS - at_kill + 1, (at_kill, by_standby)


def test_with_the_smtp_server_down_nothing_is_lost_and_all_goes_out_once_it_is_back(app, ctx, make_user,
                                                                                    time_machine):
    from aiosmtpd.controller import Controller

    time_machine.move_to(datetime(2015, 6, 1, 7, tzinfo=timezone.utc), tick=False)
    port = free_port()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port)  # nothing listens there yet
    _plan_reminders(make_user)
    first = sweep()
    assert first.processed == USERS * EVENTS and first.sent == 0
    assert db.session.scalar(select(func.count(Notification.id))) == USERS * EVENTS  # the inbox did not wait
    assert db.session.scalar(select(func.count(Delivery.id)).where(Delivery.status == "pending")) == USERS * EVENTS
    sink = MailSink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        # one e-mail was tried and waits for its back-off; the sweep stopped trying the others at once
        assert sweep().sent == USERS * EVENTS - 1
        time_machine.move_to(datetime(2015, 6, 1, 7, 5, tzinfo=timezone.utc), tick=False)
        assert sweep().sent == 1
        assert sweep().sent == 0
    finally:
        controller.stop()
    assert len(sink.messages) == USERS * EVENTS == len({m["Message-ID"] for m in sink.messages})


def test_a_send_that_keeps_failing_is_marked_failed_and_can_be_resent(app, ctx, make_user, time_machine, client,
                                                                      login_as, smtp_server):
    from ivzflow.reminders import services

    time_machine.move_to(datetime(2015, 6, 1, 7, tzinfo=timezone.utc), tick=False)
    user = make_user(Role.SECRETARIAT, email="bestaat-niet@example.org")
    db.session.add(PolicyEvent(title="Lokale veiligheidsplannen", happens_on=clock.today() + timedelta(days=3)))
    db.session.commit()
    app.config["MAIL_PORT"] = free_port()  # refuse connections
    minute = 0
    for _attempt in range(8):
        sweep()
        minute += 60 * 24
        time_machine.move_to(datetime(2015, 6, 1, 7, tzinfo=timezone.utc) + timedelta(minutes=minute), tick=False)
    delivery = db.session.scalar(select(Delivery).where(Delivery.user_id == user.id))
    assert delivery.status == "failed" and delivery.attempts == 6 and "Connection" in delivery.last_error
    login_as(Role.SECRETARIAT)
    assert "Lokale veiligheidsplannen" in client.get("/reminders").get_data(as_text=True)
    app.config["MAIL_PORT"] = smtp_server.port
    assert client.post(f"/reminders/deliveries/{delivery.id}/resend").status_code == 302
    sweep()
    assert [m["Subject"] for m in smtp_server.to("bestaat-niet@example.org")] == [delivery.subject]
    assert services.deliveries("failed") == []
