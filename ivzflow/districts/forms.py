from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import Length, Optional

from ivzflow.accounts.forms import MultiCheckboxField
from ivzflow.core.forms import SelectField


class DistrictWizardForm(FlaskForm):
    name = StringField(_l("Naam van het district"), validators=[Length(max=80)])
    unit_id = SelectField(_l("Eenheid"), coerce=int, choices=[], validators=[Optional()])
    new_unit = StringField(_l("Of een nieuwe eenheid"), validators=[Length(max=80)],
                           description=_l("Leeg laten als het district onder een bestaande eenheid valt."))
    basisteams = TextAreaField(
        _l("Basisteams en hun gemeenten"), validators=[Length(max=10000)], render_kw={"rows": 6},
        description=_l("Eén basisteam per regel, met een dubbele punt en de gemeenten gescheiden door komma's, "
                       "zoals: Basisteam Noord: Almelo, Tubbergen, Twenterand"))
    bodies = MultiCheckboxField(_l("Gremia uit het sjabloon"), choices=[])
    secretariat_ids = MultiCheckboxField(_l("Secretariaat van het district"), coerce=int, choices=[],
                                         description=_l("Deze gebruikers gaan in het nieuwe district werken."))
