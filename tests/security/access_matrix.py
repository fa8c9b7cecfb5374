"""The expected access matrix: who may reach each route, as readable data.

One line per route: `METHOD rule | who`. `who` lists principals or groups, `-name` takes one out again.
Principals: anonymous, admin, secretariat, agendacommissie, projectleider, communicatie, member,
outsider (a member of another basisteam's driehoek only). Whoever is not listed must be refused:
anonymous with a redirect to the login page (401 on the API), everyone else with 403 where he sees the
object but may not act on it, with 404 where the object is hidden from him (REFUSALS, and the last field
of OBJECT_CASES). An allowed GET must answer (2xx/3xx), an allowed write may refuse its empty input
(400/409/422); each is told apart from the others.
For the API, `who` are the principals whose token opens the route (a read token for GET, a read-write
token for writes); a read token is always refused on writes.

To add a route: add its line. URL parameters are filled with the seeded objects of
tests/security/conftest.py (`fill` in the test knows the usual names); a parameter that means another
object on this route goes in URL_VALUES. `IVZFLOW_MATRIX_RECORD=1` prints what the app does now.
"""
from __future__ import annotations

GROUPS = {
    "ALL": {"admin", "secretariat", "agendacommissie", "projectleider", "communicatie", "member", "outsider"},
    "STAFF": {"admin", "secretariat"},
    "NOBODY": set(),
}
GROUPS["PUBLIC"] = GROUPS["ALL"] | {"anonymous"}

# Who sees the special objects, and why (see the permissions.py of decisions and meetings).
GROUPS_BY_OBJECT = {
    # a vertrouwelijk proposal: the secretariat, its submitter and trekker, and the members of the bodies on
    # its route (the demo users sit in the Platform, DVO or DB DVO); not a driehoek member elsewhere
    "@confidential_item": "ALL -outsider",
    # an unpublished meeting or a draft agenda: those who prepare the body (the agendacommissie, the DB DVO,
    # the Platform for the DVO) and the secretariat; not a member who only reads (the mayor in the DB DVO)
    "@unpublished": "ALL -projectleider -outsider -member",
    "@preparers": "ALL -projectleider -outsider -member",
    # a confidential driehoek item (Midden): its members and the secretariat; no demo user sits there
    "@driehoek": "STAFF",
    # the sent driehoek agenda itself is readable for all; the confidential item in it is not (CONTENT_CASES)
    "@driehoek_agenda": "ALL",
}


def _who(text: str) -> set[str]:
    text = " ".join(GROUPS_BY_OBJECT.get(word, word) for word in text.split())
    who: set[str] = set()
    for word in text.split():
        if word.startswith("-"):
            who -= GROUPS.get(word[1:], {word[1:]})
        else:
            who |= GROUPS.get(word, {word})
    return who


def parse(text: str) -> dict[tuple[str, str], set[str]]:
    rows = {}
    for line in text.strip().splitlines():
        line = line.split("#", 1)[0].strip() if line.lstrip().startswith("#") else line.strip()
        if not line:
            continue
        route, who = line.rsplit(" | ", 1)
        method, rule = route.strip().split(" ", 1)
        key = (method, rule.strip())
        assert key not in rows, f"duplicate matrix row {key}"
        rows[key] = _who(who)
    return rows


