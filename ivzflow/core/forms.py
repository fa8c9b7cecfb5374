"""Form helpers shared by every domain."""
from __future__ import annotations

from collections.abc import Iterable

import wtforms
from flask_wtf import FlaskForm
from markupsafe import escape
from wtforms import widgets
from wtforms.fields.choices import SelectChoice

from ivzflow.core.errors import DomainError
from ivzflow.extensions import db


def show_error(form: FlaskForm, exc: DomainError) -> None:
    """Undo the half-done write and show the domain's message on its field (or on the form)."""
    db.session.rollback()
    field = getattr(form, exc.field, None) if exc.field else None
    if field is not None and hasattr(field, "errors"):
        field.errors = list(field.errors) + [exc.message]
    else:
        form.form_errors.append(exc.message)
    form.error_status = exc.status


def status_of(form: FlaskForm) -> int:
    """HTTP status for a form page: 200 when fine, else the error's status (400, or 409 when stale)."""
    if not form.errors:
        return 200
    return getattr(form, "error_status", 400)


def options(pairs: Iterable[tuple]) -> list[SelectChoice]:
    """(value, label) pairs as WTForms choices (tuples are deprecated in WTForms 3.3)."""
    return [SelectChoice(value, label) for value, label in pairs]


class _Select(widgets.Select):
    """WTForms' select, with the plain options written directly: a filter with thousands of names (every
    trekker in the country) spent most of its page in WTForms' general attribute formatting."""

    @classmethod
    def render_option(cls, choice, **kwargs):
        if kwargs or choice.render_kw or isinstance(choice.value, bool):
            return super().render_option(choice, **kwargs)
        label = choice.label or choice.value
        selected = "selected " if choice.selected else ""
        return f'<option {selected}value="{escape(choice.value)}">{escape(label)}</option>'


class SelectField(wtforms.SelectField):
    widget = _Select()
