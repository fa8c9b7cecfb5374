"""The benchmark runner: national data in fresh databases, gunicorn (2 workers), measurements, a table.

For each backend (SQLite; PostgreSQL when IVZFLOW_BENCH_DATABASE_URL is set): generate the data set in a
subprocess, build the search index over it, time a scheduler sweep, serve the app with gunicorn and the repository's gunicorn.conf.py,
log in as each role and measure every page: median and 95th percentile latency for one client, SQL queries
per request (X-Query-Count), response size; requests per second at 1 and at 8 connections, measured with wrk
(ivzflow/bench/wrk.py); then the peak memory of each worker. A bare Flask app under the same server, loaded
by wrk the same way in the same run, gives the ceiling; each page's rate at 8 connections is reported as a
share of it, and its gain from 1 to 8 connections beside the ceiling's.
"""
from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

from ivzflow.bench import wrk
from ivzflow.bench.bare import prepare
from ivzflow.bench.querycount import CACHE_MISS_HEADER  # the cache-missed agenda rows
from ivzflow.bench.generate import COMMON_WORDS, NOW, NOW_TEXT, SEARCH_WORDS
from ivzflow.core import clock
from ivzflow.demo.twente import DEMO_PASSWORD
from ivzflow.reminders.sweep import sweep

ROOT = Path(__file__).resolve().parents[2]
ROLES = {  # demo logins (password twente.DEMO_PASSWORD)
    "admin": "admin@demo.ivzflow.nl",
    "secretariaat": "secretariaat@demo.ivzflow.nl",
    "agendacommissie": "agendacommissie@demo.ivzflow.nl",
    "projectleider": "projectleider@demo.ivzflow.nl",
    "communicatie": "communicatie@demo.ivzflow.nl",
    "lid": "lid@demo.ivzflow.nl",
}
TARGETS = {"p95_ms": 50, "queries": 15, "sweep_s": 2.0, "worker_mb": 200,
           # issue 19, at 8 connections: shares of the ceiling, and the gain from 1 to 8 connections
           "agenda20_fraction": {"sqlite": 0.25, "postgresql": 0.20}, "calendar_fraction": 0.25,
           "every_page_fraction_sqlite": 0.20, "gain_of_ceiling": 0.90}


@dataclass
class Page:
    name: str
    path: str
    auth: str  # a role, "district" (a member of a generated body), "api" or "api-district" (bearer token of the
    # secretariat or that member) or "feed" (secret in the URL)
    cache_missed: bool = False  # the agenda's rows rendered on every request (CACHE_MISS_HEADER)
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    rps_1: float = 0.0  # wrk, 1 connection
    rps_8: float = 0.0  # wrk, 8 connections
    fraction: float = 0.0  # rps_8 of the ceiling's
    gain: float = 0.0  # rps_8 / rps_1
    queries: int = 0
    bytes: int = 0
    status: int = 0
    wrk_errors: int = 0  # wrk's socket errors and non-2xx/3xx answers, both loads
    wrk_bytes: int = 0  # bytes wrk read per response at 8 connections (headers included): at least the page's


@dataclass
class Result:
    backend: str
    scale: float
    label: str
    generate_s: float = 0.0
    index: dict = field(default_factory=dict)  # the search index built over the generated data: seconds, entries
    rows: dict = field(default_factory=dict)
    ceiling_rps: float = 0.0  # the bare app at 8 connections
    ceiling_rps_1: float = 0.0
    sweep: dict = field(default_factory=dict)
    worker_peak_mb: list = field(default_factory=list)
    pages: list = field(default_factory=list)


# --- HTTP ----------------------------------------------------------------------------------------------

class Client:
    """One keep-alive connection with its own cookies."""

    def __init__(self, port: int, headers: dict | None = None):
        self.port = port
        self.headers = dict(headers or {})
        self.cookies: dict[str, str] = {}
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def request(self, method: str, path: str, body: str | None = None, headers: dict | None = None):
        all_headers = {**self.headers, **(headers or {})}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in range(2):
            try:
                self.connection.request(method, path, body=body, headers=all_headers)
                response = self.connection.getresponse()
                data = response.read()
                break
            except (ConnectionError, http.client.HTTPException):
                self.connection.close()
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                if attempt:
                    raise
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _sep, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response, data

    def login(self, email: str, password: str) -> None:
        _response, html = self.request("GET", "/login")
        token = re.search(rb'name="csrf_token" value="([^"]+)"', html).group(1).decode()
        body = urlencode({"csrf_token": token, "email": email, "password": password})
        response, data = self.request("POST", "/login", body,
                                      {"Content-Type": "application/x-www-form-urlencoded"})
        if response.status != 302:
            raise RuntimeError(f"login as {email} failed: {response.status} {data[:300]!r}")


