from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional

from ivzflow.core.forms import SelectField


class PersonForm(FlaskForm):
    version = HiddenField()
    name = StringField(_l("Naam"), validators=[DataRequired(), Length(max=200)])
    function = StringField(_l("Functie"), validators=[Optional(), Length(max=200)])
    organisation_id = SelectField(_l("Organisatie"), coerce=int, choices=[])
    email = EmailField(_l("E-mailadres"), validators=[Optional(), Email(), Length(max=254)])
    phone = StringField(_l("Telefoon"), validators=[Optional(), Length(max=40)])


class PeopleFilterForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField(_l("Zoeken"), validators=[Optional(), Length(max=100)])
    organisation = SelectField(_l("Organisatie"), coerce=int, choices=[], validate_choice=False)
