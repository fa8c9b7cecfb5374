"""Communication advice: the advisor's work list, writing and approving an advice."""
from flask import Blueprint, abort

bp = Blueprint("advice", __name__)


@bp.route("/decisions/<int:item_id>/advice", methods=["GET", "POST"])
def edit(item_id: int):
    abort(404)  # built next
