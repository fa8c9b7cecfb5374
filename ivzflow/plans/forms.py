from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, IntegerField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from ivzflow.accounts.forms import MultiCheckboxField
from ivzflow.core.forms import SelectField, options
from ivzflow.plans.labels import POLICY_KINDS


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
    version = HiddenField()
    count = IntegerField(_l("Een thema komt in aanmerking vanaf dit aantal plannen"),
                         validators=[InputRequired(), NumberRange(min=1, max=99)])


class PolicySeriesForm(FlaskForm):
    version = HiddenField()
    kind = SelectField(_l("Soort"), choices=options(POLICY_KINDS.items()))
    title = StringField(_l("Omschrijving"), validators=[InputRequired(), Length(max=200)],
                        description=_l("Het jaar of de periode wordt er per keer achter gezet."))
    starts_on = DateField(_l("Datum (of begin van de periode)"), validators=[InputRequired()])
    ends_on = DateField(_l("Einde van de periode"), validators=[Optional()],
                        description=_l("Leeg laten voor een enkele datum."))
    repeat_years = IntegerField(_l("Herhaal elke ... jaar"), validators=[Optional(), NumberRange(min=1, max=20)],
                                description=_l("Leeg laten: eenmalig. De IVM bijvoorbeeld elke 4 jaar."))
    until_year = IntegerField(_l("Herhaal tot en met het jaar"), validators=[Optional(), NumberRange(min=2000, max=2100)])
    remind_days_before = IntegerField(_l("Herinnering ... dagen vooraf"), default=30,
                                      validators=[InputRequired(), NumberRange(min=0, max=365)])
    description = TextAreaField(_l("Toelichting"), validators=[Optional(), Length(max=2000)])
