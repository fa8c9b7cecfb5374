"""Forms of the calendar pages: list filters, feed link, .ics import."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import DateField, HiddenField
from wtforms.validators import Optional, ValidationError

from ivzflow.core.forms import SelectField


class MeetingFilterForm(FlaskForm):
    """GET filters: no state changes, so no CSRF token in the URL."""

    class Meta:
        csrf = False

    body = SelectField(_l("Gremium"), coerce=int, choices=[], validators=[Optional()])
    start_on = DateField(_l("Vanaf"), name="from", validators=[Optional()])
    end_on = DateField(_l("Tot en met"), name="to", validators=[Optional()])

    def validate_end_on(self, field):
        if field.data and self.start_on.data and field.data < self.start_on.data:
            raise ValidationError(_l("De einddatum ligt vóór de begindatum."))


class FeedForm(FlaskForm):
    """Create, renew or revoke the feed link: only the CSRF token."""


class ImportForm(FlaskForm):
    file = FileField(_l("iCalendar-bestand (.ics)"), validators=[
        FileRequired(_l("Kies een bestand.")),
        FileAllowed(["ics", "ical", "ifb", "icalendar"], _l("Kies een iCalendar-bestand met de extensie .ics.")),
    ], description=_l("Hoogstens 1 MB. Exporteer de vergaderingen uit uw agendaprogramma als .ics."))


class ConfirmImportForm(FlaskForm):
    preview = HiddenField()
