"""Searching as users do: the demo's hennep story, what another body's member may not find, the index kept
current with every commit, the API, and a fixed number of queries per search."""
from __future__ import annotations

import io
import re
import zipfile
from datetime import timedelta

import pytest
from sqlalchemy import select

from ivzflow.accounts.models import User
from ivzflow.accounts.roles import Role
from ivzflow.accounts.services import create_token, create_user
from ivzflow.bodies.models import Body, Seat
from ivzflow.bodies.services import appoint
from ivzflow.core import clock, files
from ivzflow.extensions import db
from ivzflow.people.models import Person
from ivzflow.projects.models import Project
from ivzflow.search import extract
from ivzflow.search.indexer import reindex_all
from ivzflow.search.models import SearchEntry

DEMO_PASSWORD = "Twente-demo-2015"
PROJECT = "Aanpak georganiseerde <mark>hennepteelt</mark>"
PROPOSAL = "Convenant aanpak georganiseerde <mark>hennepteelt</mark> Twente"
DVO_DECISION_LIST = "DVO 20 mei 2015"
ADOPTED_PROPOSAL = "Actieplan Platform IVZ Twente 2015-2016"
PDF_LINE = "samen een <mark>hennepkwekerij</mark> ontmantelen"
PDF = "Uitvoeringsprotocol hennep Twente.pdf"


def _results(page: str) -> list[tuple[str, str]]:
    """(kind label, title without marks) of each result on a results page."""
    found = re.findall(r'<h2><a href="[^"]*">(.*?)</a></h2>\s*<p class="muted">([^<·]*)', page)
    return [(kind.strip(), re.sub(r"</?mark>", "", title)) for title, kind in found]


