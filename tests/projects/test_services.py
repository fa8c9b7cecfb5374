"""Project rules: trekkers in the DVO, expert groups, sanitised text, status updates, due dates, indicators."""
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from ivzflow.bodies.models import Body
from ivzflow.core.errors import Conflict, ValidationError
from ivzflow.extensions import db
from ivzflow.projects import items, services
from ivzflow.projects.due import current_cycle, due_state
from ivzflow.projects.indicators import evaluate, expected_in, Point, anchors
from ivzflow.projects.models import BudgetLine, Measurement, StatusUpdate
from ivzflow.projects.richtext import clean_html
from ivzflow.settings.services import set_setting


# --- setting up --------------------------------------------------------------------------------------

def test_trekker_must_be_a_member_of_the_dvo(governance, make_person):
    outsider = make_person("Wethouder Elders")
    with pytest.raises(ValidationError) as refused:
        services.create_project(None, title="Fietsendiefstal", kind="aandachtsthema", trekker_id=outsider.id)
    assert "lid zijn van het DVO Twente" in refused.value.message
    assert "Wethouder Elders" in refused.value.message
    assert refused.value.field == "trekker_id"


def test_a_dvo_member_can_be_trekker_and_gives_the_municipality(governance):
    project = services.create_project(None, title="Aanpak woninginbraken", kind="speerpunt",
                                      trekker_id=governance.trekker.id)
    assert project.lead_organisation_id == governance.municipality.id


def test_a_deputy_or_former_member_is_not_a_dvo_member(governance, make_person, make_seat):
    from ivzflow.bodies.services import appoint, end_membership
    deputy, former = make_person(), make_person()
    appoint(None, make_seat(governance.dvo), deputy, date(2013, 1, 1), is_deputy=True)
    membership = appoint(None, make_seat(governance.dvo), former, date(2013, 1, 1))
    end_membership(None, membership, date(2014, 12, 31), "vertrokken", version=membership.version)
    for person in (deputy, former):
        with pytest.raises(ValidationError):
            services.create_project(None, title="X", kind="speerpunt", trekker_id=person.id)


def test_unknown_kind_and_reversed_period_are_refused(governance):
    with pytest.raises(ValidationError) as kind:
        services.create_project(None, title="X", kind="programma")
    assert kind.value.field == "kind"
    with pytest.raises(ValidationError) as period:
        services.create_project(None, title="X", kind="opgave", start_on=date(2016, 1, 1), end_on=date(2015, 1, 1))
    assert period.value.field == "end_on"


def test_a_new_expert_group_is_a_body_of_kind_expertgroep(governance):
    project = services.create_project(None, title="Aanpak hennepteelt", kind="speerpunt",
                                      new_expert_group="Werkgroep Hennep")
    assert project.expert_group.name == "Werkgroep Hennep"
    assert project.expert_group.kind == "expertgroep"


def test_only_an_expertgroep_body_can_be_the_expert_group(governance):
    with pytest.raises(ValidationError) as refused:
        services.create_project(None, title="X", kind="speerpunt", expert_group_id=governance.dvo.id)
    assert "expertgroep" in refused.value.message


def test_changing_the_frame_with_a_stale_version_conflicts(make_project):
    project = make_project()
    with pytest.raises(Conflict):
        services.update_project_setup(None, project, version=project.version - 1, title="Nieuw", kind="speerpunt")


# --- formatted text ----------------------------------------------------------------------------------

def test_script_and_event_handlers_are_stripped_but_allowed_tags_stay():
    html = clean_html('<h3>Analyse</h3><p onclick="x()">Meer <strong>inbraken</strong><script>alert(1)</script>'
                      '</p><a href="javascript:alert(1)">x</a><a href="https://www.politie.nl">politie</a><img src=x>')
    assert "<script" not in html and "alert" not in html and "onclick" not in html and "<img" not in html
    assert "javascript:" not in html
    assert "<h3>Analyse</h3>" in html and "<strong>inbraken</strong>" in html
    assert 'href="https://www.politie.nl"' in html


