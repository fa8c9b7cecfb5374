"""Forms of agenda assembly, standing items and attachments (the meeting record's form is in record_forms.py)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, HiddenField, IntegerField, RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from ivzflow.core.forms import SelectField, options

SECTION_CHOICES = [("common", _l("Gemeenschappelijk deel")), ("local", _l("Lokaal deel"))]
VISIBILITY_CHOICES = [("public", _l("Openbaar")), ("confidential", _l("Vertrouwelijk (alleen voor de leden)"))]


class _ItemFields(FlaskForm):
    version = HiddenField()
    title = StringField(_l("Titel"), validators=[DataRequired(), Length(max=300)])
    duration_minutes = IntegerField(_l("Duur in minuten"), default=10,
                                    validators=[InputRequired(), NumberRange(min=0, max=600)])
    section = SelectField(_l("Deel van de vergadering"), choices=options(SECTION_CHOICES), default="common")
    visibility = RadioField(_l("Openbaarheid"), choices=options(VISIBILITY_CHOICES), default="public")

    def remove_section(self) -> None:
        """Only a gezagsdriehoek has a common and a local part."""
        del self.section


class AgendaItemForm(_ItemFields):
    presenter = StringField(_l("Inleider"), validators=[Optional(), Length(max=200)],
                            description=_l("Wie het punt inleidt, bijvoorbeeld de bestuurlijk trekker."))
    description = TextAreaField(_l("Toelichting"), validators=[Optional(), Length(max=10000)])


class StandingItemForm(_ItemFields):
    is_closing = BooleanField(_l("Slotpunt: punten die later op de agenda komen, komen ervóór"),
                              description=_l("Bijvoorbeeld Rondvraag en sluiting."))


class AttachmentForm(FlaskForm):
    file = FileField(_l("Document"), validators=[FileRequired(_l("Kies een bestand."))],
                     description=_l("PDF, Word, Excel, PowerPoint, OpenDocument-tekst, PNG, JPEG of platte tekst; "
                                    "hoogstens 20 MB."))

