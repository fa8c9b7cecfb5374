"""Meetings: cycle rules, planning a year, one meeting (move, cancel, host, state), compliance."""
from flask import Blueprint

bp = Blueprint("meetings", __name__)
