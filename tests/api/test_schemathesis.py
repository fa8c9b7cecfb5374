"""Schemathesis against the running app: the Twente demo on a real HTTP server (on SQLite, and on PostgreSQL
when IVZFLOW_TEST_DATABASE_URL is set), the description loaded from /api/v1/openapi.json, every operation
driven with generated valid and invalid input under a read-write token of the secretariat.

Every response must be no 500, have a status code, content type, headers and body the description allows,
invalid input must be refused with a 4xx, and an operation must refuse a request without a valid token.
Examples per operation and mode: IVZFLOW_SCHEMATHESIS_EXAMPLES (a few by default, so `make test` stays
within about a minute); the seed is fixed and printed, IVZFLOW_SCHEMATHESIS_SEED picks another, and
IVZFLOW_SCHEMATHESIS_SHRINK=1 shrinks a failure to its smallest example first.
"""
from __future__ import annotations

import os
import threading

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, seed, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (content_type_conformance, ignored_auth, negative_data_rejection,
                                               response_headers_conformance, response_schema_conformance,
                                               status_code_conformance)
from sqlalchemy import select
from werkzeug.serving import make_server

from ivzflow.accounts.models import User
from ivzflow.accounts.services import create_token
from ivzflow.extensions import db

EXAMPLES = int(os.environ.get("IVZFLOW_SCHEMATHESIS_EXAMPLES", "8"))
SEED = int(os.environ.get("IVZFLOW_SCHEMATHESIS_SEED", "2015"))
SHRINK = bool(os.environ.get("IVZFLOW_SCHEMATHESIS_SHRINK"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance, negative_data_rejection, ignored_auth]


@pytest.fixture
def live_api(app, demo):
    """The demo on a real server on a free loopback port; yields (base URL, a read-write token's secret)."""
    user = db.session.scalar(select(User).where(User.email == "secretariaat@demo.ivzflow.nl"))
    _token, secret = create_token(user, "schemathesis", scope="write")
    db.session.commit()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", secret
    server.shutdown()
    thread.join()


def test_every_api_operation_keeps_to_its_description(live_api):
    base, secret = live_api
    print(f"schemathesis: seed {SEED}, {EXAMPLES} examples per operation and mode "
          "(IVZFLOW_SCHEMATHESIS_SEED, IVZFLOW_SCHEMATHESIS_EXAMPLES)")
    # the token as the description's security scheme, so schemathesis sends it and knows it is valid
    config = SchemathesisConfig.from_dict({"base-url": f"{base}/api/v1",
                                           "auth": {"openapi": {"bearerToken": {"bearer": secret}}}})
    schema = schemathesis.openapi.from_url(f"{base}/api/v1/openapi.json", config=config)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20
    phases = [Phase.explicit, Phase.generate] + ([Phase.shrink] if SHRINK else [])
    failures, statuses = [], {}
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            @seed(SEED)
            @settings(max_examples=EXAMPLES, deadline=None, database=None, phases=phases,
                      suppress_health_check=list(HealthCheck))
            @given(case=operation.as_strategy(generation_mode=mode))
            def call(case):
                response = case.call_and_validate(checks=CHECKS)
                statuses.setdefault(operation.label, set()).add(response.status_code)

            try:
                call()
            except (Exception, BaseExceptionGroup) as exc:  # every operation is tried; all failures reported
                failures.append(f"--- {operation.label} ({mode.value}):\n{exc}")
    assert not failures, f"seed {SEED}:\n" + "\n".join(failures)
    # the token worked: every reading operation answered with data at least once
    unanswered = [op.label for op in operations if op.method == "get" and not any(200 <= s < 300 for s in
                                                                                    statuses.get(op.label, ()))]
    assert not unanswered, f"seed {SEED}: never a 2xx from {unanswered}"
