from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField, DateField, FieldList, Form, FormField, HiddenField, IntegerField, StringField, TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ivzflow.core.forms import SelectField, options

WEEKDAYS = options([(-1, _l("— geen vaste dag —")), (0, _l("maandag")), (1, _l("dinsdag")), (2, _l("woensdag")),
                    (3, _l("donderdag")), (4, _l("vrijdag"))])
ANCHOR_CHOICES = options([
    ("none", _l("Niet verankerd: vast patroon over het jaar")),
    ("same_day_before", _l("Op de dag van elke vergadering van het ankergremium, ervoor")),
    ("working_days_before", _l("Een aantal werkdagen vóór elke vergadering van het ankergremium")),
    ("weeks_before", _l("Een aantal weken vóór elke vergadering van het ankergremium")),
])


class RuleForm(FlaskForm):
    version = HiddenField()
    per_year = IntegerField(_l("Vergaderingen per jaar"), validators=[DataRequired(), NumberRange(1, 52)])
    exactly = BooleanField(_l("Precies dit aantal (anders: minstens)"))
    duration_minutes = IntegerField(_l("Duur in minuten"), validators=[DataRequired(), NumberRange(15, 600)])
    weekday = SelectField(_l("Gebruikelijke dag"), coerce=int, choices=WEEKDAYS)
    start_time = TimeField(_l("Gebruikelijke begintijd"), validators=[DataRequired()])
    anchor = SelectField(_l("Verankering"), choices=ANCHOR_CHOICES)
    anchor_body_id = SelectField(_l("Ankergremium"), coerce=int, choices=[])
    anchor_offset = IntegerField(_l("Verschuiving"), default=0, validators=[Optional(), NumberRange(0, 365)],
                                 description=_l("Minuten pauze vóór het ankergremium (zelfde dag), of het aantal "
                                                "werkdagen of weken ervoor."))
    submission_days = IntegerField(_l("Inleverdatum: dagen vóór de vergadering"),
                                   validators=[DataRequired(), NumberRange(1, 120)])
    agenda_fixed_days = IntegerField(_l("Agenda vastgesteld: dagen vóór de vergadering"),
                                     validators=[DataRequired(), NumberRange(1, 120)])
    documents_days = IntegerField(_l("Stukken verzonden: dagen vóór de vergadering"),
                                  validators=[DataRequired(), NumberRange(1, 120)])
    has_host_rotation = BooleanField(_l("Wisselende gastheer (rooster)"))


class MeetingForm(FlaskForm):
    start_on = DateField(_l("Datum"), validators=[DataRequired()])
    start_time = TimeField(_l("Begintijd"), validators=[DataRequired()])
    duration_minutes = IntegerField(_l("Duur in minuten"), validators=[DataRequired(), NumberRange(15, 600)])
    name = StringField(_l("Naam"), validators=[Optional(), Length(max=200)],
                       description=_l("Leeg laten: gremium en datum."))
    location_id = SelectField(_l("Locatie"), coerce=int, choices=[])
    publish = BooleanField(_l("Meteen publiceren"), default=True)


class MoveForm(FlaskForm):
    version = HiddenField()
    start_on = DateField(_l("Nieuwe datum"), validators=[DataRequired()])
    start_time = TimeField(_l("Nieuwe begintijd"), validators=[DataRequired()])
    duration_minutes = IntegerField(_l("Duur in minuten"), validators=[DataRequired(), NumberRange(15, 600)])
    reason = StringField(_l("Reden"), validators=[DataRequired(), Length(max=300)])
    with_dependents = BooleanField(_l("Afgeleide vergaderingen en termijnen meeverplaatsen"), default=True)


class CancelForm(FlaskForm):
    version = HiddenField()
    reason = StringField(_l("Reden"), validators=[DataRequired(), Length(max=300)])
    with_dependents = BooleanField(_l("Ook de afgeleide vergaderingen annuleren"), default=True)


class YearForm(FlaskForm):
    year = IntegerField(_l("Jaar"), validators=[DataRequired(), NumberRange(2000, 2100)])


class StateForm(FlaskForm):
    version = HiddenField()
    state = HiddenField()


class HostForm(FlaskForm):
    organisation_id = SelectField(_l("Gastheer"), coerce=int, choices=[])
    skip_organisation_id = SelectField(_l("Overslaan"), coerce=int, choices=[])
    skip_reason = StringField(_l("Reden om over te slaan"), validators=[Optional(), Length(max=300)])


class RosterEntryForm(Form):
    organisation_id = SelectField(_l("Organisatie"), coerce=int, choices=[])
    location_id = SelectField(_l("Locatie"), coerce=int, choices=[])


class RosterForm(FlaskForm):
    entries = FieldList(FormField(RosterEntryForm), min_entries=0, max_entries=60)


class LocationForm(FlaskForm):
    version = HiddenField()
    organisation_id = SelectField(_l("Organisatie"), coerce=int, choices=[])
    name = StringField(_l("Naam"), validators=[DataRequired(), Length(max=200)])
    street = StringField(_l("Straat en huisnummer"), validators=[Optional(), Length(max=200)])
    postcode = StringField(_l("Postcode"), validators=[Optional(), Length(max=10)])
    town = StringField(_l("Plaats"), validators=[Optional(), Length(max=100)])
    room = StringField(_l("Zaal"), validators=[Optional(), Length(max=100)])


class HolidaysForm(FlaskForm):
    version = HiddenField()
    include_liberation_day = BooleanField(_l("Bevrijdingsdag (5 mei) elk jaar vrij houden"))
    extra_days = TextAreaField(_l("Extra vrije dagen"), validators=[Optional(), Length(max=5000)],
                               description=_l("Eén datum per regel, als 2015-12-28."))
