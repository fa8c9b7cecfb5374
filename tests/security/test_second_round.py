"""Issue 15, "smaller, each observed": each test here failed before its fix.

Open redirects after login, timing that tells disabled accounts apart, 500s on extreme dates and on
control characters, tokens that outlived a password change, files created world-readable.
"""
from __future__ import annotations

import io
import os
import stat
import time
from datetime import date, datetime

import pytest
from sqlalchemy import select

from ivzflow.accounts import services as accounts
from ivzflow.accounts.models import ApiToken
from ivzflow.accounts.roles import Role
from ivzflow.accounts.services import create_token
from ivzflow.bodies.models import Body
from ivzflow.core import clock
from ivzflow.extensions import db
from ivzflow.meetings.services import create_meeting
from tests.conftest import PASSWORD


@pytest.fixture
def deciding_body(make_body):
    """A body proposals may go to (since the route rule: one the Platform advises)."""
    from ivzflow.bodies.services import add_relation

    def make():
        body = make_body()
        platform = db.session.scalar(select(Body).where(Body.kind == "platform").limit(1)) \
            or make_body(kind="platform")
        add_relation(platform, body, "advises")
        db.session.commit()
        return body
    return make


# --- open redirect after login ------------------------------------------------------------------------

@pytest.mark.parametrize("target", ["/%09/evil.example", "/%0a/x", "/\t/evil.example", "/\n/x", "//evil.example",
                                    "/\\evil.example", "https://evil.example/", "/%0d%0aSet-Cookie:x=1",
                                    "/ /evil.example", "/\x7f/evil.example"])
def test_login_never_redirects_off_site_nor_fails(client, make_user, target):
    user = make_user(Role.MEMBER)
    response = client.post(f"/login?next={target}", data={"email": user.email, "password": PASSWORD,
                                                          "next": target.replace("%09", "\t").replace("%0a", "\n")})
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith("/") and not location.startswith("//"), location
    assert "evil" not in location and "\n" not in location and "\t" not in location


def test_login_follows_a_local_next(client, make_user):
    user = make_user(Role.MEMBER)
    response = client.post("/login", data={"email": user.email, "password": PASSWORD, "next": "/bodies?page=2"})
    assert response.headers["Location"] == "/bodies?page=2"


# --- no account enumeration by timing -----------------------------------------------------------------

def _login_seconds(client, email: str) -> float:
    started = time.perf_counter()
    response = client.post("/login", data={"email": email, "password": "not the right password at all"})
    assert response.status_code == 200
    return time.perf_counter() - started


def test_a_disabled_account_takes_as_long_to_refuse_as_an_enabled_one(client, make_user, monkeypatch):
    enabled, disabled = make_user(Role.MEMBER), make_user(Role.MEMBER)
    disabled.is_enabled = False
    db.session.commit()
    verified = []
    real = accounts._hasher()

    class Counting:
        def __getattr__(self, name):
            return getattr(real, name)

        def verify(self, hash_, password):
            verified.append(hash_)
            return real.verify(hash_, password)

    counting = Counting()
    monkeypatch.setattr(accounts, "_hasher", lambda: counting)
    seconds = {email: min(_login_seconds(client, email) for _ in range(2))
               for email in (enabled.email, disabled.email, "nobody@example.org")}
    assert len(verified) == 6  # every refusal verified a hash, whether or not the account can log in
    assert seconds[disabled.email] > seconds[enabled.email] / 3
    assert seconds["nobody@example.org"] > seconds[enabled.email] / 3


# --- no 500s ---------------------------------------------------------------------------------------------

@pytest.fixture
def api_secret(make_user):
    user = make_user(Role.SECRETARIAT)
    _token, secret = create_token(user, "test")
    db.session.commit()
    return user, secret


