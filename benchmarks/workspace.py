"""Where `make bench` works: its folders and databases, the portal's environment, manage.py in a child process."""

import functools
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from benchmarks.environment import production_over_http

ROOT = Path(__file__).resolve().parent.parent
# Databases (SQLite), collected static files, logs; BENCH_WORK and BENCH_PORT let two runs go side by side.
WORK = Path(os.environ.get("BENCH_WORK", ROOT / "benchmarks" / "work"))
PYTHON = sys.executable
# PostgreSQL database names; BENCH_DB_NAME lets two runs share a server (e.g. BENCH_DB_NAME=portal_me_bench).
BENCH_DB = os.environ.get("BENCH_DB_NAME", "portal_bench")
DEMO_DB = f"{BENCH_DB}_demo"
PORT = int(os.environ.get("BENCH_PORT", "8007"))


def database_urls():
    """(bench URL, load_demo scratch URL, engine label) for the configured engine; never the configured database."""
    configured = os.environ.get("DATABASE_URL", "")
    if configured.startswith(("postgres://", "postgresql://", "pgsql://")):
        parts = urlsplit(configured)
        bench = urlunsplit(parts._replace(path=f"/{BENCH_DB}"))
        demo = urlunsplit(parts._replace(path=f"/{DEMO_DB}"))
        return bench, demo, "postgresql"
    WORK.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{WORK / 'bench.sqlite3'}", f"sqlite:///{WORK / 'load_demo.sqlite3'}", "sqlite"


def recreate_database(url):
    """An empty database at `url`: the SQLite file removed, or the PostgreSQL database dropped and created."""
    if url.startswith("sqlite:///"):
        path = Path(url[len("sqlite:///") :])
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    import psycopg2

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = psycopg2.connect(urlunsplit(parts._replace(path="/postgres")))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


@functools.cache
def redis_url():
    """BENCH_REDIS_URL if set ("" for none); else Redis database 15 on this machine when Redis answers there.

    Production at national scale runs with Redis (docs/deployment.md): the data version, the cached counts and
    figures live there. The benchmark flushes that database when it starts, so use one nothing else keeps data in.
    """
    if "BENCH_REDIS_URL" in os.environ:
        return os.environ["BENCH_REDIS_URL"]
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return "redis://127.0.0.1:6379/15"
    except OSError:
        return ""


def environment(database_url, page_cache_seconds=300):
    """The production settings (DEBUG off, manifest static files) on the benchmark database, over plain http."""
    return production_over_http(
        database_url,
        WORK / "static",
        SECRET_KEY="benchmark-only-" + "k" * 40,  # the same in every child process of one run
        ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
        LOG_LEVEL="ERROR",
        REDIS_URL=redis_url(),
        PORTAL_SHARED_CACHE="true" if redis_url() else "false",
        DATABASE_REPLICA_URL="",
        PORTAL_PAGE_CACHE_SECONDS=str(page_cache_seconds),
        PYTHONPATH=str(ROOT),
        BENCH_WORK=str(WORK),
        CONN_MAX_AGE="600",
    )


def manage(env, *args, timed=False):
    """Run manage.py in a child process and return its output.

    With timed: (seconds, peak RSS in MB, output, CPU seconds), the memory and CPU measured by the kernel."""
    started = time.perf_counter()
    process = subprocess.Popen([PYTHON, "manage.py", *args], cwd=ROOT, env=env, stdout=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    output = process.stdout.read().decode()
    process.stdout.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{output}")
    return (seconds, usage.ru_maxrss / 1024, output, usage.ru_utime + usage.ru_stime) if timed else output
