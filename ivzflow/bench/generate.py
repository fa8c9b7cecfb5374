"""A national-scale data set: 43 districts' worth of governance data in one installation.

Built on top of the Twente demo (its workflow, its logins and its story stay as they are), with bulk
Core inserts (no ORM objects, no audit or replanning listeners) and `random.Random(seed)`, so the same
seed and scale give the same rows. PostgreSQL gets COPY, SQLite executemany; both are analysed at the end.

`scale=1` is the national scale of the issue; tests use small scales (0.002, 0.005).
"""
from __future__ import annotations

import json
import random
import time
from collections import Counter
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import func, select, text

from ivzflow.accounts.models import User
from ivzflow.bodies.models import Membership
from ivzflow.bodies.services import current_on
from ivzflow.core import clock
from ivzflow.demo import twente
from ivzflow.extensions import db
from ivzflow.plans.bench import write_plan_cycle, write_policy_calendar  # every district's (issue 16)
from ivzflow.settings.models import Setting
from ivzflow.workflows.models import WorkflowVersion

# The bench's clock: the demo's "now" (1 June 2015, 09:00 in Amsterdam); history runs ten years back.
NOW_TEXT = "2015-06-01T09:00"
NOW = datetime(2015, 6, 1, 7, 0, tzinfo=timezone.utc)
HISTORY_START = NOW - timedelta(days=3652)
FUTURE_END = NOW + timedelta(days=365)

NATIONAL = {
    "organisation": 600, "person": 15_000, "membership": 80_000, "body": 500, "meeting": 25_000,
    "agenda_item": 250_000, "decision_item": 100_000, "item_transition": 1_000_000, "project": 5_000,
    "project_status_update": 60_000, "follow_up_action": 200_000, "audit_entry": 2_000_000,
    "delivery": 1_000_000, "reminder": 1_000_000, "notification": 300_000,
}
# Reminders due at NOW for the sweep to process: what is due does not grow with the tables.
DUE_REMINDERS = 100

FIRST = ["Anne", "Bas", "Carla", "Daan", "Esther", "Frank", "Gerrit", "Hanneke", "Inge", "Johan", "Karin", "Lotte",
         "Maarten", "Nicole", "Paul", "Ria", "Sanne", "Theo", "Wim", "Yvonne", "Ahmed", "Fatima", "Koen", "Mirjam"]
LAST = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "de Boer", "Bos", "Vos", "Peters",
        "Hendriks", "van Dijk", "Kok", "Brouwer", "Dekker", "Hulshof", "Nijhuis", "Kamphuis", "Wessels", "Pierik"]
BODY_KINDS = ["platform", "commissie", "bestuur", "driehoek", "expertgroep", "overleg", "directie", "kring"]
CLASSIFICATIONS = ["gemeente"] * 8 + ["politie", "om", "veiligheidsregio", "ggd", "samenwerkingsverband"]
AUDIT_TYPES = ["decision_item", "meeting", "agenda_item", "membership", "project", "follow_up_action", "person"]
REMINDER_KINDS = ["meeting_reminder", "agenda_due", "documents_due"]
LOREM = ("De regio werkt samen aan een veilige leefomgeving; dit voorstel beschrijft de aanpak, de rollen van "
         "gemeenten, politie en OM, de planning en de benodigde middelen.")
# What a text is about, beside LOREM, so that a search finds a part of the country's texts, not all or none
# (chosen by id, not by rng: the other rows stay as they were).
THEMES = ["Aanpak van hennepteelt en ondermijning in het buitengebied.", "Preventie van woninginbraak in de wijken.",
          "Jeugdcriminaliteit en de inzet van jongerenwerkers.", "Personen met verward gedrag: zorg en veiligheid.",
          "Radicalisering en polarisatie, signalering door professionals.", "Cybercrime bij ondernemers en inwoners.",
          "Mensenhandel en arbeidsuitbuiting in de landbouw.", "Huiselijk geweld en kindermishandeling in de keten.",
          "Dumpingen van drugsafval en de kosten van opruiming.", "Evenementen en horeca in de binnenstad.",
          "Ondermijnende criminaliteit op bedrijventerreinen.", "Overlast van vuurwerk rond de jaarwisseling.",
          "Zorgfraude en het delen van informatie.", "Nazorg voor ex-gedetineerden bij terugkeer in de gemeente.",
          "Brandveiligheid in zorginstellingen.", "Cameratoezicht in het stationsgebied.",
          "Witwassen via vastgoed en de Wet Bibob.", "Ondersteuning van slachtoffers van criminaliteit.",
          "Digitale weerbaarheid van gemeenten.", "Openbare orde bij demonstraties."]
