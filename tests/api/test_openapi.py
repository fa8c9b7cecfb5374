"""The OpenAPI description of /api/v1: it describes every route of the app and nothing else, it is valid
OpenAPI 3.1, and it is served without a token."""
from __future__ import annotations

import re

import pytest
from schemathesis.specs.openapi.definitions import OPENAPI_31_VALIDATOR
from werkzeug.routing import Rule

from ivzflow import create_app
from ivzflow.api.openapi import description

PREFIX = "/api/v1"
IGNORED_METHODS = {"HEAD", "OPTIONS"}


@pytest.fixture(scope="module")
def bare_app(tmp_path_factory):
    """The app without a database: the routes are what these tests read."""
    return create_app({"TESTING": True, "SECRET_KEY": "test", "SQLALCHEMY_DATABASE_URI": "sqlite://",
                       "FILES_DIR": str(tmp_path_factory.mktemp("files"))})


def _openapi_path(rule: str) -> str:
    """/api/v1/bodies/<int:body_id> -> /bodies/{body_id}"""
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.removeprefix(PREFIX))


def routes(app) -> dict[tuple[str, str], str]:
    """(METHOD, path as in the description) -> endpoint, for every rule under /api/v1."""
    found = {}
    for rule in app.url_map.iter_rules():
        if rule.rule == PREFIX or rule.rule.startswith(PREFIX + "/"):
            for method in sorted(rule.methods - IGNORED_METHODS):
                found[(method, _openapi_path(rule.rule))] = rule.endpoint
    return found


def described() -> set[tuple[str, str]]:
    methods = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}
    return {(method.upper(), path) for path, item in description()["paths"].items() for method in item
            if method in methods}


def test_every_api_route_is_described(bare_app):
    missing = [f"{method} {PREFIX}{path} (endpoint {endpoint})"
               for (method, path), endpoint in sorted(routes(bare_app).items()) if (method, path) not in described()]
    assert not missing, ("These API routes are not described in ivzflow/api/openapi.yaml; add them under paths: "
                         + "; ".join(missing))


def test_every_described_operation_is_a_route(bare_app):
    extra = sorted(f"{method} {PREFIX}{path}" for method, path in described() - set(routes(bare_app)))
    assert not extra, "ivzflow/api/openapi.yaml describes operations the app does not have: " + "; ".join(extra)


def test_the_route_comparison_sees_a_new_route():
    """The two tests above read url_map rules the way a newly added route appears."""
    app = create_app({"TESTING": True, "SECRET_KEY": "test", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    app.url_map.add(Rule("/api/v1/search/<int:kind_id>", endpoint="api.search", methods=["GET"]))
    assert routes(app)[("GET", "/search/{kind_id}")] == "api.search"
    assert ("GET", "/search/{kind_id}") not in described()


def test_the_description_is_valid_openapi_3_1():
    spec = description()
    assert spec["openapi"].startswith("3.1.")
    errors = [f"{'/'.join(map(str, e.instance_path))}: {e.message}" for e in OPENAPI_31_VALIDATOR.iter_errors(spec)]
    assert not errors, errors


def test_every_operation_needs_the_token_but_the_description_itself():
    spec = description()
    assert spec["security"] == [{"bearerToken": []}]
    assert spec["components"]["securitySchemes"]["bearerToken"] == {
        **spec["components"]["securitySchemes"]["bearerToken"], "type": "http", "scheme": "bearer"}
    open_operations = [(path, method) for path, item in spec["paths"].items() for method, op in item.items()
                       if "security" in op]
    assert open_operations == [("/openapi.json", "get")]
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if path != "/openapi.json":
                assert "401" in op["responses"], f"{method.upper()} {path} does not describe its 401"


def test_openapi_json_is_served_without_a_token_as_json(bare_app):
    response = bare_app.test_client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.json == description()
    assert bare_app.test_client().get("/api/v1/bodies").status_code == 401  # the rest still needs a token
