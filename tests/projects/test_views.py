"""Projects through the browser's eyes: the portfolio, one project, who may do what, forms and refusals."""
from datetime import date

import pytest
from sqlalchemy import func, select

from ivzflow.accounts.roles import Role
from ivzflow.extensions import db
from ivzflow.projects import items, services
from ivzflow.projects import views as project_views
from ivzflow.projects.models import Activity, Indicator, Project, ProjectComment, StatusUpdate

UPDATE = {"status": "amber", "progress": "40", "summary": "Vertraging bij de heling-aanpak", "achievements": "",
          "risks": "", "next_steps": "", "decision_needed": "", "previous_id": ""}


def _content(project, **values):
    return {"version": project.version, "analysis": "", "ambition": "", "approach": "", **values}


# --- who may do what ---------------------------------------------------------------------------------

ROLES = ["secretariat", "admin", "projectleider", "other_projectleider", "trekker", "member", "agendacommissie"]
EDITORS = {"secretariat", "admin", "projectleider"}


@pytest.mark.parametrize("role", ROLES)
def test_everyone_reads_the_portfolio_and_the_project(client, login, users, role):
    login(users[role])
    project = users["project"]
    assert client.get("/projects").status_code == 200
    assert client.get(f"/projects/{project.id}").status_code == 200
    assert client.get(f"/projects/{project.id}/status-updates").status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_only_the_projectleider_and_the_secretariat_edit_the_content(client, login, users, role):
    login(users[role])
    project = users["project"]
    allowed = role in EDITORS
    assert client.get(f"/projects/{project.id}/edit").status_code == (200 if allowed else 403)
    response = client.post(f"/projects/{project.id}/edit", data=_content(project, analysis="Nieuwe analyse"))
    assert response.status_code == (302 if allowed else 403)
    db.session.refresh(project)
    assert (project.analysis == "<p>Nieuwe analyse</p>") is allowed


@pytest.mark.parametrize("role", ROLES)
def test_only_the_projectleider_and_the_secretariat_post_status_updates(client, login, users, role):
    login(users[role])
    project = users["project"]
    allowed = role in EDITORS
    assert client.get(f"/projects/{project.id}/status-updates/new").status_code == (200 if allowed else 403)
    response = client.post(f"/projects/{project.id}/status-updates/new", data=UPDATE)
    assert response.status_code == (302 if allowed else 403)
    assert db.session.scalar(select(func.count(StatusUpdate.id))) == (1 if allowed else 0)


@pytest.mark.parametrize("role", ROLES)
def test_the_trekker_and_the_editors_comment(client, login, users, role):
    login(users[role])
    project = users["project"]
    allowed = role in EDITORS | {"trekker"}
    response = client.post(f"/projects/{project.id}/comments", data={"body": "Graag in het DVO van juli"})
    assert response.status_code == (302 if allowed else 403)
    assert db.session.scalar(select(func.count(ProjectComment.id))) == (1 if allowed else 0)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_secretariat_sets_projects_up(client, login, users, role):
    login(users[role])
    project = users["project"]
    allowed = role in {"secretariat", "admin"}
    assert client.get("/projects/new").status_code == (200 if allowed else 403)
    assert client.get(f"/projects/{project.id}/setup").status_code == (200 if allowed else 403)


@pytest.mark.parametrize("role", ROLES)
def test_only_editors_add_activities(client, login, users, role):
    login(users[role])
    project = users["project"]
    allowed = role in EDITORS
    response = client.post(f"/projects/{project.id}/activities/new", data={
        "title": "Communicatiestrategie Stop Heling", "owner_person_id": 0, "owner_text": "projectcoördinator",
        "due_on": "2015-07-01", "status": "open", "body_id": 0, "note": ""})
    assert response.status_code == (302 if allowed else 403)
    assert db.session.scalar(select(func.count(Activity.id))) == (1 if allowed else 0)


def test_a_member_sees_no_edit_controls(client, login, users):
    login(users["member"])
    page = client.get(f"/projects/{users['project'].id}").get_data(as_text=True)
    for control in ("Statusupdate plaatsen", "bewerken", "Activiteit toevoegen", "Reactie plaatsen"):
        assert control not in page