def test_plain_text_becomes_paragraphs_and_lists():
    html = clean_html("Eerste alinea\nmet twee regels\n\n- een\n- twee\n\n1. stap\n2. stap 5 < 6")
    assert html.startswith("<p>Eerste alinea<br>met twee regels</p>")
    assert "<ul><li>een</li><li>twee</li></ul>" in html
    assert "<ol><li>stap</li><li>stap 5 &lt; 6</li></ol>" in html


def test_project_content_is_sanitised_on_the_way_in(make_project):
    project = make_project()
    services.update_project_content(None, project, version=project.version, ambition="", approach=None,
                                    analysis="<p>Daling</p><script>document.cookie</script>")
    assert project.analysis == "<p>Daling</p>"
    assert project.ambition is None


# --- status updates ----------------------------------------------------------------------------------

def _post(project, **values):
    return services.post_status_update(None, project, **{"status": "green", "progress": 10, "summary": "Loopt",
                                                         **values})


@pytest.mark.parametrize("values, field", [
    ({"status": "purple"}, "status"), ({"status": None}, "status"), ({"progress": 101}, "progress"),
    ({"progress": -1}, "progress"), ({"progress": "50"}, "progress"), ({"progress": True}, "progress"),
    ({"summary": "  "}, "summary"), ({"risks": 12}, "risks"),
])
def test_invalid_status_updates_are_refused_with_the_field(make_project, values, field):
    with pytest.raises(ValidationError) as refused:
        _post(make_project(), **values)
    assert refused.value.field == field


def test_updates_are_numbered_and_the_history_says_what_changed(make_project):
    project = make_project()
    first = _post(project, risks="Capaciteit")
    second = _post(project, status="amber", progress=35, risks="Capaciteit", decision_needed="Budget 2016")
    db.session.commit()
    assert (first.number, second.number) == (1, 2)
    (newest, changes), (oldest, none) = services.history(project.id)
    assert newest.id == second.id and none is None
    assert {c.field for c in changes} == {"status", "progress", "decision_needed"}
    status = next(c for c in changes if c.field == "status")
    assert (str(status.old), str(status.new)) == ("Groen", "Oranje")


def test_the_project_keeps_its_newest_update_without_a_new_version(make_project):
    """The portfolio reads the newest update from the project row; posting one is no edit of the project,
    so a project form open elsewhere stays valid."""
    from ivzflow.projects.portfolio import Filters, count, portfolio

    project = make_project()
    version = project.version
    _post(project, status="red", progress=10)
    second = _post(project, status="amber", progress=35)
    db.session.commit()
    db.session.expire_all()
    assert (project.latest_update_id, project.latest_status) == (second.id, "amber")
    assert project.version == version
    [row] = [r for r in portfolio(Filters(status="amber")) if r.project.id == project.id]
    assert (row.status, row.progress) == ("amber", 35)
    assert project.id not in {r.project.id for r in portfolio(Filters(status="red"))}
    assert count(Filters(status="amber")) == len(portfolio(Filters(status="amber")))


def test_history_with_a_limit_still_compares_with_the_update_before(make_project):
    project = make_project()
    for progress in (10, 20, 30):
        _post(project, progress=progress)
    rows = services.history(project.id, limit=2)
    assert [u.progress for u, _ in rows] == [30, 20]
    assert rows[1][1] is not None  # compared with the first update, which was not shown


def test_a_stale_previous_update_conflicts(make_project):
    project = make_project()
    first = _post(project, previous_id=None)
    with pytest.raises(Conflict):
        _post(project, previous_id=None)  # the author had not seen the first one
    assert _post(project, previous_id=first.id).number == 2


def test_a_posted_update_cannot_be_edited(make_project):
    update = _post(make_project())
    db.session.commit()
    update.summary = "Achteraf anders"
    with pytest.raises(RuntimeError):
        db.session.flush()
    db.session.rollback()


# --- due dates ---------------------------------------------------------------------------------------

@pytest.fixture
def cycle_2015(platform_meeting):
    platform_meeting(date(2015, 4, 29))
    return platform_meeting(date(2015, 6, 10))