# Two words of one theme (a twentieth of the themed texts) and two of LOREM (all of them): the search pages
# the runner measures.
SEARCH_WORDS = "hennepteelt ondermijning"
COMMON_WORDS = "veilige leefomgeving"


def themed(key: int) -> str:
    return f"{LOREM} {THEMES[key % len(THEMES)]}"


# The two measured agendas (20 and 100 items) read like a real meeting's: Dutch titles, descriptions of about
# 260 characters, a presenter with an affiliation, durations (issue 19 compares them with Indico's).
AGENDA_TITLES = [
    "Opening en vaststellen van de agenda", "Verslag van het vorige overleg en de actielijst",
    "Voortgang aanpak ondermijning in het buitengebied", "Jaarverslag Veiligheidshuis 2014",
    "Evaluatie van de jaarwisseling 2014-2015", "Cameratoezicht in het stationsgebied: verlenging",
    "Gezamenlijke aanpak van personen met verward gedrag", "Regionaal beleidsplan veiligheid 2015-2018",
    "Begroting en verdeelsleutel van de gemeentelijke bijdragen", "Informatiedeling bij zorgfraude: convenant",
    "Inzet van jongerenwerkers bij jeugdgroepen", "Bestuurlijke rapportage woninginbraken eerste kwartaal",
    "Nazorg voor ex-gedetineerden: stand van zaken", "Drugsafvaldumpingen en de verdeling van de kosten",
    "Mensenhandel en arbeidsuitbuiting in de landbouw", "Voorbereiding van de evenementenvergunningen zomer",
    "Radicalisering: signaleren en doorverwijzen", "Digitale weerbaarheid van de gemeenten",
    "Rondvraag en mededelingen", "Sluiting en afspraken voor het volgende overleg",
]
AGENDA_TOPICS = [
    "Het kernteam heeft de afgelopen maanden de signalen van de gemeenten, politie en belastingdienst gebundeld",
    "De werkgroep legt een uitgewerkt voorstel voor, afgestemd met de ketenpartners en de ambtelijke voorbereiding",
    "Naar aanleiding van het vorige overleg is een notitie opgesteld met de cijfers, knelpunten en mogelijke keuzes",
    "De portefeuillehouders hebben gevraagd om een gezamenlijke lijn, omdat de gemeenten nu verschillend handelen",
    "Uit de evaluatie blijkt dat de samenwerking verbeterd is, maar dat de capaciteit bij de partners onder druk staat",
]
AGENDA_ASKS = [
    "Het overleg wordt gevraagd in te stemmen met de voorgestelde aanpak en de verdeling van de rollen tussen "
    "de partners.",
    "Gevraagd wordt de notitie vast te stellen en de secretaris te vragen de gemeenteraden hierover te informeren.",
    "Het overleg wordt gevraagd kennis te nemen van de stand van zaken en richting te geven aan de volgende stappen.",
    "Voorgesteld wordt het plan van aanpak vast te stellen en de benodigde middelen uit de regionale pot te dekken.",
]
AGENDA_NOTES = [
    "De stukken zijn vooraf rondgestuurd.", "Het advies van de werkgroep is bijgevoegd.",
    "De financiële paragraaf volgt in de bijlage.", "De gemeenteraden zijn hierover nog niet geïnformeerd.",
]
PRESENTERS = [
    ("burgemeester", "Gemeente Almelo"), ("burgemeester", "Gemeente Enschede"), ("wethouder", "Gemeente Hengelo"),
    ("officier van justitie", "OM Oost-Nederland"), ("districtschef", "Politie Oost-Nederland"),
    ("directeur", "Veiligheidsregio Twente"), ("programmamanager", "Veiligheidshuis Twente"),
    ("beleidsadviseur", "Gemeente Oldenzaal"), ("teamleider", "GGD Twente"), ("secretaris", "Platform IVZ"),
]
DURATIONS = [5, 10, 10, 15, 15, 20, 30, 45]