ROUTES = parse("""
# the public site (Woo) and OParl: no login; what is not published is a 404 for everyone
GET /openbaar/ | PUBLIC
GET /openbaar/gremia/<int:body_id>/ | PUBLIC
GET /openbaar/gremia/<int:body_id>/feed.atom | PUBLIC
GET /openbaar/vergaderingen/<int:meeting_id>/agenda | PUBLIC
GET /openbaar/vergaderingen/<int:meeting_id>/besluitenlijst | PUBLIC
GET /openbaar/projecten/<int:project_id> | PUBLIC
GET /openbaar/documenten/<int:attachment_id> | PUBLIC
GET /openbaar/sitemap.xml | PUBLIC
GET /oparl/v1/ | PUBLIC
GET /oparl/v1/body | PUBLIC
GET /oparl/v1/body/<int:body_id> | PUBLIC
GET /oparl/v1/body/<int:body_id>/<kind> | PUBLIC
GET /oparl/v1/organization/<int:object_id> | PUBLIC
GET /oparl/v1/person/<int:object_id> | PUBLIC
GET /oparl/v1/membership/<int:object_id> | PUBLIC
GET /oparl/v1/meeting/<int:object_id> | PUBLIC
GET /oparl/v1/agendaItem/<int:object_id> | PUBLIC
GET /oparl/v1/paper/<int:object_id> | PUBLIC
GET /oparl/v1/consultation/<int:object_id> | PUBLIC
GET /oparl/v1/file/<int:object_id> | PUBLIC
GET /oparl/v1/location/<int:object_id> | PUBLIC
GET /oparl/v1/legislativeTerm/<int:object_id> | PUBLIC
# a body's publication settings: those who prepare the body, and the secretariat
GET /bodies/<int:body_id>/publicatie | @preparers
POST /bodies/<int:body_id>/publicatie | @preparers
POST /bodies/<int:body_id>/publicatie/intrekken | @preparers
POST /bodies/<int:body_id>/publicatie/opnieuw/<int:withdrawal_id> | @preparers
# the plan cycle (issue 16): plans, weighing, policy calendar, money
GET /plannen/ | ALL
GET /plannen/matrix.<fmt> | ALL
POST /plannen/drempel | STAFF
GET /plannen/lokale-plannen | ALL
GET /plannen/lokale-plannen/nieuw | STAFF
POST /plannen/lokale-plannen/nieuw | STAFF
GET /plannen/lokale-plannen/<int:plan_id> | STAFF
POST /plannen/lokale-plannen/<int:plan_id> | STAFF
GET /plannen/weging | admin secretariat agendacommissie communicatie
POST /plannen/weging | secretariat agendacommissie communicatie
GET /plannen/kalender | ALL
GET /plannen/wat-anderen-doen | ALL
POST /plannen/kalender | STAFF
POST /plannen/kalender/<int:series_id>/verwijderen | STAFF
GET /plannen/feeds/<secret>/beleidskalender.ics | PUBLIC
GET /financien/ | admin secretariat agendacommissie communicatie
POST /financien/tarief | secretariat
POST /financien/verplichtingen | secretariat
POST /financien/uitgaven | secretariat
POST /financien/verplichtingen/<int:commitment_id>/bestedingsvoorstel | secretariat
GET /financien/facturen.pdf | admin secretariat agendacommissie communicatie
GET /financien/facturen.xlsx | admin secretariat agendacommissie communicatie
GET /api/v1/local-plans | ALL
GET /api/v1/theme-weighing | ALL
GET /api/v1/finances | admin secretariat agendacommissie communicatie
GET /api/v1/policy-events | ALL
# search (issue 17): everyone with an account; what they find is checked in CONTENT_CASES
GET /search | ALL
GET /api/v1/search | ALL
GET / | ALL
GET /actions | ALL
GET /actions/<int:action_id> | ALL
POST /actions/<int:action_id> | STAFF
POST /actions/<int:action_id>/assignments/<int:assignment_id> | admin secretariat agendacommissie
GET /advice | admin secretariat communicatie
POST /agenda-items/<int:item_id>/delete | ALL -projectleider -outsider -member
GET /agenda-items/<int:item_id>/documents | ALL -projectleider -outsider -member
POST /agenda-items/<int:item_id>/documents | ALL -projectleider -outsider -member
GET /agenda-items/<int:item_id>/edit | ALL -projectleider -outsider -member
POST /agenda-items/<int:item_id>/edit | ALL -projectleider -outsider -member
POST /agenda-items/<int:item_id>/move | ALL -projectleider -outsider -member
GET /api/v1/bodies | ALL
GET /api/v1/bodies/<int:body_id> | ALL
GET /api/v1/decision-items | ALL
GET /api/v1/districts | ALL
POST /api/v1/decision-items | ALL -member -outsider
GET /api/v1/decision-items/<int:item_id> | ALL
POST /api/v1/decision-items/<int:item_id>/transitions | ALL
GET /api/v1/meetings | ALL
GET /api/v1/meetings/<int:meeting_id> | ALL
GET /api/v1/openapi.json | PUBLIC
GET /api/v1/memberships | ALL
GET /api/v1/organisations | ALL
GET /api/v1/organisations/<int:org_id> | ALL
GET /api/v1/persons | ALL
GET /api/v1/persons/<int:person_id> | ALL
GET /api/v1/projects | ALL
GET /api/v1/projects/<int:project_id> | ALL
POST /api/v1/projects/<int:project_id>/status-updates | admin secretariat projectleider
GET /attachments/<int:attachment_id> | ALL
POST /attachments/<int:attachment_id>/delete | ALL -projectleider -outsider -member
GET /audit/<record_type>/<record_id> | STAFF
GET /bodies | ALL
GET /bodies/<int:body_id> | ALL
GET /bodies/<int:body_id>/edit | STAFF
POST /bodies/<int:body_id>/edit | STAFF
GET /bodies/<int:body_id>/history | ALL
GET /bodies/<int:body_id>/hosts | STAFF
POST /bodies/<int:body_id>/hosts | STAFF
GET /bodies/<int:body_id>/meetings/import | STAFF
POST /bodies/<int:body_id>/meetings/import | STAFF
POST /bodies/<int:body_id>/meetings/import/confirm | STAFF
GET /bodies/<int:body_id>/meetings/new | STAFF
POST /bodies/<int:body_id>/meetings/new | STAFF
GET /bodies/<int:body_id>/plan | ALL
POST /bodies/<int:body_id>/plan/generate | STAFF
POST /bodies/<int:body_id>/plan/publish | STAFF
GET /bodies/<int:body_id>/relations | STAFF
POST /bodies/<int:body_id>/relations | STAFF
GET /bodies/<int:body_id>/rule | STAFF
POST /bodies/<int:body_id>/rule | STAFF
GET /bodies/<int:body_id>/seats/new | STAFF
POST /bodies/<int:body_id>/seats/new | STAFF
GET /bodies/<int:body_id>/standing-items | STAFF
POST /bodies/<int:body_id>/standing-items | STAFF
GET /bodies/new | STAFF
POST /bodies/new | STAFF
GET /calendar | ALL
GET /calendar/subscribe | ALL
POST /calendar/subscribe | ALL
POST /calendar/subscribe/revoke | ALL
GET /compliance | STAFF
GET /decisions | ALL
GET /decisions/<int:item_id> | ALL
GET /decisions/<int:item_id>/actions/new | STAFF
POST /decisions/<int:item_id>/actions/new | STAFF
GET /decisions/<int:item_id>/advice | admin secretariat communicatie
POST /decisions/<int:item_id>/advice | admin secretariat communicatie
POST /decisions/<int:item_id>/advice/approve | NOBODY
POST /decisions/<int:item_id>/advice/waive | NOBODY
POST /decisions/<int:item_id>/consent | NOBODY
POST /decisions/<int:item_id>/documents | STAFF
GET /decisions/<int:item_id>/edit | NOBODY
POST /decisions/<int:item_id>/edit | NOBODY
GET /decisions/<int:item_id>/outcomes | STAFF
POST /decisions/<int:item_id>/outcomes | STAFF
POST /decisions/<int:item_id>/override | STAFF
POST /decisions/<int:item_id>/pass-up | STAFF
POST /decisions/<int:item_id>/report-down | STAFF
POST /decisions/<int:item_id>/route/<int:consultation_id> | STAFF
POST /decisions/<int:item_id>/target | admin secretariat agendacommissie communicatie
POST /decisions/<int:item_id>/transitions | ALL
GET /decisions/documents/<int:document_id> | ALL
POST /decisions/documents/<int:document_id>/delete | STAFF
GET /decisions/new | ALL -member -outsider
POST /decisions/new | ALL -member -outsider
GET /decisions/choices | ALL -member -outsider
GET /feeds/<secret>/bodies/<int:body_id>.ics | PUBLIC
GET /feeds/<secret>/me.ics | PUBLIC
GET /healthz | PUBLIC
GET /favicon.ico | PUBLIC
POST /language | PUBLIC
GET /locations | STAFF
GET /locations/<int:location_id>/edit | STAFF
POST /locations/<int:location_id>/edit | STAFF
GET /locations/new | STAFF
POST /locations/new | STAFF
GET /login | PUBLIC
POST /login | PUBLIC
POST /logout | ALL
GET /meetings | ALL
GET /meetings/<int:meeting_id> | ALL
GET /meetings/<int:meeting_id>.ics | ALL
GET /meetings/<int:meeting_id>/agenda | ALL
GET /meetings/<int:meeting_id>/agenda.pdf | ALL
GET /meetings/<int:meeting_id>/agenda.zip | ALL
POST /meetings/<int:meeting_id>/agenda/fix | ALL -projectleider -outsider -member
GET /meetings/<int:meeting_id>/agenda/items/new | ALL -projectleider -outsider -member
POST /meetings/<int:meeting_id>/agenda/items/new | ALL -projectleider -outsider -member
POST /meetings/<int:meeting_id>/agenda/order | ALL -projectleider -outsider -member
POST /meetings/<int:meeting_id>/agenda/prepare | ALL -projectleider -outsider -member
POST /meetings/<int:meeting_id>/agenda/proposals/<int:item_id>/place | ALL -projectleider -outsider -member
GET /meetings/<int:meeting_id>/agenda/print | ALL
POST /meetings/<int:meeting_id>/agenda/reopen | ALL -projectleider -outsider -member
POST /meetings/<int:meeting_id>/agenda/send | ALL -projectleider -outsider -member
POST /meetings/<int:meeting_id>/agenda/send-amended | ALL -projectleider -outsider -member
GET /meetings/<int:meeting_id>/cancel | STAFF
POST /meetings/<int:meeting_id>/cancel | STAFF
GET /meetings/<int:meeting_id>/decisions | ALL
GET /meetings/<int:meeting_id>/decisions.pdf | ALL
POST /meetings/<int:meeting_id>/decisions/adopt | STAFF
POST /meetings/<int:meeting_id>/held | STAFF
GET /meetings/<int:meeting_id>/host | STAFF
POST /meetings/<int:meeting_id>/host | STAFF
POST /meetings/<int:meeting_id>/minutes-adopted | STAFF
GET /meetings/<int:meeting_id>/move | STAFF
POST /meetings/<int:meeting_id>/move | STAFF
GET /meetings/<int:meeting_id>/record | STAFF
POST /meetings/<int:meeting_id>/record | STAFF
POST /meetings/<int:meeting_id>/state | STAFF
GET /memberships/<int:membership_id>/end | STAFF
POST /memberships/<int:membership_id>/end | STAFF
GET /notifications | ALL
GET /notifications/<int:notification_id> | member
POST /notifications/<int:notification_id>/read | member
GET /notifications/preferences | ALL
POST /notifications/preferences | ALL
POST /notifications/read-all | ALL
GET /districts/ | ALL
GET /districts/<int:district_id> | ALL
GET /districts/new | admin
POST /districts/new | admin
GET /organisations | ALL
GET /organisations/<int:org_id> | ALL
GET /organisations/<int:org_id>/edit | STAFF
POST /organisations/<int:org_id>/edit | STAFF
GET /organisations/new | STAFF
POST /organisations/new | STAFF
GET /people | ALL
GET /people/<int:person_id> | ALL
GET /people/<int:person_id>/edit | STAFF
POST /people/<int:person_id>/edit | STAFF
GET /people/new | STAFF
POST /people/new | STAFF
GET /policy | STAFF
GET /policy/<int:event_id>/edit | STAFF
POST /policy/<int:event_id>/edit | STAFF
GET /policy/new | STAFF
POST /policy/new | STAFF
GET /portfolios | ALL
GET /profile | ALL
POST /profile/password | ALL
POST /profile/deadlines | ALL
POST /profile/tokens | ALL
POST /profile/tokens/<int:token_id>/revoke | member
GET /projects | ALL
GET /projects/<int:project_id> | ALL
POST /projects/<int:project_id>/<any(activities, milestones, budget, indicators):kind>/<int:item_id>/delete | admin secretariat projectleider
GET /projects/<int:project_id>/<any(activities, milestones, budget, indicators):kind>/<int:item_id>/edit | admin secretariat projectleider
POST /projects/<int:project_id>/<any(activities, milestones, budget, indicators):kind>/<int:item_id>/edit | admin secretariat projectleider
GET /projects/<int:project_id>/<any(activities, milestones, budget, indicators):kind>/new | admin secretariat projectleider
POST /projects/<int:project_id>/<any(activities, milestones, budget, indicators):kind>/new | admin secretariat projectleider
POST /projects/<int:project_id>/comments | admin secretariat projectleider member
GET /projects/<int:project_id>/edit | admin secretariat projectleider
POST /projects/<int:project_id>/edit | admin secretariat projectleider
POST /projects/<int:project_id>/indicators/<int:item_id>/<any(targets, measurements):what>/<int:value_id>/delete | admin secretariat projectleider
GET /projects/<int:project_id>/indicators/<int:item_id>/values | admin secretariat projectleider
POST /projects/<int:project_id>/indicators/<int:item_id>/values | admin secretariat projectleider
GET /projects/<int:project_id>/report.pdf | ALL
GET /projects/<int:project_id>/setup | STAFF
POST /projects/<int:project_id>/setup | STAFF
GET /projects/<int:project_id>/status-updates | ALL
GET /projects/<int:project_id>/status-updates/new | admin secretariat projectleider
POST /projects/<int:project_id>/status-updates/new | admin secretariat projectleider
GET /projects/export.<any(csv, xlsx):fmt> | ALL
GET /projects/new | STAFF
POST /projects/new | STAFF
GET /projects/report.pdf | ALL
POST /relations/<int:relation_id>/delete | STAFF
GET /reminders | STAFF
POST /reminders/deliveries/<int:delivery_id>/resend | STAFF
GET /seats/<int:seat_id>/appoint | STAFF
POST /seats/<int:seat_id>/appoint | STAFF
GET /seats/<int:seat_id>/edit | STAFF
POST /seats/<int:seat_id>/edit | STAFF
GET /seats/<int:seat_id>/rotate | STAFF
POST /seats/<int:seat_id>/rotate | STAFF
GET /settings/holidays | STAFF
POST /settings/holidays | STAFF
GET /settings/reminders | STAFF
POST /settings/reminders | STAFF
POST /standing-items/<int:item_id>/delete | STAFF
GET /standing-items/<int:item_id>/edit | STAFF
POST /standing-items/<int:item_id>/edit | STAFF
POST /standing-items/<int:item_id>/move | STAFF
GET /static/<path:filename> | PUBLIC
GET /users | admin
GET /users/<int:user_id> | admin
POST /users/<int:user_id> | admin
GET /users/new | admin
POST /users/new | admin
GET /workflows | admin
GET /workflows/<int:workflow_id> | admin
GET /workflows/<int:workflow_id>/edit | admin
POST /workflows/<int:workflow_id>/edit | admin
GET /workflows/<int:workflow_id>/versions/<int:number>/export | admin
POST /workflows/import | admin
""")