def latency(client: Client, path: str, samples: int, headers: dict | None = None) -> tuple[list[float], int, int, int]:
    for _i in range(3):
        client.request("GET", path, headers=headers)
    times = []
    for _i in range(samples):
        started = time.perf_counter()
        response, data = client.request("GET", path, headers=headers)
        times.append((time.perf_counter() - started) * 1000)
    return times, response.status, int(response.headers.get("X-Query-Count", -1)), len(data)


def wrk_headers(client: Client, page: Page) -> dict[str, str]:
    """What the page's client sends, for wrk: its token or its current cookies, and the cache switch."""
    headers = dict(client.headers)
    if client.cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in client.cookies.items())
    if page.cache_missed:
        headers[CACHE_MISS_HEADER[0]] = CACHE_MISS_HEADER[1]
    return headers


def throughput(port: int, path: str, seconds: float, headers: dict[str, str] | None = None) -> dict[int, wrk.Rate]:
    return wrk.measure(f"http://127.0.0.1:{port}{path}", seconds, headers)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


# --- processes -----------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def flask(env: dict, *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "flask", "--app", "ivzflow", *args], env=env, cwd=ROOT,
                          capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"flask {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


class Server:
    """gunicorn with the repository's gunicorn.conf.py, on a free port."""

    def __init__(self, app: str, env: dict):
        self.port = free_port()
        self.env = {**env, "IVZFLOW_BIND": f"127.0.0.1:{self.port}", "IVZFLOW_WORKERS": "2"}
        self.process = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), app],
                                        env=self.env, cwd=ROOT)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError("gunicorn did not start")
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start in time")

    def worker_pids(self) -> list[int]:
        pids = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    status = (entry / "status").read_text()
                except OSError:
                    continue
                if re.search(rf"^PPid:\s+{self.process.pid}$", status, re.M):
                    pids.append(int(entry.name))
        return pids

    def peak_mb(self) -> list[float]:
        peaks = []
        for pid in self.worker_pids():
            match = re.search(r"^VmHWM:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text(), re.M)
            peaks.append(round(int(match.group(1)) / 1024, 1))
        return peaks

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()


# --- the sweep (run inside `flask bench sweep`) ----------------------------------------------------------

def measure_sweep() -> dict:
    """One timed sweep with a real SMTP sink; the statements it ran, and what it did."""
    from aiosmtpd.controller import Controller
    from flask import current_app
    from sqlalchemy import event
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import configure_mappers

    class Sink:
        received = 0

        async def handle_DATA(self, server, session, envelope):
            Sink.received += 1
            return "250 OK"

    port = free_port()
    controller = Controller(Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    current_app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
    statements = [0]

    def count(*_args):
        statements[0] += 1

    # Once per process in the long-running scheduler, so not part of a sweep: configuring the mappers and
    # compiling the sweep's statements (a sweep an hour earlier, when nothing was due yet).
    configure_mappers()
    with clock.frozen_at(NOW - timedelta(hours=1)):
        sweep()
    event.listen(Engine, "before_cursor_execute", count)
    try:
        started = time.perf_counter()
        result = sweep()
        seconds = time.perf_counter() - started
        due_statements, statements[0] = statements[0], 0
        started = time.perf_counter()
        sweep()  # again, with nothing due: what a sweep costs on the national tables by itself
        idle_seconds = time.perf_counter() - started
    finally:
        event.remove(Engine, "before_cursor_execute", count)
        controller.stop()
    return {"seconds": round(seconds, 3), "queries": due_statements, "mails": Sink.received, **asdict(result),
            "idle_seconds": round(idle_seconds, 3), "idle_queries": statements[0]}


# --- one backend ---------------------------------------------------------------------------------------

def pages_for(marks: dict, secrets: dict) -> list[Page]:
    pages = [Page(f"dashboard ({role})", "/", role) for role in ROLES]
    pages += [
        Page("portfolio", "/projects", "secretariaat"),
        Page("body page", f"/bodies/{marks['body_id']}", "secretariaat"),
        Page("calendar", "/calendar", "secretariaat"),
        Page("agenda, 20 items", f"/meetings/{marks['meeting20_id']}/agenda", "secretariaat"),
        Page("agenda, 100 items", f"/meetings/{marks['meeting100_id']}/agenda", "secretariaat"),
        Page("agenda, 20 items, cache missed", f"/meetings/{marks['meeting20_id']}/agenda", "secretariaat",
             cache_missed=True),
        Page("agenda, 100 items, cache missed", f"/meetings/{marks['meeting100_id']}/agenda", "secretariaat",
             cache_missed=True),
        Page("decision item", f"/decisions/{marks['item_id']}", "secretariaat"),
        Page("decision list", "/decisions", "secretariaat"),
        Page("body iCal feed", f"/feeds/{secrets['feed']}/bodies/{marks['body_id']}.ics", "feed"),
        Page("theme matrix", "/plannen/?year=2015", "secretariaat"),
        Page("theme weighing", "/plannen/weging?year=2015", "secretariaat"),
        Page("local plans", "/plannen/lokale-plannen", "secretariaat"),
        Page("policy calendar", "/plannen/kalender", "secretariaat"),
        Page("finances", "/financien/?year=2015", "secretariaat"),
        Page("policy iCal feed", f"/plannen/feeds/{secrets['feed']}/beleidskalender.ics", "feed"),
        Page("personal iCal feed", f"/feeds/{secrets['feed']}/me.ics", "feed"),
    ]
    if marks.get("district_id"):  # a generated district's plan cycle, besides Twente's (the default)
        d = marks["district_id"]
        pages += [
            Page("theme matrix, district", f"/plannen/?district={d}&year=2015", "secretariaat"),
            Page("theme weighing, district", f"/plannen/weging?district={d}&year=2015", "secretariaat"),
            Page("local plans, district", f"/plannen/lokale-plannen?district={d}", "secretariaat"),
            Page("policy calendar, district", f"/plannen/kalender?district={d}", "secretariaat"),
            Page("finances, district", f"/financien/?district={d}&year=2015", "secretariaat"),
        ]
    for name in ("meetings", "decision-items", "projects", "bodies", "memberships", "persons", "organisations",
                 "local-plans", "theme-weighing?year=2015", "finances?year=2015", "policy-events"):
        pages.append(Page(f"API /{name}", f"/api/v1/{name}", "api"))
    # a member of one generated district's body: every list defaults to his district (issue 18)
    pages += [Page(f"{name} (district member)", path, "district")
              for name, path in (("dashboard", "/"), ("calendar", "/calendar"), ("portfolio", "/projects"),
                                 ("decision list", "/decisions"))]
    two, common = urlencode({"q": SEARCH_WORDS}), urlencode({"q": COMMON_WORDS})
    pages += [
        Page("search, two words (district member)", f"/search?{two}", "district"),
        Page("search, two words (secretariaat)", f"/search?{two}", "secretariaat"),
        Page("search, common words (district member)", f"/search?{common}", "district"),
        Page("API /search, two words (district member)", f"/api/v1/search?{two}", "api-district"),
    ]
    if marks.get("district_id"):
        for name in ("local-plans", "theme-weighing", "finances"):
            pages.append(Page(f"API /{name}, district", f"/api/v1/{name}?district={marks['district_id']}&year=2015",
                              "api"))
    return pages


def prepare_database(backend: str, url: str | None, work: Path) -> dict:
    instance = work / backend
    shutil.rmtree(instance, ignore_errors=True)
    instance.mkdir(parents=True)
    env = {**os.environ, "IVZFLOW_INSTANCE_PATH": str(instance), "IVZFLOW_FAKE_NOW": NOW_TEXT,
           "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    env.pop("IVZFLOW_DATABASE_URL", None)
    if url:
        env["IVZFLOW_DATABASE_URL"] = url
        from sqlalchemy import create_engine, text

        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    return env


def run_backend(backend: str, url: str | None, scale: float, seed: int, work: Path, duration: float,
                samples: int, label: str, log) -> Result:
    result = Result(backend=backend, scale=scale, label=label)
    env = prepare_database(backend, url, work)
    log(f"[{backend}] generating scale {scale} ...")
    started = time.monotonic()
    output = flask(env, "bench", "generate", "--scale", str(scale), "--seed", str(seed))
    result.generate_s = round(time.monotonic() - started, 1)
    log(output.strip().splitlines()[-1])
    result.index = json.loads(flask(env, "bench", "index").strip().splitlines()[-1])
    log(f"[{backend}] search index: {result.index['entries']:,} entries in {result.index['seconds']} s")
    info = json.loads(flask(env, "bench", "secrets").strip().splitlines()[-1])
    marks = info["marks"]
    result.rows = marks.get("rows", {})
    result.sweep = json.loads(flask(env, "bench", "sweep").strip().splitlines()[-1])
    log(f"[{backend}] sweep: {result.sweep}")

    # the ceiling right before the pages, so that both see the machine in the same state
    ceiling = measure_ceiling(work, duration, log)
    result.ceiling_rps_1, result.ceiling_rps = ceiling[1].rps, ceiling[8].rps
    server = Server("wsgi:app", {**env, "IVZFLOW_BENCH_QUERY_COUNT": "1"})
    try:
        clients = {}
        for role, email in ROLES.items():
            clients[role] = Client(server.port)
            clients[role].login(email, DEMO_PASSWORD)
        clients["district"] = Client(server.port)
        clients["district"].login(info["district_user"], DEMO_PASSWORD)
        clients["api"] = Client(server.port, {"Authorization": f"Bearer {info['api']}"})
        clients["api-district"] = Client(server.port, {"Authorization": f"Bearer {info['api_district']}"})
        clients["feed"] = Client(server.port)
        for page in pages_for(marks, info):
            measure_page(page, clients[page.auth], server.port, samples, duration, ceiling)
            log(f"[{backend}] {page.name:28} {page.status} p50 {page.p50_ms:6.1f} ms  p95 {page.p95_ms:6.1f} ms  "
                f"{page.rps_1:6.1f} / {page.rps_8:6.1f} req/s at 1 / 8 ({page.fraction:.0%}, gain {page.gain:.2f}) "
                f"{page.queries:3d} queries  {page.bytes:8,d} B  {page.wrk_errors} wrk errors")
            result.pages.append(asdict(page))
        result.worker_peak_mb = server.peak_mb()
        log(f"[{backend}] worker peak memory: {result.worker_peak_mb} MB")
    finally:
        server.stop()
    return result


def measure_page(page: Page, client: Client, port: int, samples: int, duration: float,
                 ceiling: dict[int, wrk.Rate]) -> None:
    """Latency from the runner's own client, then wrk with that client's cookies or token."""
    extra = dict([CACHE_MISS_HEADER]) if page.cache_missed else None
    times, page.status, page.queries, page.bytes = latency(client, page.path, samples, extra)
    page.p50_ms = round(statistics.median(times), 1)
    page.p95_ms = round(percentile(times, 0.95), 1)
    rates = throughput(port, page.path, duration, wrk_headers(client, page))
    page.rps_1, page.rps_8 = round(rates[1].rps, 1), round(rates[8].rps, 1)
    page.fraction = round(page.rps_8 / ceiling[8].rps, 3) if ceiling[8].rps else 0.0
    page.gain = round(page.rps_8 / page.rps_1, 2) if page.rps_1 else 0.0
    page.wrk_errors = rates[1].errors + rates[8].errors
    page.wrk_bytes = round(rates[8].bytes_per_response)


def measure_ceiling(work: Path, duration: float, log) -> dict[int, wrk.Rate]:
    path = work / "bare.sqlite"
    prepare(str(path))
    server = Server("ivzflow.bench.bare:create_app()", {**os.environ, "IVZFLOW_BENCH_BARE_DB": str(path),
                                                        "PYTHONPATH": str(ROOT)})
    try:
        rates = throughput(server.port, "/", duration)
    finally:
        server.stop()
    log(f"ceiling (bare Flask, 20 rows from SQLite): {rates[1].rps:.0f} req/s at 1 connection, "
        f"{rates[8].rps:.0f} at 8 (gain {rates[8].rps / rates[1].rps:.2f})")
    return rates


# --- report --------------------------------------------------------------------------------------------

def ceiling_gain(result: Result) -> float:
    return result.ceiling_rps / result.ceiling_rps_1 if result.ceiling_rps_1 else 0.0


def checks(result: Result) -> dict[str, bool]:
    pages = [Page(**p) for p in result.pages]
    agenda20 = [p for p in pages if p.name.startswith("agenda, 20 items")]  # cached and cache missed
    calendars = [p for p in pages if p.name.startswith("calendar")]
    agenda_share = TARGETS["agenda20_fraction"].get(result.backend, 0.25)
    least_gain = TARGETS["gain_of_ceiling"] * ceiling_gain(result)
    found = {
        "p95 <= 50 ms on every page": all(p.p95_ms <= TARGETS["p95_ms"] for p in pages),
        "<= 15 queries on every page": all(0 <= p.queries <= TARGETS["queries"] for p in pages),
        f"agenda (20), also cache missed, >= {agenda_share:.0%} of ceiling":
            bool(agenda20) and all(p.fraction >= agenda_share for p in agenda20),
        "calendar >= 25% of ceiling": all(p.fraction >= TARGETS["calendar_fraction"] for p in calendars),
    }
    if result.backend == "sqlite":  # the 100-item agenda has no share of its own in issue 19 (only Indico's)
        others = [p for p in pages if not p.name.startswith("agenda, 100 items")]
        found["every other page >= 20% of ceiling"] = all(
            p.fraction >= TARGETS["every_page_fraction_sqlite"] for p in others)
    found.update({
        "gain 1 -> 8 connections within 10% of the ceiling's on every page": all(p.gain >= least_gain for p in pages),
        "sweep < 2 s": result.sweep.get("seconds", 99) < TARGETS["sweep_s"],
        "worker peak <= 200 MB": all(mb <= TARGETS["worker_mb"] for mb in result.worker_peak_mb),
        "every page answered 200": all(p.status == 200 for p in pages),
        "wrk read every page whole, without errors": all(p.wrk_errors == 0 and p.wrk_bytes >= p.bytes for p in pages),
    })
    return found


def markdown(results: list[Result]) -> str:
    lines = ["# ivzflow benchmark", ""]
    for r in results:
        title = f"## {r.backend}, scale {r.scale}" + (f" ({r.label})" if r.label else "")
        lines += [title, "",
                  f"Data generated in {r.generate_s} s ({sum(r.rows.values()):,} rows added). "
                  f"Search index built in {r.index.get('seconds')} s ({r.index.get('entries', 0):,} entries). "
                  f"Ceiling (bare Flask, same server, wrk): {r.ceiling_rps_1:.0f} req/s at 1 connection, "
                  f"{r.ceiling_rps:.0f} at 8 (gain {ceiling_gain(r):.2f}). "
                  f"Scheduler sweep: {r.sweep.get('seconds')} s, {r.sweep.get('queries')} statements, "
                  f"{r.sweep.get('processed')} reminders processed, {r.sweep.get('sent')} e-mails sent; "
                  f"with nothing due "
                  f"{r.sweep.get('idle_seconds')} s, {r.sweep.get('idle_queries')} statements. "
                  f"Worker peak memory: {', '.join(f'{mb:.0f}' for mb in r.worker_peak_mb)} MB.", "",
                  "| page | p50 ms | p95 ms | req/s, 1 conn. | req/s, 8 conn. | of ceiling (8) | gain 1→8 "
                  f"(ceiling {ceiling_gain(r):.2f}) | queries | bytes |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for p in r.pages:
            lines.append(f"| {p['name']} | {p['p50_ms']:.1f} | {p['p95_ms']:.1f} | {p['rps_1']:.0f} | "
                         f"{p['rps_8']:.0f} | {p['fraction']:.0%} | {p['gain']:.2f} | {p['queries']} | "
                         f"{p['bytes']:,} |")
        lines += ["", "Targets: " + "; ".join(f"{name}: {'met' if ok else 'NOT met'}"
                                               for name, ok in checks(r).items()), ""]
    return "\n".join(lines)


def main(scale: float, seed: int, out: str, duration: float, samples: int, label: str, log=print,
         backends: tuple[str, ...] = ("sqlite", "postgresql")) -> list[Result]:
    out_dir = (ROOT / out) if not os.path.isabs(out) else Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    wrk.executable()  # before hours of data generation: fails with how to install it
    work = ROOT / "bench" / "work"
    work.mkdir(parents=True, exist_ok=True)
    legs = [("sqlite", None)] if "sqlite" in backends else []
    if os.environ.get("IVZFLOW_BENCH_DATABASE_URL") and "postgresql" in backends:
        legs.append(("postgresql", os.environ["IVZFLOW_BENCH_DATABASE_URL"]))
    results = [run_backend(b, url, scale, seed, work, duration, samples, label, log) for b, url in legs]
    name = f"scale-{scale:g}" + (f"-{label}" if label else "") + ("" if len(legs) > 1 else f"-{legs[0][0]}")
    (out_dir / f"{name}.json").write_text(json.dumps(
        [{**asdict(r), "targets": checks(r)} for r in results], indent=2) + "\n")
    (out_dir / f"{name}.md").write_text(markdown(results))
    log(markdown(results))
    return results