def measured_agenda_item(rng: random.Random, position: int) -> dict:
    """The texts of one item of a measured agenda (its own rng: the other rows stay as they were)."""
    role, organisation = rng.choice(PRESENTERS)
    surname = rng.choice(LAST)
    return {"title": AGENDA_TITLES[(position - 1) % len(AGENDA_TITLES)],
            "description": f"{rng.choice(AGENDA_TOPICS)}. {rng.choice(AGENDA_NOTES)} {rng.choice(AGENDA_ASKS)}",
            "presenter": f"{role} {surname[0].upper()}{surname[1:]} ({organisation})",
            "duration_minutes": rng.choice(DURATIONS)}


def counts(scale: float) -> dict[str, int]:
    return {name: max(1, round(n * scale)) for name, n in NATIONAL.items()}


class Writer:
    """Bulk inserts into one table at a time: COPY on PostgreSQL, executemany on SQLite."""

    CHUNK = 20_000

    def __init__(self, connection):
        self.connection = connection
        self.postgres = connection.dialect.name == "postgresql"
        self.written: dict[str, int] = {}
        if not self.postgres:
            # Index pages of millions of rows stay in memory (256 MB) instead of going to disk on every insert.
            connection.exec_driver_sql("PRAGMA cache_size = -262144")

    def next_id(self, table: str) -> int:
        query = f'SELECT max(id) FROM "{table}"'  # nosec B608: table names from the metadata
        return (self.connection.execute(text(query)).scalar() or 0) + 1

    def write(self, table_name: str, rows) -> int:
        n = 0
        if self.postgres:
            columns = None
            cursor = self.connection.connection.driver_connection.cursor()
            copy_cm = None
            for row in rows:
                if columns is None:
                    columns = list(row)
                    names = ", ".join(f'"{c}"' for c in columns)
                    copy_cm = cursor.copy(f'COPY "{table_name}" ({names}) FROM STDIN')
                    copy = copy_cm.__enter__()
                copy.write_row([json.dumps(v) if isinstance(v, (dict, list)) else v for v in (row[c] for c in columns)])
                n += 1
            if copy_cm is not None:
                copy_cm.__exit__(None, None, None)
            cursor.close()
        else:
            # The driver directly, with values as SQLAlchemy would store them (UTC text, ISO dates, JSON).
            cursor = self.connection.connection.driver_connection.cursor()
            columns = None
            buffer = []
            for row in rows:
                if columns is None:
                    columns = list(row)
                    names = ", ".join(f'"{c}"' for c in columns)
                    sql = f'INSERT INTO "{table_name}" ({names}) VALUES ({", ".join("?" * len(columns))})'  # nosec
                buffer.append([_sqlite_value(row[c]) for c in columns])
                if len(buffer) >= self.CHUNK:
                    cursor.executemany(sql, buffer)
                    n += len(buffer)
                    buffer = []
            if buffer:
                cursor.executemany(sql, buffer)
                n += len(buffer)
            cursor.close()
        self.written[table_name] = self.written.get(table_name, 0) + n
        return n


def _sqlite_value(value):
    kind = type(value)
    if kind is datetime:  # every generated instant is UTC already
        return value.replace(tzinfo=None).isoformat(" ", "microseconds")
    if kind is date:
        return value.isoformat()
    if kind is dict or kind is list:
        return json.dumps(value)
    return value


def _when(rng: random.Random, start: datetime = HISTORY_START, end: datetime = NOW) -> datetime:
    return start + timedelta(seconds=rng.randrange(int((end - start).total_seconds())))


