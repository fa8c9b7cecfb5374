from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, RadioField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Email, Length
from wtforms.widgets import CheckboxInput, ListWidget

from ivzflow.accounts.roles import ROLE_LABELS
from ivzflow.core.forms import SelectField, options


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mailadres"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Wachtwoord"), validators=[DataRequired(), Length(max=256)])
    next = HiddenField()


class PasswordForm(FlaskForm):
    current_password = PasswordField(_l("Huidig wachtwoord"), validators=[DataRequired(), Length(max=256)])
    password = PasswordField(_l("Nieuw wachtwoord"), validators=[DataRequired(), Length(max=256)],
                             description=_l("Minstens 12 tekens; een zin van een paar woorden werkt goed."))


class TokenForm(FlaskForm):
    name = StringField(_l("Naam van het token"), validators=[DataRequired(), Length(max=100)])
    scope = RadioField(_l("Rechten"), choices=options([("read", _l("Alleen lezen")), ("write", _l("Lezen en schrijven"))]),
                       default="read")


class DeadlinesForm(FlaskForm):
    shown = RadioField(_l("Termijnen tonen"), default="mine",
                       choices=options([("mine", _l("Alleen die voor mij")), ("all", _l("Alle"))]),
                       description=_l("In de kalender en in uw agenda-abonnement: alleen de termijnen waarop u "
                                      "moet handelen (zoals de inleverdatum van uw voorstellen), of alle termijnen "
                                      "van de vergaderingen die u ziet."))


class LanguageForm(FlaskForm):
    locale = SelectField(_l("Taal"), choices=options([("nl", "Nederlands"), ("en", "English")]))
    next = HiddenField()


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class UserForm(FlaskForm):
    version = HiddenField()
    email = EmailField(_l("E-mailadres"), validators=[DataRequired(), Email(), Length(max=254)])
    person_id = SelectField(_l("Persoon"), coerce=int, choices=[])
    roles = MultiCheckboxField(_l("Rollen"), choices=options((r.value, label) for r, label in ROLE_LABELS.items()))
    districts = MultiCheckboxField(
        _l("Extra districten"), coerce=int, choices=[],
        description=_l("Districten waarin de gebruiker werkt naast die van zijn organisatie en zetels "
                       "(een secretariaat dat twee districten bedient)."))
    is_enabled = BooleanField(_l("Actief"), default=True)
    password = PasswordField(_l("Wachtwoord"), validators=[Length(max=256)],
                             description=_l("Bij een nieuwe gebruiker verplicht; leeg laten om het niet te wijzigen."))