# Object-level cases: (label, method, URL with {names} of the seeded objects, who). The default objects
# above are a public decision item, a sent DVO agenda with a public item, the projectleider's own
# project and the member's own notification, token and feed; these are the others.
# A refused principal gets 403 where he sees the object but may not do this, and 404 where the object is
# hidden from him (its existence is not revealed); the last field says which. Anonymous visitors are sent
# to log in, except on the public routes (secret-URL feeds), which answer them as anyone else.
OBJECT_CASES = [(label, method, url, _who(who), refusal) for label, method, url, who, refusal in [
    ("vertrouwelijk voorstel", "GET", "/decisions/{confidential_item}", "@confidential_item", "hidden"),
    ("vertrouwelijk voorstel via de API", "GET", "/api/v1/decision-items/{confidential_item}", "@confidential_item", "hidden"),
    ("ongepubliceerde vergadering", "GET", "/meetings/{unpublished_meeting}", "@unpublished", "hidden"),
    ("ongepubliceerde vergadering via de API", "GET", "/api/v1/meetings/{unpublished_meeting}", "@unpublished", "hidden"),
    ("agenda in voorbereiding", "GET", "/meetings/{preparing_meeting}/agenda", "@preparers", "hidden"),
    ("document bij agenda in voorbereiding", "GET", "/attachments/{draft_attachment}", "@preparers", "hidden"),
    ("vertrouwelijk driehoekpunt: document", "GET", "/attachments/{secret_attachment}", "@driehoek", "hidden"),
    ("vertrouwelijk voorstel: document", "GET", "/decisions/documents/{confidential_document}",
     "@confidential_item", "hidden"),
    ("vertrouwelijk driehoekpunt: agenda", "GET", "/meetings/{driehoek_meeting}/agenda", "@driehoek_agenda", "hidden"),
    ("project van een ander: bewerken", "GET", "/projects/{other_project}/edit", "STAFF", "forbidden"),
    ("project van een ander: voortgang melden", "POST", "/projects/{other_project}/status-updates/new", "STAFF", "forbidden"),
    ("project van een ander: voortgang via de API", "POST", "/api/v1/projects/{other_project}/status-updates",
     "STAFF", "forbidden"),
    ("persoonlijke agendafeed met een fout geheim", "GET", "/feeds/niet-het-geheim/me.ics", "NOBODY", "hidden"),
    ("gremiumfeed met een fout geheim", "GET", "/feeds/niet-het-geheim/bodies/{dvo}.ics", "NOBODY", "hidden"),
    ("auditlog van een gebruiker", "GET", "/audit/user/{member_user}", "STAFF", "forbidden"),
]]

