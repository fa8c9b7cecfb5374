"""ivzflow: the governance cycle of Platform IVZ, agendacommissie and DVO."""
from __future__ import annotations

import os

from flask import Flask


def create_app(config: dict | None = None) -> Flask:
    # The factory imports the app's parts here: this module runs before any ivzflow.x module can load.
    # IVZFLOW_INSTANCE_PATH puts instance/ elsewhere (a shared volume, or one per test process).
    app = Flask(__name__, instance_relative_config=True, instance_path=os.environ.get("IVZFLOW_INSTANCE_PATH"))
    app.jinja_env.add_extension("jinja2.ext.do")

    from ivzflow.config import load_config
    load_config(app, config)

    from ivzflow.extensions import babel, csrf, db, login_manager, migrate
    from ivzflow.core import i18n, web

    db.init_app(app)
    from ivzflow.core import db as db_support
    db_support.init_app(app)
    migrate.init_app(app, db, directory=str(app.root_path + "/../migrations"))
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale, timezone_selector=lambda: app.config["TIMEZONE"])
    login_manager.init_app(app)

    import ivzflow.models  # noqa: F401  (every model, and the listeners and registries that act on them)

    from ivzflow.core.errors import register_error_handlers
    register_error_handlers(app)
    from ivzflow.accounts import session as login_session
    login_session.init_app(app)
    web.init_app(app)
    i18n.init_app(app)

    from ivzflow import blueprints
    blueprints.register(app)

    if app.config["BENCH_QUERY_COUNT"]:
        from ivzflow.bench import querycount
        querycount.init_app(app)

    from ivzflow import cli
    cli.register(app)

    if app.config["TRUSTED_PROXIES"]:
        # behind a TLS-terminating proxy: https (for HSTS and secure cookies) and the client's address
        # (for login throttling) come from the proxy's headers
        from werkzeug.middleware.proxy_fix import ProxyFix
        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    return app
