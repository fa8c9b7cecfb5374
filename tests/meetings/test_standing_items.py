"""A body's standing agenda items, kept by the secretariat on /bodies/<id>/standing-items."""
import pytest
from sqlalchemy import select

from ivzflow.extensions import db
from ivzflow.meetings.agenda import agenda_order
from ivzflow.meetings.models import StandingItem


def _titles(body) -> list[str]:
    items = db.session.scalars(select(StandingItem).where(StandingItem.body_id == body.id))
    return [i.title for i in sorted(items, key=agenda_order)]


def _add(client, body, title, **extra):
    return client.post(f"/bodies/{body.id}/standing-items",
                       data={"title": title, "duration_minutes": 5, "visibility": "public", **extra})


@pytest.mark.parametrize("who, status", [
    ("secretariat", 200), ("preparer", 403), ("secretary", 403), ("member", 403),
])
def test_only_the_secretariat_keeps_standing_items(client, login, chain, who, status):
    login(getattr(chain, who))
    assert client.get(f"/bodies/{chain.dvo.id}/standing-items").status_code == status
    assert _add(client, chain.dvo, "Mededelingen").status_code == (303 if status == 200 else 403)


def test_secretariat_adds_reorders_edits_and_removes(client, login, chain):
    login(chain.secretariat)
    _add(client, chain.dvo, "Terugkoppeling Regionaal Veiligheidsoverleg ON")
    _add(client, chain.dvo, "Mededelingen")
    assert _titles(chain.dvo) == ["Terugkoppeling Regionaal Veiligheidsoverleg ON", "Mededelingen"]
    mededelingen = db.session.scalar(select(StandingItem).where(StandingItem.title == "Mededelingen"))
    assert client.post(f"/standing-items/{mededelingen.id}/move", data={"direction": "up"}).status_code == 303
    assert _titles(chain.dvo) == ["Mededelingen", "Terugkoppeling Regionaal Veiligheidsoverleg ON"]
    db.session.refresh(mededelingen)
    seen = mededelingen.version
    response = client.post(f"/standing-items/{mededelingen.id}/edit", data={
        "title": "Opening en mededelingen", "duration_minutes": 10, "visibility": "public", "version": seen})
    assert response.status_code == 303
    stale = client.post(f"/standing-items/{mededelingen.id}/edit", data={
        "title": "Overschreven", "duration_minutes": 10, "visibility": "public", "version": seen})
    assert stale.status_code == 409
    db.session.refresh(mededelingen)
    assert (mededelingen.title, mededelingen.duration_minutes) == ("Opening en mededelingen", 10)
    client.post(f"/standing-items/{mededelingen.id}/delete", data={"version": mededelingen.version})
    assert _titles(chain.dvo) == ["Terugkoppeling Regionaal Veiligheidsoverleg ON"]
    page = client.get(f"/bodies/{chain.dvo.id}/standing-items").get_data(as_text=True)
    assert "Terugkoppeling Regionaal Veiligheidsoverleg ON" in page and 'name="section"' not in page


def test_a_driehoek_template_has_a_common_and_a_local_part(client, login, chain, make_body):
    driehoek = make_body("Gezagsdriehoek Basisteam Enschede", kind="driehoek")
    login(chain.secretariat)
    _add(client, driehoek, "Lokale mededelingen", section="local")
    _add(client, driehoek, "Opening", section="common")
    assert _titles(driehoek) == ["Opening", "Lokale mededelingen"]
    response = _add(client, driehoek, "Zonder deel", section="")
    assert response.status_code == 400


def test_a_standing_item_needs_a_title(client, login, chain):
    login(chain.secretariat)
    response = _add(client, chain.dvo, "")
    assert response.status_code == 400
    assert _titles(chain.dvo) == []


def test_a_standing_item_can_be_marked_as_closing(client, login, chain):
    login(chain.secretariat)
    _add(client, chain.dvo, "Rondvraag en sluiting", is_closing="y")
    _add(client, chain.dvo, "Mededelingen")
    closing = {i.title: i.is_closing for i in db.session.scalars(select(StandingItem))}
    assert closing == {"Rondvraag en sluiting": True, "Mededelingen": False}
    page = client.get(f"/bodies/{chain.dvo.id}/standing-items").get_data(as_text=True)
    assert "slotpunt" in page
