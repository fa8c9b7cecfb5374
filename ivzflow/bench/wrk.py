"""Requests per second measured with wrk (Debian package `wrk`), the same way for every page and the ceiling.

One page is loaded at 1 connection (`wrk -t1 -c1`) and at 8 (`wrk -t2 -c8`), each after a short warm-up
that is not counted. Logged-in pages get their session cookie, API pages their bearer token, as `-H`
headers. wrk does not follow redirects or keep cookies, so what it read is compared with the page the
runner fetched itself: errors, non-2xx/3xx answers or responses smaller than the page mean the figure is
not the page's.
"""
from __future__ import annotations

import math
import re
import shutil
import subprocess
from dataclasses import dataclass

CONNECTIONS = (1, 8)
WARMUP_SECONDS = 1
TIMEOUT = "60s"  # wrk's default (2 s) would count a slow page's answers as errors instead of timing them
_UNITS = {"": 1, "K": 1024, "M": 1024 ** 2, "G": 1024 ** 3, "T": 1024 ** 4}
_TIME_UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1, "m": 60, "h": 3600}


@dataclass
class Rate:
    connections: int
    rps: float  # "Requests/sec:"
    requests: int  # "<n> requests in <t>, <size> read"
    seconds: float
    bytes_read: int
    errors: int  # socket errors (connect, read, write, timeout) and non-2xx/3xx answers

    @property
    def bytes_per_response(self) -> float:
        return self.bytes_read / self.requests if self.requests else 0.0


def executable() -> str:
    path = shutil.which("wrk")
    if not path:
        raise RuntimeError("wrk is not installed; the benchmark measures requests per second with it: "
                           "apt-get install wrk")
    return path


def command(url: str, connections: int, seconds: int, headers: dict[str, str]) -> list[str]:
    threads = min(connections, 2)  # -t1 -c1, -t2 -c8: wrk itself shares the 2 cores with the server
    args = [executable(), f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", TIMEOUT]
    for name, value in headers.items():
        args += ["-H", f"{name}: {value}"]
    return [*args, url]


def size_in_bytes(text: str) -> int:
    """wrk's binary sizes: "512.00B", "95.00KB", "1.23MB"."""
    match = re.fullmatch(r"([\d.]+)([KMGT]?)B", text)
    if not match:
        raise ValueError(f"not a wrk size: {text!r}")
    return round(float(match.group(1)) * _UNITS[match.group(2)])


def duration_in_seconds(text: str) -> float:
    """wrk's times: "2.00s", "1.00m", "850.00ms"."""
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text)
    if not match:
        raise ValueError(f"not a wrk time: {text!r}")
    return float(match.group(1)) * _TIME_UNITS[match.group(2)]


def parse(output: str, connections: int = 0) -> Rate:
    """The summary of one wrk run (its plain-text report, no Lua script)."""
    rps = re.search(r"^Requests/sec:\s+([\d.]+)\s*$", output, re.M)
    total = re.search(r"^\s*(\d+) requests in (\S+), (\S+) read\s*$", output, re.M)
    if not rps or not total:
        raise ValueError(f"wrk's report not understood:\n{output}")
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    statuses = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = (sum(int(n) for n in sockets.groups()) if sockets else 0) + (int(statuses.group(1)) if statuses else 0)
    return Rate(connections=connections, rps=float(rps.group(1)), requests=int(total.group(1)),
                seconds=duration_in_seconds(total.group(2)), bytes_read=size_in_bytes(total.group(3)), errors=errors)


def load(url: str, connections: int, seconds: int, headers: dict[str, str]) -> Rate:
    done = subprocess.run(command(url, connections, seconds, headers), capture_output=True, text=True,
                          timeout=seconds + 120)
    if done.returncode:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr or done.stdout}")
    return parse(done.stdout, connections)


def measure(url: str, seconds: float, headers: dict[str, str] | None = None) -> dict[int, Rate]:
    """Requests per second at 1 and at 8 connections, each after a warm-up; wrk counts whole seconds."""
    whole = max(1, math.ceil(seconds))
    rates = {}
    for connections in CONNECTIONS:
        load(url, connections, WARMUP_SECONDS, headers or {})
        rates[connections] = load(url, connections, whole, headers or {})
    return rates
