"""Form helpers shared by every domain."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import wtforms
from flask import flash, redirect
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from markupsafe import escape
from werkzeug.wrappers import Response
from wtforms import HiddenField, widgets
from wtforms.fields.choices import SelectChoice

from ivzflow.core.errors import DomainError
from ivzflow.core.records import flush
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


def _of(value, result):
    return value(result) if callable(value) else value


def submit(form: FlaskForm, action: Callable[[], Any], *, done: str | Callable[[Any], str],
           to: str | Callable[[Any], str], code: int = 302) -> Response | None:
    """The one way a view handles a posted form: when it validates, run `action`, commit, flash `done` and
    redirect to `to` (each may be a function of what the action returned). When the form is not posted or
    not valid, or the domain refuses (the write is undone and the reason shown on the form), it returns
    None: the view then shows the form again, with `status_of(form)`."""
    if not form.validate_on_submit():
        return None
    try:
        result = action()
        flush()  # a race lost at UPDATE shows on the form like a stale version
    except DomainError as exc:
        show_error(form, exc)
        return None
    db.session.commit()
    message = _of(done, result)
    if message:
        flash(message, "success")
    return redirect(_of(to, result), code=code)


class VersionForm(FlaskForm):
    """A button that changes a record: posts the version the user saw."""
    version = HiddenField()


def run_button(back: str, action: Callable[[Any], Any], success: str | Callable[[Any], str] = "") -> Response:
    """A button without a page of its own: run `action` with the version it posted, commit and go back to
    `back`; a refusal (or an expired form) comes back there as a message."""
    form = VersionForm()
    if not form.validate_on_submit():
        flash(_("Het formulier is verlopen of ongeldig. Laad de pagina opnieuw en probeer het nog eens."), "error")
        return redirect(back, code=303)
    try:
        outcome = action(form.version.data)
        flush()
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return redirect(back, code=303)
    db.session.commit()
    message = _of(success, outcome)
    if message:
        flash(message, "success")
    return redirect(back, code=303)


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
