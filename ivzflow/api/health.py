"""GET /healthz: is the application up and can it reach its database?"""
from flask import Blueprint, jsonify
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
