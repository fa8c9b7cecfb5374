from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, FieldList, Form, FormField, HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ivzflow.accounts.forms import MultiCheckboxField
from ivzflow.core.forms import SelectField, options

KIND_CHOICES = options([("decision", _l("Ter besluitvorming")), ("discussion", _l("Ter bespreking")),
                        ("information", _l("Ter informatie"))])
CONFIDENTIALITY_CHOICES = options([("openbaar", _l("Openbaar")), ("intern", _l("Intern")),
                                   ("vertrouwelijk", _l("Vertrouwelijk"))])
ADVICE_CHOICES = options([("positief", _l("Positief")), ("aanpassen", _l("Aanpassen")), ("negatief", _l("Negatief"))])
OPINION_CHOICES = options([("akkoord", _l("Akkoord")), ("akkoord_met_opmerkingen", _l("Akkoord met opmerkingen")),
                           ("niet_akkoord", _l("Niet akkoord")), ("kennisgenomen", _l("Kennisgenomen"))])
OUTCOME_CHOICES = options([("", _l("— nog niet —")), ("adopted", _l("Vastgesteld")), ("amended", _l("Gewijzigd vastgesteld")),
                           ("rejected", _l("Afgewezen")), ("deferred", _l("Aangehouden")), ("noted", _l("Voor kennisgeving"))])
WOO_CHOICES = options([("", _l("— nog niet bepaald —")), ("actief", _l("Actief openbaar maken")),
                       ("op_verzoek", _l("Openbaar op verzoek")), ("niet", _l("Niet openbaar (uitzonderingsgrond)"))])
STATUS_CHOICES = options([("open", _l("Open")), ("in_progress", _l("In behandeling")), ("done", _l("Gereed")),
                          ("n_a", _l("Niet van toepassing"))])


class ItemForm(FlaskForm):
    version = HiddenField()
    title = StringField(_l("Titel"), validators=[DataRequired(), Length(max=300)])
    kind = SelectField(_l("Soort"), choices=KIND_CHOICES)
    confidentiality = SelectField(_l("Vertrouwelijkheid"), choices=CONFIDENTIALITY_CHOICES, default="intern",
                                  description=_l("Vertrouwelijk: alleen voor de gremia op de route van het voorstel."))
    summary = TextAreaField(_l("Toelichting"), validators=[Optional(), Length(max=50_000)],
                            description=_l("Opmaak met eenvoudige HTML (p, ul, li, strong, em, a) is toegestaan."))
    points = TextAreaField(_l("Beslispunten"), validators=[Optional(), Length(max=20_000)],
                           description=_l("Eén beslispunt per regel; ze worden genummerd."))
    # The service decides whether the body, trekker and meeting fit together, and says why not.
    decision_body_id = SelectField(_l("Besluitvormend gremium"), coerce=int, choices=[], validate_choice=False,
                                   description=_l("De bestuurlijk trekker en de vergadering volgen het gremium."))
    trekker_id = SelectField(_l("Bestuurlijk trekker"), coerce=int, choices=[], validate_choice=False,
                             description=_l("Een lid van het besluitvormend gremium; bij een projectvoorstel "
                                            "standaard de trekker van het project."))
    project_id = SelectField(_l("Project"), coerce=int, choices=[], validate_choice=False)
    touches_both_agendas = BooleanField(_l("Raakt zowel de sociale als de fysieke agenda van het AB VRT"),
                                        description=_l("Dan besluiten ook de Veiligheidsdirectie en de Kring van "
                                                       "Gemeentesecretarissen mee."))
    target_meeting_id = SelectField(_l("Beoogde vergadering"), coerce=int, choices=[], validate_choice=False)


class TransitionForm(FlaskForm):
    version = HiddenField()
    transition = HiddenField(validators=[DataRequired()])
    comment = TextAreaField(_l("Toelichting (optioneel)"), validators=[Optional(), Length(max=5000)])
    advice = SelectField(_l("Advies van het Platform"), choices=ADVICE_CHOICES, validate_choice=False)
    advice_text = TextAreaField(_l("Tekst van het advies"), validators=[Optional(), Length(max=5000)])
    meeting_id = SelectField(_l("Vergadering"), coerce=int, choices=[], validate_choice=False)