@pytest.mark.parametrize("now, expected", [
    (datetime(2015, 5, 20, 12, tzinfo=timezone.utc), "due"),        # before 3 June
    (datetime(2015, 6, 3, 12, tzinfo=timezone.utc), "due"),         # on the due day
    (datetime(2015, 6, 4, 8, tzinfo=timezone.utc), "overdue"),      # after it, before the meeting
])
def test_an_update_is_due_seven_days_before_the_next_platform(make_project, cycle_2015, time_machine, now, expected):
    project = make_project()
    time_machine.move_to(now)
    cycle = current_cycle()
    assert cycle.due_on == date(2015, 6, 3)
    assert due_state(cycle, project, None) == expected


def test_an_update_after_the_previous_platform_counts_and_one_before_does_not(make_project, cycle_2015,
                                                                              time_machine):
    project = make_project()
    time_machine.move_to(datetime(2015, 6, 5, tzinfo=timezone.utc))
    cycle = current_cycle()
    assert due_state(cycle, project, datetime(2015, 4, 28, tzinfo=timezone.utc)) == "overdue"
    assert due_state(cycle, project, datetime(2015, 5, 2, tzinfo=timezone.utc)) == "submitted"


def test_the_number_of_days_is_a_setting(make_project, cycle_2015, time_machine):
    set_setting("projects.status_update_days_before_platform", 14)
    time_machine.move_to(datetime(2015, 5, 30, tzinfo=timezone.utc))
    cycle = current_cycle()
    assert cycle.due_on == date(2015, 5, 27)
    assert due_state(cycle, make_project(), None) == "overdue"


def test_no_platform_meeting_or_an_ended_project_is_not_due(make_project, governance, time_machine):
    time_machine.move_to(datetime(2015, 5, 20, tzinfo=timezone.utc))
    assert due_state(current_cycle(), make_project(), None) == "none"
    ended = make_project(end_on=date(2014, 12, 31), start_on=date(2013, 1, 1))
    assert due_state(current_cycle(), ended, None) == "closed"


def test_a_cancelled_platform_meeting_sets_no_due_date(make_project, cycle_2015, time_machine):
    from ivzflow.meetings.services import cancel_meeting
    cancel_meeting(None, cycle_2015, "Geen agendapunten", version=cycle_2015.version)
    db.session.commit()
    time_machine.move_to(datetime(2015, 5, 20, tzinfo=timezone.utc))
    assert current_cycle().next_meeting is None


# --- indicators --------------------------------------------------------------------------------------

class _Indicator:
    def __init__(self, direction="lower", baseline=None):
        self.direction = direction
        self.baseline_year, self.baseline_value = baseline or (None, None)


def test_the_target_path_runs_from_the_baseline_through_the_targets():
    path = anchors(_Indicator(baseline=(2014, Decimal(2085))), [Point(2015, Decimal(1895)), Point(2016, Decimal(1800))])
    assert expected_in(2013, path) is None
    assert expected_in(2015, path) == Decimal(1895)
    assert expected_in(2020, path) == Decimal(1800)
    rate = [Point(2015, Decimal(10)), Point(2018, Decimal("11.5"))]
    assert expected_in(2016, anchors(_Indicator("higher"), rate)) == Decimal("10.5")


@pytest.mark.parametrize("direction, actual, state", [
    ("lower", "1890", "on_track"), ("lower", "1900", "off_track"),
    ("higher", "1900", "on_track"), ("higher", "1890", "off_track"),
])
def test_the_latest_measurement_is_judged_against_the_path(direction, actual, state):
    evaluation = evaluate(_Indicator(direction), [Point(2015, Decimal(1895))],
                          [Point(2014, Decimal(2085)), Point(2015, Decimal(actual))])
    assert evaluation.state == state and evaluation.year == 2015


def test_without_targets_or_measurements_in_the_target_period_there_is_no_verdict():
    assert evaluate(_Indicator(), [], [Point(2014, Decimal(1))]).state == "no_target"
    assert evaluate(_Indicator(), [Point(2015, Decimal(1))], [Point(2014, Decimal(1))]).state == "no_data"


