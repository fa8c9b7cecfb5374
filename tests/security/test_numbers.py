"""Numbers in the address or a form that are digits to str.isdigit() but not to int() ('²'), digits of
another script, or too large for the database: a clear refusal or the default, never a 500."""
import pytest
from sqlalchemy import func, select

from ivzflow.bodies.models import Body
from ivzflow.core.numbers import MAX_ID, whole_number
from ivzflow.extensions import db
from ivzflow.meetings.models import AgendaItem, Meeting
from ivzflow.projects.models import Project, ProjectComment
from tests.decisions.test_views_api import login_demo, token_for

ODD = ["²", "١٢", "99999999999999999999", str(MAX_ID + 1), "-3", " 4"]


def test_whole_number_takes_ascii_digits_within_bounds_only():
    assert [whole_number(v) for v in ("0", "12", 12, str(MAX_ID))] == [0, 12, 12, MAX_ID]
    assert [whole_number(v) for v in [*ODD, "", None, True, 1.5, ["1"]]] == [None] * (len(ODD) + 5)
    assert (whole_number("90", 1, 90), whole_number("91", 1, 90), whole_number("0", 1, 90)) == (90, None, None)


@pytest.mark.parametrize("odd", ODD)
def test_odd_numbers_in_addresses_fall_back_or_are_refused(client, demo, odd):
    login_demo(client, "secretariaat")
    body_id = db.session.scalar(select(func.min(Body.id)))
    for path in (f"/bodies/{body_id}/plan?year={odd}", f"/calendar?body={odd}", f"/calendar?month=2015-{odd}",
                 f"/decisions/new?project={odd}", f"/decisions?page={odd}", f"/meetings?page={odd}"):
        assert client.get(path).status_code == 200, path
    api = client.get(f"/api/v1/meetings?page={odd}", headers=token_for("secretariaat", "read"))
    assert api.status_code == 400 and "page" in api.get_json()["error"]["message"]


@pytest.mark.parametrize("odd", ODD)
def test_an_odd_order_of_agenda_items_is_refused_and_nothing_moves(client, demo, odd):
    login_demo(client, "secretariaat")
    meeting = db.session.scalar(select(Meeting).join(AgendaItem).where(Meeting.state.in_(["planned", "preparing"]))
                                .limit(1))
    before = [i.id for i in sorted(meeting.items, key=lambda i: i.position)]
    response = client.post(f"/meetings/{meeting.id}/agenda/order", json={"order": [odd, *before[1:]]},
                           headers={"Accept": "application/json"})
    assert response.status_code == 400 and "volgorde" in response.get_json()["error"]["message"]
    db.session.expire_all()
    assert [i.id for i in sorted(db.session.get(Meeting, meeting.id).items, key=lambda i: i.position)] == before


@pytest.mark.parametrize("odd", [o for o in ODD if o == o.strip()])  # the list is split at commas and trimmed
def test_lead_times_with_odd_days_say_how_to_write_them(client, demo, odd):
    login_demo(client, "secretariaat")
    form = {"send_hour": 8, "meeting_days_before": 7, "agenda_days_before": 3, "documents_days_before": 2,
            "submission_days_before": 5, "comms_advice_days_before": f"14, {odd}",
            "comms_advice_secretariat_days_before": 3, "action_days_before": 3, "membership_months_before": 2,
            "max_attempts": 3}
    page = client.post("/settings/reminders", data=form).get_data(as_text=True)
    assert "Schrijf dagen van 1 tot 90" in page


@pytest.mark.parametrize("odd", ODD)
def test_a_comment_naming_an_odd_status_update_is_posted_without_it(client, demo, odd):
    login_demo(client, "secretariaat")
    project = db.session.scalar(select(Project).order_by(Project.id).limit(1))
    response = client.post(f"/projects/{project.id}/comments", data={"body": "Akkoord.", "status_update_id": odd})
    assert response.status_code == 302
    comment = db.session.scalar(select(ProjectComment).order_by(ProjectComment.id.desc()).limit(1))
    assert comment.body == "Akkoord." and comment.status_update_id is None
