"""Language choice: the user's preference, then the session's; otherwise Dutch.

The browser's Accept-Language is deliberately ignored: ivzflow is a Dutch application, and staff with
an English browser still expect the Dutch interface unless they choose English.
"""
from __future__ import annotations

from flask import Flask, current_app, has_request_context, session
from flask_babel import format_date, format_datetime
from flask_login import current_user

from ivzflow.core import clock


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]  # CLI, scheduler: Dutch
    if current_user and getattr(current_user, "is_authenticated", False) and current_user.locale in languages:
        return current_user.locale
    if session.get("locale") in languages:
        return session["locale"]
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def init_app(app: Flask) -> None:
    @app.template_filter("datetime")
    def _datetime(value, fmt: str = "d MMM yyyy HH:mm"):
        return format_datetime(value, fmt) if value else ""

    @app.template_filter("date")
    def _date(value, fmt: str = "d MMM yyyy"):
        return format_date(value, fmt) if value else ""

    @app.template_filter("number")
    def _number(value):
        from flask_babel import format_decimal
        return format_decimal(value) if value is not None else ""

    @app.context_processor
    def _globals():
        from flask_babel import get_locale
        return {"current_locale": str(get_locale()), "today": clock.today(), "now_utc": clock.now()}

