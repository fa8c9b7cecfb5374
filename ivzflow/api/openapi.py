"""GET /api/v1/openapi.json: the OpenAPI 3.1 description of the API, kept beside the code in openapi.yaml.

It is served without a token: it describes the interface, holds no data, and a client needs it before it
has a token (tests/api/test_openapi.py checks that it describes every route and nothing more)."""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import yaml
from flask import Response

from ivzflow.api import bp
from ivzflow.core.web import public

SOURCE = Path(__file__).with_name("openapi.yaml")


@cache
def description() -> dict:
    return yaml.safe_load(SOURCE.read_text(encoding="utf-8"))


@cache
def _as_json() -> bytes:
    return json.dumps(description(), ensure_ascii=False, indent=1).encode()


@bp.route("/openapi.json")
@public
def openapi():
    return Response(_as_json(), mimetype="application/json",
                    headers={"Cache-Control": "public, max-age=3600"})
