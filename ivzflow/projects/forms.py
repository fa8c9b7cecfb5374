from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, DecimalField, HiddenField, IntegerField, RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from ivzflow.core.forms import SelectField, options
from ivzflow.projects.labels import ACTIVITY_STATUSES, BUDGET_KINDS, DIRECTIONS, KINDS, SORTS, STATUS_HINTS, STATUSES

RICH_HINT = _l("Een lege regel begint een nieuwe alinea; regels die met '- ' beginnen worden een opsomming. "
               "Eenvoudige HTML mag ook (p, ul, ol, li, strong, em, a, h3, h4).")
RICH = dict(validators=[Optional(), Length(max=20_000)], description=RICH_HINT)


class ProjectSetupForm(FlaskForm):
    """The frame of a project, kept by the secretariat."""

    version = HiddenField()
    title = StringField(_l("Titel"), validators=[DataRequired(), Length(max=200)])
    short_name = StringField(_l("Korte naam"), validators=[Optional(), Length(max=60)])
    kind = SelectField(_l("Soort"), choices=options(KINDS.items()))
    position = IntegerField(_l("Volgorde"), default=0, validators=[Optional(), NumberRange(min=0, max=9999)])
    start_on = DateField(_l("Begindatum"), validators=[Optional()])
    end_on = DateField(_l("Einddatum"), validators=[Optional()])
    # The list offers the DVO's members; the service refuses anyone else with a clear message.
    trekker_id = SelectField(_l("Bestuurlijk trekker"), coerce=int, choices=[], validate_choice=False,
                             description=_l("Een lid van het DVO."))
    projectleider_id = SelectField(_l("Projectleider"), coerce=int, choices=[],
                                   description=_l("De gebruiker van deze persoon mag het project bijhouden."))
    lead_organisation_id = SelectField(_l("Gemeente van de trekker"), coerce=int, choices=[],
                                       description=_l("Leeg laten: de gemeente van de bestuurlijk trekker."))
    expert_group_id = SelectField(_l("Expertgroep"), coerce=int, choices=[])
    new_expert_group = StringField(_l("Of maak een nieuwe expertgroep met de naam"),
                                   validators=[Optional(), Length(max=200)])
    assignment = TextAreaField(_l("Opdracht van het DVO"), **RICH)
    intended_result = TextAreaField(_l("Te bereiken resultaat"), **RICH)
    assignment_reference = StringField(_l("Vastgesteld door"), validators=[Optional(), Length(max=300)],
                                       description=_l("Bijvoorbeeld: DVO Twente, 30 juni 2014."))
    is_public = BooleanField(_l("Openbaar: leesbaar voor andere districten"))


class ProjectContentForm(FlaskForm):
    version = HiddenField()
    analysis = TextAreaField(_l("Analyse"), **RICH)
    ambition = TextAreaField(_l("Ambitie"), **RICH)
    approach = TextAreaField(_l("Aanpak"), **RICH)


class ActivityForm(FlaskForm):
    version = HiddenField()
    title = StringField(_l("Activiteit"), validators=[DataRequired(), Length(max=300)])
    owner_person_id = SelectField(_l("Eigenaar (persoon)"), coerce=int, choices=[])
    owner_text = StringField(_l("Of eigenaar (naam of groep)"), validators=[Optional(), Length(max=200)])
    due_on = DateField(_l("Gereed op"), validators=[Optional()])
    status = SelectField(_l("Status"), choices=options(ACTIVITY_STATUSES.items()))
    body_id = SelectField(_l("Gekoppeld gremium"), coerce=int, choices=[],
                          description=_l("Bijvoorbeeld een expertgroep van de Veiligheidsstrategie Oost-Nederland."))
    note = StringField(_l("Toelichting"), validators=[Optional(), Length(max=500)])


class MilestoneForm(FlaskForm):
    version = HiddenField()
    title = StringField(_l("Mijlpaal"), validators=[DataRequired(), Length(max=300)])
    due_on = DateField(_l("Gepland op"), validators=[Optional()])
    reached_on = DateField(_l("Bereikt op"), validators=[Optional()])
    note = StringField(_l("Toelichting"), validators=[Optional(), Length(max=500)])


