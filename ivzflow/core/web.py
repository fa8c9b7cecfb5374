"""Request plumbing: public endpoints, refusals, safe redirects, input limits and security headers.

Every endpoint needs a logged-in user unless it is marked @public (the gate is ivzflow.accounts.session); the
API authenticates with tokens (see ivzflow.api). Object-level rules live in each domain's permissions.py and
are checked by the view.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from flask import Flask, abort, current_app, g, request, session
from flask_login import current_user
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge
from werkzeug.routing import IntegerConverter

from ivzflow.core import clock, richtext
from ivzflow.core.numbers import MAX_ID

PUBLIC_ATTR = "_ivzflow_public"


def public(view):
    """Mark a view as reachable without login (login page, health check, secret-URL feeds) or, on the API,
    without a token (its OpenAPI description)."""
    setattr(view, PUBLIC_ATTR, True)
    return view


def require(allowed: bool) -> None:
    """Abort with 403 unless the permission predicate allowed the action (on an object the user sees)."""
    if not allowed:
        abort(403)


def require_visible(allowed: bool) -> None:
    """Abort with 404 unless the user may see the object: its existence is not revealed (a 403 would
    tell an existing id from an unknown one)."""
    if not allowed:
        abort(404)


_CONTROL = re.compile(r"[\x00-\x20\x7f]")


def per_request(name: str) -> dict:
    """A dict kept for this request only, for answers a page asks many times (the user's roles, ...).
    Forgotten when the request ends, also when a test holds one app context over several requests."""
    return g.setdefault("per_request", {}).setdefault(name, {})


def safe_next(target: str | None) -> str | None:
    """Only same-site relative paths are followed after login. Browsers drop tabs and newlines from a
    URL (`/%09/evil.example` arrives as `//evil.example`), so any control character or space refuses it."""
    if not target or _CONTROL.search(target) or "\\" in target:
        return None
    if not target.startswith("/") or target.startswith("//"):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


JSON_MAX_BYTES = 1024 * 1024  # far below the upload limit: no form or API call needs more
JSON_MAX_DEPTH = 32


def checked_json():
    """The request's JSON body, parsed only when it is small and shallow enough: 413 for a body over
    JSON_MAX_BYTES, 400 for one that is not JSON, nests deeper than JSON_MAX_DEPTH or holds a NUL
    character. None when the request carries no JSON."""
    if not request.is_json:
        return None
    request.max_content_length = JSON_MAX_BYTES  # refuses a larger declared length, and caps a chunked body
    try:
        value = request.get_json(silent=False)
    except RecursionError:
        abort(400)
    except RequestEntityTooLarge:
        raise
    except HTTPException:
        abort(400)
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > JSON_MAX_DEPTH:
            abort(400)
        if isinstance(item, str):
            if "\x00" in item:
                abort(400)
        elif isinstance(item, dict):
            stack += [(k, depth) for k in item] + [(v, depth + 1) for v in item.values()]
        elif isinstance(item, list):
            stack += [(v, depth + 1) for v in item]
    return value


def check_input() -> None:
    """Refuse NUL characters anywhere in the input (PostgreSQL cannot store one in text: the insert would
    fail with a 500, and no field needs one), and a JSON body that is too big or too deep."""
    if request.is_json:
        request.max_content_length = JSON_MAX_BYTES  # before anything opens the body's stream
    if any("\x00" in text for text in _submitted_texts()):
        abort(400)
    checked_json()


def _submitted_texts():
    """Every name and value in the query string and the form (a JSON body is checked by checked_json)."""
    for multidict in (request.args, request.form):
        for name, values in multidict.lists():
            yield name
            yield from values
    for upload in request.files.values():
        yield upload.filename or ""


def is_public_endpoint() -> bool:
    if request.endpoint is None:
        return True  # 404s and the like
    if request.endpoint == "static" or request.blueprint == "api":
        return True  # the API blueprint authenticates with tokens itself
    return marked_public()


def marked_public() -> bool:
    """The view of this request carries @public."""
    view = current_app.view_functions.get(request.endpoint)
    return bool(getattr(view, PUBLIC_ATTR, False))


class RowId(IntegerConverter):
    """`<int:...>` in every URL: at most the largest database key, so a 30-digit id is a 404, not an
    OverflowError from SQLite (a 500)."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(url_map, *args, **kwargs)


def init_app(app: Flask) -> None:
    app.url_map.converters["int"] = RowId  # before the blueprints add their rules
    app.add_template_filter(richtext.render, "richtext")  # formatted text, cleaned again as it is shown

    @app.before_request
    def _refuse_nul_characters():
        if request.blueprint != "api":  # the API checks its input after authenticating (ivzflow.api)
            check_input()

    @app.after_request
    def _security_headers(response):
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if request.is_secure:
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        if current_user.is_authenticated or request.blueprint == "api":
            if response.headers.get("Content-Disposition", "").startswith("attachment"):
                # a download (agenda PDF, ZIP, export, stored file) may be confidential: no copy in any
                # cache, the browser's included, whatever the view asked for (send_file says no-cache)
                response.headers["Cache-Control"] = "private, no-store"
            else:
                response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.teardown_request
    def _forget(exc):
        g.pop("per_request", None)
        g.pop("unread", None)


def stamp_login() -> None:
    now = clock.now().timestamp()
    session["login_at"] = now
    session["seen_at"] = now
    session.permanent = True

