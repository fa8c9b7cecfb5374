"""National-scale rows for the plan cycle in the benchmark data set (see ivzflow.bench.generate): for every
generated district its municipalities' local plans with their themes, a weighing, the yearly rates with dated
inhabitant figures, a partner contribution, reserves, commitments and spending, and its policy calendar (the
demo's series 2011-2020, each occurrence with its reminders' PolicyEvent)."""
from __future__ import annotations

import random
from datetime import date, datetime, timezone

from sqlalchemy import text

from ivzflow.plans.models import PolicySeries
from ivzflow.plans.policy import label_of, occurrence_dates

YEARS = (2013, 2014, 2015, 2016)
# (kind, title, starts_on, ends_on, repeat_years, until_year, remind_days_before) as the demo has them
POLICY_SERIES = (
    ("local_plans", "Lokale integrale veiligheidsplannen", date(2013, 1, 1), date(2016, 12, 31), 4, 2017, 90),
    ("ivm", "Integrale Veiligheidsmonitor: meting", date(2011, 9, 1), None, 4, 2019, 60),
    ("ivm", "Integrale Veiligheidsmonitor: resultaten", date(2012, 3, 1), None, 4, 2020, 30),
    ("action_plan", "Actieplan Platform IVZ", date(2013, 1, 1), date(2014, 12, 31), 2, 2019, 120),
    ("analysis", "Strategische analyse", date(2016, 4, 1), None, None, None, 30),
    ("financing", "Financieringsvoorstel aan het DVO", date(2016, 7, 1), None, None, None, 60),
)
OUTCOMES = ("speerpunt", "aandachtsthema", "none", "none")