# Pages everyone in `who` may open, but a confidential thing on them only `sees` may see:
# (label, URL, text that must be there for `sees` and absent for the others, sees).
CONTENT_CASES = [(label, url, text, _who(sees)) for label, url, text, sees in [
    ("driehoekagenda", "/meetings/{driehoek_meeting}/agenda", "Vertrouwelijk driehoekpunt", "@driehoek"),
    ("driehoekagenda afdrukken", "/meetings/{driehoek_meeting}/agenda/print", "Vertrouwelijk driehoekpunt", "@driehoek"),
    ("driehoekvergadering via de API", "/api/v1/meetings/{driehoek_meeting}", "Vertrouwelijk driehoekpunt", "@driehoek"),
    ("voorstellenlijst", "/decisions", "{confidential_title}", "@confidential_item"),
    ("voorstellen via de API", "/api/v1/decision-items?per_page=200", "{confidential_title}", "@confidential_item"),
    # search: no title, snippet or count of what one may not open (the query itself is echoed, so the
    # checked text is a marked title or a full title the query does not spell)
    ("zoeken: vertrouwelijk driehoekpunt", "/search?q=driehoekpunt", "Vertrouwelijk <mark>driehoekpunt</mark>",
     "@driehoek"),
    ("zoeken: aantal per soort", "/search?q=driehoekpunt", "Agendapunten <span", "@driehoek"),
    ("zoeken via de API: driehoekpunt", "/api/v1/search?q=driehoekpunt", '"title":"Vertrouwelijk driehoekpunt"',
     "@driehoek"),
    ("zoeken: vertrouwelijk document", "/search?q=vertrouwelijk+voorstel&kind=document",
     "<mark>vertrouwelijk</mark> <mark>voorstel</mark>.pdf", "@confidential_item"),
    ("zoeken via de API: vertrouwelijk voorstel", "/api/v1/search?q=radicalisering&per_page=100",
     '"title":"{confidential_title}"', "@confidential_item"),
]]

