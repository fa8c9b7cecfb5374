"""Agenda assembly, the meeting record, documents (PDF, zip) and attachments."""
from flask import Blueprint

bp = Blueprint("agenda", __name__)
