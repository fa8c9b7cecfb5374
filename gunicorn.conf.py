"""gunicorn settings for ivzflow (also used by the benchmark): `gunicorn -c gunicorn.conf.py wsgi:app`.

Environment: IVZFLOW_BIND (default 127.0.0.1:8000), IVZFLOW_WORKERS (default 2).
"""
import gc
import os
import sys

bind = os.environ.get("IVZFLOW_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("IVZFLOW_WORKERS", "2"))
worker_class = "sync"
# Load the app once in the master: the workers share its memory pages, and the objects of the app are
# moved out of the garbage collector's way (gc.freeze) so full collections stay short.
preload_app = True
timeout = 60
graceful_timeout = 20
keepalive = 5
max_requests = 0
accesslog = None
errorlog = "-"
loglevel = os.environ.get("IVZFLOW_LOG_LEVEL", "warning")
forwarded_allow_ips = os.environ.get("IVZFLOW_FORWARDED_ALLOW_IPS", "127.0.0.1")


def pre_fork(server, worker):
    gc.freeze()


def post_fork(server, worker):
    # Connections opened in the master (while loading) must not be shared by the workers.
    for module in list(sys.modules.values()):
        app = getattr(module, "app", None) if getattr(module, "__name__", "") in ("wsgi",) else None
        if app is not None:
            with app.app_context():
                from ivzflow.extensions import db
                for engine in db.engines.values():
                    engine.dispose(close=False)
