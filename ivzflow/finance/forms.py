from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, IntegerField, StringField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from ivzflow.core.forms import SelectField, options
from ivzflow.finance.labels import COMMITMENT_KINDS, SOURCES


class RuleForm(FlaskForm):
    version = HiddenField()
    rate = StringField(_l("Bijdrage per inwoner (euro)"), validators=[InputRequired(), Length(max=20)])
    reference_on = DateField(_l("Peildatum inwonertallen"), validators=[InputRequired()])


class CommitmentForm(FlaskForm):
    kind = SelectField(_l("Soort"), choices=options(COMMITMENT_KINDS.items()))
    source = SelectField(_l("Betaald uit"), choices=options(SOURCES.items()))
    title = StringField(_l("Omschrijving"), validators=[InputRequired(), Length(max=200)])
    start_year = IntegerField(_l("Eerste jaar"), validators=[InputRequired(), NumberRange(min=2000, max=2100)])
    end_year = IntegerField(_l("Laatste jaar"), validators=[InputRequired(), NumberRange(min=2000, max=2100)])
    amount_per_year = StringField(_l("Bedrag per jaar (euro)"), validators=[InputRequired(), Length(max=20)])
    fte = StringField(_l("Formatie (fte)"), validators=[Optional(), Length(max=10)])
    hours_per_week = StringField(_l("Uren per week"), validators=[Optional(), Length(max=10)])
    note = StringField(_l("Toelichting"), validators=[Optional(), Length(max=300)])


class ExpenditureForm(FlaskForm):
    commitment_id = SelectField(_l("Op verplichting"), coerce=int, choices=[], validate_choice=False)
    spent_on = DateField(_l("Datum"), validators=[InputRequired()])
    amount = StringField(_l("Bedrag (euro)"), validators=[InputRequired(), Length(max=20)])
    description = StringField(_l("Omschrijving"), validators=[InputRequired(), Length(max=300)])
