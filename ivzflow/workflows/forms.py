from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional


class DefinitionForm(FlaskForm):
    based_on = HiddenField()
    definition = TextAreaField(_l("Definitie (JSON)"), validators=[DataRequired()],
                               description=_l("Toestanden met hun labels en kenmerken, overgangen met rollen, "
                                              "voorwaarden en effecten. Opslaan maakt een nieuwe versie; lopende "
                                              "voorstellen houden hun versie."))
    note = StringField(_l("Toelichting bij deze versie"), validators=[Optional(), Length(max=500)])


class ImportForm(FlaskForm):
    file = FileField(_l("JSON-bestand"),
                     validators=[FileRequired(), FileAllowed(["json"], _l("Kies een .json-bestand."))])
    note = StringField(_l("Toelichting bij deze versie"), validators=[Optional(), Length(max=500)])
