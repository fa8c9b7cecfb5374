"""CSRF: every state-changing request of the URL map without a token is refused with 400 and changes nothing."""
from __future__ import annotations

import re

from tests.security.conftest import DEMO_PASSWORD, ROLE_USERS, fingerprint
from tests.security.test_access_matrix import fill, route_keys

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def test_tests_run_without_csrf_so_this_file_switches_it_on(app):
    assert app.config["WTF_CSRF_ENABLED"] is False  # the fixtures' default; the real app keeps the default on
    from ivzflow import create_app
    assert create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x"}).config.get(
        "WTF_CSRF_ENABLED", True) is True


def test_every_write_without_a_token_is_refused_and_changes_nothing(app, client, world):
    client.post("/login", data={"email": ROLE_USERS["admin"], "password": DEMO_PASSWORD})
    assert client.get("/profile").status_code == 200
    before = fingerprint()
    failures = []
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        for method, rule in route_keys(app):
            if method not in WRITE_METHODS or rule.startswith("/api/"):
                continue
            url = fill(rule, world)
            response = client.open(url, method=method, data={"version": "1", "name": "x", "title": "x"})
            if response.status_code != 400:
                failures.append(f"{method} {rule}: {response.status_code}")
            response.close()
        assert fingerprint() == before, "a refused request changed data"
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert not failures, "writes accepted without a CSRF token:\n  " + "\n  ".join(failures)
    assert client.get("/profile").status_code == 200  # and the logout without a token did not log out


def test_a_token_from_the_page_is_accepted(app, client, world):
    client.post("/login", data={"email": ROLE_USERS["member"], "password": DEMO_PASSWORD})
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        page = client.get("/profile").get_data(as_text=True)
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page) or re.search(
            r'value="([^"]+)"[^>]*name="csrf_token"', page)
        response = client.post("/profile/tokens", data={"csrf_token": token.group(1), "tok-name": "mijn script",
                                                        "tok-scope": "read"})
        assert response.status_code == 200
        assert "ivz_" in response.get_data(as_text=True)
        assert client.post("/logout", data={"csrf_token": "vervalst"}).status_code == 400
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_the_api_takes_no_cookies_so_needs_no_csrf_token(client, world):
    """The API is exempt from CSRF because a session cookie does not open it: a bearer token is needed."""
    client.post("/login", data={"email": ROLE_USERS["admin"], "password": DEMO_PASSWORD})
    for method, rule in route_keys(client.application):
        if rule.startswith("/api/") and method in WRITE_METHODS:
            assert client.open(fill(rule, world), method=method, json={}).status_code == 401, rule
