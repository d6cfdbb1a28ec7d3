"""gunicorn settings for the BAZ platform (production and `make prodcheck`).

Everything can be overridden from the environment, so the systemd unit and the prodcheck
use this one file: GUNICORN_BIND (comma-separated; nginx lists every address as an upstream,
so a GET that hit a dying worker is retried on another socket), GUNICORN_WORKERS,
GUNICORN_TIMEOUT, GUNICORN_PIDFILE, GUNICORN_ACCESSLOG, GUNICORN_ERRORLOG.
"""

import multiprocessing
import os
import sys

# gunicorn serves production only. Without BAZ_ENV=production, Django would quietly run its
# development settings (DEBUG on, the publicly known development key): refuse to start.
# (`make run` uses Django's development server, never this file.)
if os.environ.get("BAZ_ENV") != "production":
    sys.exit(
        "Refusing to start: gunicorn serves production only, so set BAZ_ENV=production (with "
        "SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL; see docs/deployment.md). Without it the "
        "site would run with development settings: DEBUG on and a publicly known secret key."
    )
if os.environ.get("DEBUG", "").strip().lower() in {"1", "true", "yes", "on"}:
    sys.exit("Refusing to start: DEBUG is on. Unset DEBUG for gunicorn in production.")

bind = [
    address.strip()
    for address in os.environ.get("GUNICORN_BIND", "127.0.0.1:8001").split(",")
    if address.strip()
]
# Sync workers: the app is CPU- and database-bound, pages are cached in Redis.
workers = int(os.environ.get("GUNICORN_WORKERS", str(multiprocessing.cpu_count() + 1)))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))  # below nginx's proxy_read_timeout
graceful_timeout = 20
keepalive = 2
# Recycle workers now and then, so a slow leak can never grow for weeks. Not too often: a new
# worker starts with cold per-process caches (compiled templates, rendered blank forms), and
# cached pages are answered at hundreds per second.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = 2000
# Load the app before forking: less memory, and a broken deploy fails at start, not per worker.
preload_app = True
pidfile = os.environ.get("GUNICORN_PIDFILE") or None
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = os.environ.get("GUNICORN_ERRORLOG", "-")
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
# nginx adds X-Forwarded-For; the app itself decides how much to trust (TRUSTED_PROXY_COUNT).
forwarded_allow_ips = "127.0.0.1"
proxy_allow_ips = "127.0.0.1"
control_socket_disable = True


def post_fork(server, worker):
    # Connections opened while preloading must not be shared between processes.
    from django.db import connections

    connections.close_all()
