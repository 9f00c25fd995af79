"""`make loadtest`: the portal under gunicorn on PostgreSQL, 50 concurrent clients for 60 s, then a count of the writes.

What it does, and stops by itself:
1. (Re)creates the database portal_loadtest, migrates it and fills it (load_demo --members N), creates a staff user,
   collects the static files (DEBUG is off, so the hashed manifest is needed).
2. Starts gunicorn with 2 workers, DEBUG off, a throwaway SECRET_KEY and ALLOWED_HOSTS, the page cache on Redis when
   Redis answers (as in production).
3. Runs the clients (threads, each with its own cookie session) for the duration; 10 of the 50 are signed-in staff.
   Each client repeatedly does one of:
   a directory search, a member page, the event list or an event page, the honours list, or an admin save: it opens
   the change form of "its own" member organization (so two clients never edit the same record at once), changes the
   description to a marker naming the client and the save number, and posts the whole form back with its CSRF token.
4. Stops gunicorn, then checks: no request failed (any status other than the expected, or an exception), and every
   save a client saw succeed is in the database: each organization's history holds each marker, and its description
   is the client's last marker.
Prints p50/p99 latency per kind of request and overall, and the throughput. Exit status 1 if anything failed.
"""

import argparse
import collections
import html.parser
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

BASE_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(BASE_DIR))

from benchmarks.environment import production_over_http  # noqa: E402

PYTHON = sys.executable
SEARCH_WORDS = [
    "htx",
    "hợp tác xã",
    "nong nghiep",
    "thủy sản",
    "dich vu",
    "công ty",
    "hải phòng",
    "xây dựng",
    "vận tải",
]
SEARCH_WORDS += ["tien phong", "đông", "an", "kien thuy", "thuong mai", "Đồ Sơn", "Cát Hải", "0200", "TNHH"]


def log(message):
    print(f"[loadtest] {message}", flush=True)


def run(args, env, **kwargs):
    return subprocess.run(args, cwd=BASE_DIR, env=env, check=True, **kwargs)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def redis_answers(host="127.0.0.1", port=6379):
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