# Routes whose refusal is a 404 rather than a 403 (the default), because the seeded object is hidden from
# whoever is refused.
REFUSALS: dict[tuple[str, str], str] = {
    ("GET", "/notifications/<int:notification_id>"): "hidden",  # another user's message
    ("POST", "/notifications/<int:notification_id>/read"): "hidden",
}

# Allowed GETs that answer with a refusal of their input, not a page. (The seeded DVO agenda is sent; since
# agendas live on after sending, its edit forms answer those who prepare it with the form, not a 409.)
ALLOWED_ANSWERS: dict[tuple[str, str], set[str]] = {
    # the proposal form's script always names a deciding body (?body=); without one the request is refused
    ("GET", "/decisions/choices"): {"invalid"},
}


def PUBLIC_ROUTE(rule: str) -> bool:  # noqa: N802 (reads as a constant's lookup)
    """Routes that need no login: the secret-URL feeds, the public site and OParl answer an anonymous
    visitor as anyone else."""
    return rule.startswith(("/feeds/", "/openbaar/", "/oparl/"))


# Rule -> {URL parameter: name of a seeded object in World.ids}, where the usual filling does not fit.
# E.g. "/decisions/<int:item_id>/attachments/<int:attachment_id>": {"attachment_id": "proposal_attachment"}.
URL_VALUES: dict[str, dict[str, str]] = {
    "/decisions/documents/<int:document_id>": {"document_id": "proposal_document"},
    "/decisions/documents/<int:document_id>/delete": {"document_id": "proposal_document"},
    "/plannen/lokale-plannen/<int:plan_id>": {"plan_id": "local_plan"},
    "/plannen/kalender/<int:series_id>/verwijderen": {"series_id": "policy_series"},
    "/financien/verplichtingen/<int:commitment_id>/bestedingsvoorstel": {"commitment_id": "commitment"},
    "/bodies/<int:body_id>/publicatie/opnieuw/<int:withdrawal_id>": {"withdrawal_id": "withdrawal"},
    "/openbaar/vergaderingen/<int:meeting_id>/besluitenlijst": {"meeting_id": "decision_list_meeting"},
    "/openbaar/projecten/<int:project_id>": {"project_id": "published_project"},
    "/districts/<int:district_id>": {"district_id": "district"},
    "/oparl/v1/body/<int:body_id>": {"body_id": "district"},  # an OParl Body is a district
    "/oparl/v1/body/<int:body_id>/<kind>": {"body_id": "district", "kind": "oparl_kind"},
    "/oparl/v1/organization/<int:object_id>": {"object_id": "dvo"},
    "/oparl/v1/person/<int:object_id>": {"object_id": "oparl_person"},
    "/oparl/v1/membership/<int:object_id>": {"object_id": "oparl_membership"},
    "/oparl/v1/meeting/<int:object_id>": {"object_id": "sent_meeting"},
    "/oparl/v1/agendaItem/<int:object_id>": {"object_id": "public_agenda_item"},
    "/oparl/v1/paper/<int:object_id>": {"object_id": "oparl_paper"},
    "/oparl/v1/consultation/<int:object_id>": {"object_id": "oparl_consultation"},
    "/oparl/v1/file/<int:object_id>": {"object_id": "public_attachment"},
    "/oparl/v1/location/<int:object_id>": {"object_id": "oparl_location"},
    "/oparl/v1/legislativeTerm/<int:object_id>": {"object_id": "oparl_term"},
}

# Rules whose answer takes seconds (PDF and ZIP documents): every refusal is checked, but the
# permission only for the first principal (alphabetically) allowed.
HEAVY = {
    "/meetings/<int:meeting_id>/agenda.pdf", "/meetings/<int:meeting_id>/agenda.zip",
    "/meetings/<int:meeting_id>/decisions.pdf", "/projects/<int:project_id>/report.pdf", "/projects/report.pdf",
    "/financien/facturen.pdf",
}
