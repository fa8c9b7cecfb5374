"""Workflow administration: see a workflow as a diagram, edit, import and export it."""
from flask import Blueprint

bp = Blueprint("workflows", __name__)