def test_measurements_replace_per_year_and_municipality(make_project, make_org):
    project = make_project()
    indicator = items.save_indicator(None, project, name="Woninginbraken", unit="aantal", direction="lower",
                                     baseline_value=None, baseline_year=None)
    town = make_org("Gemeente Hengelo")
    items.set_measurement(None, indicator, 2014, "2085")
    items.set_measurement(None, indicator, 2014, "2090", note="herzien")
    items.set_measurement(None, indicator, 2014, "400", organisation_id=town.id)
    db.session.commit()
    rows = db.session.scalars(select(Measurement).order_by(Measurement.id)).all()
    assert [(m.value, m.organisation_id, m.note) for m in rows] == [
        (Decimal("2090.00"), None, "herzien"), (Decimal("400.00"), town.id, None)]


def test_measurements_per_municipality_only_for_municipalities(make_project, make_org):
    project = make_project()
    indicator = items.save_indicator(None, project, name="X", direction="higher")
    police = make_org("Politie", classification="politie")
    with pytest.raises(ValidationError):
        items.set_measurement(None, indicator, 2014, 1, organisation_id=police.id)
    with pytest.raises(ValidationError):
        items.set_target(None, indicator, 1850, 1)
    with pytest.raises(ValidationError):
        items.set_target(None, indicator, 2015, -5)


def test_a_baseline_needs_both_value_and_year(make_project):
    with pytest.raises(ValidationError):
        items.save_indicator(None, make_project(), name="X", direction="lower", baseline_value=Decimal(1),
                             baseline_year=None)


# --- money -------------------------------------------------------------------------------------------

def test_amounts_are_exact_decimals(make_project):
    project = make_project()
    items.save_budget_line(None, project, kind="grant", source="Ministerie van Veiligheid en Justitie",
                           amount=Decimal("399999.995"), start_on=date(2015, 1, 1), end_on=date(2016, 12, 31))
    db.session.commit()
    db.session.expire_all()
    assert db.session.scalar(select(BudgetLine.amount)) == Decimal("400000.00")
    with pytest.raises(ValidationError):
        items.save_budget_line(None, project, kind="grant", source="X", amount=Decimal("-1"))


# --- the demo ----------------------------------------------------------------------------------------

def test_demo_has_the_themes_of_chapter_3(demo):
    from ivzflow.projects.models import Indicator, Project
    from ivzflow.organisations.models import District
    twente = select(District.id).where(District.name == "Twente").scalar_subquery()
    projects = {p.title: p for p in db.session.scalars(select(Project).where(  # Twente's (or of no district yet)
        (Project.district_id == twente) | Project.district_id.is_(None)))}
    kinds = [p.kind for p in projects.values()]
    assert (kinds.count("speerpunt"), kinds.count("aandachtsthema"), kinds.count("opgave")) == (3, 3, 5)
    assert projects["Aanpak woninginbraken"].trekker.function == "burgemeester Tubbergen"
    assert projects["Woonoverlast door psychisch kwetsbaren"].trekker.function == "burgemeester Hellendoorn"
    assert projects["Aanpak georganiseerde hennepteelt"].trekker.function == "burgemeester Hengelo"
    burglary = projects["Aanpak woninginbraken"]
    assert "IVZ-coördinator gemeente Tubbergen" in burglary.projectleider.function
    assert burglary.expert_group.kind == "expertgroep"
    grant = db.session.scalar(select(BudgetLine).where(BudgetLine.project_id == burglary.id))
    assert grant.amount == Decimal("400000.00")
    indicator = db.session.scalar(select(Indicator).where(Indicator.name == "Woninginbraken in Twente"))
    assert {m.year: m.value for m in indicator.measurements} == {
        2007: Decimal(1521), 2012: Decimal(2600), 2014: Decimal(2085)}
    assert {t.year: t.value for t in indicator.targets} == {2015: Decimal(1895), 2016: Decimal(1800)}
    story_date = datetime(2015, 6, 1, tzinfo=timezone.utc)
    updates = db.session.scalars(select(StatusUpdate)).all()
    assert len(updates) >= 2 and all(u.posted_at < story_date for u in updates)
    assert db.session.scalar(select(func.count(Body.id)).where(Body.kind == "expertgroep")) >= 3
