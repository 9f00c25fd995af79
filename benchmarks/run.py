"""`make bench`: build synthetic data at three sizes and measure the portal; write benchmarks/results/<date>-<db>.md.

Runs on the configured database engine: SQLite by default (a file under benchmarks/work/), PostgreSQL when
DATABASE_URL points at a PostgreSQL server (it then uses its own database, portal_bench, on that server, dropped and
made again on every run). Nothing is written to the database DATABASE_URL names.

For each size (1,000, 10,000, 100,000 members; about as many people, ten honours per member, one event per 100):
  * every public page, the dashboard and every admin changelist, in-process with Django's test client: SQL queries
    per request, and server time p50/p95 over --requests requests with the page cache off; for public pages also the
    p50 with the anonymous page cache on (warm);
  * gunicorn (gunicorn.conf.py, 2 sync workers) driven by wrk at 16 connections for 10 s: /healthz, the directory,
    a search and an event page, req/s and p50/p99, each page's req/s as a share of /healthz in the same run, and the
    workers' peak resident memory. Without wrk (`apt-get install wrk`) this part is skipped and the report says so.
Then: importing a 10,000-row member file (members.services.import_organizations) into the 100,000-member database, and
`load_demo --members 100000` into a fresh database: seconds and peak memory.

Usage: .venv/bin/python benchmarks/run.py [--sizes 1000,10000,100000] [--requests 50] [--wrk-seconds 10]
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
# Databases (SQLite), collected static files, logs; BENCH_WORK and BENCH_PORT let two runs go side by side.
WORK = Path(os.environ.get("BENCH_WORK", ROOT / "benchmarks" / "work"))
RESULTS = ROOT / "benchmarks" / "results"
PYTHON = sys.executable
# PostgreSQL database names; BENCH_DB_NAME lets two runs share a server (e.g. BENCH_DB_NAME=portal_me_bench).
BENCH_DB = os.environ.get("BENCH_DB_NAME", "portal_bench")
DEMO_DB = f"{BENCH_DB}_demo"
PORT = int(os.environ.get("BENCH_PORT", "8007"))

sys.path.insert(0, str(ROOT))

from benchmarks.environment import production_over_http  # noqa: E402

# --- Database and environment ---------------------------------------------------------------------------------------


def _database_urls():
    """(bench URL, load_demo scratch URL, engine label) for the configured engine; never the configured database."""
    configured = os.environ.get("DATABASE_URL", "")
    if configured.startswith(("postgres://", "postgresql://", "pgsql://")):
        parts = urlsplit(configured)
        bench = urlunsplit(parts._replace(path=f"/{BENCH_DB}"))
        demo = urlunsplit(parts._replace(path=f"/{DEMO_DB}"))
        return bench, demo, "postgresql"
    WORK.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{WORK / 'bench.sqlite3'}", f"sqlite:///{WORK / 'load_demo.sqlite3'}", "sqlite"


def _recreate_database(url):
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


def _bench_redis_url():
    """BENCH_REDIS_URL if set ("" for none); else Redis database 15 on this machine when Redis answers there.

    Production at national scale runs with Redis (docs/deployment.md): the data version, the cached counts and
    figures live there. The benchmark flushes that database when it starts, so use one nothing else keeps data in.
    """
    if "BENCH_REDIS_URL" in os.environ:
        return os.environ["BENCH_REDIS_URL"]
    import socket

    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return "redis://127.0.0.1:6379/15"
    except OSError:
        return ""


REDIS_URL = _bench_redis_url()


def _environment(database_url, page_cache_seconds=300):
    """The production settings (DEBUG off, manifest static files) on the benchmark database, over plain http."""
    return production_over_http(
        database_url,
        WORK / "static",
        SECRET_KEY="benchmark-only-" + "k" * 40,  # the same in every child process of one run
        ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
        LOG_LEVEL="ERROR",
        REDIS_URL=REDIS_URL,
        PORTAL_SHARED_CACHE="true" if REDIS_URL else "false",
        DATABASE_REPLICA_URL="",
        PORTAL_PAGE_CACHE_SECONDS=str(page_cache_seconds),
        PYTHONPATH=str(ROOT),
        BENCH_WORK=str(WORK),
        CONN_MAX_AGE="600",
    )


def _manage(env, *args, timed=False):
    """Run manage.py in a child process; with timed, return (seconds, peak RSS in MB) measured by the kernel."""
    started = time.perf_counter()
    process = subprocess.Popen([PYTHON, "manage.py", *args], cwd=ROOT, env=env, stdout=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    output = process.stdout.read().decode()
    process.stdout.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{output}")
    return (seconds, usage.ru_maxrss / 1024, output, usage.ru_utime + usage.ru_stime) if timed else output


# --- In-process measurement -----------------------------------------------------------------------------------------


def percentile(values, p):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


class Page:
    def __init__(self, group, label, url=None, missing=None, staff=False, public=True):
        self.group, self.label, self.url, self.missing, self.staff, self.public = (
            group,
            label,
            url,
            missing,
            staff,
            public,
        )
        self.status = self.queries = self.p50 = self.p95 = self.cpu_p50 = self.db_cpu = self.cached_p50 = None
        self.cold_p50 = None


def _reverse(name, *args, query=None, **kwargs):
    from django.urls import NoReverseMatch, reverse

    try:
        url = reverse(name, args=args or None, kwargs=kwargs or None)
    except NoReverseMatch:
        return None
    return f"{url}?{urlencode(query)}" if query else url


def _pages():
    """Every page to measure, with sample objects picked in the middle of the data (typical, not the smallest)."""
    from django.conf import settings
    from django.contrib import admin

    from alliance_portal import demo
    from awards.models import Decision
    from core import text
    from events.models import Event
    from members.models import Organization, Sector

    def middle(qs):
        count = qs.count()
        return qs[count // 2] if count else None

    member = middle(Organization.objects.published().order_by("pk"))
    event = middle(Event.objects.published().filter(slug__startswith="su-kien-mau-").order_by("pk"))
    decision = middle(Decision.objects.published().filter(honours__isnull=False).distinct().order_by("pk"))
    sector = Sector.objects.filter(name="Nông nghiệp").first() or Sector.objects.first()
    pages = []

    def add(label, name, *args, query=None, staff=False, public=True, **kwargs):
        url = _reverse(name, *args, query=query, **kwargs)
        missing = None if url else f"URL {name} does not exist yet"
        group = "admin" if name.startswith("admin:") else ("staff" if staff else "public")
        pages.append(Page(group, label, url, missing, staff=staff, public=public))

    add("home", "home")
    add("about", "about")
    add("directory", "members:organization-list")
    # The directory pages through the first PORTAL_LIST_MAX_ROWS matches (core.pagination): its last page.
    listed = min(Organization.objects.published().count(), settings.PORTAL_LIST_MAX_ROWS)
    last_page = max(1, -(-listed // settings.PORTAL_PAGE_SIZE))
    add(f"directory, last page ({last_page})", "members:organization-list", query={"page": last_page})
    add("directory, filters (kind, sector, status)", "members:organization-list",
        query={"kind": "cooperative", "sector": sector.slug if sector else "", "status": "active"})  # fmt: skip
    # A specific search that finds something at every size: the last three words of the first synthetic member's name
    # (the same member at 1,000, 10,000 and 100,000), typed without and then with diacritics.
    first = Organization.objects.published().filter(is_sample=True).order_by("pk").first()
    name = first.name.replace(demo.SAMPLE_MARK, "") if first else ""  # the marker is on every synthetic name
    phrase = " ".join(name.split()[-3:]) or "Nông nghiệp Cát Bà"
    add(f"search, no diacritics: {text.fold(phrase)}", "members:organization-list", query={"q": text.fold(phrase)})
    add(f"search, diacritics: {phrase}", "members:organization-list", query={"q": phrase})
    add("search, broad: thuy san (~12% of members)", "members:organization-list", query={"q": "thuy san"})
    add("search, 2 letters: ha", "members:organization-list", query={"q": "ha"})
    if member:
        add("member page", "members:organization-detail", slug=member.slug)
    add("events list", "events:event-list")
    if event:
        add("event page (50 honours, 5 guests)", "events:event-detail", slug=event.slug)
    add("event page: 30th anniversary", "events:event-detail", slug=demo.EVENT_SLUG)
    add("honours roll", "awards:honour-list")
    if decision:
        add("decision page (50 recipients)", "awards:decision-detail", pk=decision.pk)
    add("dashboard", "dashboard", staff=True, public=False)
    for model in sorted(admin.site._registry, key=lambda m: (m._meta.app_label, m._meta.model_name)):
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"
        add(f"admin: {model._meta.app_label}.{model._meta.model_name}", name, staff=True, public=False)
    return pages


def _db_backend_pid(connection):
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def _process_cpu_seconds(pid):
    """User + system CPU time of a process on this machine (the PostgreSQL backend serving our connection)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


