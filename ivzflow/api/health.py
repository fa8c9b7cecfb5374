"""The small public endpoints of the site itself: GET /healthz (is the application up and can it reach its
database?) and /favicon.ico (browsers ask for it on every page without a link, and on PDFs and JSON)."""
from functools import cache
from pathlib import Path

from flask import Blueprint, Response, current_app, jsonify
from sqlalchemy import text

from ivzflow.core.web import public
from ivzflow.extensions import db

bp = Blueprint("health", __name__)


@bp.route("/healthz")
@public
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
        database = "ok"
    except Exception:  # any failure to reach the database is reported, not raised
        db.session.rollback()
        database = "unavailable"
    status = 200 if database == "ok" else 503
    return jsonify({"status": "ok" if status == 200 else "error", "database": database,
                    "databaseDialect": db.engine.dialect.name}), status


@cache
def _icon(static_folder: str) -> bytes:
    return (Path(static_folder) / "favicon.ico").read_bytes()


@bp.route("/favicon.ico")
@public
def favicon():
    # bytes, not a file stream: crawlers of every link (the query-bound and XSS tests) need not close it
    return Response(_icon(current_app.static_folder), mimetype="image/vnd.microsoft.icon",
                    headers={"Cache-Control": "public, max-age=604800"})