def test_the_trekker_sees_the_comment_form_but_no_edit_controls(client, login, users):
    login(users["trekker"])
    page = client.get(f"/projects/{users['project'].id}").get_data(as_text=True)
    assert "Reactie plaatsen" in page
    assert "Statusupdate plaatsen" not in page and "Activiteit toevoegen" not in page


def test_the_projectleider_sees_the_edit_controls(client, login, users):
    login(users["projectleider"])
    page = client.get(f"/projects/{users['project'].id}").get_data(as_text=True)
    assert "Statusupdate plaatsen" in page and "Activiteit toevoegen" in page
    assert "Opzet en opdracht bewerken" not in page  # the frame is the secretariat's


# --- forms -------------------------------------------------------------------------------------------

def test_secretariat_creates_a_project_with_a_new_expert_group(client, login_as, governance, make_person):
    login_as(Role.SECRETARIAT)
    leader = make_person("IVZ-coördinator Tubbergen")
    response = client.post("/projects/new", data={
        "title": "Aanpak woninginbraken", "kind": "speerpunt", "position": 1, "start_on": "2015-01-01",
        "end_on": "2016-12-31", "trekker_id": governance.trekker.id, "projectleider_id": leader.id,
        "lead_organisation_id": 0, "expert_group_id": 0, "new_expert_group": "Regiegroep woninginbraken",
        "assignment": "Daling van 5% per jaar", "intended_result": "", "assignment_reference": "DVO Twente"})
    assert response.status_code == 302
    project = db.session.scalar(select(Project))
    assert project.expert_group.name == "Regiegroep woninginbraken"
    page = client.get(f"/projects/{project.id}").get_data(as_text=True)
    assert f"/bodies/{project.expert_group_id}" in page and "<p>Daling van 5% per jaar</p>" in page


def test_a_trekker_outside_the_dvo_is_refused_on_the_form(client, login_as, governance, make_person):
    login_as(Role.SECRETARIAT)
    outsider = make_person("Wethouder Elders")
    response = client.post("/projects/new", data={
        "title": "X", "kind": "speerpunt", "trekker_id": outsider.id, "projectleider_id": 0,
        "lead_organisation_id": 0, "expert_group_id": 0})
    assert response.status_code == 400
    assert "De bestuurlijk trekker moet lid zijn van het DVO Twente; Wethouder Elders is dat nu niet." in \
        response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Project.id))) == 0


def test_a_script_in_the_analysis_is_stripped(client, login, users):
    login(users["projectleider"])
    project = users["project"]
    client.post(f"/projects/{project.id}/edit", data=_content(
        project, analysis='<p>Daling <em>20%</em></p><script>alert("xss")</script><a href="javascript:x">a</a>'))
    page = client.get(f"/projects/{project.id}").get_data(as_text=True)
    assert "<p>Daling <em>20%</em></p>" in page
    assert 'alert("xss")' not in page and "javascript:x" not in page


def test_a_stale_content_form_gets_a_clear_message(client, login, users):
    login(users["projectleider"])
    project = users["project"]
    response = client.post(f"/projects/{project.id}/edit", data=_content(project, version=project.version - 1))
    assert response.status_code == 409
    assert "intussen gewijzigd" in response.get_data(as_text=True)


def test_a_status_update_shows_in_the_portfolio_and_the_history_shows_changes(client, login, users):
    login(users["projectleider"])
    project = users["project"]
    client.post(f"/projects/{project.id}/status-updates/new", data={**UPDATE, "status": "green", "progress": 20})
    latest = services.latest_update(project.id)
    form = client.get(f"/projects/{project.id}/status-updates/new").get_data(as_text=True)
    assert f'value="{latest.id}"' in form  # the form remembers which update the author saw
    response = client.post(f"/projects/{project.id}/status-updates/new",
                           data={**UPDATE, "previous_id": latest.id, "risks": "Capaciteit politie"})
    assert response.status_code == 302
    portfolio = client.get("/projects").get_data(as_text=True)
    row = portfolio.split(f'id="project-{project.id}"')[1].split("</tr>")[0]
    assert "Oranje" in row and "40%" in row and "vandaag" in row
    history = client.get(f"/projects/{project.id}/status-updates").get_data(as_text=True)
    assert "Groen → Oranje" in history and "20% → 40%" in history and "Risico&#39;s: nieuw" in history