def ensure_demo() -> None:
    """The Twente demo is the base: its workflow, logins and story."""
    with clock.frozen_at(NOW):
        if twente.load(twente.DEMO_PASSWORD):
            db.session.commit()


def generate(scale: float = 1.0, seed: int = 2015, log=print, due_count: int = DUE_REMINDERS) -> dict:
    """Add a national-scale data set (times `scale`) to the demo; returns the marks the bench measures."""
    ensure_demo()
    rng = random.Random(seed)
    n = counts(scale)
    started = time.monotonic()
    version = db.session.scalar(select(WorkflowVersion).order_by(WorkflowVersion.id.desc()))
    states = [s.id for s in sorted(version.states, key=lambda s: s.position)]
    # the measured proposal's state: past editing and not final (on its way to a decision)
    measured_state = next(s.id for s in sorted(version.states, key=lambda s: s.position)
                          if not s.is_editable and not s.is_final and not s.is_initial)
    version_id = version.id  # read before the commit: a refresh later would hold a snapshot during the load
    password_hash = db.session.scalar(text('SELECT password_hash FROM "user" ORDER BY id LIMIT 1'))
    demo_user_ids = list(db.session.scalars(text('SELECT id FROM "user" ORDER BY id')))
    db.session.commit()
    marks: dict = {}

    with db.engine.begin() as connection:
        w = Writer(connection)
        if w.postgres:
            connection.execute(text("SET LOCAL session_replication_role = replica"))  # no FK checks in the load

        def step(name):
            log(f"  {name:24} {time.monotonic() - started:7.1f} s")

        # --- districts, basisteams, organisations, people, users
        district0 = w.next_id("district")
        districts = list(range(district0, district0 + 42))
        w.write("district", ({"id": d, "name": f"District {d}", "police_unit": f"Eenheid {d % 10}", "version": 1}
                             for d in districts))
        team0 = w.next_id("basisteam")
        teams = list(range(team0, team0 + 42 * 5))
        w.write("basisteam", ({"id": t, "district_id": districts[(t - team0) // 5], "name": f"Basisteam {t}",
                               "version": 1} for t in teams))
        org0 = w.next_id("organisation")
        existing_orgs = connection.execute(text("SELECT count(*) FROM organisation")).scalar()
        orgs = list(range(org0, org0 + max(1, n["organisation"] - existing_orgs)))
        w.write("organisation", ({"id": o, "name": f"Organisatie {o}", "short_name": None,
                                  "classification": rng.choice(CLASSIFICATIONS), "district_id": rng.choice(districts),
                                  "basisteam_id": rng.choice(teams), "parent_id": None,
                                  "inhabitants": rng.randrange(5_000, 200_000), "inhabitants_is_demo": True,
                                  "website": None, "contact_person_id": None, "notes": None, "version": 1}
                                 for o in orgs))
        person0 = w.next_id("person")
        people = list(range(person0, person0 + n["person"]))
        w.write("person", ({"id": p, "name": f"{rng.choice(FIRST)} {rng.choice(LAST)} {p}", "function": "lid",
                            "email": f"p{p}@bench.ivzflow.nl", "phone": None, "organisation_id": rng.choice(orgs),
                            "version": 1} for p in people))
        user0 = w.next_id("user")
        user_people = people[::50]
        users = list(range(user0, user0 + len(user_people)))
        w.write("user", ({"id": u, "email": f"u{u}@bench.ivzflow.nl", "password_hash": password_hash,
                          "person_id": p, "is_enabled": True, "locale": None, "session_token": f"bench{u}",
                          "password_changed_at": HISTORY_START, "last_login_at": None, "version": 1}
                         for u, p in zip(users, user_people)))
        role0 = w.next_id("user_role")
        w.write("user_role", ({"id": role0 + i, "user_id": u, "role": "member"} for i, u in enumerate(users)))
        all_users = demo_user_ids + users
        step("people")

        # --- bodies, seats, memberships (ten years of terms per seat)
        body0 = w.next_id("body")
        bodies = list(range(body0, body0 + n["body"]))
        body_district = {b: rng.choice(districts) for b in bodies}
        w.write("body", ({"id": b, "name": f"Gremium {b}", "short_name": f"G{b}", "kind": rng.choice(BODY_KINDS),
                          "description": LOREM, "district_id": body_district[b], "basisteam_id": None,
                          "organisation_id": rng.choice(orgs), "grants_role": None, "version": 1} for b in bodies))
        seat0 = w.next_id("seat")
        seats = []  # (seat id, body id)
        for b in bodies:
            for position in range(rng.randrange(8, 17)):
                seats.append((seat0 + len(seats), b))
        w.write("seat", ({"id": s, "body_id": b, "name": f"Zetel {s}", "role": "chair" if s % 12 == 0 else "member",
                          "position": s % 20, "term_months": 24, "rotates": False, "organisation_id": None,
                          "members_changed_at": None, "version": 1} for s, b in seats))
        terms_per_seat = max(1, round(n["membership"] / len(seats)))

        def memberships():
            mid = w.next_id("membership")
            span = (NOW.date() - HISTORY_START.date()).days
            for s, b in seats:
                k = max(1, terms_per_seat + rng.randrange(-2, 3))
                length = span // k
                for t in range(k):
                    start_on = HISTORY_START.date() + timedelta(days=t * length)
                    current = t == k - 1
                    yield {"id": mid, "seat_id": s, "body_id": b, "person_id": rng.choice(people),
                           "on_behalf_of_id": None, "is_deputy": False, "start_on": start_on,
                           "end_on": None if current else start_on + timedelta(days=length - 1),
                           "term_ends_on": start_on + timedelta(days=730),
                           "created_at": datetime.combine(start_on, datetime.min.time(), timezone.utc),
                           "created_by_id": None, "ended_at": None, "ended_by_id": None, "end_reason": None,
                           "version": 1}
                    mid += 1
        w.write("membership", memberships())
        seats_of = Counter(b for _s, b in seats)
        marks["body_id"] = max(bodies, key=lambda b: (seats_of[b], -b))
        step("bodies")

        # --- meetings with deadlines
        meeting0 = w.next_id("meeting")
        per_body = max(1, n["meeting"] // len(bodies))
        meetings = []  # (id, body, start)
        span_seconds = (FUTURE_END - HISTORY_START).total_seconds()
        for b in bodies:
            for i in range(per_body):
                start = HISTORY_START + timedelta(seconds=span_seconds * (i + rng.random() * 0.5) / per_body)
                start = start.replace(hour=7 + rng.randrange(0, 7), minute=0, second=0, microsecond=0)
                meetings.append((meeting0 + len(meetings), b, start))
        w.write("meeting", ({"id": m, "body_id": b, "name": f"Vergadering {m}", "start_at": s,
                             "end_at": s + timedelta(minutes=120),
                             "state": "minutes_adopted" if s < NOW else "planned", "is_published": True,
                             "cancel_reason": None, "sequence": 0, "anchor_meeting_id": None, "location_id": None,
                             "host_organisation_id": None, "notes": None, "updated_at": s - timedelta(days=30),
                             "sent_at": s - timedelta(days=7) if s < NOW else None, "version": 1}
                            for m, b, s in meetings))
        deadline0 = w.next_id("deadline")
        w.write("deadline", ({"id": deadline0 + 3 * i + j, "meeting_id": m, "kind": kind,
                              "due_at": s - timedelta(days=days), "is_cancelled": False}
                             for i, (m, b, s) in enumerate(meetings)
                             for j, (kind, days) in enumerate((("submission", 21), ("agenda_fixed", 14),
                                                               ("documents", 7)))))
        future = [m for m in meetings if m[2] > NOW + timedelta(days=30)]
        marks["meeting20_id"], marks["meeting100_id"] = future[0][0], future[1][0]
        # The demo's users work in the districts of the measured bodies too, as a secretariat serving them would:
        # the benchmark reads those pages as a district user.
        measured = {body_district[marks["body_id"]], body_district[future[0][1]], body_district[future[1][1]]}
        grant0 = w.next_id("user_district")  # before the write: PostgreSQL's COPY holds the connection
        w.write("user_district", ({"id": grant0 + i, "user_id": u, "district_id": d}
                                  for i, (u, d) in enumerate((u, d) for u in demo_user_ids for d in sorted(measured))))
        step("meetings")

        # --- decision items with points and their transitions
        item0 = w.next_id("decision_item")
        items = list(range(item0, item0 + n["decision_item"]))
        item_created = {}
        item_district = {}

        def decision_items():
            for i in items:
                created = _when(rng)
                item_created[i] = created
                m = rng.choice(meetings)
                item_district[i] = body_district[m[1]]
                yield {"id": i, "title": f"Voorstel {i}", "kind": "decision", "summary": f"<p>{themed(i)}</p>",
                       "confidentiality": "intern", "project_id": None, "submitter_id": rng.choice(all_users),
                       "trekker_id": rng.choice(people), "decision_body_id": m[1], "district_id": body_district[m[1]],
                       "touches_both_agendas": False,
                       "workflow_version_id": version_id, "state_id": states[(i % len(states))],
                       "state_entered_at": created, "target_meeting_id": m[0], "trekker_consent_at": None,
                       "trekker_consent_by_id": None, "deadline_override_reason": None,
                       "deadline_override_by_id": None, "created_at": created, "updated_at": created, "version": 1}
        w.write("decision_item", decision_items())
        point0 = w.next_id("decision_point")
        w.write("decision_point", ({"id": point0 + 2 * k + j, "item_id": i, "number": j + 1,
                                    "text": f"In te stemmen met punt {j + 1}.", "outcome": None,
                                    "decision_text": None, "decided_at_meeting_id": None, "version": 1}
                                   for k, i in enumerate(items) for j in range(2)))
        # a proposal of a district the users work in, past editing and not yet decided
        ours = [i for i in items if item_district[i] in measured and states[i % len(states)] == measured_state]
        marks["item_id"] = ours[len(ours) // 2]
        per_item = max(1, n["item_transition"] // len(items))

        def transitions():
            tid = w.next_id("item_transition")
            for i in items:
                k = 40 if i == marks["item_id"] else per_item + rng.randrange(-2, 3)
                at = item_created[i]
                for j in range(k):
                    at += timedelta(hours=rng.randrange(1, 200))
                    yield {"id": tid, "item_id": i, "transition": "indienen",
                           "from_state_id": states[j % len(states)], "to_state_id": states[(j + 1) % len(states)],
                           "by_id": rng.choice(all_users), "at": at, "comment": "Akkoord." if j % 3 == 0 else None}
                    tid += 1
        w.write("item_transition", transitions())
        step("decision items")

        # --- agenda items (some put a proposal before the meeting), with the 20- and 100-item agendas
        def agenda_items():
            aid = w.next_id("agenda_item")
            total = n["agenda_item"] - 120
            per_meeting = max(1, total // len(meetings))
            measured = {marks["meeting20_id"]: 20, marks["meeting100_id"]: 100}
            texts_rng = random.Random(seed + 1)
            for m, _b, _s in meetings:
                k = measured.get(m) or max(1, per_meeting + rng.randrange(-3, 4))
                for position in range(1, k + 1):
                    row = {"id": aid, "meeting_id": m, "position": position, "title": f"Agendapunt {position}",
                           "description": themed(aid) if position % 2 else None, "presenter": "voorzitter",
                           "duration_minutes": 10, "is_public": True, "is_standing": position <= 2,
                           "section": None, "result": None, "minutes": None,
                           "decision_item_id": rng.choice(items) if position % 3 == 0 else None, "version": 1}
                    if m in measured:
                        row.update(measured_agenda_item(texts_rng, position))
                    yield row
                    aid += 1
        w.write("agenda_item", agenda_items())
        step("agenda items")

        # --- projects and their status updates
        project0 = w.next_id("project")
        projects = list(range(project0, project0 + n["project"]))
        expert_groups = {p: rng.choice(bodies) for p in projects}
        w.write("project", ({"id": p, "title": f"Project {p}", "short_name": None,
                             "kind": rng.choice(["speerpunt", "aandachtsthema", "strategische_opgave"]),
                             "position": p, "start_on": HISTORY_START.date(), "end_on": None,
                             "trekker_id": rng.choice(people), "projectleider_id": rng.choice(people),
                             "lead_organisation_id": rng.choice(orgs), "expert_group_id": expert_groups[p],
                             "district_id": body_district[expert_groups[p]], "is_public": p % 10 == 0,
                             "assignment": f"<p>{themed(p)}</p>", "intended_result": None, "assignment_reference": None,
                             "assignment_decision_id": None, "analysis": None, "ambition": None, "approach": None,
                             "created_at": HISTORY_START, "updated_at": HISTORY_START, "version": 1}
                            for p in projects))
        per_project = max(1, n["project_status_update"] // len(projects))

        def status_updates():
            sid = w.next_id("project_status_update")
            for p in projects:
                posted = HISTORY_START
                for number in range(1, per_project + 1):
                    posted += timedelta(days=rng.randrange(60, 300))
                    if posted > NOW:
                        posted = NOW - timedelta(days=number)
                    yield {"id": sid, "project_id": p, "number": number,
                           "status": rng.choice(["red", "amber", "green"]),
                           "progress": min(100, number * 8), "summary": themed(sid), "achievements": None, "risks": None,
                           "next_steps": None, "decision_needed": None, "decision_item_id": None, "author_id": None,
                           "author_name": "Projectleider", "posted_at": posted}
                    sid += 1
        w.write("project_status_update", status_updates())
        for column, value in (("latest_update_id", "s.id"), ("latest_status", "s.status")):
            connection.execute(text(
                f"UPDATE project SET {column} = (SELECT {value} FROM project_status_update AS s "  # nosec B608
                "WHERE s.project_id = project.id ORDER BY s.number DESC LIMIT 1) WHERE project.id >= :first"),
                {"first": projects[0]})
        step("projects")

        # --- follow-up actions
        action0 = w.next_id("follow_up_action")
        w.write("follow_up_action", ({"id": a, "item_id": rng.choice(items), "point_id": None,
                                      "description": "Uitwerken en terugkoppelen aan het DVO.",
                                      "owner_person_id": rng.choice(people),
                                      "due_on": _when(rng, HISTORY_START, FUTURE_END).date(),
                                      "status": "done" if rng.random() < 0.8 else "open", "notes": None,
                                      "created_at": HISTORY_START, "created_by_id": None, "version": 1}
                                     for a in range(action0, action0 + n["follow_up_action"])))
        action1 = w.next_id("follow_up_action")  # the measured item always has its actions, at any scale
        w.write("follow_up_action", ({"id": a, "item_id": marks["item_id"], "point_id": None,
                                      "description": "Terugkoppelen aan het DVO.", "owner_person_id": people[0],
                                      "due_on": NOW.date(), "status": "open", "notes": None,
                                      "created_at": NOW, "created_by_id": None, "version": 1}
                                     for a in range(action1, action1 + 3)))
        step("actions")

        # --- audit log
        audit0 = w.next_id("audit_entry")
        w.write("audit_entry", ({"id": a, "at": _when(rng), "actor_id": None, "actor_label": "bench",
                                 "action": "update", "record_type": rng.choice(AUDIT_TYPES),
                                 "record_id": str(rng.randrange(1, 100_000)), "changes": {"title": ["oud", "nieuw"]}}
                                for a in range(audit0, audit0 + n["audit_entry"])))
        step("audit")

        # --- reminders (processed, and a fixed number due now), notifications, deliveries
        reminder0 = w.next_id("reminder")
        past_meetings = [m for m in meetings if m[2] < NOW]
        future_meetings = [m for m in meetings if m[2] > NOW]

        def reminders():
            for r in range(reminder0, reminder0 + n["reminder"]):
                m, _b, s = rng.choice(past_meetings)
                due = s - timedelta(days=7)
                yield {"id": r, "key": f"bench:{r}", "kind": "meeting_reminder", "subject_type": "meeting",
                       "subject_id": m, "user_id": rng.choice(all_users), "due_at": due, "expires_at": s,
                       "context": None, "planned_at": due - timedelta(days=30), "processed_at": due,
                       "outcome": "delivered"}
            for k in range(due_count):
                r = reminder0 + n["reminder"] + k
                m, _b, s = future_meetings[k % len(future_meetings)]
                yield {"id": r, "key": f"bench:due:{r}", "kind": "meeting_reminder", "subject_type": "meeting",
                       "subject_id": m, "user_id": rng.choice(all_users), "due_at": NOW - timedelta(minutes=k % 30),
                       "expires_at": s, "context": None, "planned_at": NOW - timedelta(days=30),
                       "processed_at": None, "outcome": None}
        w.write("reminder", reminders())
        notification0 = w.next_id("notification")
        w.write("notification", ({"id": x, "key": f"bench:{x}", "user_id": rng.choice(all_users),
                                  "kind": "meeting_reminder", "title": "Herinnering aan een vergadering",
                                  "body": LOREM, "link": None, "created_at": _when(rng),
                                  "read_at": NOW if rng.random() < 0.95 else None}
                                 for x in range(notification0, notification0 + n["notification"])))
        delivery0 = w.next_id("delivery")

        def deliveries():
            for x in range(delivery0, delivery0 + n["delivery"]):
                at = _when(rng)
                yield {"id": x, "key": f"bench:{x}", "user_id": rng.choice(all_users), "kind": "meeting_reminder",
                       "mode": "email", "to_address": "lid@bench.ivzflow.nl", "subject": "Herinnering",
                       "body": LOREM, "ics": None, "message_id": f"<bench.{x}@ivzflow>", "status": "sent",
                       "attempts": 1, "next_attempt_at": at, "last_error": None, "created_at": at, "sent_at": at}
        w.write("delivery", deliveries())
        step("reminders")

        write_plan_cycle(w, rng, districts)
        write_policy_calendar(w, districts)
        marks["district_id"] = districts[len(districts) // 2]  # a generated district, for its plan-cycle pages
        step("plan cycle")

        if w.postgres:
            for table in db.metadata.sorted_tables:
                if "id" in table.c and table.name != "setting":
                    name = table.name  # from the metadata
                    connection.execute(text(f"SELECT setval(pg_get_serial_sequence('\"{name}\"', 'id'), "  # nosec
                                            f"coalesce((SELECT max(id) FROM \"{name}\"), 0) + 1, false)"))
        marks["rows"] = dict(w.written)
        marks["seconds"] = round(time.monotonic() - started, 1)
        connection.execute(text("DELETE FROM setting WHERE key = 'bench.marks'"))
        connection.execute(db.metadata.tables["setting"].insert(), [{"key": "bench.marks", "value": marks,
                                                                     "version": 1}])

    with db.engine.begin() as connection:  # statistics for the query planners
        connection.execute(text("ANALYZE"))
    db.session.commit()
    log(f"  {'analyse':24} {time.monotonic() - started:7.1f} s")
    return marks


def district_user() -> str | None:
    """The e-mail of a generated user with a current seat in a generated body (password DEMO_PASSWORD): who
    measures the search as a member of one district's body, not as the secretariat that sees everything."""
    return db.session.scalar(select(User.email).join(Membership, Membership.person_id == User.person_id)
                             .where(User.email.like("u%@bench.ivzflow.nl"), current_on(NOW.date()))
                             .order_by(User.id).limit(1))


def load_marks() -> dict:
    row = db.session.get(Setting, "bench.marks")
    return dict(row.value) if row else {}


def table_sizes() -> dict[str, int]:
    return {name: db.session.scalar(select(func.count()).select_from(table))
            for name, table in db.metadata.tables.items()
            if name in NATIONAL or name in ("membership", "deadline", "user")}