COLD_REQUESTS = 10


def measure_pages(pages, user, requests, admin_requests=None):
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from core.cache import bump_version

    anonymous = Client(raise_request_exception=False)
    staff = Client(raise_request_exception=False)
    staff.force_login(user)
    for page in pages:
        if page.missing:
            continue
        client = staff if page.staff else anonymous
        with override_settings(PORTAL_PAGE_CACHE_SECONDS=0):
            response = client.get(page.url)
            client.get(page.url)
            page.status = response.status_code
            with CaptureQueriesContext(connection) as queries:
                client.get(page.url)
            page.queries = len(queries)
            times, cpu = [], []
            count = admin_requests if page.group in ("admin", "staff") and admin_requests else requests
            backend = _db_backend_pid(connection)
            backend_cpu = _process_cpu_seconds(backend) if backend else None
            for _ in range(count):
                started, started_cpu = time.perf_counter(), time.thread_time()
                client.get(page.url)
                times.append((time.perf_counter() - started) * 1000)
                cpu.append((time.thread_time() - started_cpu) * 1000)
            if backend and backend == _db_backend_pid(connection) and backend_cpu is not None:
                page.db_cpu = (_process_cpu_seconds(backend) - backend_cpu) * 1000 / count
        page.p50, page.p95, page.cpu_p50 = percentile(times, 50), percentile(times, 95), percentile(cpu, 50)
        if page.public and page.status == 200 and settings.PORTAL_SHARED_CACHE:
            # The first request after an edit: every versioned count, figure and list of options is computed again.
            with override_settings(PORTAL_PAGE_CACHE_SECONDS=0):
                times = []
                for _ in range(COLD_REQUESTS):
                    bump_version()
                    started = time.perf_counter()
                    client.get(page.url)
                    times.append((time.perf_counter() - started) * 1000)
            page.cold_p50 = percentile(times, 50)
        if page.public and page.status == 200:
            with override_settings(PORTAL_PAGE_CACHE_SECONDS=300):
                client.get(page.url)
                times = []
                for _ in range(max(20, requests // 2)):
                    started = time.perf_counter()
                    client.get(page.url)
                    times.append((time.perf_counter() - started) * 1000)
            page.cached_p50 = percentile(times, 50)
        print(
            f"  {page.label:<48} {page.status} q={page.queries:<3} p50={page.p50:7.1f} p95={page.p95:7.1f}", flush=True
        )


# --- gunicorn + wrk -------------------------------------------------------------------------------------------------


def _wait_healthy(url, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(0.3)
    return False


def _worker_pids(master):
    try:
        return [int(p) for p in Path(f"/proc/{master}/task/{master}/children").read_text().split()]
    except OSError:
        return []


def _peak_rss_mb(pid):
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    match = re.search(r"VmHWM:\s+(\d+) kB", status)
    return int(match.group(1)) / 1024 if match else None


def _parse_duration_ms(value):
    number, unit = re.match(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def _wrk(url, seconds, connections=16):
    result = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s", url],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
    )
    out = result.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = _parse_duration_ms(re.search(r"\s50%\s+(\S+)", out).group(1))
    p99 = _parse_duration_ms(re.search(r"\s99%\s+(\S+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p50": p50, "p99": p99, "non2xx": int(errors.group(1)) if errors else 0}


def measure_wrk(database_url, targets, seconds, page_cache_seconds=0):
    """Start gunicorn (gunicorn.conf.py) on the benchmark database and drive each target with wrk."""
    env = _environment(database_url, page_cache_seconds)
    env.update({"GUNICORN_BIND": f"127.0.0.1:{PORT}", "WEB_CONCURRENCY": "2", "GUNICORN_ACCESS_LOG": ""})
    log = open(WORK / "gunicorn.log", "ab")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "--config", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{PORT}"
    results = {}
    try:
        if not _wait_healthy(base + "/healthz"):
            raise RuntimeError(f"gunicorn did not start: see {WORK / 'gunicorn.log'}")
        for label, path in targets:
            if path is None:
                continue
            urllib.request.urlopen(base + path, timeout=30).read()  # warm both workers a little
            results[label] = _wrk(base + path, seconds)
            print(
                f"  wrk {label:<28} {results[label]['rps']:8.1f} req/s p50={results[label]['p50']:.1f} ms", flush=True
            )
        rss = [_peak_rss_mb(pid) for pid in _worker_pids(server.pid)]
        results["_rss"] = [r for r in rss if r is not None]
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    return results


# --- Import and load_demo -------------------------------------------------------------------------------------------


def child_import(rows):
    """In a child process: write a `rows`-row member file in the import format, then time the import alone."""
    import django

    django.setup()
    import gc

    from members import services
    from members.models import Organization
    from members.resources import ORG_COLUMNS, OrganizationResource
    from members.validators import make_tax_code

    dataset = OrganizationResource().export(queryset=Organization.objects.order_by("pk")[:rows])
    name_col = dataset.headers.index(ORG_COLUMNS["name"])
    tax_col = dataset.headers.index(ORG_COLUMNS["tax_code"])
    n = 0
    data = []
    for i, row in enumerate(dataset):
        row = list(row)
        row[name_col] = f"{row[name_col]} Mới {i + 1}"
        code = None
        while code is None:
            code = make_tax_code(f"03{n:07d}")
            n += 1
        row[tax_col] = code
        data.append(row)
    import tablib

    out = tablib.Dataset(*data, headers=dataset.headers)
    path = WORK / f"import-{rows}.csv"
    path.write_text(out.export("csv"), encoding="utf-8")
    gc.collect()
    Path("/proc/self/clear_refs").write_text("5")  # reset the peak RSS counter: measure the import alone
    before = _peak_rss_mb(os.getpid())
    from django.db import connection

    backend = _db_backend_pid(connection)
    backend_cpu = _process_cpu_seconds(backend) if backend else None
    started, started_cpu = time.perf_counter(), time.process_time()
    summary = services.import_organizations(str(path))
    seconds, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    db_cpu = _process_cpu_seconds(backend) - backend_cpu if backend and backend_cpu is not None else None
    peak = _peak_rss_mb(os.getpid())
    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu": cpu,
                "db_cpu": db_cpu,
                "peak_rss_mb": peak,
                "rss_before_mb": before,
                "new": summary.new,
                "errors": [str(e) for e in summary.errors[:3]],
            }
        )
    )


def measure_import(database_url, rows, timeout):
    env = _environment(database_url)
    started = time.perf_counter()
    try:
        result = subprocess.run(
            [PYTHON, __file__, "--child-import", str(rows)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return {"error": f"did not finish within {timeout} s (stopped)"}
    if result.returncode != 0:
        return {"error": result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "failed"}
    data = json.loads(result.stdout.strip().splitlines()[-1])
    data["wall"] = time.perf_counter() - started
    return data


def measure_load_demo(demo_url, members, keep=False):
    env = _environment(demo_url)
    _recreate_database(demo_url)
    _manage(env, "migrate", "--noinput", "--verbosity", "0")
    seconds, peak, _out, cpu = _manage(env, "load_demo", "--members", str(members), "--seed", "1", timed=True)
    if not keep:
        _recreate_database(demo_url)
    return {"seconds": seconds, "peak_rss_mb": peak, "cpu": cpu}


# --- Report ---------------------------------------------------------------------------------------------------------


def _plus(value):
    return "" if value is None else f" + {value:.1f}"


_SPEED = {}


def python_speed_ms():
    """Milliseconds one core takes for a plain Python loop of 1,000,000 additions (best of 5): a yardstick for
    comparing runs made on different machines (server times scale with it; shares of /healthz do not)."""
    if "ms" not in _SPEED:
        best = None
        for _ in range(5):
            begun = time.perf_counter()
            total = 0
            for number in range(1_000_000):
                total += number
            elapsed = (time.perf_counter() - begun) * 1000
            best = elapsed if best is None else min(best, elapsed)
        _SPEED["ms"] = best
    return _SPEED["ms"]


_CODE = {}


def code_version():
    """The commit the run measured ("6a54add", with "+ changes" when the work tree differs), or "" outside git.

    Read once, when the run starts (main calls it first): the reports the run writes are not changes to the code."""
    if "version" not in _CODE:
        _CODE["version"] = _read_code_version()
    return _CODE["version"]


def _read_code_version():
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=10, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""
    return f"{commit} + changes" if dirty else commit


def _fmt(value, digits=1):
    return "–" if value is None else f"{value:.{digits}f}"


def render(meta, sizes, import_result, demo_result):
    lines = [
        f"# Benchmark {meta['date']} on {meta['engine']}",
        "",
        f"- Machine: {meta['cpus']} CPU cores, {meta['memory_gb']:.0f} GB RAM, {meta['platform']}; one core runs a "
        f"Python loop of 1,000,000 additions in {meta['python_speed_ms']:.0f} ms (best of 5, measured at the start: "
        "compare it between runs on different machines; server times scale with it, shares of /healthz do not)",
        f"- Code: commit {meta.get('code') or 'unknown'}; Python {meta['python']}, Django {meta['django']}, "
        f"database: {meta['db_version']}",
        f"- Settings: production (DEBUG off, manifest static files, cached templates), cache: {meta['cache']}"
        + (
            " (shared: the data version, counts, figures and filter options are cached per data version)"
            if meta.get("shared_cache")
            else " (not shared: nothing but pages is cached)"
        ),
        f"- Server time: Django test client in-process, {meta['requests']} requests per page "
        f"({meta['admin_requests'] or meta['requests']} per admin changelist and for the dashboard) after 2 warm-up "
        "requests; **page cache off** for queries, p50 and p95 (wall clock) and the p50 of the CPU time the Python "
        "process spent (on SQLite this includes the database); on PostgreSQL *DB CPU* is the CPU time the server "
        "process serving the connection spent per request (from /proc, 10 ms ticks averaged); *cached p50* is the same page "
        "with the anonymous page cache on and warm (public pages only); *cold p50* (with a shared cache) is the first "
        "request after an edit: the data version is bumped before each of "
        f"{COLD_REQUESTS} requests, so every cached count, figure and list of options is computed again.",
        f"- Load average when the run started: {meta['load_start']:.1f}, when it ended: {meta['load_end']:.1f} "
        "(other work on the machine inflates wall-clock numbers; the CPU column is less sensitive to it).",
        f"- Load: gunicorn (gunicorn.conf.py, 2 sync workers, page cache off) and wrk -t2 -c16 -d{meta['wrk_seconds']}s "
        "on the same 2 cores.",
        f"- Total run time: {meta['total_seconds'] / 60:.1f} min",
        "",
    ]
    for size in sizes:
        counts = size["counts"]
        lines += [
            f"## {counts['organizations']:,} members",
            "",
            f"{counts['organizations']:,} organizations, {counts['people']:,} people, {counts['events']:,} events, "
            f"{counts['honours']:,} honours, {counts['decisions']:,} decisions. Built in "
            + ", ".join(f"{k} {v:.1f} s" for k, v in size["build"].items())
            + ".",
            "",
            f"Load average (1 min) while measuring: {size['load']:.1f} on {meta['cpus']} cores.",
            "",
            "| page | status | SQL queries | p50 ms | p95 ms | p50 CPU ms (Python) | DB CPU ms (mean) | cold p50 ms "
            "| cached p50 ms |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for page in size["pages"]:
            if page["missing"]:
                lines.append(f"| {page['label']} | missing: {page['missing']} | | | | | | | |")
                continue
            lines.append(
                f"| {page['label']} | {page['status']} | {page['queries']} | {_fmt(page['p50'])} | "
                f"{_fmt(page['p95'])} | {_fmt(page['cpu_p50'])} | {_fmt(page['db_cpu'])} | {_fmt(page.get('cold_p50'))} "
                f"| {_fmt(page['cached_p50'])} |"
            )
        lines.append("")
        wrk = size.get("wrk")
        if wrk is None:
            lines += [f"Load test skipped: {meta['wrk_missing']}", ""]
        elif wrk:
            ceiling = wrk.get("/healthz", {}).get("rps")
            lines += ["| gunicorn + wrk | req/s | share of /healthz | p50 ms | p99 ms | non-2xx |",
                      "| --- | ---: | ---: | ---: | ---: | ---: |"]  # fmt: skip
            for label, row in wrk.items():
                if label.startswith("_"):
                    continue
                share = f"{100 * row['rps'] / ceiling:.0f}%" if ceiling else "–"
                lines.append(
                    f"| {label} | {row['rps']:.0f} | {share} | {row['p50']:.1f} | {row['p99']:.1f} | {row['non2xx']} |"
                )
            if wrk.get("_rss"):
                lines.append("")
                lines.append("gunicorn workers' peak resident memory: " + ", ".join(f"{r:.0f} MB" for r in wrk["_rss"]))
            cached = size.get("wrk_cached")
            if cached:
                lines += ["", "With the anonymous page cache on (warm):", "",
                          "| gunicorn + wrk, page cache on | req/s | share of /healthz | p50 ms | p99 ms |",
                          "| --- | ---: | ---: | ---: | ---: |"]  # fmt: skip
                ceiling_cached = cached.get("/healthz", {}).get("rps") or ceiling
                for label, row in cached.items():
                    if label.startswith("_"):
                        continue
                    lines.append(
                        f"| {label} | {row['rps']:.0f} | {100 * row['rps'] / ceiling_cached:.0f}% | {row['p50']:.1f} | "
                        f"{row['p99']:.1f} |"
                    )
            lines.append("")
    lines += targets(meta, sizes, import_result)
    if not (import_result or demo_result):
        return "\n".join(lines)
    lines += [
        "## Bulk operations",
        "",
        "| operation | seconds (wall) | CPU seconds (Python + database server) | peak memory |",
        "| --- | ---: | ---: | ---: |",
    ]
    if import_result:
        if "error" in import_result:
            lines.append(
                f"| import of a {meta['import_rows']:,}-row member file | failed: {import_result['error']} | | |"
            )
        else:
            note = "" if not import_result.get("errors") else f" (errors: {import_result['errors']})"
            lines.append(
                f"| import of a {meta['import_rows']:,}-row member file (CSV, into a database of "
                f"{meta['import_into']:,} members; "
                f"{import_result['new']:,} new){note} | {import_result['seconds']:.1f} | "
                f"{_fmt(import_result.get('cpu'))}{_plus(import_result.get('db_cpu'))} | "
                f"{import_result['peak_rss_mb']:.0f} MB RSS (process; {import_result['rss_before_mb']:.0f} MB before) |"
            )
    if demo_result:
        lines.append(
            f"| `load_demo --members {meta['demo_members']:,}` (fresh database) | {demo_result['seconds']:.1f} | "
            f"{_fmt(demo_result.get('cpu'))} (Python only) | {demo_result['peak_rss_mb']:.0f} MB RSS |"
        )
    lines.append("")
    return "\n".join(lines)


def targets(meta, sizes, import_result):
    """Issue 6's targets checked against this run's largest size (they are set for PostgreSQL at 100,000 members)."""
    if not sizes:
        return []
    largest = sizes[-1]
    pages = {page["label"]: page for page in largest["pages"] if not page["missing"]}
    rows = []

    def row(target, measured, met):
        rows.append(f"| {target} | {measured} | {'**yes**' if met else '**no**'} |")

    public = [page["label"] for page in largest["pages"] if page["public"] and not page["missing"]]

    def same_page(label):  # "directory, last page (400)" is the last page at every size
        return label.split(" (")[0]

    differing = [
        label
        for label in public
        if len(
            {
                next((p["queries"] for p in size["pages"] if same_page(p["label"]) == same_page(label)), None)
                for size in sizes
            }
        )
        > 1
    ]
    sizes_text = " and ".join(f"{size['counts']['organizations']:,}" for size in sizes)
    row(
        f"query count the same at {sizes_text} members (public pages)",
        "identical" if not differing else "differs: " + ", ".join(differing),
        not differing and len(sizes) > 1,
    )
    for label, limit in [
        ("directory", 25),
        *((label, 25) for label in pages if label.startswith("search, no d") or label.startswith("search, diacritics")),
        ("member page", 15),
        *((label, 15) for label in pages if label.startswith("event page")),
    ]:
        page = pages.get(label)
        if page and page["p95"] is not None:
            cold = f"; cold p50 {page['cold_p50']:.1f} ms" if page.get("cold_p50") is not None else ""
            row(f"{label}: p95 ≤ {limit} ms", f"{page['p95']:.1f} ms{cold}", page["p95"] <= limit)
    for name, wrk in (("page cache off", largest.get("wrk")), ("page cache on", largest.get("wrk_cached"))):
        if not wrk or not wrk.get("/healthz"):
            continue
        ceiling = wrk["/healthz"]["rps"]
        for label, share in (("directory", 15), ("search (no diacritics)", 10)):
            if label in wrk:
                measured = 100 * wrk[label]["rps"] / ceiling
                row(
                    f"{label} throughput ≥ {share}% of /healthz ({name})",
                    f"{wrk[label]['rps']:.0f} req/s = {measured:.1f}% of {ceiling:.0f}",
                    measured >= share,
                )
        if wrk.get("_rss"):
            row(
                "gunicorn workers < 200 MB resident",
                ", ".join(f"{r:.0f} MB" for r in wrk["_rss"]),
                max(wrk["_rss"]) < 200,
            )
    if import_result and "seconds" in import_result:
        row(
            f"import of {meta['import_rows']:,} rows ≤ 30 s",
            f"{import_result['seconds']:.1f} s",
            import_result["seconds"] <= 30,
        )
    row("the whole run under 15 minutes", f"{meta['total_seconds'] / 60:.1f} min", meta["total_seconds"] < 15 * 60)
    return [
        f"## Targets of issue 6 ({largest['counts']['organizations']:,} members, {meta['engine']})",
        "",
        "| target | measured | met? |",
        "| --- | --- | --- |",
        *rows,
        "",
    ]


def _counts():
    from awards.models import Decision, Honour
    from events.models import Event
    from members.models import Organization, Person

    return {
        "organizations": Organization.objects.count(),
        "people": Person.objects.count(),
        "events": Event.objects.count(),
        "honours": Honour.objects.count(),
        "decisions": Decision.objects.count(),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument(
        "--admin-requests", type=int, default=10, help="requests per admin changelist and for the dashboard"
    )
    parser.add_argument("--wrk-seconds", type=int, default=10)
    parser.add_argument("--import-timeout", type=int, default=900)
    parser.add_argument("--import-rows", type=int, default=10_000)
    parser.add_argument("--demo-members", type=int, default=100_000)
    parser.add_argument("--skip-wrk", action="store_true")
    parser.add_argument("--skip-bulk", action="store_true", help="skip the import and load_demo measurements")
    parser.add_argument(
        "--bulk-only",
        action="store_true",
        help="only load_demo --members N into a fresh database, then the import into it (runs beside a --skip-bulk run)",
    )
    parser.add_argument("--output", default=None)
    parser.add_argument(
        "--build-only", action="store_true", help="only build the data at each size and print the timings (no report)"
    )
    parser.add_argument("--child-import", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_import:
        child_import(args.child_import)
        return

    started = time.perf_counter()
    load_start = os.getloadavg()[0]
    python_speed_ms()  # before any load of the run's own
    code_version()  # before the run writes its report
    sizes = [int(s) for s in args.sizes.split(",")]
    WORK.mkdir(parents=True, exist_ok=True)
    bench_url, demo_url, engine = _database_urls()
    if args.bulk_only:
        os.environ.update(_environment(demo_url))
        print(f"== load_demo --members {args.demo_members:,} into {demo_url}", flush=True)
        demo_result = measure_load_demo(demo_url, args.demo_members, keep=True)
        print(f"   {demo_result}", flush=True)
        print(f"== import of {args.import_rows:,} rows", flush=True)
        import_result = measure_import(demo_url, args.import_rows, args.import_timeout)
        print(f"   {import_result}", flush=True)
        import django

        django.setup()
        write_report(args, engine, started, load_start, "not run (--bulk-only)", [], import_result, demo_result)
        from django.db import connection

        connection.close()
        _recreate_database(demo_url)
        return
    print(f"Benchmark database: {bench_url}", flush=True)
    _recreate_database(bench_url)
    env = _environment(bench_url)
    os.environ.update(env)
    _manage(env, "migrate", "--noinput", "--verbosity", "0")
    shutil.rmtree(WORK / "static", ignore_errors=True)
    _manage(env, "collectstatic", "--noinput", "--verbosity", "0")

    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection

    from benchmarks import data
    from core.cache import bump_version

    cache.clear()  # the benchmark's own cache: nothing from an earlier run (same version numbers) may be served
    user = data.setup_base()
    wrk_missing = None if shutil.which("wrk") else "wrk is not installed (`apt-get install wrk`)."
    if args.skip_wrk:
        wrk_missing = "--skip-wrk was given."

    results = []
    for target in sizes:
        print(f"== {target:,} members: building", flush=True)
        build = data.grow_to(target)
        bump_version()  # bulk writes send no signals: what was cached before this size is stale
        connection.close()
        if args.build_only:
            print(f"   {_counts()}", flush=True)
            print("   built in " + ", ".join(f"{k} {v:.1f} s" for k, v in build.items()), flush=True)
            continue
        pages = _pages()
        print(f"== {target:,} members: measuring pages", flush=True)
        load = os.getloadavg()[0]
        measure_pages(pages, user, args.requests, args.admin_requests)
        load = (load + os.getloadavg()[0]) / 2
        size = {"counts": _counts(), "build": build, "pages": [vars(p) for p in pages], "load": load}
        by_label = {p.label: p.url for p in pages}
        if not wrk_missing:
            targets = [
                ("/healthz", "/healthz"),
                ("directory", by_label.get("directory")),
                (
                    "search (no diacritics)",
                    next((u for k, u in by_label.items() if k.startswith("search, no d")), None),
                ),
                ("event page", by_label.get("event page (50 honours, 5 guests)")),
            ]
            connection.close()
            size["wrk"] = measure_wrk(bench_url, targets, args.wrk_seconds)
            if target == sizes[-1]:
                size["wrk_cached"] = measure_wrk(bench_url, targets, args.wrk_seconds, page_cache_seconds=300)
        else:
            size["wrk"] = None
        results.append(size)
        write_report(args, engine, started, load_start, wrk_missing, results, None, None, final=False)

    connection.close()
    if args.build_only:
        return
    import_result = demo_result = None
    if not args.skip_bulk:
        print(f"== import of {args.import_rows:,} rows", flush=True)
        import_result = measure_import(bench_url, args.import_rows, args.import_timeout)
        print(f"   {import_result}", flush=True)
        print(f"== load_demo --members {args.demo_members:,}", flush=True)
        demo_result = measure_load_demo(demo_url, args.demo_members)
        print(f"   {demo_result}", flush=True)

    write_report(args, engine, started, load_start, wrk_missing, results, import_result, demo_result)


_REPORT_PATHS = {}


def report_path(args, engine):
    """Where this run writes its report: --output, else results/<date>-<database>.md, or -2, -3, ... when a report of
    that day is already there (a second run the same day sits beside the first instead of replacing it). Chosen once
    per run: the partial reports written along the way and the final one go to the same file."""
    if args.output:
        return Path(args.output)
    if engine not in _REPORT_PATHS:
        stem = f"{datetime.date.today():%Y-%m-%d}-{engine}{'-bulk' if args.bulk_only else ''}"
        path, number = RESULTS / f"{stem}.md", 1
        while path.exists():
            number += 1
            path = RESULTS / f"{stem}-{number}.md"
        _REPORT_PATHS[engine] = path
    return _REPORT_PATHS[engine]


def write_report(args, engine, started, load_start, wrk_missing, results, import_result, demo_result, final=True):
    """Write the report (after each size too, so an interrupted run still leaves its tables)."""
    from django.conf import settings
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT version()" if engine == "postgresql" else "SELECT 'SQLite ' || sqlite_version()")
        db_version = cursor.fetchone()[0].split(" on ")[0]
    import django as dj

    meta = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "engine": "PostgreSQL" if engine == "postgresql" else "SQLite",
        "cpus": os.cpu_count(),
        "memory_gb": os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "django": dj.get_version(),
        "db_version": db_version,
        "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
        "shared_cache": settings.PORTAL_SHARED_CACHE,
        "requests": args.requests,
        "admin_requests": args.admin_requests,
        "wrk_seconds": args.wrk_seconds,
        "wrk_missing": wrk_missing,
        "import_rows": args.import_rows,
        "import_into": args.demo_members if args.bulk_only else int(args.sizes.split(",")[-1]),
        "demo_members": args.demo_members,
        "total_seconds": time.perf_counter() - started,
        "load_start": load_start,
        "load_end": os.getloadavg()[0],
        "python_speed_ms": python_speed_ms(),
        "code": code_version(),
    }
    if not final:
        meta["engine"] += " (partial: the run was still going)"
    report = render(meta, results, import_result, demo_result)
    RESULTS.mkdir(parents=True, exist_ok=True)
    output = report_path(args, engine)
    output.write_text(report, encoding="utf-8")
    if final:
        print(report)
    print(f"Written to {output}", flush=True)
    (WORK / "last-run.json").write_text(json.dumps({"meta": meta, "sizes": results}, default=str, indent=1))


if __name__ == "__main__":
    main()