class TargetForm(FlaskForm):
    meeting_id = SelectField(_l("Beoogde vergadering"), coerce=int, choices=[])


class ReasonForm(FlaskForm):
    reason = StringField(_l("Reden"), validators=[DataRequired(), Length(max=300)])


class OpinionForm(FlaskForm):
    result = SelectField(_l("Oordeel"), choices=OPINION_CHOICES)
    text = TextAreaField(_l("Toelichting"), validators=[Optional(), Length(max=5000)])


class AdviceForm(FlaskForm):
    version = HiddenField()
    key_message = TextAreaField(_l("Kernboodschap"), validators=[Optional(), Length(max=5000)])
    audiences = TextAreaField(_l("Doelgroepen"), validators=[Optional(), Length(max=5000)])
    spokesperson = StringField(_l("Woordvoerder"), validators=[Optional(), Length(max=200)])
    timing = StringField(_l("Timing"), validators=[Optional(), Length(max=300)])
    embargo_until = DateField(_l("Embargo tot en met"), validators=[Optional()])
    inform_ids = MultiCheckboxField(_l("Vooraf informeren"), coerce=int, choices=[],
                                    description=_l("Gemeenten en partners die vooraf geïnformeerd moeten worden."))
    woo_disclosure = SelectField(_l("Openbaarmaking (Woo)"), choices=WOO_CHOICES)
    woo_note = StringField(_l("Toelichting openbaarmaking"), validators=[Optional(), Length(max=300)])
    local_advisor_id = SelectField(
        _l("Voorbereid met (lokale communicatieadviseur)"), coerce=int, choices=[], default=0,
        description=_l("De communicatieadviseur van de portefeuillehouder of van de betrokken partners. Wie u "
                       "kiest, krijgt een bericht met een link naar het voorstel. De lijst toont de mensen van "
                       "de gemeente van de bestuurlijk trekker en van de organisaties die u vooraf informeert."))


class ApproveForm(FlaskForm):
    version = HiddenField()


class WaiveForm(FlaskForm):
    """The secretariat records why a proposal needs no communication advice."""
    version = HiddenField()
    reason = StringField(_l("Reden waarom geen communicatieadvies nodig is"),
                         validators=[DataRequired(), Length(max=300)])


class ActionForm(FlaskForm):
    description = TextAreaField(_l("Actie"), validators=[DataRequired(), Length(max=5000)])
    point_id = SelectField(_l("Bij beslispunt"), coerce=int, choices=[])
    owner_person_id = SelectField(_l("Eigenaar (persoon)"), coerce=int, choices=[])
    organisation_ids = MultiCheckboxField(_l("Eigenaar (organisaties)"), coerce=int, choices=[])
    all_municipalities = BooleanField(_l("Alle gemeenten (één status per gemeente)"))
    due_on = DateField(_l("Uiterlijk"), validators=[Optional()])


class StatusForm(FlaskForm):
    version = HiddenField()
    status = SelectField(_l("Status"), choices=STATUS_CHOICES)
    note = StringField(_l("Notitie"), validators=[Optional(), Length(max=500)])


class PointOutcomeForm(Form):
    """One decision point's outcome; a subform without its own CSRF token (the outer form has one)."""

    point_id = HiddenField()
    outcome = SelectField(_l("Uitkomst"), choices=OUTCOME_CHOICES)
    decision_text = TextAreaField(_l("Besluittekst"), validators=[Optional(), Length(max=5000)])


class OutcomesForm(FlaskForm):
    version = HiddenField()
    points = FieldList(FormField(PointOutcomeForm))


class AdoptForm(FlaskForm):
    meeting_id = SelectField(_l("Vastgesteld in de vergadering"), coerce=int, choices=[])


class PassUpForm(FlaskForm):
    """Voorleggen aan het gremium waaraan het besluitvormend gremium verantwoording aflegt (decisions.tiers)."""
    note = TextAreaField(_l("Toelichting bij het voorleggen"), validators=[Optional(), Length(max=2000)],
                         description=_l("Gaat mee naar het hogere gremium. Vertrouwelijke stukken en de toelichting "
                                        "van een vertrouwelijk voorstel blijven in het district."))
