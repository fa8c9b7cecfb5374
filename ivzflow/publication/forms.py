from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, StringField
from wtforms.validators import DataRequired, Length

from ivzflow.core.forms import SelectField, options


class PolicyForm(FlaskForm):
    version = HiddenField()
    agendas = BooleanField(_l("Openbare agenda's publiceren zodra ze verzonden zijn"))
    decision_lists = BooleanField(_l("Openbare besluitenlijsten publiceren zodra ze vastgesteld zijn"))
    documents = BooleanField(_l("Openbare vergaderstukken bij gepubliceerde agenda's publiceren"))
    projects = BooleanField(_l("Projectpagina's publiceren van projecten waarvan de opdracht uit een openbaar "
                               "besluit van dit gremium komt"))


class WithdrawForm(FlaskForm):
    kind = SelectField(_l("Publicatie"), choices=options([("agenda", _l("Agenda")),
                                                         ("decision_list", _l("Besluitenlijst")),
                                                         ("project", _l("Project"))]))
    subject_id = HiddenField(validators=[DataRequired()])
    reason = StringField(_l("Reden van intrekken"), validators=[DataRequired(), Length(max=300)])


class RepublishForm(FlaskForm):
    """Only the CSRF token: the withdrawal is in the URL."""
