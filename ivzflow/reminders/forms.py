from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, HiddenField, IntegerField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional


class PolicyEventForm(FlaskForm):
    version = HiddenField()
    title = StringField(_l("Omschrijving"), validators=[DataRequired(), Length(max=300)])
    happens_on = DateField(_l("Datum"), validators=[DataRequired()])
    description = TextAreaField(_l("Toelichting"), validators=[Optional(), Length(max=5000)])
    remind_days_before = IntegerField(_l("Herinneren dagen vooraf"), default=30, validators=[NumberRange(0, 365)])
    is_active = BooleanField(_l("Actief"), default=True)


class LeadTimesForm(FlaskForm):
    version = HiddenField()
    send_hour = IntegerField(_l("Verzenduur (lokale tijd)"), validators=[NumberRange(0, 23)])
    meeting_days_before = IntegerField(_l("Vergadering: dagen vooraf"), validators=[NumberRange(0, 60)])
    agenda_days_before = IntegerField(_l("Agenda samenstellen: dagen vóór de vaststelling"),
                                      validators=[NumberRange(0, 60)])
    documents_days_before = IntegerField(_l("Stukken versturen: dagen vóór de verzenddatum"),
                                         validators=[NumberRange(0, 60)])
    submission_days_before = IntegerField(_l("Inleverdatum: dagen vooraf"), validators=[NumberRange(0, 60)])
    comms_advice_days_before = StringField(_l("Communicatieadvies: dagen vóór de inleverdatum"),
                                           validators=[DataRequired(), Length(max=50)],
                                           description=_l("Met komma's, bijvoorbeeld 14, 7, 3."))
    comms_advice_secretariat_days_before = IntegerField(_l("Communicatieadvies, secretariaat: dagen vooraf"),
                                                        validators=[NumberRange(0, 60)])
    action_days_before = IntegerField(_l("Vervolgactie: dagen vóór de uiterste datum"), validators=[NumberRange(0, 60)])
    membership_months_before = IntegerField(_l("Roulerende zetel: maanden vóór het einde van de termijn"),
                                            validators=[NumberRange(0, 24)])
    max_attempts = IntegerField(_l("E-mail: pogingen voordat hij als mislukt geldt"), validators=[NumberRange(1, 20)])