@pytest.mark.parametrize("query", ["from=0001-01-01", "to=9999-12-31", "from=0001-01-01&to=9999-12-31"])
def test_api_meetings_take_the_first_and_last_day_a_date_can_hold(client, api_secret, query):
    _user, secret = api_secret
    response = client.get(f"/api/v1/meetings?{query}", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 200, response.get_data(as_text=True)


@pytest.mark.parametrize("query", ["from=0001-01-01", "to=9999-12-31", "from=0001-01-01&to=9999-12-31"])
def test_meeting_list_takes_the_first_and_last_day_a_date_can_hold(client, login_as, query):
    login_as(Role.SECRETARIAT)
    response = client.get(f"/meetings?{query}")
    assert response.status_code == 200


def test_a_meeting_named_with_a_newline_still_gives_its_calendar_file(client, login_as, make_body):
    login_as(Role.SECRETARIAT)
    body = make_body()
    meeting = create_meeting(None, body, datetime(2031, 3, 5, 9, 30, tzinfo=clock.LOCAL_TZ), 90, publish=True,
                             name="Vergadering\r\nmet een regel\x0bmeer")
    db.session.commit()
    assert "\n" not in meeting.name and "\x0b" not in meeting.name  # control characters are not kept
    response = client.get(f"/meetings/{meeting.id}.ics")
    assert response.status_code == 200
    assert b"SUMMARY:Vergadering met een regel meer" in response.data.replace(b"\r\n ", b"")


# --- tokens end with the password ---------------------------------------------------------------------

def test_changing_the_password_revokes_the_owners_api_tokens(client, login_as):
    user = login_as(Role.MEMBER)
    _token, secret = create_token(user, "script")
    db.session.commit()
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/bodies", headers=headers).status_code == 200
    response = client.post("/profile/password", data={"pw-current_password": PASSWORD,
                                                      "pw-password": "een heel ander lang wachtwoord",
                                                      "pw-password2": "een heel ander lang wachtwoord",
                                                      "pw-confirm": "een heel ander lang wachtwoord"})
    assert response.status_code == 302, response.get_data(as_text=True)
    assert client.get("/api/v1/bodies", headers=headers).status_code == 401
    db.session.expire_all()
    assert all(t.revoked_at is not None for t in db.session.scalars(select(ApiToken)))


def test_an_admin_setting_a_password_revokes_the_tokens_too(ctx, make_user):
    user = make_user(Role.MEMBER)
    token, _secret = create_token(user, "script")
    accounts.set_password(user, "een heel ander lang wachtwoord")
    db.session.commit()
    db.session.refresh(token)
    assert token.revoked_at is not None


# --- files readable by the owner only -----------------------------------------------------------------

def test_stored_files_and_their_folders_are_private(app, ctx):
    from ivzflow.core.files import path_of, save_upload

    stored = save_upload(io.BytesIO(b"%PDF-1.4\n%%EOF\n"), "a.pdf")
    db.session.commit()
    assert path_of(stored["stored_name"]).exists()
    for dirpath, _dirnames, filenames in os.walk(app.config["FILES_DIR"]):
        assert stat.S_IMODE(os.stat(dirpath).st_mode) & 0o077 == 0, dirpath
        for name in filenames:
            assert stat.S_IMODE(os.stat(os.path.join(dirpath, name)).st_mode) & 0o077 == 0, name


def test_the_instance_database_is_private(tmp_path):
    from ivzflow import create_app

    path = tmp_path / "fresh.sqlite"
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})
    with app.app_context():
        db.create_all()
        db.session.execute(select(ApiToken.id)).all()
        for file in tmp_path.iterdir():
            assert stat.S_IMODE(file.stat().st_mode) & 0o077 == 0, file.name
        db.session.remove()
        db.engine.dispose()


def test_a_proposal_title_with_a_line_break_keeps_its_mail_sendable(app, ctx, deciding_body):
    from ivzflow.decisions.services import create_item
    from ivzflow.reminders.mailer import build

    item = create_item(None, decision_body=deciding_body(), title="Voorstel\r\nBcc: iedereen@example.org")
    db.session.commit()
    assert item.title == "Voorstel Bcc: iedereen@example.org"
    message = build("lid@example.org", "Herinnering\r\nBcc: x@example.org", "tekst", "<1@ivzflow.test>")
    assert message["Subject"] == "Herinnering Bcc: x@example.org" and message["Bcc"] is None
    assert b"\r\nBcc:" not in message.as_bytes()


# --- workflow JSON of the wrong shape is a validation error, never a 500 ----------------------------------

def _workflow_with(change):
    import copy
    import json
    from pathlib import Path

    data = json.loads((Path(__file__).resolve().parents[2] / "ivzflow/workflows/dvo_voorstel.json").read_text())
    data = copy.deepcopy(data)
    change(data)
    return data


