"""Language choice: the user's preference, then the session's; otherwise Dutch.

The browser's Accept-Language is deliberately ignored: ivzflow is a Dutch application, and staff with
an English browser still expect the Dutch interface unless they choose English.
"""
from __future__ import annotations

from datetime import datetime, timezone
from functools import cached_property, lru_cache

import flask
import flask_babel
from babel import dates, support
from flask import Flask, current_app, g, has_request_context, session
from flask_babel import Domain, get_domain, get_locale
from flask_login import current_user
from jinja2 import pass_context
from markupsafe import Markup
from wtforms.i18n import messages_path

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


def _babel_context():
    """Where Flask-Babel keeps the request's locale (None outside an app context)."""
    return getattr(g, "_flask_babel", None) if g else None


def request_translations():
    """The catalog of the current locale, found once per request and locale.

    Flask-Babel looks up context, domain and locale on every call (a page makes hundreds); the locale
    object identifies the catalog, so force_locale and refresh still switch it.
    """
    ctx = _babel_context()
    locale = getattr(ctx, "babel_locale", None)
    if locale is None:
        return _find_translations()  # the first call selects the locale
    cached = getattr(ctx, "ivzflow_catalog", None)
    if cached is None or cached[0] is not locale:
        cached = ctx.ivzflow_catalog = (locale, _find_translations())
    return cached[1]


def request_locale():
    """The request's locale, as Flask-Babel chose it (without its lookups on every date of a page)."""
    locale = getattr(_babel_context(), "babel_locale", None)
    return locale if locale is not None else get_locale()


def format_local_datetime(value: datetime, fmt: str) -> str:
    """An instant in Amsterdam time (a naive one is UTC), as Flask-Babel's format_datetime gives it."""
    if fmt == "HH:mm":  # the clock time, the same in every language: a calendar shows hundreds
        return (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).astimezone(clock.LOCAL_TZ).strftime(
            "%H:%M")
    return dates.format_datetime(value, fmt, tzinfo=clock.LOCAL_TZ, locale=request_locale())


def format_local_date(value, fmt: str) -> str:
    if isinstance(value, datetime):
        value = (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).astimezone(clock.LOCAL_TZ)
    return dates.format_date(value, fmt, locale=request_locale())


def day_in_words(value) -> str:
    """A date as messages write it ("1 juli 2015"), never ISO."""
    return format_local_date(value, "d MMMM yyyy")


def _find_translations():
    return Domain.get_translations(get_domain())  # Flask-Babel's own lookup


class CachedDomain(Domain):
    """The message domain, with the request's catalog: Python's gettext, lazy_gettext and ngettext, and
    the callables Flask-Babel installs in Jinja, all come through here."""

    def get_translations(self):
        return request_translations()


class Babel(flask_babel.Babel):
    @cached_property
    def domain_instance(self):
        return CachedDomain(domain=self.domain)


@lru_cache(maxsize=None)
def _wtforms_catalog(locale: str) -> support.Translations:
    return support.Translations.load(messages_path(), [locale], domain="wtforms")


class Request(flask.Request):
    """Flask-WTF reads WTForms' own texts (default labels, its validators' messages) from this attribute,
    and would otherwise read the catalog file again on every request with a form."""

    @property
    def wtforms_translations(self):
        return _wtforms_catalog(str(request_locale()))

    @wtforms_translations.setter
    def wtforms_translations(self, value):
        pass  # the catalog follows the request's locale


@pass_context
def _template_gettext(context, string: str, **variables):
    """Jinja's new-style gettext, without formatting a text that has nothing to fill in."""
    text = request_translations().ugettext(string)
    if context.eval_ctx.autoescape:
        text = Markup(text)
    return text % variables if variables or "%" in text else text


def init_app(app: Flask) -> None:
    app.request_class = Request
    app.jinja_env.globals["gettext"] = _template_gettext  # `_` in templates: the most frequent call

    @app.template_filter("datetime")
    def _datetime(value, fmt: str = "d MMM yyyy HH:mm"):
        return format_local_datetime(value, fmt) if value else ""

    @app.template_filter("date")
    def _date(value, fmt: str = "d MMM yyyy"):
        return format_local_date(value, fmt) if value else ""

    @app.template_filter("number")
    def _number(value):
        from flask_babel import format_decimal
        return format_decimal(value) if value is not None else ""

    @app.context_processor
    def _globals():
        return {"current_locale": str(get_locale()), "today": clock.today(), "now_utc": clock.now()}