def test_a_second_author_with_an_old_form_gets_a_conflict(client, login, users):
    login(users["projectleider"])
    project = users["project"]
    client.post(f"/projects/{project.id}/status-updates/new", data=UPDATE)
    response = client.post(f"/projects/{project.id}/status-updates/new", data=UPDATE)  # previous_id empty: stale
    assert response.status_code == 409
    assert "andere statusupdate" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(StatusUpdate.id))) == 1


@pytest.mark.parametrize("data, message", [
    ({"status": ""}, "Status"), ({"progress": "120"}, "Voortgang"), ({"summary": ""}, "Samenvatting"),
])
def test_an_incomplete_status_update_is_refused(client, login, users, data, message):
    login(users["projectleider"])
    response = client.post(f"/projects/{users['project'].id}/status-updates/new", data={**UPDATE, **data})
    assert response.status_code == 400 and message in response.get_data(as_text=True)


def test_activities_are_edited_with_a_version_and_removed(client, login, users):
    login(users["projectleider"])
    project = users["project"]
    activity = items.save_activity(None, project, title="Heling", status="open", due_on=date(2015, 7, 1))
    db.session.commit()
    data = {"version": activity.version, "title": "Aanpak heling", "owner_person_id": 0, "owner_text": "",
            "due_on": "2015-09-01", "status": "in_progress", "body_id": 0, "note": ""}
    assert client.post(f"/projects/{project.id}/activities/{activity.id}/edit", data=data).status_code == 302
    assert client.post(f"/projects/{project.id}/activities/{activity.id}/edit", data=data).status_code == 409
    db.session.refresh(activity)
    assert (activity.title, activity.status) == ("Aanpak heling", "in_progress")
    assert client.post(f"/projects/{project.id}/activities/{activity.id}/delete").status_code == 302
    assert db.session.scalar(select(func.count(Activity.id))) == 0


def test_an_item_of_another_project_is_not_found(client, login, users, make_project):
    login(users["secretariat"])
    other = make_project()
    activity = items.save_activity(None, other, title="Elders", status="open")
    db.session.commit()
    assert client.get(f"/projects/{users['project'].id}/activities/{activity.id}/edit").status_code == 404


def test_indicator_values_are_kept_and_charted(client, login, users):
    login(users["projectleider"])
    project = users["project"]
    response = client.post(f"/projects/{project.id}/indicators/new", data={
        "name": "Woninginbraken in Twente", "unit": "aantal", "direction": "lower", "baseline_value": "2085",
        "baseline_year": "2014", "source": "Politie"})
    assert response.status_code == 302
    indicator = db.session.scalar(select(Indicator))
    for kind, year, value in (("actual", 2007, "1521"), ("actual", 2014, "2085"), ("target", 2015, "1895"),
                              ("target", 2016, "1800")):
        response = client.post(f"/projects/{project.id}/indicators/{indicator.id}/values", data={
            "kind": kind, "year": year, "value": value, "organisation_id": 0, "note": ""})
        assert response.status_code == 302
    page = client.get(f"/projects/{project.id}").get_data(as_text=True)
    svg = page.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert "Werkelijk: 2007: 1.521; 2014: 2.085" in svg and "Streefwaarden: 2015: 1.895; 2016: 1.800" in svg
    assert 'stroke-dasharray="8 5"' in svg  # the target path is dashed: readable without colour
    assert "http://" not in svg.replace("http://www.w3.org/2000/svg", "") and "https://" not in svg
    assert "<caption>Cijfers: Woninginbraken in Twente" in page
    assert "op koers" in page


# --- portfolio ---------------------------------------------------------------------------------------

def test_portfolio_filters_by_kind_trekker_municipality_and_status(client, login_as, make_project, governance,
                                                                   make_person, make_member, make_org):
    login_as(Role.MEMBER)
    town = make_org("Gemeente Hengelo", short_name="Hengelo")
    mayor = make_person("Burgemeester Hengelo", organisation_id=town.id)
    make_member(governance.dvo, mayor)
    burglary = make_project("Aanpak woninginbraken")
    cannabis = make_project("Aanpak hennepteelt", trekker=mayor)
    bikes = make_project("Fietsendiefstal", kind="aandachtsthema")
    services.post_status_update(None, cannabis, status="red", progress=10, summary="Achter")
    db.session.commit()

    def titles(query):
        page = client.get("/projects" + query).get_data(as_text=True)
        return {t for t in ("Aanpak woninginbraken", "Aanpak hennepteelt", "Fietsendiefstal") if f">{t}</a>" in page}

    assert titles("") == {burglary.title, cannabis.title, bikes.title}
    assert titles("?kind=aandachtsthema") == {bikes.title}
    assert titles(f"?trekker={mayor.id}") == {cannabis.title}
    assert titles(f"?municipality={town.id}") == {cannabis.title}
    assert titles("?status=red") == {cannabis.title}
    assert titles("?status=none") == {burglary.title, bikes.title}
    page = client.get("/projects?sort=title&order=desc").get_data(as_text=True)
    assert page.index(">Fietsendiefstal<") < page.index(">Aanpak woninginbraken<") < page.index(">Aanpak hennepteelt<")
    assert 'aria-sort="descending"' in page


