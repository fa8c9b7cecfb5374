"""Ids in URLs beyond any database key (found by schemathesis): a 404, never a 500, on every backend."""
import pytest

from ivzflow.accounts.roles import Role
from ivzflow.accounts.services import create_token
from ivzflow.extensions import db

HUGE = "231171929270710802709047368148496416768"  # > 2**63: SQLite raised OverflowError


@pytest.mark.parametrize("number", [HUGE, str(2**31)])
def test_an_api_id_too_large_for_any_row_is_a_json_404(client, make_user, number):
    _token, secret = create_token(make_user(Role.MEMBER), "test")
    db.session.commit()
    response = client.get(f"/api/v1/bodies/{number}", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 404
    assert response.json["error"]["status"] == 404


def test_a_page_id_too_large_for_any_row_is_a_404(client, login_as):
    login_as(Role.SECRETARIAT)
    assert client.get(f"/bodies/{HUGE}").status_code == 404


@pytest.mark.parametrize("query", ["/meetings?body=23631024074", "/decision-items?body=23631024074",
                                   "/local-plans?district=23631024074", "/finances?district=23631024074",
                                   "/policy-events?district=2147483648", "/memberships?person=2147483648"])
def test_a_filter_id_too_large_for_any_row_is_a_400(client, make_user, query):
    """PostgreSQL refused such a number for an integer column (found by schemathesis: a 500)."""
    _token, secret = create_token(make_user(Role.SECRETARIAT), "test")
    db.session.commit()
    response = client.get(f"/api/v1{query}", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 400
    name = query.split("?")[1].split("=")[0]
    assert name in response.json["error"]["message"]
