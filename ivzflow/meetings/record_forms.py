"""The form of the meeting record: attendance, per item the result and notes, per decision point the outcome."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import FieldList, Form, FormField, HiddenField, RadioField, StringField, SubmitField, TextAreaField
from wtforms.validators import Length, Optional

from ivzflow.core.forms import SelectField, options
from ivzflow.decisions.outcomes import LABELS

ATTENDANCE_CHOICES = [("present", _l("Aanwezig")), ("absent", _l("Afwezig met bericht")),
                      ("substitute", _l("Vervangen")), ("", _l("Niet vastgelegd"))]
OUTCOME_CHOICES = [("", _l("— nog niet —")), *LABELS.items()]


class AttendanceRow(Form):
    person_id = HiddenField()
    status = RadioField(_l("Aanwezigheid"), choices=options(ATTENDANCE_CHOICES), default="", validate_choice=True)
    stand_in_id = SelectField(_l("Vervangen door"), coerce=int, choices=[], validate_choice=False)


class PointRow(Form):
    point_id = HiddenField()
    outcome = SelectField(_l("Uitkomst"), choices=options(OUTCOME_CHOICES))
    text = TextAreaField(_l("Besluittekst"), validators=[Optional(), Length(max=5000)],
                         description=_l("Verplicht bij ‘gewijzigd aangenomen’: het besluit zoals genomen."))


class ItemRow(Form):
    item_id = HiddenField()
    version = HiddenField()
    result = StringField(_l("Resultaat"), validators=[Optional(), Length(max=300)],
                         description=_l("Kort, bijvoorbeeld: besproken, vastgesteld, voor kennisgeving aangenomen."))
    minutes = TextAreaField(_l("Notities"), validators=[Optional(), Length(max=20000)])
    points = FieldList(FormField(PointRow), min_entries=0, max_entries=50)


class RecordForm(FlaskForm):
    version = HiddenField()
    attendance = FieldList(FormField(AttendanceRow), min_entries=0, max_entries=200)
    items = FieldList(FormField(ItemRow), min_entries=0, max_entries=200)
    all_present = SubmitField(_l("Iedereen aanwezig"))
    save = SubmitField(_l("Verloop opslaan"))
