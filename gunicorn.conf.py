"""gunicorn settings for `make serve` and production; every value can be changed from the environment.

Sync workers: the portal's pages are short database-bound requests. Two workers suit the 2-core machine the
benchmarks run on (docs/performance.md); set WEB_CONCURRENCY to about 2 x cores elsewhere. Put nginx (or another
reverse proxy) in front for TLS, slow clients and buffering (docs/deployment.md).
"""

import os

wsgi_app = "alliance_portal.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Restart a worker now and then so memory stays flat over weeks; not so often that restarts cost throughput under load
# (docs/performance.md).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "50000"))
max_requests_jitter = max_requests // 10
# Load the application once in the master: workers share its memory pages and start faster.
preload_app = True


def when_ready(server):
    """In the master, before any worker is forked: compile the templates and the rest alliance_portal.warmup does,
    then move everything loaded so far out of the garbage collector's sight (gc.freeze), so that a worker, new or
    recycled, starts warm and its collections do not touch (and copy) the pages it shares with the master."""
    import gc

    from alliance_portal.warmup import warm

    server.log.info("Warmed up %d templates", warm())
    gc.freeze()


# Logs go to stdout/stderr, where systemd, Docker or the process manager collects them.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None  # empty: no access log
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# The proxy's X-Forwarded-Proto/For are trusted only from these addresses.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
