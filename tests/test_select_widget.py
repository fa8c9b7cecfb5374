"""The select lists render as WTForms renders them (the fast path writes plain options itself)."""
from flask_wtf import FlaskForm
from wtforms import SelectField as PlainSelectField
from wtforms.validators import Optional

from ivzflow.core.forms import SelectField, options

CHOICES = options([(0, "— iedereen —"), (1, "Anne <de> Vries & \"zn\""), (2, ""), (3, "Bas")])


def test_select_options_match_wtforms_including_selection_and_escaping(app):
    class Fast(FlaskForm):
        who = SelectField("Wie", coerce=int, choices=CHOICES, validators=[Optional()])

    class Plain(FlaskForm):
        who = PlainSelectField("Wie", coerce=int, choices=CHOICES, validators=[Optional()])

    with app.test_request_context("/?who=1"):
        fast, plain = Fast(meta={"csrf": False}), Plain(meta={"csrf": False})
        fast.process(data={"who": 1})
        plain.process(data={"who": 1})
        html = str(fast.who())
        assert html == str(plain.who())
    assert '<option selected value="1">Anne &lt;de&gt; Vries &amp; &#34;zn&#34;</option>' in html
    assert '<option value="2">2</option>' in html  # an empty label shows the value, as WTForms does
