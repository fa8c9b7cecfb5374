"""The runner's table and its issue-19 checks, on made-up measurements (no server)."""
from __future__ import annotations

from dataclasses import asdict

from ivzflow.bench.run import Page, Result, checks, markdown


def _page(name: str, rps_1: float, rps_8: float, ceiling: float = 1000) -> dict:
    return asdict(Page(name, "/", "secretariaat", p50_ms=5, p95_ms=9, rps_1=rps_1, rps_8=rps_8,
                       fraction=round(rps_8 / ceiling, 3), gain=round(rps_8 / rps_1, 2), queries=9, bytes=50_000,
                       status=200, wrk_bytes=50_300))


def _result(backend: str = "sqlite", **rates) -> Result:
    """A run where every page reaches 30% of a ceiling of 1,000 req/s (400 at 1 connection: gain 2.5)."""
    pages = {name: (120, 300) for name in ("dashboard (admin)", "calendar", "agenda, 20 items",
                                           "agenda, 20 items, cache missed", "agenda, 100 items",
                                           "agenda, 100 items, cache missed")}
    pages.update(rates)
    return Result(backend=backend, scale=1, label="", ceiling_rps=1000, ceiling_rps_1=400,
                  sweep={"seconds": 0.5}, worker_peak_mb=[150, 160],
                  pages=[_page(name, *r) for name, r in pages.items()])


def test_all_targets_met():
    found = checks(_result())
    assert found and all(found.values()), found


def test_the_cache_missed_agenda_counts_for_the_agenda_target():
    found = checks(_result(**{"agenda, 20 items, cache missed": (90, 225)}))  # 22.5%
    assert not found["agenda (20), also cache missed, >= 25% of ceiling"]
    assert found["every other page >= 20% of ceiling"]
    on_postgresql = checks(_result("postgresql", **{"agenda, 20 items, cache missed": (90, 225)}))
    assert on_postgresql["agenda (20), also cache missed, >= 20% of ceiling"]
    assert "every other page >= 20% of ceiling" not in on_postgresql  # a SQLite target


def test_share_targets_for_the_calendar_and_every_other_page():
    found = checks(_result(**{"calendar": (88, 220), "agenda, 100 items, cache missed": (20, 50)}))
    assert not found["calendar >= 25% of ceiling"]
    assert found["every other page >= 20% of ceiling"], "the 100-item agenda has no share target"
    assert not checks(_result(**{"dashboard (admin)": (76, 190)}))["every other page >= 20% of ceiling"]


def test_a_page_gaining_less_than_the_ceiling_from_1_to_8_connections():
    name = "gain 1 -> 8 connections within 10% of the ceiling's on every page"
    assert checks(_result(**{"dashboard (admin)": (130, 300)}))[name]  # 2.31, within 10% of 2.5
    assert not checks(_result(**{"dashboard (admin)": (190, 300)}))[name]  # 1.58


def test_a_wrk_figure_that_is_not_the_page_fails():
    result = _result()
    result.pages[0]["wrk_bytes"] = 400  # e.g. a redirect to the login page
    assert not checks(result)["wrk read every page whole, without errors"]


def test_the_table_has_both_rates_share_and_gain():
    table = markdown([_result()])
    assert ("| page | p50 ms | p95 ms | req/s, 1 conn. | req/s, 8 conn. | of ceiling (8) | gain 1→8 (ceiling 2.50) |"
            in table)
    assert "| agenda, 20 items, cache missed | 5.0 | 9.0 | 120 | 300 | 30% | 2.50 | 9 | 50,000 |" in table
