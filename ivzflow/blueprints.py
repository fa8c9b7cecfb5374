"""Registers every blueprint; one line per domain area."""
from flask import Flask


def register(app: Flask) -> None:
    # The app factory's wiring, and the only importer of the views: they load when the app is made.
    from ivzflow.accounts.views import bp as accounts
    from ivzflow.api import bp as api
    from ivzflow.api.health import bp as health
    from ivzflow.audit.views import bp as audit
    from ivzflow.bodies.views import bp as bodies
    from ivzflow.dashboard.views import bp as dashboard
    from ivzflow.decisions.action_views import bp as actions
    from ivzflow.decisions.advice_views import bp as advice
    from ivzflow.decisions.views import bp as decisions
    from ivzflow.districts.views import bp as districts
    from ivzflow.finance.views import bp as finance
    from ivzflow.meetings.agenda_views import bp as agenda
    from ivzflow.meetings.calendar_views import bp as calendar
    from ivzflow.meetings.views import bp as meetings
    from ivzflow.oparl.views import bp as oparl
    from ivzflow.organisations.views import bp as organisations
    from ivzflow.plans.views import bp as plans
    from ivzflow.people.views import bp as people
    from ivzflow.projects.views import bp as projects
    from ivzflow.publication.views import bp as publication
    from ivzflow.reminders.views import bp as reminders
    from ivzflow.search.views import bp as search
    from ivzflow.workflows.views import bp as workflows

    import ivzflow.api.openapi  # noqa: F401  (routes on the API blueprint)
    import ivzflow.bodies.api  # noqa: F401
    import ivzflow.decisions.api  # noqa: F401
    import ivzflow.decisions.document_views  # noqa: F401  (routes on the decisions blueprint)
    import ivzflow.finance.api  # noqa: F401
    import ivzflow.meetings.api  # noqa: F401
    import ivzflow.meetings.attachment_views  # noqa: F401  (routes on the agenda blueprint)
    import ivzflow.meetings.document_views  # noqa: F401
    import ivzflow.meetings.record_views  # noqa: F401
    import ivzflow.meetings.standing_views  # noqa: F401
    import ivzflow.organisations.api  # noqa: F401
    import ivzflow.people.api  # noqa: F401
    import ivzflow.plans.api  # noqa: F401
    import ivzflow.projects.api  # noqa: F401
    import ivzflow.projects.item_views  # noqa: F401  (routes on the projects blueprint)
    import ivzflow.search.api  # noqa: F401

    for blueprint in (dashboard, accounts, bodies, organisations, people, meetings, agenda, calendar, decisions,
                      advice, actions, workflows, reminders, projects, plans, finance, audit, search, health, api,
                      publication, oparl, districts):
        app.register_blueprint(blueprint)