@pytest.mark.parametrize("change, message", [
    (lambda d: d["transitions"][0].update({"from": ["concept"]}), "from en to"),
    (lambda d: d["transitions"][0].update({"to": {"x": 1}}), "from en to"),
    (lambda d: d["states"][0].update(visible_to=[["secretariat"]]), "visible_to"),
    (lambda d: d["states"][0].update(visible_to=7), "visible_to"),
    (lambda d: d["states"][0].update(name=["concept"], final=True), "Ongeldige naam"),
    (lambda d: d["transitions"][0].update(roles=[["secretariat"]]), "geen rollen"),
    (lambda d: d["transitions"][0].update(guards=[{"a": 1}]), "guards en effects"),
    (lambda d: d["transitions"][0].update(form=["x"]), "guards en effects"),
])
def test_workflow_json_of_the_wrong_shape_is_a_validation_error(ctx, change, message):
    from ivzflow.workflows import loader

    with pytest.raises(loader.DefinitionRejected) as refused:
        loader.load(_workflow_with(change))
    assert any(message in problem for problem in refused.value.problems), refused.value.problems


def test_deeply_nested_workflow_json_is_explained():
    from ivzflow.workflows import definition

    with pytest.raises(ValueError):
        definition.parse("[" * 100_000 + "]" * 100_000)


# --- one cleaner for formatted text, on write and on render ---------------------------------------------

def test_a_decision_summary_is_cleaned_on_write_and_again_on_render(client, login_as, deciding_body):
    from ivzflow.decisions.services import create_item

    login_as(Role.SECRETARIAT)
    item = create_item(None, decision_body=deciding_body(), title="Voorstel",
                       summary='<p onclick="x()">Tekst <a href="javascript:alert(1)">link</a><img src=x></p>')
    db.session.commit()
    assert "onclick" not in item.summary and "javascript" not in item.summary and "<img" not in item.summary
    # a row written outside the services (an import, a restored backup) is cleaned as it is shown
    item.summary = '<p>Oud</p><script>alert(1)</script><iframe src="https://evil.example"></iframe>'
    db.session.commit()
    page = client.get(f"/decisions/{item.id}").get_data(as_text=True)
    assert "<p>Oud</p>" in page and "<script>alert(1)" not in page and "<iframe" not in page


def test_decision_summaries_and_project_texts_share_one_cleaner():
    from ivzflow.core.richtext import clean_html
    from ivzflow.decisions.services import sanitise

    html = '<h3>Kop</h3><p>Een <a href="ftp://x.example">link</a> en <u>meer</u></p>'
    assert sanitise(html) == clean_html(html)


def test_a_meeting_stored_with_a_newline_before_the_fix_still_gives_its_calendar_file(client, login_as,
                                                                                      make_body):
    from sqlalchemy import text

    login_as(Role.SECRETARIAT)
    meeting = create_meeting(None, make_body(), datetime(2031, 3, 5, 9, 30, tzinfo=clock.LOCAL_TZ), 90,
                             publish=True, name="Vergadering")
    db.session.commit()
    db.session.execute(text("UPDATE meeting SET name = :name WHERE id = :id"),
                       {"name": "Oude\nvergadering", "id": meeting.id})  # past the model, as an old row
    db.session.commit()
    assert client.get(f"/meetings/{meeting.id}.ics").status_code == 200


# --- downloads leave no copy in any cache ---------------------------------------------------------------

def test_every_download_is_no_store(client, login_as, make_body):
    from ivzflow.core.files import save_upload
    from ivzflow.meetings.models import AgendaItem, Attachment

    login_as(Role.SECRETARIAT)
    meeting = create_meeting(None, make_body(), datetime(2031, 3, 5, 9, 30, tzinfo=clock.LOCAL_TZ), 90,
                             publish=True, name="Vergadering")
    meeting.state = "sent"
    item = AgendaItem(meeting_id=meeting.id, title="Vertrouwelijk punt", duration_minutes=10, is_public=False,
                      position=1)
    db.session.add(item)
    db.session.flush()
    attachment = Attachment(agenda_item_id=item.id, uploaded_at=clock.now(),
                            **save_upload(io.BytesIO(b"%PDF-1.4\n%%EOF\n"), "a.pdf"))
    db.session.add(attachment)
    db.session.commit()
    for path in (f"/attachments/{attachment.id}", f"/meetings/{meeting.id}.ics"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "no-store" in response.headers["Cache-Control"] and "no-cache" not in response.headers["Cache-Control"]
        response.close()
