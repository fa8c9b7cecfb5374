from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, IntegerField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ivzflow.organisations.models import CLASSIFICATIONS
from ivzflow.core.forms import SelectField, options


class OrganisationForm(FlaskForm):
    version = HiddenField()
    name = StringField(_l("Naam"), validators=[DataRequired(), Length(max=200)])
    short_name = StringField(_l("Korte naam"), validators=[Optional(), Length(max=60)])
    classification = SelectField(_l("Soort"), choices=options(CLASSIFICATIONS.items()))
    basisteam_id = SelectField(_l("Basisteam"), coerce=int, choices=[])
    parent_id = SelectField(_l("Onderdeel van"), coerce=int, choices=[])
    inhabitants = IntegerField(_l("Inwoners"), validators=[Optional(), NumberRange(min=0, max=50_000_000)])
    inhabitants_is_demo = BooleanField(_l("Inwonertal is een demowaarde"))
    website = StringField(_l("Website"), validators=[Optional(), Length(max=300)])
    notes = TextAreaField(_l("Notities"), validators=[Optional(), Length(max=5000)])
