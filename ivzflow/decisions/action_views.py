"""Outcomes per decision point, follow-up actions and their lists, decision lists of meetings."""
from flask import Blueprint, abort

bp = Blueprint("actions", __name__)


@bp.route("/decisions/<int:item_id>/outcomes", methods=["GET", "POST"])
def outcomes(item_id: int):
    abort(404)  # built next


@bp.route("/decisions/<int:item_id>/actions/new", methods=["GET", "POST"])
def new(item_id: int):
    abort(404)  # built next


@bp.route("/actions/<int:action_id>", methods=["GET", "POST"])
def show(action_id: int):
    abort(404)  # built next