def test_portfolio_shows_status_as_text_overdue_activities_and_indicators(client, login_as, make_project):
    login_as(Role.MEMBER)
    project = make_project("Aanpak woninginbraken")
    items.save_activity(None, project, title="Te laat", status="open", due_on=date(2015, 1, 1))
    items.save_activity(None, project, title="Klaar", status="done", due_on=date(2015, 1, 1))
    indicator = items.save_indicator(None, project, name="Inbraken", direction="lower", baseline_value=2085,
                                     baseline_year=2014)
    items.set_target(None, indicator, 2015, 1895)
    items.set_measurement(None, indicator, 2015, 2000)
    services.post_status_update(None, project, status="amber", progress=55, summary="Vertraging")
    db.session.commit()
    page = client.get("/projects").get_data(as_text=True)
    row = page.split(f'id="project-{project.id}"')[1].split("</tr>")[0]
    assert "status-amber" in row and "Oranje" in row  # colour and text
    assert "55%" in row and '<span class="due-overdue">1</span>' in row
    assert "1 niet op koers" in row


def test_portfolio_queries_do_not_grow_with_projects(client, login_as, make_project, make_person, governance,
                                                     count_queries, platform_meeting):
    login_as(Role.MEMBER)
    platform_meeting(date(2015, 4, 29))
    platform_meeting(date(2099, 6, 10))

    def add(n: int):
        leader = make_person()
        for i in range(n):
            project = Project(title=f"Project {i}", kind="speerpunt", trekker_id=governance.trekker.id,
                              projectleider_id=leader.id, lead_organisation_id=governance.municipality.id)
            db.session.add(project)
            db.session.flush()
            db.session.add(Activity(project_id=project.id, title="Te laat", status="open", due_on=date(2015, 1, 1)))
            indicator = items.save_indicator(None, project, name="Inbraken", direction="lower")
            items.set_target(None, indicator, 2015, 1895)
            items.set_measurement(None, indicator, 2015, 2000)
            services.post_status_update(None, project, status="green", progress=10, summary="Loopt")
        db.session.commit()

    add(5)
    with count_queries() as few:
        assert client.get("/projects").status_code == 200
    add(495)
    with count_queries() as many:
        response = client.get("/projects")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and html.count('id="project-') == 50  # one page of the 500
    assert "500 projecten" in html and 'rel="next"' in html
    assert many.n == few.n <= 15, many.statements


def test_project_page_queries_are_bounded(client, login, users, count_queries):
    login(users["member"])
    project = users["project"]
    for i in range(3):
        indicator = items.save_indicator(None, project, name=f"Indicator {i}", direction="lower")
        items.set_target(None, indicator, 2015, 10)
        items.set_measurement(None, indicator, 2014, 12)
        items.save_activity(None, project, title=f"Activiteit {i}", status="open")
    db.session.commit()
    with count_queries() as counted:
        assert client.get(f"/projects/{project.id}").status_code == 200
    assert counted.n <= 20, counted.statements


def test_nonsense_in_the_portfolio_query_is_ignored(client, login_as, make_project):
    login_as(Role.MEMBER)
    make_project("Aanpak woninginbraken")
    response = client.get("/projects?kind=programma&trekker=abc&municipality=x&status=paars&sort=x&order=y")
    assert response.status_code == 200 and ">Aanpak woninginbraken</a>" in response.get_data(as_text=True)
    assert client.get("/projects/export.csv?trekker=abc").status_code == 200


