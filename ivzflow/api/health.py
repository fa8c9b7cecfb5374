"""The small public endpoints of the site itself: GET /healthz (is the application up and can it reach its
database?) and /favicon.ico (browsers ask for it on every page without a link, and on PDFs and JSON)."""
from flask import Blueprint, current_app, jsonify, send_from_directory
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


@bp.route("/favicon.ico")
@public
def favicon():
    return send_from_directory(current_app.static_folder, "favicon.ico", mimetype="image/vnd.microsoft.icon",
                               max_age=7 * 24 * 3600)
