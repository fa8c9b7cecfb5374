"""The English catalog is complete: every Dutch text in the code has a translation with the same placeholders."""
import re
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def test_every_text_is_extracted_and_translated(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
                    "-k", "_l", "-k", "lazy_gettext", "--no-location", "-o", str(pot), "."],
                   cwd=ROOT, check=True, capture_output=True)
    with open(pot, "rb") as fh:
        extracted = {m.id for m in read_po(fh) if m.id}
    with open(ROOT / "ivzflow/translations/en/LC_MESSAGES/messages.po", "rb") as fh:
        catalog = read_po(fh)
    translated = {m.id: m for m in catalog if m.id}
    missing = sorted(i if isinstance(i, str) else i[0] for i in extracted - set(translated))
    assert not missing, f"run `make messages` and translate: {missing[:20]}"
    untranslated = sorted(str(m.id) for m in translated.values() if m.id in extracted and (m.fuzzy or not m.string))
    assert not untranslated, f"untranslated or fuzzy in the English catalog: {untranslated[:20]}"
    for message in translated.values():
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert set(PLACEHOLDER.findall(ids[0])) == set(PLACEHOLDER.findall(strings[0])), message.id


def test_templates_follow_a_locale_switched_within_the_request(app):
    """Templates find their catalog once per request, yet still follow force_locale (as the calendar feed
    does for each user) and come back to the request's own language after it."""
    from flask import render_template_string
    from flask_babel import force_locale

    from flask_babel import gettext

    page = '{{ _("Agenda") }}|{{ _("Voorstel") }}|{{ _("%(n)s%% klaar", n=5) }}'
    with app.test_request_context("/"):
        before, python_before = render_template_string(page), gettext("Voorstel")
        with force_locale("en"):
            inside, python_inside = render_template_string(page), gettext("Voorstel")
        after, python_after = render_template_string(page), gettext("Voorstel")
    assert before == after == "Agenda|Voorstel|5% klaar"
    assert inside.startswith("Agenda|Proposal|")
    assert (python_before, python_inside, python_after) == ("Voorstel", "Proposal", "Voorstel")


def test_date_filters_give_what_flask_babel_gives(app):
    """The template filters format without Flask-Babel's lookups, with the same result in both languages."""
    from datetime import date, datetime, timezone

    from flask import render_template_string
    from flask_babel import force_locale, format_date, format_datetime

    winter = datetime(2015, 1, 31, 23, 30, tzinfo=timezone.utc)   # 1 February in Amsterdam
    summer = datetime(2015, 6, 30, 22, 15)                         # naive: UTC, so 1 July 00:15
    page = ('{{ w|datetime("EEEE d MMMM yyyy, HH:mm") }}|{{ s|datetime }}|{{ w|date }}|{{ d|date("d MMMM") }}'
            '|{{ w|datetime("HH:mm") }}|{{ s|datetime("HH:mm") }}')
    with app.test_request_context("/"):
        for language in ("nl", "en"):
            with force_locale(language):
                shown = render_template_string(page, w=winter, s=summer, d=date(2015, 3, 2))
                expected = "|".join([format_datetime(winter, "EEEE d MMMM yyyy, HH:mm"),
                                     format_datetime(summer, "d MMM yyyy HH:mm"),
                                     format_date(winter, "d MMM yyyy"), format_date(date(2015, 3, 2), "d MMMM"),
                                     format_datetime(winter, "HH:mm"), format_datetime(summer, "HH:mm")])
                assert shown == expected
    assert shown == "Sunday 1 February 2015, 00:30|1 Jul 2015 00:15|1 Feb 2015|2 March|00:30|00:15"


def test_wtforms_own_messages_follow_the_language_and_are_read_once(app):
    """WTForms' own texts (its validators' messages) come in the request's language; the catalog file is
    read once per language, not on every request with a form."""
    from flask_babel import force_locale
    from werkzeug.datastructures import MultiDict
    from wtforms import IntegerField

    from ivzflow.core.forms import FlaskForm

    class Form(FlaskForm):
        class Meta:
            csrf = False
        number = IntegerField()

    messages = {}
    for language in ("nl", "en", "nl"):
        with app.test_request_context("/", method="POST"), force_locale(language):
            form = Form(formdata=MultiDict({"number": "twaalf"}))
            assert not form.validate()
            messages.setdefault(language, set()).add(form.number.errors[0])
    assert messages["en"] == {"Not a valid integer value."}
    assert len(messages["nl"]) == 1 and messages["nl"] != messages["en"]
    catalogs = []
    for _ in range(2):  # two requests, one catalog object: read from disk once
        with app.test_request_context("/"), force_locale("nl"):
            from flask import request
            catalogs.append(request.wtforms_translations)
    assert catalogs[0] is catalogs[1] and catalogs[0].gettext("Not a valid integer value.") in messages["nl"]