class FormParser(html.parser.HTMLParser):
    """The fields a browser would submit from the first <form method="post"> with id ending in _form (admin)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields = []  # (name, value) pairs, in order
        self.in_form = False
        self.done = False
        self.select = None
        self.select_values = []
        self.select_first = None
        self.select_multiple = False
        self.textarea = None
        self.text = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self.done:
            return
        if tag == "form" and a.get("method", "").lower() == "post" and a.get("id", "").endswith("_form"):
            self.in_form = True
            return
        if not self.in_form:
            return
        name = a.get("name")
        if tag == "input" and name and "disabled" not in a:
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields.append((name, a.get("value", "on")))
                return
            self.fields.append((name, a.get("value", "")))
        elif tag == "select" and name:
            self.select, self.select_values, self.select_first = name, [], None
            self.select_multiple = "multiple" in a
        elif tag == "option" and self.select is not None:
            if self.select_first is None:
                self.select_first = a.get("value", "")
            if "selected" in a:
                self.select_values.append(a.get("value", ""))
        elif tag == "textarea" and name:
            self.textarea, self.text = name, []

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form, self.done = False, True
        elif tag == "select" and self.select is not None:
            values = self.select_values or ([] if self.select_multiple else [self.select_first or ""])
            self.fields += [(self.select, v) for v in values]
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            text = "".join(self.text)
            self.fields.append((self.textarea, text[1:] if text.startswith("\n") else text))
            self.textarea = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.text.append(data)


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = collections.defaultdict(list)
        self.errors = []
        self.saves = collections.defaultdict(list)  # client -> markers that the admin accepted
        self.conflicts = 0

    def record(self, kind, seconds):
        with self.lock:
            self.latencies[kind].append(seconds)

    def error(self, kind, detail):
        with self.lock:
            self.errors.append(f"{kind}: {detail}")

    def accepted_saves(self):
        return sum(len(markers) for markers in self.saves.values())


class Client(threading.Thread):
    def __init__(self, number, base, organization, slugs, events, credentials, stats, stop_at, rng):
        """A staff client (credentials given) edits `organization` in the admin between its page views; a public
        client only reads pages."""
        super().__init__(daemon=True)
        self.number, self.base, self.organization = number, base, organization
        self.slugs, self.events, self.credentials = slugs, events, credentials
        self.stats, self.stop_at, self.rng = stats, stop_at, rng
        self.session = requests.Session()
        self.session.headers["User-Agent"] = f"portal-loadtest/{number}"
        self.save_count = 0

    def timed(self, kind, method, path, expect=(200,), **kwargs):
        started = time.perf_counter()
        try:
            response = self.session.request(method, self.base + path, timeout=60, allow_redirects=False, **kwargs)
        except requests.RequestException as exc:
            self.stats.error(kind, f"{path}: {exc!r}")
            return None
        self.stats.record(kind, time.perf_counter() - started)
        if response.status_code not in expect:
            self.stats.error(kind, f"{method} {path}: HTTP {response.status_code}")
            return None
        return response

    def sign_in(self):
        login = "/admin/login/"
        page = self.timed("admin sign-in", "GET", login)
        if page is None:
            return False
        token = self.session.cookies.get("csrftoken")
        data = {"csrfmiddlewaretoken": token, "next": "/admin/", **self.credentials}
        done = self.timed(
            "admin sign-in", "POST", login, expect=(302,), data=data, headers={"Referer": self.base + login}
        )
        return done is not None

    def admin_save(self):
        path = f"/admin/members/organization/{self.organization}/change/"
        page = self.timed("admin form", "GET", path)
        if page is None:
            return
        parser = FormParser()
        parser.feed(page.text)
        fields = [(k, v) for k, v in parser.fields if k != "description"]
        if not parser.done or not fields:
            self.stats.error("admin save", "change form not found")
            return
        marker = f"loadtest client {self.number} save {self.save_count + 1}"
        fields.append(("description", marker))
        fields.append(("_continue", "1"))
        response = self.timed(
            "admin save", "POST", path, expect=(302, 200), data=fields, headers={"Referer": self.base + path}
        )
        if response is None:
            return
        if response.status_code == 302:
            self.save_count += 1
            with self.stats.lock:
                self.stats.saves[self.organization].append(marker)
        else:
            errors = re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.text, re.S)
            self.stats.error("admin save", f"form refused: {re.sub('<[^>]+>', ' ', ' '.join(errors))[:300]}")

    def run(self):
        if self.credentials and not self.sign_in():
            return
        actions = [
            (
                35,
                lambda: self.timed("directory search", "GET", "/members/", params={"q": self.rng.choice(SEARCH_WORDS)}),
            ),
            (25, lambda: self.timed("member page", "GET", f"/members/{self.rng.choice(self.slugs)}/")),
            (10, lambda: self.timed("event list", "GET", "/events/")),
            (10, lambda: self.timed("event page", "GET", f"/events/{self.rng.choice(self.events)}/")),
            (5, lambda: self.timed("honours list", "GET", "/awards/")),
        ]
        if self.credentials:
            actions.append((60, self.admin_save))
        weights = [w for w, _ in actions]
        while time.monotonic() < self.stop_at:
            self.rng.choices(actions, weights)[0][1]()


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(q / 100 * len(values)) - 1))] if values else float("nan")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=60, help="seconds of load (60)")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (50)")
    parser.add_argument("--members", type=int, default=1000, help="synthetic member organizations to load (1000)")
    parser.add_argument("--database", default="portal_loadtest")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432", help="PostgreSQL server URL")
    parser.add_argument("--staff", type=int, default=10, help="how many of the clients are signed-in staff (10)")
    parser.add_argument("--workers", type=int, default=2)
    return parser.parse_args()


def main():
    options = parse_args()
    work = Path(tempfile.mkdtemp(prefix="portal-loadtest-"))
    database_url = f"{options.pg}/{options.database}"
    password = secrets.token_urlsafe(24)
    env = portal_environment(database_url, work)
    prepare_database(options, env, password)
    slugs, events, targets = sample_records(database_url, options.staff)
    if len(targets) < options.staff or not events:
        sys.exit("not enough organizations or events to run the load test")

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_gunicorn(env, port, options.workers)
    stats = Stats()
    try:
        wait_healthy(base)
        log(
            f"gunicorn ({options.workers} workers) on {base}; {options.clients} clients ({options.staff} signed-in "
            f"staff) for {options.duration} s"
        )
        credentials = {"username": "loadtest", "password": password}
        elapsed = run_clients(options, base, credentials, targets, slugs, events, stats)
    finally:
        stop_gunicorn(server)

    lost = lost_writes(database_url, stats.saves)
    shutil.rmtree(work, ignore_errors=True)
    print_results(stats, lost, elapsed, options.clients)
    if stats.errors or lost or not stats.accepted_saves():
        sys.exit(1)


def portal_environment(database_url, work):
    """Production settings on the load test's database; the page cache on Redis database 13 when Redis answers."""
    env = production_over_http(
        database_url,
        work / "static",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_HSTS_SECONDS="0",
        MEDIA_ROOT=str(work / "media"),
        AXES_FAILURE_LIMIT="1000",
        GUNICORN_ACCESS_LOG="",
        LOG_LEVEL="WARNING",
    )
    env.pop("REDIS_URL", None)
    if redis_answers():
        env["REDIS_URL"] = "redis://127.0.0.1:6379/13"
    return env


def prepare_database(options, env, password):
    """(Re)create the database, migrate it, load the demo data and a staff user; collect the static files."""
    import psycopg2

    admin = psycopg2.connect(f"{options.pg}/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{options.database}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{options.database}"')
    log(f"database {options.database}: migrate and load {options.members} members")
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env)
    run(
        [PYTHON, "manage.py", "load_demo", "--members", str(options.members), "--seed", "7"],
        env,
        stdout=subprocess.DEVNULL,
    )
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env)
    if "REDIS_URL" in env:
        run([PYTHON, "manage.py", "shell", "-c", "from django.core.cache import cache; cache.clear()"], env)
    setup = (
        "from django.contrib.auth import get_user_model as g;"
        f"u=g().objects.create_superuser('loadtest', 'loadtest@example.vn', {password!r}); print(u.pk)"
    )
    run([PYTHON, "manage.py", "shell", "-c", setup], env, stdout=subprocess.DEVNULL)


