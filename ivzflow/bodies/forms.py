from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, FieldList, Form, FormField, HiddenField, IntegerField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ivzflow.bodies.labels import BODY_KINDS, RELATION_KINDS, SEAT_ROLES
from ivzflow.core.forms import SelectField, options


class BodyForm(FlaskForm):
    version = HiddenField()
    name = StringField(_l("Naam"), validators=[DataRequired(), Length(max=200)])
    short_name = StringField(_l("Korte naam"), validators=[Optional(), Length(max=60)])
    kind = SelectField(_l("Soort"), choices=options(BODY_KINDS.items()))
    description = TextAreaField(_l("Omschrijving"), validators=[Optional(), Length(max=5000)])
    basisteam_id = SelectField(_l("Basisteam"), coerce=int, choices=[])
    organisation_id = SelectField(_l("Ondergebracht bij"), coerce=int, choices=[])
    grants_role = SelectField(_l("Lidmaatschap geeft de rol"), choices=options([
        ("", _l("— geen —")), ("agendacommissie", _l("Agendacommissie"))]))


class RelationForm(FlaskForm):
    kind = SelectField(_l("Relatie"), choices=options((k, labels[0]) for k, labels in RELATION_KINDS.items()))
    target_id = SelectField(_l("Gremium"), coerce=int, choices=[])
    note = StringField(_l("Toelichting"), validators=[Optional(), Length(max=300)])


class PoolEntryForm(Form):
    organisation_id = SelectField(_l("Organisatie"), coerce=int, choices=[])
    person_id = SelectField(_l("Vertegenwoordiger"), coerce=int, choices=[])


class SeatForm(FlaskForm):
    version = HiddenField()
    name = StringField(_l("Naam van de zetel"), validators=[DataRequired(), Length(max=200)])
    role = SelectField(_l("Functie in het gremium"), choices=options(SEAT_ROLES.items()))
    position = IntegerField(_l("Volgorde"), default=0, validators=[Optional(), NumberRange(min=0, max=9999)])
    term_months = IntegerField(_l("Termijn in maanden"), validators=[Optional(), NumberRange(min=1, max=120)],
                               description=_l("Leeg laten als de zetel geen vaste termijn heeft."))
    rotates = BooleanField(_l("Roulerende zetel"))
    organisation_id = SelectField(_l("Namens organisatie"), coerce=int, choices=[])
    pool = FieldList(FormField(PoolEntryForm), label=_l("Rotatievolgorde"), min_entries=0, max_entries=40)


class AppointForm(FlaskForm):
    person_id = SelectField(_l("Persoon"), coerce=int, choices=[], validators=[DataRequired()])
    on_behalf_of_id = SelectField(_l("Namens"), coerce=int, choices=[])
    start_on = DateField(_l("Eerste dag"), validators=[DataRequired()])
    term_ends_on = DateField(_l("Einde termijn (gepland)"), validators=[Optional()],
                             description=_l("Leeg laten: volgt uit de termijn van de zetel."))
    is_deputy = BooleanField(_l("Als plaatsvervanger"))


class EndMembershipForm(FlaskForm):
    version = HiddenField()
    end_on = DateField(_l("Laatste dag"), validators=[DataRequired()])
    reason = StringField(_l("Reden"), validators=[Optional(), Length(max=300)])


class RotateForm(FlaskForm):
    version = HiddenField()
    effective_on = DateField(_l("Ingangsdatum nieuwe termijn"), validators=[DataRequired()])
    organisation_id = SelectField(_l("Volgende organisatie"), coerce=int, choices=[])
    person_id = SelectField(_l("Nieuwe bezetter"), coerce=int, choices=[],
                            description=_l("Leeg laten: de vertegenwoordiger uit de rotatievolgorde."))


class AtDateForm(FlaskForm):
    class Meta:
        csrf = False

    on = DateField(_l("Peildatum"), validators=[Optional()])
