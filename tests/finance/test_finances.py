"""The Platform's money: EUR 93.913,80 from the municipalities in 2015, reserves, commitments, invoices."""
from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from ivzflow.demo.twente import DEMO_PASSWORD, MUNICIPALITIES
from ivzflow.extensions import db
from ivzflow.finance import services
from ivzflow.finance.models import Commitment, Expenditure, InhabitantCount
from ivzflow.plans.services import default_district_id


@pytest.fixture
def as_user(demo, client):
    def do(name: str):
        client.post("/logout")
        assert client.post("/login", data={"email": f"{name}@demo.ivzflow.nl",
                                           "password": DEMO_PASSWORD}).status_code == 302
        return client
    return do


def test_demo_inhabitants_add_up_to_the_sources_total():
    assert sum(v[0] for v in MUNICIPALITIES.values()) == 626_092


def test_2015_contributions_are_the_sources_exact_amount(demo):
    o = services.overview(default_district_id(), 2015)
    assert o.current.inhabitants == 626_092
    assert o.current.municipal_total == Decimal("93913.80")
    assert isinstance(o.current.municipal_total, Decimal)
    assert o.current.partners == []  # the police stopped in 2015
    assert o.reserves_total == Decimal("155000.00")
    assert o.reserve_after_commitments == Decimal("50000.00")
    assert [c.fte for c in o.staff if c.fte] == [Decimal("0.66")]
    o2014 = services.overview(default_district_id(), 2014)
    assert [p.amount for p in o2014.current.partners] == [Decimal("20000.00")]
    # next year's contributions follow from next year's figures
    assert o.years[-1].year == 2016 and o.years[-1].inhabitants != 626_092


def test_budget_page_shows_the_figures_in_dutch(as_user, count_queries):
    client = as_user("secretariaat")
    client.get("/financien/?year=2015")
    with count_queries() as counted:
        response = client.get("/financien/?year=2015")
    assert response.status_code == 200 and counted.n <= 15
    html = response.get_data(as_text=True)
    assert "€\xa093.913,80" in html.split('id="municipal-total"')[1][:80]
    assert "€\xa050.000,00" in html.split('id="reserve-after"')[1][:80]
    assert "0,66 fte" in html and "24 uur per week" in html
    assert "Politie" not in html.split('id="budget"')[1].split("</table>")[0]
    assert "Bijdrage Politie district Twente" in client.get("/financien/?year=2014").get_data(as_text=True)


@pytest.mark.parametrize("name,status", [("secretariaat", 200), ("agendacommissie", 200), ("admin", 200),
                                         ("lid", 403), ("projectleider", 403),
                                         ("communicatie", 200)])  # the projectcoördinator sits in the agendacommissie
def test_who_reads_the_money(as_user, name, status):
    assert as_user(name).get("/financien/?year=2015").status_code == status
    assert as_user(name).get("/financien/facturen.xlsx?year=2015").status_code == status


def test_invoice_list_as_pdf_and_xlsx(as_user):
    client = as_user("agendacommissie")
    response = client.get("/financien/facturen.pdf?year=2015")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    response = client.get("/financien/facturen.xlsx?year=2015")
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 15 and rows[-1][1] == 626_092
    assert Decimal(str(rows[-1][4])) == Decimal("93913.80")
    enschede = next(r for r in rows if r[0] == "Gemeente Enschede")
    assert Decimal(str(enschede[4])) == Decimal("23748.60")  # 158.324 × 0,15
    assert client.get("/financien/facturen.pdf?year=2030").status_code == 404
    assert client.get("/financien/facturen.doc?year=2015").status_code == 404


