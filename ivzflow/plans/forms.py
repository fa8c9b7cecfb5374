from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, IntegerField, StringField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from ivzflow.accounts.forms import MultiCheckboxField
from ivzflow.core.forms import SelectField


class LocalPlanForm(FlaskForm):
    version = HiddenField()
    organisation_id = SelectField(_l("Gemeente"), coerce=int, choices=[], validate_choice=False)
    title = StringField(_l("Titel"), validators=[Optional(), Length(max=200)],
                        description=_l("Leeg laten: 'Integraal veiligheidsplan' met gemeente en periode."))
    start_year = IntegerField(_l("Eerste jaar"), validators=[InputRequired(), NumberRange(min=2000, max=2100)])
    end_year = IntegerField(_l("Laatste jaar"), validators=[InputRequired(), NumberRange(min=2000, max=2100)])
    adopted_on = DateField(_l("Vastgesteld op"), validators=[Optional()])
    document = StringField(_l("Document (vindplaats of link)"), validators=[Optional(), Length(max=300)])
    theme_ids = MultiCheckboxField(_l("Veiligheidsthema's in het plan"), coerce=int, choices=[],
                                   validate_choice=False)


class ThresholdForm(FlaskForm):
    count = IntegerField(_l("Een thema komt in aanmerking vanaf dit aantal plannen"),
                         validators=[InputRequired(), NumberRange(min=1, max=99)])
