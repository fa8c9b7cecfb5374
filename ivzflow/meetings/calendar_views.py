"""Calendar views (month, list), iCal files and feeds, feed tokens, .ics import."""
from flask import Blueprint

bp = Blueprint("calendar", __name__)
