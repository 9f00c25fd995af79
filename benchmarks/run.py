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
import dataclasses
import os
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import bulk, report, throughput  # noqa: E402
from benchmarks.measure import measure_pages  # noqa: E402
from benchmarks.pages import pages as pages_to_measure  # noqa: E402
from benchmarks.workspace import WORK, database_urls, environment, manage, recreate_database  # noqa: E402


def parse_args():
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
    return parser.parse_args()


@dataclasses.dataclass
class Run:
    """One run of the benchmark: its options, its databases, when it started and why wrk does not run (if so)."""

    args: argparse.Namespace
    started: float
    load_start: float
    bench_url: str
    demo_url: str
    engine: str
    wrk_missing: str | None = None

    def write_report(self, results, import_result=None, demo_result=None, final=True):
        report.write_report(
            self.args,
            self.engine,
            self.started,
            self.load_start,
            self.wrk_missing,
            results,
            import_result,
            demo_result,
            final=final,
        )


def main():
    args = parse_args()
    if args.child_import:
        bulk.child_import(args.child_import)
        return
    started, load_start = time.perf_counter(), os.getloadavg()[0]
    report.python_speed_ms()  # before any load of the run's own
    report.code_version()  # before the run writes its report
    sizes = [int(s) for s in args.sizes.split(",")]
    WORK.mkdir(parents=True, exist_ok=True)
    run = Run(args, started, load_start, *database_urls())
    if args.bulk_only:
        measure_bulk_only(run)
        return
    user = prepare(run)
    if args.skip_wrk:
        run.wrk_missing = "--skip-wrk was given."
    elif not shutil.which("wrk"):
        run.wrk_missing = "wrk is not installed (`apt-get install wrk`)."
    results = measure_sizes(run, sizes, user)
    if args.build_only:
        return
    import_result, demo_result = (None, None) if args.skip_bulk else measure_bulk(run)
    run.write_report(results, import_result, demo_result)


def prepare(run):
    """A fresh benchmark database, migrated, with the static files collected and the base data; its staff user."""
    print(f"Benchmark database: {run.bench_url}", flush=True)
    recreate_database(run.bench_url)
    env = environment(run.bench_url)
    os.environ.update(env)
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    shutil.rmtree(WORK / "static", ignore_errors=True)
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")

    import django

    django.setup()
    from django.core.cache import cache

    from benchmarks import data

    cache.clear()  # the benchmark's own cache: nothing from an earlier run (same version numbers) may be served
    return data.setup_base()


def measure_sizes(run, sizes, user):
    """Grow the data to each size and measure it, writing the report after each; the results of every size."""
    from django.db import connection

    from benchmarks import data
    from core.cache import bump_version

    results = []
    for target in sizes:
        print(f"== {target:,} members: building", flush=True)
        build = data.grow_to(target)
        bump_version()  # bulk writes send no signals: what was cached before this size is stale
        connection.close()
        if run.args.build_only:
            print(f"   {counts()}", flush=True)
            print("   built in " + ", ".join(f"{k} {v:.1f} s" for k, v in build.items()), flush=True)
            continue
        results.append(measure_size(run, target, build, user, largest=target == sizes[-1]))
        run.write_report(results, final=False)
    connection.close()
    return results


def measure_size(run, target, build, user, largest):
    """The pages in-process, then under gunicorn + wrk (also with the page cache on at the largest size)."""
    from django.db import connection

    pages = pages_to_measure()
    print(f"== {target:,} members: measuring pages", flush=True)
    load = os.getloadavg()[0]
    measure_pages(pages, user, run.args.requests, run.args.admin_requests)
    load = (load + os.getloadavg()[0]) / 2
    size = {"counts": counts(), "build": build, "pages": [vars(p) for p in pages], "load": load}
    if run.wrk_missing:
        size["wrk"] = None
        return size
    targets = throughput.wrk_targets(pages)
    connection.close()
    size["wrk"] = throughput.measure_wrk(run.bench_url, targets, run.args.wrk_seconds)
    if largest:
        size["wrk_cached"] = throughput.measure_wrk(
            run.bench_url, targets, run.args.wrk_seconds, page_cache_seconds=300
        )
    return size


def measure_bulk(run):
    """The import into the benchmark database, then load_demo into a scratch one."""
    args = run.args
    print(f"== import of {args.import_rows:,} rows", flush=True)
    import_result = bulk.measure_import(run.bench_url, args.import_rows, args.import_timeout)
    print(f"   {import_result}", flush=True)
    print(f"== load_demo --members {args.demo_members:,}", flush=True)
    demo_result = bulk.measure_load_demo(run.demo_url, args.demo_members)
    print(f"   {demo_result}", flush=True)
    return import_result, demo_result


def measure_bulk_only(run):
    """--bulk-only: load_demo into a fresh database, then the import into it; the report; the database dropped."""
    args = run.args
    os.environ.update(environment(run.demo_url))
    print(f"== load_demo --members {args.demo_members:,} into {run.demo_url}", flush=True)
    demo_result = bulk.measure_load_demo(run.demo_url, args.demo_members, keep=True)
    print(f"   {demo_result}", flush=True)
    print(f"== import of {args.import_rows:,} rows", flush=True)
    import_result = bulk.measure_import(run.demo_url, args.import_rows, args.import_timeout)
    print(f"   {import_result}", flush=True)
    import django

    django.setup()
    run.wrk_missing = "not run (--bulk-only)"
    run.write_report([], import_result, demo_result)
    from django.db import connection

    connection.close()
    recreate_database(run.demo_url)


def counts():
    """How many organizations, people, events, honours and decisions the database holds."""
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


if __name__ == "__main__":
    main()