def sample_records(database_url, staff):
    """Slugs of published members and events to read, and the ids of the organizations the staff clients edit."""
    import psycopg2

    db = psycopg2.connect(database_url)
    with db.cursor() as cursor:
        cursor.execute("SELECT slug FROM members_organization WHERE is_published ORDER BY id LIMIT 500")
        slugs = [r[0] for r in cursor.fetchall()]
        cursor.execute("SELECT slug FROM events_event WHERE is_published ORDER BY id")
        events = [r[0] for r in cursor.fetchall()]
        cursor.execute("SELECT id FROM members_organization ORDER BY id DESC LIMIT %s", [staff])
        targets = [r[0] for r in cursor.fetchall()]
    db.close()
    return slugs, events, targets


def start_gunicorn(env, port, workers):
    return subprocess.Popen(  # noqa: S603
        [str(Path(PYTHON).with_name("gunicorn")), "-c", str(BASE_DIR / "gunicorn.conf.py"), "--workers",
         str(workers), "--bind", f"127.0.0.1:{port}", "--max-requests", "0"],
        cwd=BASE_DIR, env=env, start_new_session=True,
    )  # fmt: skip


def wait_healthy(base):
    """Wait until /healthz answers 200; exit if it does not within about a minute."""
    for _ in range(300):
        try:
            if requests.get(base + "/healthz", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            time.sleep(0.2)
    sys.exit("gunicorn did not start")


def stop_gunicorn(server):
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def run_clients(options, base, credentials, targets, slugs, events, stats):
    """Run the clients until the duration is over (the first `staff` of them signed in); the seconds they took."""
    stop_at = time.monotonic() + options.duration
    clients = [
        Client(
            i,
            base,
            targets[i] if i < options.staff else None,
            slugs,
            events,
            credentials if i < options.staff else None,
            stats,
            stop_at,
            random.Random(i),  # noqa: S311 - load, not security
        )
        for i in range(options.clients)
    ]
    started = time.monotonic()
    for client in clients:
        client.start()
    for client in clients:
        client.join(timeout=options.duration + 120)
    return time.monotonic() - started


def lost_writes(database_url, saves):
    """Every accepted save is in the database: its marker in the history, the last one in the record."""
    import psycopg2

    lost = []
    db = psycopg2.connect(database_url)
    with db.cursor() as cursor:
        for organization, markers in saves.items():
            cursor.execute(
                "SELECT description FROM members_historicalorganization WHERE id = %s AND description LIKE %s",
                [organization, "loadtest client %"],
            )
            stored = collections.Counter(r[0] for r in cursor.fetchall())
            lost += [m for m in markers if not stored[m]]
            cursor.execute("SELECT description FROM members_organization WHERE id = %s", [organization])
            if cursor.fetchone()[0] != markers[-1]:
                lost.append(f"organization {organization}: last save {markers[-1]!r} is not the current description")
    db.close()
    return lost


def print_results(stats, lost, elapsed, clients):
    """p50/p99 per kind of request and overall, the throughput, the saves, the errors and a summary line of JSON."""
    all_latencies = [s for values in stats.latencies.values() for s in values]
    saves = stats.accepted_saves()
    print()
    print(f"{'request':<18} {'count':>7} {'p50 ms':>8} {'p99 ms':>8}")
    for kind in sorted(stats.latencies):
        values = stats.latencies[kind]
        print(
            f"{kind:<18} {len(values):>7} {percentile(values, 50) * 1000:>8.0f} {percentile(values, 99) * 1000:>8.0f}"
        )
    print(
        f"{'all':<18} {len(all_latencies):>7} {percentile(all_latencies, 50) * 1000:>8.0f} "
        f"{percentile(all_latencies, 99) * 1000:>8.0f}"
    )
    print(f"throughput: {len(all_latencies) / elapsed:.1f} requests/s over {elapsed:.1f} s with {clients} clients")
    print(f"admin saves accepted: {saves}; found in the database afterwards: {saves - len(lost)}")
    print(f"errors: {len(stats.errors)}; lost writes: {len(lost)}")
    summary = {
        "requests": len(all_latencies),
        "seconds": round(elapsed, 1),
        "throughput_rps": round(len(all_latencies) / elapsed, 1),
        "p50_ms": round(percentile(all_latencies, 50) * 1000),
        "p99_ms": round(percentile(all_latencies, 99) * 1000),
        "saves": saves,
        "errors": len(stats.errors),
        "lost_writes": len(lost),
        "mean_ms": round(statistics.fmean(all_latencies) * 1000) if all_latencies else None,
    }
    print("summary: " + json.dumps(summary))
    for line in (stats.errors + lost)[:20]:
        print(f"  ! {line}")


if __name__ == "__main__":
    main()