def _login(client, email: str) -> None:
    response = client.post("/login", data={"email": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302


def _outsider(body_name: str = "Gezagsdriehoek Basisteam Noord") -> User:
    """A mayor's deputy in another basisteam's driehoek only: a seat, but in no body of the chain."""
    person = Person(name="Buitenstaander Noord")
    db.session.add(person)
    db.session.flush()
    seat = Seat(body_id=db.session.scalar(select(Body.id).where(Body.name == body_name)), name="Buitenstaander")
    db.session.add(seat)
    db.session.flush()
    appoint(None, seat, person, clock.today() - timedelta(days=30))
    user = create_user("buiten@example.org", DEMO_PASSWORD, {Role.MEMBER}, person_id=person.id)
    db.session.commit()
    return user


def test_projectleider_finds_the_cannabis_project_its_proposals_the_dvo_decision_and_a_line_in_a_pdf(demo, client):
    _login(client, "projectleider@demo.ivzflow.nl")
    page = client.get("/search?q=hennep").get_data(as_text=True)
    for expected in (PROJECT, PROPOSAL, DVO_DECISION_LIST, ADOPTED_PROPOSAL, PDF_LINE):
        assert expected in page, expected
    assert 'role="search"' in page and '<ol class="search-results"' in page


def test_a_member_of_another_body_finds_nothing_confidential(demo, client):
    _outsider()
    _login(client, "buiten@example.org")
    page = client.get("/search?q=hennep").get_data(as_text=True)
    results = _results(page)
    assert ("Project", "Aanpak georganiseerde hennepteelt") in results  # projects are for everyone
    # the Platform's confidential agenda item on the convenant: neither listed nor counted
    assert "Agendapunt" not in {kind for kind, _title in results} and "Agendapunten <span" not in page
    # a vertrouwelijk proposal, on the route of the Platform and the DVO only
    secret = client.get("/search?q=afstemmingsoverleg+radicalisering").get_data(as_text=True)
    assert _results(secret) == [] and "0 resultaten" in secret
    assert "0 resultaten" in client.get("/search?q=radicalisering&kind=proposal").get_data(as_text=True)


def test_a_user_without_a_seat_does_not_find_an_intern_proposal_or_its_document(demo, client, make_user):
    client.post("/login", data={"email": make_user(Role.MEMBER).email, "password": "paarse olifant danst op de brug"})
    page = client.get("/search?q=hennep").get_data(as_text=True)
    titles = {title for _kind, title in _results(page)}
    assert "Aanpak georganiseerde hennepteelt" in titles
    assert "Convenant aanpak georganiseerde hennepteelt Twente" not in titles and PDF not in titles
    assert PDF_LINE not in page


def test_an_agenda_item_marked_public_does_not_reveal_its_intern_proposal(demo, client, make_user):
    """The agenda item that puts the intern hennep convenant before the DVO follows the proposal's rule in
    search too (as on the agenda page), even when the item itself is marked public."""
    from ivzflow.decisions.models import DecisionItem
    from ivzflow.meetings.models import AgendaItem

    proposal = db.session.scalar(select(DecisionItem).where(DecisionItem.title.like("Convenant aanpak%")))
    assert proposal.confidentiality == "intern"
    items = list(db.session.scalars(select(AgendaItem).where(AgendaItem.decision_item_id == proposal.id)))
    assert items, "the demo puts the convenant on an agenda"
    for item in items:
        item.is_public = True
        item.title = "Convenant hennepteelt agendapunt"
    db.session.commit()
    client.post("/login", data={"email": make_user(Role.MEMBER).email, "password": "paarse olifant danst op de brug"})
    for words in ("agendapunt", "convenant"):
        page = client.get(f"/search?q={words}").get_data(as_text=True)
        assert "Convenant" not in page and "Platform IVZ 29 april 2015" not in page, words
    client.post("/logout")
    _login(client, "projectleider@demo.ivzflow.nl")  # who may see the intern proposal finds its item
    titles = {title for _kind, title in _results(client.get("/search?q=agendapunt").get_data(as_text=True))}
    assert "Convenant hennepteelt agendapunt" in titles


def test_filters_narrow_the_results_and_the_counts_follow_what_is_visible(demo, client):
    _login(client, "projectleider@demo.ivzflow.nl")
    only_documents = client.get("/search?q=hennep&kind=document").get_data(as_text=True)
    assert PDF_LINE in only_documents and PROJECT not in only_documents
    assert "Documenten <span class=\"muted\">(1)</span>" in only_documents
    dvo = db.session.scalar(select(Body.id).where(Body.short_name == "DVO"))
    in_dvo = client.get(f"/search?q=hennep&body={dvo}&year=2015").get_data(as_text=True)
    assert PROPOSAL in in_dvo and PROJECT not in in_dvo
    assert "0 resultaten" in client.get("/search?q=hennep&year=2014").get_data(as_text=True)


def test_bad_filter_input_is_a_message_on_the_form(demo, client):
    _login(client, "projectleider@demo.ivzflow.nl")
    response = client.get("/search?q=hennep&year=abc&kind=nonsense")
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.get_data(as_text=True)


def test_snippets_are_escaped(ctx, client, login_as):
    login_as(Role.SECRETARIAT)
    db.session.add(Project(title="<script>alert(1)</script> hennep", kind="speerpunt",
                           analysis="<b>vet</b> &amp; hennepteelt"))
    db.session.commit()
    page = client.get("/search?q=hennep").get_data(as_text=True)
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; <mark>hennep</mark>" in page


def test_the_index_follows_each_commit_and_a_rollback_leaves_it_alone(ctx, client, login_as):
    login_as(Role.SECRETARIAT)
    project = Project(title="Aanpak woninginbraak", kind="aandachtsthema", approach="Graveren bij stations")
    db.session.add(project)
    db.session.commit()
    assert "Aanpak <mark>woninginbraak</mark>" in client.get("/search?q=woninginbraken").get_data(as_text=True)

    project.approach = "Camera's bij de stallingen"
    db.session.flush()
    db.session.rollback()
    assert "graveren" in db.session.scalar(select(SearchEntry.text).where(SearchEntry.kind == "project")).lower()

    project = db.session.get(Project, project.id)
    project.approach = "Camera's bij de stallingen"
    db.session.commit()
    assert "<mark>stallingen</mark>" in client.get("/search?q=stalling").get_data(as_text=True)
    assert "1 resultaat" not in client.get("/search?q=graveren").get_data(as_text=True)

    db.session.delete(db.session.get(Project, project.id))
    db.session.commit()
    assert db.session.scalar(select(SearchEntry.id).where(SearchEntry.kind == "project")) is None


def test_reindex_rebuilds_the_same_index(demo):
    before = sorted(db.session.execute(select(SearchEntry.kind, SearchEntry.object_id, SearchEntry.text)).all())
    assert reindex_all(db.session()) == len(before)
    db.session.commit()
    assert sorted(db.session.execute(select(SearchEntry.kind, SearchEntry.object_id, SearchEntry.text)).all()) == before


def test_the_reindex_command(demo, app):
    db.session.execute(SearchEntry.__table__.delete())
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["search", "reindex"])
    assert result.exit_code == 0 and "Search index rebuilt" in result.output
    assert db.session.scalar(select(SearchEntry.id).where(SearchEntry.kind == "proposal_document")) is not None


def _docx(text: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", '<Types><Override PartName="/word/document.xml" ContentType="application/'
                         'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        archive.writestr("word/document.xml", f"<w:document><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
                                              "</w:body></w:document>")
    return out.getvalue()


def _odt(text: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", f"<office:document-content><text:p>{text}</text:p></office:document-content>")
    return out.getvalue()


@pytest.mark.parametrize("name,content", [("memo.docx", _docx("Graskweek &amp; hennep")),
                                          ("memo.odt", _odt("Graskweek &amp; hennep")),
                                          ("memo.txt", "Graskweek & hennep".encode())])
def test_text_is_read_from_word_opendocument_and_plain_text_files(ctx, name, content):
    stored = files.save(io.BytesIO(content), name)
    assert "Graskweek & hennep" in extract.text_of(stored.stored_name, stored.content_type)


def test_an_unreadable_document_is_still_stored_and_found_by_its_name(ctx):
    stored = files.save(io.BytesIO(b"%PDF-1.4 not really a pdf"), "kapot.pdf")
    assert extract.text_of(stored.stored_name, stored.content_type) == ""


def test_the_api_answers_what_the_token_user_may_see(demo, client):
    projectleider = db.session.scalar(select(User).where(User.email == "projectleider@demo.ivzflow.nl"))
    _token, secret = create_token(projectleider, "zoeken")
    db.session.commit()
    headers = {"Authorization": f"Bearer {secret}"}
    found = client.get("/api/v1/search?q=hennep&kind=document", headers=headers).get_json()
    assert [d["title"] for d in found["data"]] == [PDF]
    assert "<mark>hennepkwekerij</mark>" in found["data"][0]["snippetHtml"]
    assert found["pagination"]["totalElements"] == 1 and found["facets"]["kind"]["project"] >= 1
    assert client.get("/api/v1/search?q=hennep&kind=nonsense", headers=headers).status_code == 400
    assert client.get("/api/v1/search?q=hennep&body=x", headers=headers).status_code == 400
    assert client.get("/api/v1/search?q=hennep").status_code == 401
    assert client.get("/api/v1/search", headers=headers).get_json()["data"] == []


def test_a_search_takes_the_same_few_queries_however_many_results(demo, client, count_queries):
    _login(client, "projectleider@demo.ivzflow.nl")
    client.get("/search?q=hennep")  # the first request of a session loads the translations once
    with count_queries() as many:
        assert "10 resultaten" in client.get("/search?q=hennep").get_data(as_text=True)
    with count_queries() as one:
        assert "1 resultaat" in client.get("/search?q=hennep&kind=document").get_data(as_text=True)
    assert many.n == one.n <= 14, many.statements


def test_pages_of_results_follow_each_other_best_first(demo, client):
    """The page's ids are ranked before their rows are read: smaller pages cut the same list at the same places."""
    projectleider = db.session.scalar(select(User).where(User.email == "projectleider@demo.ivzflow.nl"))
    _token, secret = create_token(projectleider, "zoeken")
    db.session.commit()
    headers = {"Authorization": f"Bearer {secret}"}
    whole = client.get("/api/v1/search?q=hennep&per_page=50", headers=headers).get_json()
    everything = [(d["kind"], d["id"]) for d in whole["data"]]
    assert len(everything) == whole["pagination"]["totalElements"] >= 7
    paged = []
    for number in range(1, len(everything) // 3 + 2):
        found = client.get(f"/api/v1/search?q=hennep&per_page=3&page={number}", headers=headers).get_json()
        paged += [(d["kind"], d["id"]) for d in found["data"]]
    assert paged == everything
    assert "<mark>" in whole["data"][0]["titleHtml"]  # the word in the title weighs most