class BudgetLineForm(FlaskForm):
    version = HiddenField()
    kind = SelectField(_l("Soort"), choices=options(BUDGET_KINDS.items()))
    source = StringField(_l("Bron"), validators=[DataRequired(), Length(max=200)])
    description = StringField(_l("Omschrijving"), validators=[Optional(), Length(max=500)])
    amount = DecimalField(_l("Bedrag in euro"), places=2, validators=[Optional(), NumberRange(min=0)],
                          description=_l("Leeg laten als het bedrag nog niet bekend is."))
    start_on = DateField(_l("Periode van"), validators=[Optional()])
    end_on = DateField(_l("Periode tot en met"), validators=[Optional()])


class IndicatorForm(FlaskForm):
    version = HiddenField()
    name = StringField(_l("Naam"), validators=[DataRequired(), Length(max=200)])
    unit = StringField(_l("Eenheid"), validators=[Optional(), Length(max=40)],
                       description=_l("Bijvoorbeeld: aantal, %."))
    direction = RadioField(_l("Richting"), choices=options(DIRECTIONS.items()), default="lower")
    baseline_value = DecimalField(_l("Nulmeting: waarde"), places=2, validators=[Optional()])
    baseline_year = IntegerField(_l("Nulmeting: jaar"), validators=[Optional(), NumberRange(min=1990, max=2100)])
    source = StringField(_l("Bron"), validators=[Optional(), Length(max=300)])


class IndicatorValueForm(FlaskForm):
    kind = RadioField(_l("Soort waarde"), choices=options([("actual", _l("Meting")), ("target", _l("Streefwaarde"))]),
                      default="actual")
    year = IntegerField(_l("Jaar"), validators=[InputRequired(), NumberRange(min=1990, max=2100)])
    value = DecimalField(_l("Waarde"), places=2, validators=[InputRequired(), NumberRange(min=0)])
    organisation_id = SelectField(_l("Gemeente"), coerce=int, choices=[],
                                  description=_l("Alleen bij een meting; leeg laten voor de hele regio."))
    note = StringField(_l("Opmerking"), validators=[Optional(), Length(max=200)],
                       description=_l("Bijvoorbeeld: circa."))


def _status_choices():
    return options((key, f"{label} – {STATUS_HINTS[key]}") for key, label in STATUSES.items())


class StatusUpdateForm(FlaskForm):
    previous_id = HiddenField()
    status = RadioField(_l("Status"), choices=[], validators=[InputRequired()])
    progress = IntegerField(_l("Voortgang in procenten"), validators=[InputRequired(), NumberRange(min=0, max=100)])
    summary = TextAreaField(_l("Samenvatting"), validators=[DataRequired(), Length(max=20_000)])
    achievements = TextAreaField(_l("Resultaten sinds de vorige update"), validators=[Optional(), Length(max=20_000)])
    risks = TextAreaField(_l("Risico's"), validators=[Optional(), Length(max=20_000)])
    next_steps = TextAreaField(_l("Volgende stappen"), validators=[Optional(), Length(max=20_000)])
    decision_needed = TextAreaField(
        _l("Besluit nodig van het DVO"), validators=[Optional(), Length(max=20_000)],
        description=_l("Alleen invullen als het DVO een besluit moet nemen; de trekker legt het via het "
                       "Platform IVZ voor."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.status.choices = _status_choices()


class CommentForm(FlaskForm):
    body = TextAreaField(_l("Reactie"), validators=[DataRequired(), Length(max=5000)])
    status_update_id = HiddenField()


class PortfolioFilterForm(FlaskForm):
    class Meta:
        csrf = False

    kind = SelectField(_l("Soort"), choices=options([("", _l("Alle soorten")), *KINDS.items()]),
                       validators=[Optional()])
    district = SelectField(_l("District"), choices=[], validators=[Optional()])
    trekker = SelectField(_l("Bestuurlijk trekker"), coerce=int, choices=[], validate_choice=False,
                          validators=[Optional()])
    # In place of the list when there are too many trekkers to choose from (a national installation).
    trekker_name = StringField(_l("Bestuurlijk trekker (naam of deel ervan)"),
                               validators=[Optional(), Length(max=100)])
    municipality = SelectField(_l("Gemeente"), coerce=int, choices=[], validate_choice=False,
                               validators=[Optional()])
    status = SelectField(_l("Status"), choices=options([("", _l("Alle statussen")), *STATUSES.items(),
                                                       ("none", _l("Nog geen statusupdate"))]),
                         validators=[Optional()])
    sort = SelectField(_l("Sorteren op"), choices=options(SORTS.items()), validators=[Optional()])
    order = SelectField(_l("Volgorde"), choices=options([("asc", _l("Oplopend")), ("desc", _l("Aflopend"))]),
                        validators=[Optional()])
