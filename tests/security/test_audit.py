"""Every security-relevant event lands in the audit log, and nobody can change or remove an entry."""
from __future__ import annotations

import pytest
from sqlalchemy import delete, func, select, update

from ivzflow.accounts.models import User
from ivzflow.audit.models import AuditEntry
from ivzflow.decisions.models import DecisionItem
from ivzflow.extensions import db
from ivzflow.workflows import engine
from tests.security.conftest import DEMO_PASSWORD, PRINCIPALS, ROLE_USERS
from tests.security.test_access_matrix import route_keys


def _log_in(client, principal, password=DEMO_PASSWORD):
    return client.post("/login", data={"email": ROLE_USERS[principal], "password": password})


def _entries(action: str, **where) -> list[AuditEntry]:
    db.session.expire_all()
    query = select(AuditEntry).where(AuditEntry.action == action)
    for key, value in where.items():
        query = query.where(getattr(AuditEntry, key) == value)
    return list(db.session.scalars(query.order_by(AuditEntry.id)))


def test_login_failed_login_and_throttled_login_are_recorded(app, client, world):
    user_id = world.users["member"]
    assert _log_in(client, "member", "niet het goede wachtwoord").status_code == 200
    failed = _entries("login_failed", record_id=str(user_id))
    assert len(failed) == 1 and failed[0].changes["ip"]
    for _ in range(app.config["LOGIN_MAX_FAILURES"] - 1):  # one failure is in already
        _log_in(client, "member", "niet het goede wachtwoord")
    assert "Te veel mislukte inlogpogingen" in _log_in(client, "member").get_data(as_text=True)
    assert len(_entries("login_throttled")) == 1
    _log_in(client, "admin")
    login = _entries("login", record_id=str(world.users["admin"]))
    assert login and login[-1].actor_id == world.users["admin"]


def test_role_change_is_recorded(client, world):
    _log_in(client, "admin")
    member = db.session.get(User, world.users["member"])
    response = client.post(f"/users/{member.id}", data={
        "email": member.email, "roles": ["member", "communicatieadviseur"], "person_id": member.person_id,
        "is_enabled": "y", "version": member.version})
    assert response.status_code == 302, response.get_data(as_text=True)
    change = _entries("roles_changed", record_id=str(member.id))
    assert change and change[0].changes == {"from": ["member"], "to": ["communicatieadviseur", "member"]}
    assert change[0].actor_id == world.users["admin"]


