"""A JSON body cannot exhaust a worker (issue 15): the API authenticates before it reads one, and a body
is capped in size (1 MB, 413) and nesting (400), answered as JSON, never a 500."""
import io

import pytest

from ivzflow.accounts.roles import Role
from ivzflow.accounts.services import create_token
from ivzflow.core import web
from ivzflow.extensions import db

DEEP = "[" * 100_000 + "]" * 100_000
BIG = '{"title": "' + "x" * (2 * 1024 * 1024) + '"}'


@pytest.fixture
def writer(make_user):
    user = make_user(Role.SECRETARIAT)
    _token, secret = create_token(user, "test", scope="write")
    db.session.commit()
    return {"Authorization": f"Bearer {secret}"}


@pytest.mark.parametrize("body", [DEEP, BIG, "{not json", '{"a": "\\u0000"}'])
def test_an_anonymous_body_is_not_read(client, body, monkeypatch):
    read = []
    monkeypatch.setattr(web, "checked_json", lambda: read.append(1))
    response = client.post("/api/v1/decision-items", data=body, content_type="application/json")
    assert response.status_code == 401
    assert response.json["error"]["status"] == 401
    assert read == []


@pytest.mark.parametrize("body, status", [(DEEP, 400), (BIG, 413), ("[" * 40 + "]" * 40, 400), ("{not json", 400),
                                          ('{"title": "a\\u0000b"}', 400)])
def test_a_body_too_big_too_deep_or_broken_is_a_json_4xx(client, writer, body, status):
    response = client.post("/api/v1/decision-items", data=body, content_type="application/json", headers=writer)
    assert response.status_code == status
    assert response.json["error"]["status"] == status


def test_a_body_without_declared_length_is_capped_too(client, writer):
    body = io.BytesIO(b"[" + b" " * (2 * 1024 * 1024) + b"]")
    response = client.post("/api/v1/decision-items", input_stream=body, content_type="application/json",
                           headers=writer, environ_overrides={"wsgi.input_terminated": True})
    assert response.status_code == 413


def test_a_deep_body_on_a_page_is_refused_not_a_500(client, login_as):
    login_as(Role.SECRETARIAT)
    response = client.post("/meetings/1/agenda/order", data=DEEP, content_type="application/json")
    assert response.status_code == 400
