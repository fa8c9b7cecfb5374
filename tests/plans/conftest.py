"""Fixtures for the plan cycle: logins of the demo's people by role."""
from __future__ import annotations

import pytest

from ivzflow.demo.twente import DEMO_PASSWORD


@pytest.fixture
def demo_login(demo, client):
    """Log in as one of the demo's users (secretariaat, agendacommissie, lid, projectleider, admin ...)."""
    def do(name: str):
        client.post("/logout")
        response = client.post("/login", data={"email": f"{name}@demo.ivzflow.nl", "password": DEMO_PASSWORD})
        assert response.status_code == 302, response.get_data(as_text=True)
        return client
    return do
