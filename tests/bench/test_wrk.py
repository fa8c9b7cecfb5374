"""The wrk helper: its report is read right (units, errors), and it loads a real server with our headers."""
from __future__ import annotations

import shutil
import threading

import pytest
from werkzeug.serving import make_server

from ivzflow.bench import wrk

REPORT = """Running 2s test @ http://127.0.0.1:8000/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     6.51ms    2.10ms  31.02ms   80.12%
    Req/Sec     1.23k   101.35     1.40k    75.00%
  4937 requests in 2.00s, 275.31MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:   2468.50
Transfer/sec:    137.65MB
"""


def test_the_report_is_read_with_its_units():
    rate = wrk.parse(REPORT, 8)
    assert rate.rps == 2468.50
    assert rate.requests == 4937
    assert rate.seconds == 2.0
    assert rate.bytes_read == round(275.31 * 1024 ** 2)
    assert rate.errors == 7  # 3 socket errors and 4 answers outside 2xx/3xx
    assert wrk.size_in_bytes("512.00B") == 512 and wrk.size_in_bytes("95.00KB") == 97_280
    assert wrk.duration_in_seconds("1.00m") == 60 and wrk.duration_in_seconds("850.00ms") == 0.85


def test_a_report_without_a_rate_is_refused():
    with pytest.raises(ValueError, match="not understood"):
        wrk.parse("unable to connect to 127.0.0.1:1 Connection refused\n")


def test_missing_wrk_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(RuntimeError, match="apt-get install wrk"):
        wrk.command("http://127.0.0.1:1/", 1, 1, {})


BODY = b"<p>" + b"x" * 5000 + b"</p>"


def _app(environ, start_response):
    """Answers only a request that carries the header the runner passes (as a session cookie would be)."""
    if environ.get("HTTP_X_BENCH_TOKEN") != "yes":
        start_response("403 Forbidden", [("Content-Length", "0")])
        return [b""]
    start_response("200 OK", [("Content-Type", "text/html"), ("Content-Length", str(len(BODY)))])
    return [BODY]


@pytest.fixture
def server():
    if not shutil.which("wrk"):
        pytest.skip("wrk is not installed (apt-get install wrk); the benchmark's throughput needs it")
    httpd = make_server("127.0.0.1", 0, _app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}/"
    httpd.shutdown()
    thread.join()


def test_wrk_loads_a_real_server_at_1_and_8_connections_with_the_headers(server):
    rates = wrk.measure(server, 1, {"X-Bench-Token": "yes"})
    assert set(rates) == {1, 8}
    for connections, rate in rates.items():
        assert rate.connections == connections
        assert rate.rps > 0 and rate.requests > 0, rate
        assert rate.errors == 0, rate
        assert rate.bytes_per_response >= len(BODY), rate


def test_without_the_header_every_answer_is_an_error(server):
    rate = wrk.load(server, 1, 1, {})
    assert rate.requests > 0 and rate.errors == rate.requests, rate
