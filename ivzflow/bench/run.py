"""The benchmark runner: national data in fresh databases, gunicorn (2 workers), measurements, a table.

For each backend (SQLite; PostgreSQL when IVZFLOW_BENCH_DATABASE_URL is set): generate the data set in a
subprocess, build the search index over it, time a scheduler sweep, serve the app with gunicorn and the repository's gunicorn.conf.py,
log in as each role and measure every page: median and 95th percentile latency for one client, requests
per second with 8 concurrent clients, SQL queries per request (X-Query-Count), response size; then the
peak memory of each worker. A bare Flask app under the same server gives the ceiling.
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
import threading
import time
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

from ivzflow.bench.bare import prepare
from ivzflow.bench.generate import COMMON_WORDS, NOW, NOW_TEXT, SEARCH_WORDS
from ivzflow.core import clock
from ivzflow.demo.twente import DEMO_PASSWORD
from ivzflow.reminders.sweep import sweep

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = 8
ROLES = {  # demo logins (password twente.DEMO_PASSWORD)
    "admin": "admin@demo.ivzflow.nl",
    "secretariaat": "secretariaat@demo.ivzflow.nl",
    "agendacommissie": "agendacommissie@demo.ivzflow.nl",
    "projectleider": "projectleider@demo.ivzflow.nl",
    "communicatie": "communicatie@demo.ivzflow.nl",
    "lid": "lid@demo.ivzflow.nl",
}
TARGETS = {"p95_ms": 50, "queries": 15, "agenda20_fraction": 0.25, "sweep_s": 2.0, "worker_mb": 200}


@dataclass
class Page:
    name: str
    path: str
    auth: str  # a role, "district" (a member of a generated body), "api" or "api-district" (bearer token of the
    # secretariat or that member) or "feed" (secret in the URL)
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    rps: float = 0.0
    fraction: float = 0.0
    queries: int = 0
    bytes: int = 0
    status: int = 0


@dataclass
class Result:
    backend: str
    scale: float
    label: str
    generate_s: float = 0.0
    index: dict = field(default_factory=dict)  # the search index built over the generated data: seconds, entries
    rows: dict = field(default_factory=dict)
    ceiling_rps: float = 0.0
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

    def copy(self) -> Client:
        other = Client(self.port, self.headers)
        other.cookies = dict(self.cookies)
        return other


def latency(client: Client, path: str, samples: int) -> tuple[list[float], int, int, int]:
    for _i in range(3):
        client.request("GET", path)
    times = []
    for _i in range(samples):
        started = time.perf_counter()
        response, data = client.request("GET", path)
        times.append((time.perf_counter() - started) * 1000)
    return times, response.status, int(response.headers.get("X-Query-Count", -1)), len(data)


def throughput(client: Client, path: str, seconds: float, clients: int = CLIENTS) -> float:
    done = [0] * clients
    stop = time.perf_counter() + seconds

    def work(i: int):
        own = client.copy()
        own.request("GET", path)
        n = 0
        while time.perf_counter() < stop:
            own.request("GET", path)
            n += 1
        done[i] = n

    started = time.perf_counter()
    threads = [threading.Thread(target=work, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(done) / (time.perf_counter() - started)


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
                samples: int, label: str, ceiling: float, log) -> Result:
    result = Result(backend=backend, scale=scale, label=label, ceiling_rps=ceiling)
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
            client = clients[page.auth]
            times, page.status, page.queries, page.bytes = latency(client, page.path, samples)
            page.p50_ms = round(statistics.median(times), 1)
            page.p95_ms = round(percentile(times, 0.95), 1)
            page.rps = round(throughput(client, page.path, duration), 1)
            page.fraction = round(page.rps / ceiling, 3) if ceiling else 0.0
            log(f"[{backend}] {page.name:28} {page.status} p50 {page.p50_ms:6.1f} ms  p95 {page.p95_ms:6.1f} ms  "
                f"{page.rps:7.1f} req/s ({page.fraction:.0%})  {page.queries:3d} queries  {page.bytes:8,d} B")
            result.pages.append(asdict(page))
        result.worker_peak_mb = server.peak_mb()
        log(f"[{backend}] worker peak memory: {result.worker_peak_mb} MB")
    finally:
        server.stop()
    return result


def measure_ceiling(work: Path, duration: float, log) -> float:
    path = work / "bare.sqlite"
    prepare(str(path))
    server = Server("ivzflow.bench.bare:create_app()", {**os.environ, "IVZFLOW_BENCH_BARE_DB": str(path),
                                                        "PYTHONPATH": str(ROOT)})
    try:
        client = Client(server.port)
        rps = throughput(client, "/", duration)
    finally:
        server.stop()
    log(f"ceiling (bare Flask, 20 rows from SQLite): {rps:.0f} req/s")
    return round(rps, 1)


# --- report --------------------------------------------------------------------------------------------

def checks(result: Result) -> dict[str, bool]:
    pages = [Page(**p) for p in result.pages]
    agenda20 = next(p for p in pages if p.name == "agenda, 20 items")
    return {
        "p95 <= 50 ms on every page": all(p.p95_ms <= TARGETS["p95_ms"] for p in pages),
        "<= 15 queries on every page": all(0 <= p.queries <= TARGETS["queries"] for p in pages),
        "agenda (20) >= 25% of ceiling": agenda20.fraction >= TARGETS["agenda20_fraction"],
        "sweep < 2 s": result.sweep.get("seconds", 99) < TARGETS["sweep_s"],
        "worker peak <= 200 MB": all(mb <= TARGETS["worker_mb"] for mb in result.worker_peak_mb),
        "every page answered 200": all(p.status == 200 for p in pages),
    }


def markdown(results: list[Result]) -> str:
    lines = ["# ivzflow benchmark", ""]
    for r in results:
        title = f"## {r.backend}, scale {r.scale}" + (f" ({r.label})" if r.label else "")
        lines += [title, "",
                  f"Data generated in {r.generate_s} s ({sum(r.rows.values()):,} rows added). "
                  f"Search index built in {r.index.get('seconds')} s ({r.index.get('entries', 0):,} entries). "
                  f"Ceiling (bare Flask, same server): {r.ceiling_rps:.0f} req/s. "
                  f"Scheduler sweep: {r.sweep.get('seconds')} s, {r.sweep.get('queries')} statements, "
                  f"{r.sweep.get('processed')} reminders processed, {r.sweep.get('sent')} e-mails sent; "
                  f"with nothing due "
                  f"{r.sweep.get('idle_seconds')} s, {r.sweep.get('idle_queries')} statements. "
                  f"Worker peak memory: {', '.join(f'{mb:.0f}' for mb in r.worker_peak_mb)} MB.", "",
                  "| page | p50 ms | p95 ms | req/s (8 clients) | of ceiling | queries | bytes |",
                  "|---|---:|---:|---:|---:|---:|---:|"]
        for p in r.pages:
            lines.append(f"| {p['name']} | {p['p50_ms']:.1f} | {p['p95_ms']:.1f} | {p['rps']:.0f} | "
                         f"{p['fraction']:.0%} | {p['queries']} | {p['bytes']:,} |")
        lines += ["", "Targets: " + "; ".join(f"{name}: {'met' if ok else 'NOT met'}"
                                               for name, ok in checks(r).items()), ""]
    return "\n".join(lines)


def main(scale: float, seed: int, out: str, duration: float, samples: int, label: str, log=print,
         backends: tuple[str, ...] = ("sqlite", "postgresql")) -> list[Result]:
    out_dir = (ROOT / out) if not os.path.isabs(out) else Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    work = ROOT / "bench" / "work"
    work.mkdir(parents=True, exist_ok=True)
    ceiling = measure_ceiling(work, duration, log)
    legs = [("sqlite", None)] if "sqlite" in backends else []
    if os.environ.get("IVZFLOW_BENCH_DATABASE_URL") and "postgresql" in backends:
        legs.append(("postgresql", os.environ["IVZFLOW_BENCH_DATABASE_URL"]))
    results = [run_backend(b, url, scale, seed, work, duration, samples, label, ceiling, log) for b, url in legs]
    name = f"scale-{scale:g}" + (f"-{label}" if label else "") + ("" if len(legs) > 1 else f"-{legs[0][0]}")
    (out_dir / f"{name}.json").write_text(json.dumps(
        [{**asdict(r), "targets": checks(r)} for r in results], indent=2) + "\n")
    (out_dir / f"{name}.md").write_text(markdown(results))
    log(markdown(results))
    return results
