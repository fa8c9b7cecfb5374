"""Several app servers and several schedulers on one PostgreSQL, as in a deployment on several machines.

Two gunicorn servers (each with its own instance directory, as on two machines, sharing the secret key
and the files directory) and two scheduler processes run against the test database: a login on one is
valid on the other, failed logins count across both, an edit made through one is seen through the other,
and every reminder goes out exactly once.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

import pytest
from sqlalchemy import func, select

from ivzflow.accounts.roles import Role
from ivzflow.core import clock
from ivzflow.extensions import db
from ivzflow.reminders.models import Delivery, PolicyEvent, Reminder
from tests.conftest import PASSWORD, MailSink, free_port, wait_until

ROOT = Path(__file__).resolve().parents[1]
SECRETARIES, EVENTS = 3, 8


def _env(app, instance: Path, shared: Path, mail_port: int) -> dict:
    return {**os.environ, "IVZFLOW_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
            "IVZFLOW_SECRET_KEY": "shared-by-every-server", "IVZFLOW_INSTANCE_PATH": str(instance),
            "IVZFLOW_FILES_DIR": str(shared), "IVZFLOW_MAIL_SERVER": "127.0.0.1", "IVZFLOW_MAIL_PORT": str(mail_port),
            "IVZFLOW_BASE_URL": "http://ivzflow.test", "PYTHONPATH": str(ROOT)}


def _login(client, email: str, password: str) -> tuple[int, str]:
    """Post the login form; the status and the page (or the redirect's target)."""
    import re

    _response, html = client.request("GET", "/login")
    token = re.search(rb'name="csrf_token" value="([^"]+)"', html).group(1).decode()
    response, data = client.request("POST", "/login", urlencode({"csrf_token": token, "email": email,
                                                                 "password": password}),
                                    {"Content-Type": "application/x-www-form-urlencoded"})
    return response.status, data.decode("utf-8", "replace")


def _stop(process) -> None:
    if process is not None and process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def test_two_app_servers_and_two_schedulers_share_one_postgresql(app, ctx, make_user, make_body, tmp_path):
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("several machines share a PostgreSQL database")
    from aiosmtpd.controller import Controller

    from ivzflow.bench.run import Client, Server

    sink, mail_port = MailSink(), free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=mail_port)
    controller.start()
    secretary = make_user(Role.SECRETARIAT, email="secretaris@example.org")
    for n in range(1, SECRETARIES):
        make_user(Role.SECRETARIAT, email=f"secretaris{n}@example.org")
    body = make_body("Platform IVZ", kind="platform")
    for n in range(EVENTS):  # each plans a reminder, due now, for every secretary
        db.session.add(PolicyEvent(title=f"IVM-meting deel {n}", happens_on=clock.today() + timedelta(days=5),
                                   remind_days_before=30))
    db.session.commit()
    assert db.session.scalar(select(func.count(Reminder.id))) == SECRETARIES * EVENTS

    shared = tmp_path / "files"
    servers, schedulers = [], []
    try:
        for name in ("a", "b"):
            servers.append(Server("wsgi:app", _env(app, tmp_path / name, shared, mail_port)))
        for name in ("a", "b"):
            schedulers.append(subprocess.Popen(
                [sys.executable, "-m", "flask", "--app", "ivzflow", "scheduler", "--interval", "1"],
                env=_env(app, tmp_path / name, shared, mail_port), cwd=ROOT,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        a, b = (Client(server.port) for server in servers)

        # A login on one server is a login on the other (the session cookie is signed with the shared key).
        a.login(secretary.email, PASSWORD)
        b.cookies = dict(a.cookies)
        response, html = b.request("GET", f"/bodies/{body.id}/edit")
        assert response.status == 200

        # An edit through server B is seen through server A.
        token = html.split(b'name="csrf_token" value="', 1)[1].split(b'"', 1)[0].decode()
        version = html.split(b'name="version" type="hidden" value="', 1)[1].split(b'"', 1)[0].decode() \
            if b'name="version" type="hidden" value="' in html else str(body.version)
        form = {"csrf_token": token, "version": version, "name": "Platform IVZ Twente", "short_name": "",
                "kind": "platform", "description": "", "basisteam_id": "0", "organisation_id": "0",
                "grants_role": ""}
        response, _html = b.request("POST", f"/bodies/{body.id}/edit", urlencode(form),
                                    {"Content-Type": "application/x-www-form-urlencoded"})
        assert response.status == 302
        response, html = a.request("GET", f"/bodies/{body.id}")
        assert response.status == 200 and b"Platform IVZ Twente" in html

        # Failed logins count across servers: three on A and two on B lock the account on both. Each failure
        # is answered as a failure (not a throttle), and then even the right password is throttled, on A and on B.
        for client in (Client(servers[0].port),) * 3 + (Client(servers[1].port),) * 2:
            status, page = _login(client, "secretaris1@example.org", "fout wachtwoord")
            assert status == 200 and "Onbekend e-mailadres of onjuist wachtwoord" in page, (status, page[:300])
        for server in servers:
            status, page = _login(Client(server.port), "secretaris1@example.org", PASSWORD)
            assert status == 200 and "Te veel mislukte inlogpogingen" in page, (status, page[:300])
            assert "Onbekend e-mailadres" not in page
        # another account is not locked by them (the five failures came from one address, under its limit)
        status, _page = _login(Client(servers[1].port), "secretaris2@example.org", PASSWORD)
        assert status == 302

        # Two schedulers, one active: every reminder is delivered once.
        def sent_count():
            db.session.rollback()
            return db.session.scalar(select(func.count(Delivery.id)).where(Delivery.status == "sent"))
        assert wait_until(lambda: sent_count() == SECRETARIES * EVENTS), "the schedulers did not send the reminders"
        time.sleep(2.5)  # a couple more sweeps of both: nothing more may go out
        assert sent_count() == SECRETARIES * EVENTS

        # One scheduler dies without a word (its machine goes down): the other sends what comes due next.
        schedulers[0].send_signal(signal.SIGKILL)
        schedulers[0].wait()
        for n in range(EVENTS, EVENTS + 2):
            db.session.add(PolicyEvent(title=f"IVM-meting deel {n}", happens_on=clock.today() + timedelta(days=5),
                                       remind_days_before=30))
        db.session.commit()
        assert wait_until(lambda: sent_count() == SECRETARIES * (EVENTS + 2)), \
            "the remaining scheduler did not take over"
    finally:
        for process in schedulers:
            _stop(process)
        for server in servers:
            server.stop()
        controller.stop()
    ids = [m["Message-ID"] for m in sink.messages]
    assert len(ids) == SECRETARIES * (EVENTS + 2) and len(set(ids)) == len(ids)