def test_token_use_is_recorded_with_its_user(client, world):
    token = world.tokens[("projectleider", "read")]
    assert client.get("/api/v1/bodies", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    used = [e for e in _entries("update", record_type="api_token") if "last_used_at" in e.changes]
    assert len(used) == 1 and used[0].actor_id == world.users["projectleider"]
    assert "token_hash" not in used[0].changes


def test_a_workflow_transition_is_recorded(client, world):
    secretariat = db.session.get(User, world.users["secretariat"])
    items = db.session.scalars(select(DecisionItem).order_by(DecisionItem.id)).all()
    item, option = next((i, o) for i in items for o in engine.options(i, secretariat)
                        if not o.reasons and not o.transition.form)
    token = world.tokens[("secretariat", "write")]
    response = client.post(f"/api/v1/decision-items/{item.id}/transitions", json={
        "transition": option.transition.name, "version": item.version},
        headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.get_data(as_text=True)
    moved = _entries("create", record_type="item_transition")
    assert moved and moved[-1].actor_id == secretariat.id


@pytest.mark.parametrize("url", [
    "/projects/export.csv", "/projects/export.xlsx", "/projects/{own_project}/report.pdf",
    "/meetings/{sent_meeting}/agenda.pdf", "/meetings/{sent_meeting}/agenda.zip",
    "/meetings/{sent_meeting}/decisions.pdf", "/workflows/{workflow}/versions/1/export",
])
def test_exports_are_recorded(client, world, url):
    _log_in(client, "admin")
    before = len(_entries("export"))
    response = client.get(url.format(**world.ids))
    assert response.status_code == 200
    response.close()
    exports = _entries("export")
    assert len(exports) == before + 1 and exports[-1].actor_id == world.users["admin"]


def test_download_of_a_confidential_file_is_recorded(client, world):
    _log_in(client, "secretariat")
    response = client.get(f"/attachments/{world.ids['secret_attachment']}")
    assert response.status_code == 200
    response.close()
    download = _entries("download", record_id=str(world.ids["secret_attachment"]))
    assert download and download[0].changes["confidential"] is True
    assert download[0].actor_id == world.users["secretariat"]


def test_a_refused_download_records_nothing_and_leaks_nothing(client, world):
    _log_in(client, "outsider")
    response = client.get(f"/attachments/{world.ids['secret_attachment']}")
    assert response.status_code in (403, 404)
    assert b"%PDF" not in response.data
    assert not _entries("download")


def test_the_web_has_no_way_to_change_the_audit_log(app):
    audit_rules = [(m, r) for m, r in route_keys(app) if "audit" in r]
    assert audit_rules == [("GET", "/audit/<record_type>/<record_id>")]


@pytest.mark.parametrize("principal", [p for p in PRINCIPALS if p != "anonymous"])
def test_no_role_can_edit_the_audit_log_through_the_web(client, world, principal):
    _log_in(client, principal)
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        assert client.open(f"/audit/body/{world.ids['dvo']}", method=method).status_code == 405


def test_the_orm_refuses_to_change_or_delete_entries(ctx, world):
    entry = db.session.scalars(select(AuditEntry).limit(1)).one()
    entry.action = "tampered"
    with pytest.raises(RuntimeError, match="append-only"):
        db.session.flush()
    db.session.rollback()
    db.session.delete(db.session.scalars(select(AuditEntry).limit(1)).one())
    with pytest.raises(RuntimeError, match="append-only"):
        db.session.flush()
    db.session.rollback()
    for statement in (update(AuditEntry).values(action="tampered"), delete(AuditEntry)):
        with pytest.raises(RuntimeError, match="append-only"):
            db.session.execute(statement)
        db.session.rollback()
    assert db.session.scalar(select(func.count()).where(AuditEntry.action == "tampered")) == 0


# --- the database itself refuses (issue 15) -----------------------------------------------------------

def _one_entry(app):
    from ivzflow.audit.services import log_event

    log_event("test", "user", 1, {"a": 1})
    db.session.commit()
    entry_id = db.session.scalar(select(AuditEntry.id))
    db.session.commit()  # end the reading transaction, so the next read sees what others did
    return entry_id


@pytest.mark.parametrize("statement", ["UPDATE audit_entry SET action = 'vervalst'", "DELETE FROM audit_entry"])
def test_the_database_refuses_to_change_or_remove_an_entry(app, ctx, statement):
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    entry_id = _one_entry(app)
    with db.engine.connect() as connection:  # plain SQL, past the application's own checks
        with pytest.raises(DBAPIError, match="append-only"):
            with connection.begin():
                connection.execute(text(statement))
    db.session.expire_all()
    assert db.session.get(AuditEntry, entry_id).action == "test"


def test_the_database_refuses_truncate_on_postgresql(app, ctx):
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has no TRUNCATE")
    _one_entry(app)
    with db.engine.connect() as connection:
        with pytest.raises(DBAPIError, match="append-only"):
            with connection.begin():
                connection.execute(text("TRUNCATE audit_entry"))


def test_a_restore_may_clear_the_log_inside_rewrite_allowed(app, ctx):
    from sqlalchemy import text

    from ivzflow.audit.models import rewrite_allowed

    _one_entry(app)
    with db.engine.begin() as connection:
        with rewrite_allowed(connection):
            connection.execute(text("DELETE FROM audit_entry"))
    assert db.session.scalar(select(func.count(AuditEntry.id))) == 0
    _one_entry(app)
    with db.engine.connect() as connection:  # and the next transaction is refused again
        with pytest.raises(Exception, match="append-only"):
            with connection.begin():
                connection.execute(text("UPDATE audit_entry SET action = 'x'"))


def test_the_migrations_install_the_triggers(tmp_path):
    from flask_migrate import upgrade
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    from ivzflow import create_app

    app = create_app({"TESTING": True, "SECRET_KEY": "x",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'migrated.sqlite'}"})
    with app.app_context():
        upgrade()
        with db.engine.begin() as connection:
            connection.execute(text("INSERT INTO audit_entry (at, actor_label, action, record_type, record_id, "
                                    "changes) VALUES ('2026-01-01 00:00:00', 'x', 'test', 'user', '1', '{}')"))
        for statement in ("UPDATE audit_entry SET action = 'x'", "DELETE FROM audit_entry"):
            with db.engine.connect() as connection:
                with pytest.raises(DBAPIError, match="append-only"):
                    with connection.begin():
                        connection.execute(text(statement))
        db.engine.dispose()
