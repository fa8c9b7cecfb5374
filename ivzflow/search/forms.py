from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SearchField
from wtforms.validators import Length, NumberRange, Optional

from ivzflow.core.forms import SelectField, options
from ivzflow.search.kinds import KINDS


class SearchForm(FlaskForm):
    class Meta:
        csrf = False  # a GET form that changes nothing

    q = SearchField(_l("Zoekwoorden"), validators=[Optional(), Length(max=200)])
    kind = SelectField(_l("Soort"), default="", choices=options([("", _l("Alles"))] + [(k, label) for k, (label, _) in KINDS.items()]))
    body = SelectField(_l("Gremium"), coerce=lambda v: int(v) if v not in (None, "") else None, choices=[],
                       validators=[Optional()])
    year = IntegerField(_l("Jaar"), validators=[Optional(), NumberRange(1900, 2999)])
    state = SelectField(_l("Status"), default="", choices=[], validators=[Optional()])
