"""Lists default to the user's districts (issue 18): a user of Twente sees Twente's meetings and proposals; he
may pick another district (and sees there only what he may see anywhere) or all of them; the API the same."""
from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from ivzflow.accounts.roles import Role
from ivzflow.accounts.services import create_token
from ivzflow.core import clock
from ivzflow.decisions import services
from ivzflow.extensions import db
from ivzflow.meetings.services import create_meeting
from ivzflow.organisations.models import District
from tests.decisions.conftest import STORY, body


@pytest.fixture
def two(story, make_user, make_body):
    """Twente (the demo) and IJsselland, each with a published meeting and proposals; a secretariat user of
    Twente who drafted one proposal in each, and someone else's draft in IJsselland he may not read."""
    twente = db.session.scalar(select(District).where(District.name == "Twente"))
    other = District(name="Drenthe (test)")
    db.session.add(other)
    db.session.flush()
    user = make_user(Role.SECRETARIAT, districts=[twente])
    stranger = make_user(Role.SECRETARIAT, districts=[other])
    start = (STORY + timedelta(days=3)).astimezone(clock.LOCAL_TZ).replace(hour=10, minute=0)
    own = make_body("Overleg Twente-zuid", district_id=twente.id)
    far = make_body("DVO Drenthe", district_id=other.id)
    create_meeting(None, own, start, 60, publish=True, name="Overleg Twente-zuid 4 juni")
    create_meeting(None, far, start, 60, publish=True, name="DVO Drenthe 4 juni")

    def draft(actor, title, district):
        item = services.create_item(actor, decision_body=body("DVO"), title=title)
        item.district_id = district.id
        return item

    draft(user, "Zuidelijke aanpak Twente", twente)
    draft(user, "Gedeelde aanpak IJsselland", other)
    draft(stranger, "Interne zaak IJsselland", other)
    db.session.commit()
    return twente, other, user


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_proposals_default_to_his_district_and_he_may_pick_another(client, two, login):
    twente, other, user = two
    login(user)
    mine = _page(client, "/decisions?per_page=200")
    assert "Zuidelijke aanpak Twente" in mine and "Gedeelde aanpak IJsselland" not in mine
    assert "Mijn districten" in mine and "IJsselland" in mine  # the select
    picked = _page(client, f"/decisions?district={other.id}&per_page=200")
    assert "Gedeelde aanpak IJsselland" in picked and "Zuidelijke aanpak Twente" not in picked
    assert "Interne zaak IJsselland" not in picked  # the filter never shows more than he may see
    every = _page(client, "/decisions?district=alle&per_page=200")
    assert "Gedeelde aanpak IJsselland" in every and "Zuidelijke aanpak Twente" in every
    assert "Interne zaak IJsselland" not in every
    assert "Zuidelijke aanpak Twente" in _page(client, "/decisions?district=nonsense&per_page=200")


def test_the_calendar_defaults_to_his_district(client, two, login):
    twente, other, user = two
    login(user)
    for url in ("/meetings?from=2015-06-01", "/calendar?month=2015-06"):  # (the body select names every body)
        mine = _page(client, url)
        assert "Overleg Twente-zuid 4 juni" in mine and "DVO Drenthe 4 juni" not in mine, url
        picked = _page(client, f"{url}&district={other.id}")
        assert "DVO Drenthe 4 juni" in picked and "Overleg Twente-zuid 4 juni" not in picked, url
        every = _page(client, f"{url}&district=alle")
        assert "DVO Drenthe 4 juni" in every and "Overleg Twente-zuid 4 juni" in every, url


def _api(client, url, secret):
    response = client.get(url, headers={"Authorization": f"Bearer {secret}"})
    return response


def test_the_api_lists_default_to_his_districts_and_mark_them(client, two):
    twente, other, user = two
    _token, secret = create_token(user, "test")
    db.session.commit()
    districts = {d["name"]: d for d in _api(client, "/api/v1/districts", secret).json["data"]}
    assert districts["Twente"]["mine"] is True and districts["IJsselland"]["mine"] is False
    assert districts["IJsselland"]["level"] == "district"

    def names(url):
        response = _api(client, url, secret)
        assert response.status_code == 200, response.json
        return {d["name"] for d in response.json["data"]}

    items = "/api/v1/decision-items?per_page=200"
    assert "Zuidelijke aanpak Twente" in names(items) and "Gedeelde aanpak IJsselland" not in names(items)
    picked = names(f"{items}&district={other.id}")
    assert "Gedeelde aanpak IJsselland" in picked and "Zuidelijke aanpak Twente" not in picked
    assert "Interne zaak IJsselland" not in picked
    assert {"Gedeelde aanpak IJsselland", "Zuidelijke aanpak Twente"} <= names(f"{items}&district=alle")

    meetings = "/api/v1/meetings?from=2015-06-04&to=2015-06-04&per_page=200"
    assert names(meetings) >= {"Overleg Twente-zuid 4 juni"} and "DVO Drenthe 4 juni" not in names(meetings)
    assert "DVO Drenthe 4 juni" in names(f"{meetings}&district={other.id}")
    assert {"DVO Drenthe 4 juni", "Overleg Twente-zuid 4 juni"} <= names(f"{meetings}&district=alle")
    bad = _api(client, f"{meetings}&district=nonsense", secret)
    assert bad.status_code == 400 and "district" in bad.json["error"]["message"]


def test_the_administrator_marks_every_district_his(client, two, make_user):
    admin = make_user(Role.ADMIN)
    _token, secret = create_token(admin, "test")
    db.session.commit()
    assert all(d["mine"] for d in _api(client, "/api/v1/districts", secret).json["data"])


def test_search_defaults_to_his_district_through_the_index(client, two, login):
    """The full-text index itself is narrowed to the picked districts (search_entry.district_id as an indexed
    word): Twente's proposal is found by default, IJsselland's only when that district or all are picked."""
    twente, other, user = two
    login(user)

    def search(query):  # the page's text (its titles carry <mark> around the words asked)
        return re.sub(r"<[^>]+>", "", _page(client, f"/search?q={query}"))
    assert "Zuidelijke aanpak Twente" in search("zuidelijke+aanpak")
    assert "Gedeelde aanpak IJsselland" not in search("gedeelde+aanpak")
    picked = search(f"gedeelde+aanpak&district={other.id}")
    assert "Gedeelde aanpak IJsselland" in picked
    assert "Zuidelijke aanpak Twente" not in search(f"zuidelijke+aanpak&district={other.id}")
    assert "Interne zaak IJsselland" not in search(f"interne+zaak&district={other.id}")
    assert "Gedeelde aanpak IJsselland" in search("gedeelde+aanpak&district=alle")
    _token, secret = create_token(user, "test")
    db.session.commit()

    def found(query):
        return {d["title"] for d in _api(client, f"/api/v1/search?q={query}", secret).json["data"]}
    assert "Zuidelijke aanpak Twente" in found("zuidelijke+aanpak") and not found("gedeelde+aanpak") & {
        "Gedeelde aanpak IJsselland"}
    assert "Gedeelde aanpak IJsselland" in found(f"gedeelde+aanpak&district={other.id}")