def write_plan_cycle(w, rng: random.Random, districts: list[int]) -> None:
    """`w` is the generator's Writer (bulk inserts in its transaction)."""
    connection = w.connection
    themes = list(connection.execute(text("SELECT id FROM safety_theme ORDER BY id")).scalars())
    if not themes:
        return
    municipalities: dict[int, list[int]] = {d: [] for d in districts}
    for org_id, district_id in connection.execute(text(
            "SELECT id, district_id FROM organisation WHERE classification = 'gemeente' AND district_id IS NOT NULL")):
        if district_id in municipalities:
            municipalities[district_id].append(org_id)
    created = datetime(2012, 12, 1, tzinfo=timezone.utc)

    plan0 = w.next_id("local_plan")
    plans = [(plan0 + i, org, d) for i, (org, d) in enumerate(
        (org, d) for d, orgs in municipalities.items() for org in orgs)]
    w.write("local_plan", ({"id": p, "organisation_id": org, "district_id": d, "title": f"Veiligheidsplan {org}",
                            "start_year": 2013, "end_year": 2016, "adopted_on": date(2012, 12, 15), "document": None,
                            "created_at": created, "version": 1} for p, org, d in plans))
    w.write("local_plan_theme", ({"plan_id": p, "theme_id": t} for p, _org, _d in plans
                                 for t in rng.sample(themes, rng.randrange(3, 12))))
    weighing0 = w.next_id("theme_weighing")
    w.write("theme_weighing", ({"id": weighing0 + i, "district_id": d, "year": 2015, "matrix_year": 2014,
                                "opgaven": "Informatiepositie versterken", "decision_item_id": None,
                                "drafted_at": None, "updated_at": created, "version": 1}
                               for i, d in enumerate(districts)))
    entry0 = w.next_id("theme_weighing_entry")
    entries = [(weighing0 + i, t) for i in range(len(districts)) for t in rng.sample(themes, 8)]
    w.write("theme_weighing_entry", ({"id": entry0 + n, "weighing_id": wid, "theme_id": t, "position": n % 8,
                                      "outcome": rng.choice(OUTCOMES), "added_by_hand": False, "project_id": None,
                                      "judgements": {c: {"met": rng.random() < 0.5, "reason": None} for c in "abcdefghi"}}
                                     for n, (wid, t) in enumerate(entries)))
    count0 = w.next_id("inhabitant_count")
    pairs = [(org, year) for orgs in municipalities.values() for org in orgs for year in YEARS]
    w.write("inhabitant_count", ({"id": count0 + n, "organisation_id": org, "counted_on": date(year - 1, 5, 1),
                                  "inhabitants": rng.randrange(5_000, 200_000), "is_demo": True}
                                 for n, (org, year) in enumerate(pairs)))
    rule0 = w.next_id("contribution_rule")
    w.write("contribution_rule", ({"id": rule0 + n, "district_id": d, "year": year, "rate": "0.15",
                                   "reference_on": date(year - 1, 5, 1), "version": 1}
                                  for n, (d, year) in enumerate((d, y) for d in districts for y in YEARS)))
    partner = connection.execute(text("SELECT id FROM organisation WHERE classification = 'politie' "
                                      "ORDER BY id LIMIT 1")).scalar()
    if partner is not None:
        partner0 = w.next_id("partner_contribution")  # never inside the rows: PostgreSQL's COPY holds the connection
        w.write("partner_contribution", ({"id": partner0 + n, "district_id": d, "year": y,
                                          "organisation_id": partner, "amount": "20000.00"}
                                         for n, (d, y) in enumerate((d, y) for d in districts for y in (2013, 2014))))
    reserve0 = w.next_id("finance_reserve")
    w.write("finance_reserve", ({"id": reserve0 + n, "district_id": d, "name": "Restant",
                                 "amount": "100000.00", "available_from": 2015, "is_estimate": False}
                                for n, d in enumerate(districts)))
    commitment0 = w.next_id("finance_commitment")
    commitments = [(commitment0 + n, d, kind) for n, (d, kind) in enumerate(
        (d, kind) for d in districts for kind in ("staff", "project", "grant"))]
    w.write("finance_commitment", ({"id": c, "district_id": d, "kind": kind,
                                    "source": {"staff": "reserve", "project": "budget", "grant": "external"}[kind],
                                    "title": f"Verplichting {c}", "start_year": 2015, "end_year": 2016,
                                    "amount_per_year": "25000.00", "fte": "0.50" if kind == "staff" else None,
                                    "hours_per_week": None, "is_estimate": False, "project_id": None,
                                    "decision_item_id": None, "note": None, "created_at": created, "version": 1}
                                   for c, d, kind in commitments))
    expenditure0 = w.next_id("finance_expenditure")
    w.write("finance_expenditure", ({"id": expenditure0 + n, "district_id": d,
                                     "commitment_id": c, "spent_on": date(2015, month, 25), "amount": "1000.00",
                                     "description": "Maandelijkse uitgave"}
                                    for n, (c, d, month) in enumerate(
                                        (c, d, m) for c, d, _k in commitments for m in range(1, 6))))


def write_policy_calendar(w, districts: list[int]) -> None:
    """Every district's policy series, their occurrences and the PolicyEvents the reminders act on."""

    series0, occurrence0, event0 = w.next_id("policy_series"), w.next_id("policy_occurrence"), w.next_id("policy_event")
    series_rows, occurrence_rows, event_rows = [], [], []
    for d in districts:
        for kind, title, starts_on, ends_on, repeat, until, days in POLICY_SERIES:
            sid = series0 + len(series_rows)
            series_rows.append({"id": sid, "district_id": d, "kind": kind, "title": title, "starts_on": starts_on,
                                "ends_on": ends_on, "repeat_years": repeat, "until_year": until,
                                "remind_days_before": days, "description": None, "version": 1})
            rule = PolicySeries(starts_on=starts_on, ends_on=ends_on, repeat_years=repeat, until_year=until)
            for start, end in occurrence_dates(rule):
                eid = event0 + len(event_rows)
                event_rows.append({"id": eid, "title": f"{title} {label_of(start, end)}", "happens_on": start,
                                   "description": None, "remind_days_before": days, "is_active": True,
                                   "version": 1})
                occurrence_rows.append({"id": occurrence0 + len(occurrence_rows), "series_id": sid,
                                        "event_id": eid, "occurs_on": start, "ends_on": end})
    w.write("policy_series", iter(series_rows))
    w.write("policy_event", iter(event_rows))
    w.write("policy_occurrence", iter(occurrence_rows))
