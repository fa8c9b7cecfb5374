"""User management by the administrator, and the audit trail of records."""
import pytest
from sqlalchemy import select

from ivzflow.accounts.models import User
from ivzflow.accounts.roles import Role
from ivzflow.extensions import db


@pytest.mark.parametrize("role", [Role.SECRETARIAT, Role.MEMBER, Role.PROJECTLEIDER])
def test_only_admin_manages_users(client, login_as, role):
    login_as(role)
    assert client.get("/users").status_code == 403
    assert client.post("/users/new", data={"email": "x@example.org", "person_id": 0, "roles": ["admin"],
                                           "password": "een lang genoeg wachtwoord"}).status_code == 403
    assert db.session.scalar(select(User).where(User.email == "x@example.org")) is None


def test_admin_creates_a_user_linked_to_a_person_who_can_log_in(client, login_as, make_person, app):
    login_as(Role.ADMIN)
    person = make_person("Nieuwe Coördinator")
    response = client.post("/users/new", data={"email": "nieuw@example.org", "person_id": person.id,
                                               "roles": ["projectleider"], "is_enabled": "y",
                                               "password": "een lang genoeg wachtwoord"})
    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.email == "nieuw@example.org"))
    assert user.person_id == person.id and user.assigned_roles == {Role.PROJECTLEIDER}
    other = app.test_client()
    assert other.post("/login", data={"email": "nieuw@example.org",
                                      "password": "een lang genoeg wachtwoord"}).status_code == 302


def test_duplicate_email_is_refused_on_the_form(client, login_as, make_user):
    login_as(Role.ADMIN)
    existing = make_user(Role.MEMBER)
    response = client.post("/users/new", data={"email": existing.email, "person_id": 0, "roles": ["member"],
                                               "password": "een lang genoeg wachtwoord"})
    assert response.status_code == 400
    assert "al een gebruiker" in response.get_data(as_text=True)


def test_changing_roles_ends_the_users_sessions(app, client, login_as, make_user):
    from tests.conftest import PASSWORD

    login_as(Role.ADMIN)
    target = make_user(Role.MEMBER)
    theirs = app.test_client()
    theirs.post("/login", data={"email": target.email, "password": PASSWORD})
    assert theirs.get("/bodies").status_code == 200
    response = client.post(f"/users/{target.id}", data={"version": target.version, "email": target.email,
                                                         "person_id": target.person_id, "roles": ["secretariat"],
                                                         "is_enabled": "y", "password": ""})
    assert response.status_code == 302
    assert theirs.get("/bodies").status_code == 302


def test_stale_user_form_is_refused(client, login_as, make_user):
    login_as(Role.ADMIN)
    target = make_user(Role.MEMBER)
    response = client.post(f"/users/{target.id}", data={"version": target.version + 5, "email": target.email,
                                                         "person_id": 0, "roles": ["member"], "password": ""})
    assert response.status_code == 409
    assert "intussen gewijzigd" in response.get_data(as_text=True)


def test_secretariat_reads_the_audit_trail_of_a_record(client, login_as, make_org):
    user = login_as(Role.SECRETARIAT)
    org = make_org("Gemeente Oud")
    client.post(f"/organisations/{org.id}/edit", data={"version": org.version, "name": "Gemeente Nieuw",
                                                        "classification": "gemeente", "basisteam_id": 0,
                                                        "parent_id": 0})
    page = client.get(f"/audit/organisation/{org.id}").get_data(as_text=True)
    assert "Gemeente Oud" in page and "Gemeente Nieuw" in page and user.email in page


def test_members_cannot_read_the_audit_log(client, login_as, make_org):
    login_as(Role.MEMBER)
    org = make_org()
    assert client.get(f"/audit/organisation/{org.id}").status_code == 403


def test_the_audit_log_cannot_be_changed(ctx, make_org):
    from ivzflow.audit.models import AuditEntry

    make_org()
    entry = db.session.scalar(select(AuditEntry).limit(1))
    entry.action = "tampered"
    with pytest.raises(RuntimeError, match="append-only"):
        db.session.flush()
    db.session.rollback()
