"""Domain errors and how they reach the user: a Dutch message on the page, or a JSON 4xx on the API."""
from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from ivzflow.extensions import db


class DomainError(Exception):
    """A rule of the domain refused the action; `message` is shown to the user (Dutch)."""

    status = 400

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class ValidationError(DomainError):
    status = 400


class NotAllowed(DomainError):
    status = 403


class Conflict(DomainError):
    """The record changed since the user loaded it, or the state does not allow the action."""

    status = 409


def stale_message() -> str:
    return _("Iemand anders heeft dit intussen gewijzigd. Laad de pagina opnieuw en probeer het nog eens.")


def check_version(obj, posted_version) -> None:
    """Optimistic locking: refuse a form that was filled in on an older version of the record."""
    try:
        posted = int(posted_version)
    except (TypeError, ValueError):
        raise Conflict(stale_message()) from None
    if posted != obj.version:
        raise Conflict(stale_message())


def check_year_between(day, first: int, last: int, field: str) -> None:
    """A date outside the years a rule can reckon with (date arithmetic fails at year 1 and 9999)."""
    if day is not None and not first <= day.year <= last:
        raise ValidationError(_("Kies een datum tussen %(first)d en %(last)d.", first=first, last=last), field=field)


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def json_error(status: int, message: str, **extra):
    response = jsonify({"error": {"status": status, "message": message, **extra}})
    response.status_code = status
    return response


def register_error_handlers(app: Flask) -> None:
    def render(status: int, message: str):
        db.session.rollback()
        if wants_json():
            return json_error(status, message)
        return render_template("error.html", status=status, message=message), status

    @app.errorhandler(DomainError)
    def domain_error(exc: DomainError):
        return render(exc.status, exc.message)

    @app.errorhandler(StaleDataError)
    def stale(exc):
        return render(409, stale_message())

    @app.errorhandler(CSRFError)
    def csrf_error(exc):
        return render(400, _("Het formulier is verlopen of ongeldig. Laad de pagina opnieuw en probeer het nog eens."))

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        messages = {
            400: _("Het verzoek is ongeldig."),
            401: _("U moet inloggen."),
            403: _("U hebt geen toegang tot deze pagina of handeling."),
            404: _("Deze pagina of dit gegeven bestaat niet."),
            405: _("Deze handeling is hier niet toegestaan."),
            409: _("Dit conflicteert met een andere wijziging."),
            413: _("Het bestand is te groot."),
            429: _("Te veel pogingen. Probeer het later opnieuw."),
        }
        return render(exc.code or 500, messages.get(exc.code, exc.description or exc.name))

    if not app.debug:
        @app.errorhandler(Exception)
        def unexpected(exc: Exception):
            app.logger.exception("Unhandled error")
            return render(500, _("Er ging iets mis aan onze kant. Probeer het later opnieuw."))