@pytest.mark.parametrize("kind, data", [
    ("milestones", {"title": "Communicatiestrategie gereed", "due_on": "2015-07-01", "reached_on": "", "note": ""}),
    ("budget", {"kind": "grant", "source": "Ministerie van Veiligheid en Justitie", "description": "",
                "amount": "400000", "start_on": "2015-01-01", "end_on": "2016-12-31"}),
    ("indicators", {"name": "Oplossingspercentage", "unit": "%", "direction": "higher", "baseline_value": "",
                    "baseline_year": "", "source": ""}),
])
def test_each_part_of_a_project_has_a_form(client, login, users, kind, data):
    login(users["projectleider"])
    project = users["project"]
    assert client.get(f"/projects/{project.id}/{kind}/new").status_code == 200
    assert client.post(f"/projects/{project.id}/{kind}/new", data=data).status_code == 302
    page = client.get(f"/projects/{project.id}").get_data(as_text=True)
    assert data.get("title", data.get("source", data.get("name"))) in page


def test_a_budget_line_shows_the_amount_in_euros(client, login, users):
    login(users["member"])
    project = users["project"]
    items.save_budget_line(None, project, kind="grant", source="Ministerie", amount=400000)
    db.session.commit()
    assert "€\xa0400.000,00" in client.get(f"/projects/{project.id}").get_data(as_text=True)


def test_an_empty_comment_is_refused_on_the_page(client, login, users):
    login(users["trekker"])
    response = client.post(f"/projects/{users['project'].id}/comments", data={"body": ""})
    assert response.status_code == 400 and "Controleer het formulier" in response.get_data(as_text=True)


def test_indicator_values_page_lists_and_removes_values(client, login, users):
    login(users["projectleider"])
    project = users["project"]
    indicator = items.save_indicator(None, project, name="Inbraken", direction="lower")
    target = items.set_target(None, indicator, 2015, 1895)
    db.session.commit()
    page = client.get(f"/projects/{project.id}/indicators/{indicator.id}/values").get_data(as_text=True)
    assert "1.895" in page
    url = f"/projects/{project.id}/indicators/{indicator.id}/targets/{target.id}/delete"
    assert client.post(url).status_code == 302
    assert "1.895" not in client.get(f"/projects/{project.id}/indicators/{indicator.id}/values").get_data(as_text=True)


def test_secretariat_changes_the_frame_of_a_project(client, login, users, make_person):
    login(users["secretariat"])
    project = users["project"]
    assert client.get(f"/projects/{project.id}/setup").status_code == 200
    successor = make_person("Nieuwe projectleider")
    response = client.post(f"/projects/{project.id}/setup", data={
        "version": project.version, "title": project.title, "kind": "speerpunt", "position": 1,
        "start_on": "2015-01-01", "end_on": "2016-12-31", "trekker_id": project.trekker_id,
        "projectleider_id": successor.id, "lead_organisation_id": 0, "expert_group_id": 0, "new_expert_group": "",
        "assignment": "", "intended_result": "", "assignment_reference": ""})
    assert response.status_code == 302
    db.session.refresh(project)
    assert project.projectleider_id == successor.id


def test_portfolio_asks_for_a_trekker_name_when_there_are_too_many_to_list(client, login_as, make_project, governance,
                                                                             make_person, make_member, monkeypatch):
    """A national installation has thousands of trekkers: the filter becomes a name search."""
    login_as(Role.MEMBER)
    hengelo = make_person("Sander Schelberg")
    enschede = make_person("Roelof Bleker")
    make_member(governance.dvo, hengelo)
    make_member(governance.dvo, enschede)
    make_project("Aanpak hennepteelt", trekker=hengelo)
    make_project("Fietsendiefstal", trekker=enschede)
    make_project("Woninginbraken")
    db.session.commit()

    listed = client.get("/projects").get_data(as_text=True)
    assert 'name="trekker"' in listed and 'name="trekker_name"' not in listed

    monkeypatch.setattr(project_views, "TREKKER_LIST_LIMIT", 1)
    page = client.get("/projects").get_data(as_text=True)
    assert 'name="trekker_name"' in page and '<select id="trekker"' not in page
    found = client.get("/projects?trekker_name=schelb").get_data(as_text=True)
    assert ">Aanpak hennepteelt</a>" in found and ">Fietsendiefstal</a>" not in found
    assert ">Woninginbraken</a>" not in found
    assert ">Aanpak hennepteelt</a>" not in client.get("/projects?trekker_name=%25").get_data(as_text=True)
