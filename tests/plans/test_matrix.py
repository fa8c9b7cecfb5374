"""The theme matrix of the local plans: the source's totals and eight themes, exports, the rule, the plans."""
from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from ivzflow.accounts.roles import Role
from ivzflow.demo.twente_plans import SOURCE_TOTALS
from ivzflow.extensions import db
from ivzflow.organisations.models import Organisation
from ivzflow.plans import services
from ivzflow.plans.models import LocalPlan, SafetyTheme

EIGHT = ["Subjectieve veiligheid (burgerparticipatie en zelfredzaamheid)", "Woonoverlast (w.o. psychisch kwetsbaren)",
         "Woninginbraken (HIC: overvallen en straatroof)", "Fietsendiefstal", "Zorg en veiligheid", "Jeugdoverlast",
         "Jeugd, alcohol en drugs", "Verkeersveiligheid"]


def _twente_id():
    return services.default_district_id()


def test_demo_matrix_has_the_sources_totals_and_its_eight_themes(demo):
    m = services.matrix(_twente_id(), 2015)
    assert len(m.plans) == 14
    assert m.totals == SOURCE_TOTALS
    assert m.threshold == 7
    assert [r.theme.name for r in m.qualifying] == EIGHT


def test_matrix_page_shows_totals_and_qualifying_themes(demo_login, count_queries):
    client = demo_login("secretariaat")
    client.get("/plannen/?year=2015")
    with count_queries() as counted:
        response = client.get("/plannen/?year=2015")
    assert response.status_code == 200
    assert counted.n <= 15
    html = response.get_data(as_text=True)
    qualifying = html.split('id="qualifying"')[1].split("</ol>")[0]
    for name in EIGHT:
        assert name in qualifying
    assert "Polarisatie en radicalisering" not in qualifying
    assert "Veiligheidsstrategie Oost-Nederland 2015-2018" in html  # partner priorities
    heat = client.get("/plannen/?year=2015&view=heat").get_data(as_text=True)
    assert "heat-5" in heat and "Heatmap" in heat


def test_a_year_without_plans_says_so_and_bad_years_are_refused(demo_login):
    client = demo_login("lid")
    assert "geen lokale plannen" in client.get("/plannen/?year=2019").get_data(as_text=True)
    assert client.get("/plannen/?year=abc").status_code == 400
    assert client.get("/plannen/?district=99999999999999").status_code == 400


def test_matrix_exports_csv_and_xlsx_with_totals(demo_login):
    client = demo_login("lid")
    response = client.get("/plannen/matrix.csv?year=2015")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig")), delimiter=";"))
    assert rows[0][2:16] == sorted(rows[0][2:16])  # municipalities in name order
    assert [int(r[16]) for r in rows[1:]] == SOURCE_TOTALS
    assert sum(r[17] == "ja" for r in rows[1:]) == 8
    response = client.get("/plannen/matrix.xlsx?year=2015")
    sheet = load_workbook(io.BytesIO(response.data)).active
    assert [sheet.cell(row=i, column=17).value for i in range(2, 23)] == SOURCE_TOTALS
    assert client.get("/plannen/matrix.pdf?year=2015").status_code == 404


def test_the_secretariat_changes_the_rule_and_the_qualifying_themes_follow(demo_login):
    client = demo_login("secretariaat")
    response = client.post("/plannen/drempel?year=2015", data={"count": "9", "version": services.qualifying_version()})
    assert response.status_code == 302
    m = services.matrix(_twente_id(), 2015)
    assert [r.count for r in m.qualifying] == [9, 13, 10]
    assert client.post("/plannen/drempel", data={"count": "0"}).status_code == 302
    assert services.qualifying_count() == 9


@pytest.mark.parametrize("name", ["lid", "agendacommissie", "projectleider"])
def test_others_cannot_change_the_rule_or_plans(demo_login, name):
    client = demo_login(name)
    assert client.post("/plannen/drempel", data={"count": "3"}).status_code == 403
    assert client.get("/plannen/lokale-plannen/nieuw").status_code == 403
    assert client.get("/plannen/").status_code == 200  # but read the matrix


def test_menu_entry_only_for_secretariat_and_agendacommissie(demo_login):
    assert "Beleidscyclus" in demo_login("secretariaat").get("/").get_data(as_text=True)
    assert "Beleidscyclus" in demo_login("agendacommissie").get("/").get_data(as_text=True)
    assert "Beleidscyclus" not in demo_login("lid").get("/").get_data(as_text=True)


def test_the_rule_form_needs_its_csrf_token(demo_login, app):
    client = demo_login("secretariaat")
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        assert client.post("/plannen/drempel", data={"count": "5"}).status_code == 400
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert services.qualifying_count() == 7


def test_secretariat_adds_and_edits_a_local_plan(demo_login, count_queries):
    client = demo_login("secretariaat")
    borne = db.session.scalar(db.select(Organisation).where(Organisation.short_name == "Borne"))
    theme = db.session.scalar(db.select(SafetyTheme).where(SafetyTheme.name == "Fietsendiefstal"))
    data = {"organisation_id": borne.id, "start_year": "2017", "end_year": "2020", "adopted_on": "2016-12-15",
            "theme_ids": [theme.id]}
    response = client.post("/plannen/lokale-plannen/nieuw", data=data)
    assert response.status_code == 302
    plan = db.session.scalar(db.select(LocalPlan).where(LocalPlan.start_year == 2017))
    assert plan.title == "Integraal veiligheidsplan Borne 2017-2020"
    assert [t.name for t in plan.themes] == ["Fietsendiefstal"]
    m = services.matrix(plan.district_id, 2018)
    assert [(r.theme.name, r.count) for r in m.qualifying] == []  # one plan: nothing reaches 7
    # an overlapping period for the same municipality is refused with a message
    response = client.post("/plannen/lokale-plannen/nieuw", data={**data, "start_year": "2016", "end_year": "2018"})
    assert response.status_code == 400
    assert "al een plan" in response.get_data(as_text=True)
    # an end before the start
    response = client.post(f"/plannen/lokale-plannen/{plan.id}",
                           data={**data, "end_year": "2015", "version": plan.version})
    assert response.status_code == 400
    # a stale form
    response = client.post(f"/plannen/lokale-plannen/{plan.id}", data={**data, "version": plan.version + 5})
    assert response.status_code == 409
    with count_queries() as counted:
        response = client.get("/plannen/lokale-plannen")
    assert response.status_code == 200 and counted.n <= 15
    assert "Integraal veiligheidsplan Borne 2017-2020" in response.get_data(as_text=True)


def test_a_partner_cannot_have_a_local_plan(login_as, client, make_org, twente):
    login_as(Role.SECRETARIAT)
    police = make_org("Politie", classification="politie", district_id=twente[0].id)
    response = client.post("/plannen/lokale-plannen/nieuw",
                           data={"organisation_id": police.id, "start_year": "2017", "end_year": "2018"})
    assert response.status_code == 400
    assert "Kies de gemeente" in response.get_data(as_text=True)


def test_a_fresh_installation_shows_empty_pages_not_errors(login_as, client):
    login_as(Role.SECRETARIAT)
    for url in ("/plannen/", "/plannen/lokale-plannen", "/plannen/weging", "/plannen/kalender", "/financien/"):
        assert client.get(url).status_code == 200, url
    assert "geen lokale plannen" in client.get("/plannen/?year=2015").get_data(as_text=True)
    assert client.post("/plannen/weging?year=2016", data={"action": "start"}).status_code == 400