def test_the_secretariat_keeps_rate_commitments_and_spending(as_user):
    client = as_user("secretariaat")
    district = default_district_id()
    response = client.post("/financien/tarief?year=2017", data={"rate": "0,16", "reference_on": "2016-05-01"})
    assert response.status_code == 302
    o = services.overview(district, 2017)
    assert o.current.rule.rate == Decimal("0.16")
    response = client.post("/financien/verplichtingen?year=2017", data={
        "kind": "project", "source": "reserve", "title": "Buurtbemiddeling", "start_year": "2017", "end_year": "2017",
        "amount_per_year": "12.500,00"})
    assert response.status_code == 302
    assert services.overview(district, 2017).reserve_after_commitments == Decimal("37500.00")
    commitment = db.session.scalar(select(Commitment).where(Commitment.title == "Buurtbemiddeling"))
    response = client.post("/financien/uitgaven?year=2017", data={
        "commitment_id": commitment.id, "spent_on": "2017-03-01", "amount": "1.250,50", "description": "Training"})
    assert response.status_code == 302
    assert services.overview(district, 2017).current.spent == Decimal("1250.50")
    # bad input: a message, never a 500
    for data in ({"rate": "abc", "reference_on": "2016-05-01"}, {"rate": "-1", "reference_on": "2016-05-01"},
                 {"rate": "0,151234", "reference_on": "2016-05-01"}):
        response = client.post("/financien/tarief?year=2017", data=data)
        assert response.status_code == 400, data
    response = client.post("/financien/uitgaven?year=2017", data={
        "commitment_id": "0", "spent_on": "2017-03-01", "amount": "1e400", "description": "x"})
    assert response.status_code == 400
    response = client.post("/financien/verplichtingen?year=2017", data={
        "kind": "project", "source": "budget", "title": "X", "start_year": "2018", "end_year": "2017",
        "amount_per_year": "1"})
    assert response.status_code == 400 and "laatste jaar" in response.get_data(as_text=True)


def test_a_spending_proposal_goes_past_the_functioneringscommissie(as_user):
    client = as_user("secretariaat")
    commitment = db.session.scalar(select(Commitment).where(Commitment.title.like("Communicatiestrategie%")))
    response = client.post(f"/financien/verplichtingen/{commitment.id}/bestedingsvoorstel")
    assert response.status_code == 302
    db.session.expire_all()
    commitment = db.session.get(Commitment, commitment.id)
    from ivzflow.decisions.models import DecisionItem
    item = db.session.get(DecisionItem, commitment.decision_item_id)
    assert item.decision_body.name == "Agendacommissie Platform IVZ"
    assert [(c.body.name, c.role) for c in item.route][0] == ("Functioneringscommissie Platform IVZ", "advice")
    response = client.post(f"/financien/verplichtingen/{commitment.id}/bestedingsvoorstel", follow_redirects=True)
    # refused with a message: one proposal per commitment
    assert "Voor deze verplichting is al een bestedingsvoorstel." in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(DecisionItem.id)).where(DecisionItem.title == item.title)) == 1


@pytest.mark.parametrize("name", ["agendacommissie", "lid"])
def test_only_the_secretariat_changes_the_money(as_user, name):
    client = as_user(name)
    assert client.post("/financien/tarief?year=2017", data={"rate": "1", "reference_on": "2016-05-01"}).status_code == 403
    assert client.post("/financien/uitgaven?year=2017", data={}).status_code == 403


def test_parse_amount_takes_dutch_and_plain_notation():
    assert services.parse_amount("€ 93.913,80", "x") == Decimal("93913.80")
    assert services.parse_amount("93913.80", "x") == Decimal("93913.80")
    assert services.money(Decimal("0.15") * 626_092) == Decimal("93913.80")


def test_a_rate_saved_meanwhile_by_someone_else_is_not_overwritten(as_user):
    client = as_user("secretariaat")
    rule = services.overview(default_district_id(), 2015).current.rule
    response = client.post("/financien/tarief?year=2015", data={
        "rate": "0,20", "reference_on": "2014-01-01", "version": str(rule.version - 1 or rule.version + 1)})
    assert response.status_code == 409
    db.session.expire_all()
    assert services.overview(default_district_id(), 2015).current.rule.rate == Decimal("0.15")
