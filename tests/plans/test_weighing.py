"""Weighing the themes against the criteria a) to i), and drafting the DVO proposal in one click."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from ivzflow.decisions.models import DecisionItem, ItemAttachment
from ivzflow.extensions import db
from ivzflow.plans import services
from ivzflow.plans.models import SafetyTheme, Weighing
from ivzflow.projects.models import Project


def _weighing(year: int) -> Weighing:
    db.session.expire_all()
    return db.session.scalar(select(Weighing).where(Weighing.year == year))


def test_demo_weighing_gave_the_three_speerpunten_and_links_the_projects(demo_login, count_queries):
    client = demo_login("agendacommissie")
    client.get("/plannen/weging?year=2015")
    with count_queries() as counted:
        response = client.get("/plannen/weging?year=2015")
    assert response.status_code == 200 and counted.n <= 15
    html = response.get_data(as_text=True)
    speerpunten = html.split('id="speerpunten"')[1].split("</ol>")[0]
    assert speerpunten.count("<li>") == 3
    for name in ("Woninginbraken", "Woonoverlast", "Georganiseerde criminaliteit"):
        assert name in speerpunten
    assert "Actieplan Platform IVZ Twente 2015-2016" in html  # the DVO decision, and the weighing lies fixed
    assert 'id="weighing-form"' not in html
    item_id = db.session.scalar(select(DecisionItem.id).where(DecisionItem.title == "Actieplan Platform IVZ Twente 2015-2016"))
    project = db.session.scalar(select(Project).where(Project.title == "Aanpak woninginbraken"))
    assert project.assignment_decision_id == item_id


def _weigh(client, w: Weighing, **overrides) -> dict:
    data = {"version": w.version, "action": "save", "opgaven": "Informatiepositie versterken\nZichtbaarheid"}
    for i, entry in enumerate(w.entries):
        for letter in "abcdefghi":
            data[f"j-{entry.id}-{letter}"] = "yes" if i < 3 else "no"
        data[f"r-{entry.id}-a"] = "Primaat bij het DVO."
        data[f"o-{entry.id}"] = "speerpunt" if i < 2 else ("aandachtsthema" if i == 2 else "none")
    data.update(overrides)
    return data


def test_agendacommissie_weighs_and_drafts_the_dvo_proposal(demo_login, count_queries):
    client = demo_login("agendacommissie")
    response = client.get("/plannen/weging?year=2017")
    assert "Begin de weging" in response.get_data(as_text=True)
    assert client.post("/plannen/weging?year=2017", data={"action": "start"}).status_code == 302
    w = _weighing(2017)
    assert w.matrix_year == 2016 and len(w.entries) == 8  # the eight qualifying themes of the plans in 2016
    # add a theme from the environment analysis
    extra = db.session.scalar(select(SafetyTheme).where(SafetyTheme.name.like("Polarisatie%")))
    assert client.post("/plannen/weging?year=2017",
                       data={"action": "add", "theme_id": extra.id, "version": w.version}).status_code == 302
    w = _weighing(2017)
    assert len(w.entries) == 9 and w.entries[-1].added_by_hand
    response = client.post("/plannen/weging?year=2017", data=_weigh(client, w))
    assert response.status_code == 302
    w = _weighing(2017)
    assert [e.outcome for e in w.entries[:4]] == ["speerpunt", "speerpunt", "aandachtsthema", "none"]
    assert w.entries[0].judgements["a"] == {"met": True, "reason": "Primaat bij het DVO."}
    with count_queries() as counted:
        response = client.get("/plannen/weging?year=2017")
    assert response.status_code == 200 and counted.n <= 15
    # one click drafts the proposal on the DVO route, with the matrix and weighing attached
    response = client.post("/plannen/weging?year=2017", data={"action": "draft", "version": w.version})
    assert response.status_code == 302
    item = db.session.scalar(select(DecisionItem).where(DecisionItem.title.like("%actieplan Platform IVZ 2017-2018%")))
    assert response.headers["Location"].endswith(f"/{item.id}")
    assert item.decision_body.name == "DVO Twente"
    assert item.route  # computed by the decisions service
    assert "Subjectieve veiligheid" in item.points[0].text
    documents = db.session.scalars(select(ItemAttachment).where(ItemAttachment.item_id == item.id)).all()
    assert [d.filename for d in documents] == ["themamatrix-en-weging-2017-2018.pdf"]
    assert _weighing(2017).decision_item_id == item.id
    # now it lies fixed
    response = client.post("/plannen/weging?year=2017", data=_weigh(client, _weighing(2017)))
    assert response.status_code == 409
    assert "ligt vast" in response.get_data(as_text=True)


def test_bad_weighing_input_gives_a_message_not_a_500(demo_login):
    client = demo_login("secretariaat")
    client.post("/plannen/weging?year=2017", data={"action": "start"})
    w = _weighing(2017)
    first = w.entries[0].id
    response = client.post("/plannen/weging?year=2017", data=_weigh(client, w, **{f"o-{first}": "bogus"}))
    assert response.status_code == 400
    response = client.post("/plannen/weging?year=2017", data=_weigh(client, w, **{f"r-{first}-b": "x" * 301}))
    assert response.status_code == 400 and "hoogstens 300" in response.get_data(as_text=True)
    response = client.post("/plannen/weging?year=2017", data=_weigh(client, w, version=w.version + 3))
    assert response.status_code == 409
    # no speerpunt: no proposal
    response = client.post("/plannen/weging?year=2017", data={"action": "draft", "version": w.version})
    assert response.status_code == 400 and "speerpunt" in response.get_data(as_text=True)
    # a year without plans
    response = client.post("/plannen/weging?year=2030", data={"action": "start"})
    assert response.status_code == 400
    assert client.get("/plannen/weging?year=abc").status_code == 400


@pytest.mark.parametrize("name", ["lid", "projectleider"])
def test_members_cannot_see_or_weigh(demo_login, name):
    client = demo_login(name)
    assert client.get("/plannen/weging?year=2015").status_code == 403
    assert client.post("/plannen/weging?year=2017", data={"action": "start"}).status_code == 403
    assert _weighing(2017) is None


def test_admin_reads_the_weighing_but_does_not_weigh(demo_login):
    client = demo_login("admin")
    assert client.get("/plannen/weging?year=2015").status_code == 200
    assert client.post("/plannen/weging?year=2017", data={"action": "start"}).status_code == 403
