"""The benchmark's report: the run's details, a markdown table per size, issue 6's targets; where it is written."""

import datetime
import functools
import json
import os
import platform
import subprocess
import time
from pathlib import Path

from benchmarks.measure import COLD_REQUESTS
from benchmarks.workspace import ROOT, WORK

RESULTS = ROOT / "benchmarks" / "results"

# The report of each engine for this run, chosen once (see report_path).
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


@functools.cache
def python_speed_ms():
    """Milliseconds one core takes for a plain Python loop of 1,000,000 additions (best of 5): a yardstick for
    comparing runs made on different machines (server times scale with it; shares of /healthz do not)."""
    best = None
    for _ in range(5):
        begun = time.perf_counter()
        total = 0
        for number in range(1_000_000):
            total += number
        elapsed = (time.perf_counter() - begun) * 1000
        best = elapsed if best is None else min(best, elapsed)
    return best


@functools.cache
def code_version():
    """The commit the run measured ("6a54add", with "+ changes" when the work tree differs), or "" outside git.

    Read once, when the run starts (main calls it first): the reports the run writes are not changes to the code."""
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


def write_report(args, engine, started, load_start, wrk_missing, results, import_result, demo_result, final=True):
    """Write the report (after each size too, so an interrupted run still leaves its tables)."""
    meta = run_details(args, engine, started, load_start, wrk_missing)
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


def run_details(args, engine, started, load_start, wrk_missing):
    """The machine, the software, the settings and the options of the run: the report's opening lines."""
    import django
    from django.conf import settings
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT version()" if engine == "postgresql" else "SELECT 'SQLite ' || sqlite_version()")
        db_version = cursor.fetchone()[0].split(" on ")[0]
    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "engine": "PostgreSQL" if engine == "postgresql" else "SQLite",
        "cpus": os.cpu_count(),
        "memory_gb": os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "django": django.get_version(),
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


def _plus(value):
    return "" if value is None else f" + {value:.1f}"


def _fmt(value, digits=1):
    return "–" if value is None else f"{value:.{digits}f}"


def render(meta, sizes, import_result, demo_result):
    """The whole report in markdown."""
    lines = heading(meta)
    for size in sizes:
        lines += size_section(meta, size)
    lines += targets(meta, sizes, import_result)
    if import_result or demo_result:
        lines += bulk_section(meta, import_result, demo_result)
    return "\n".join(lines)


def heading(meta):
    """The title and the run's details: machine, code, settings, how pages were measured, load, run time."""
    return [
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


def size_section(meta, size):
    """One size: what the database held, the server time of each page, then gunicorn + wrk."""
    counts = size["counts"]
    return [
        f"## {counts['organizations']:,} members",
        "",
        f"{counts['organizations']:,} organizations, {counts['people']:,} people, {counts['events']:,} events, "
        f"{counts['honours']:,} honours, {counts['decisions']:,} decisions. Built in "
        + ", ".join(f"{k} {v:.1f} s" for k, v in size["build"].items())
        + ".",
        "",
        f"Load average (1 min) while measuring: {size['load']:.1f} on {meta['cpus']} cores.",
        "",
        *pages_table(size["pages"]),
        "",
        *wrk_tables(meta, size),
    ]


def pages_table(pages):
    lines = [
        "| page | status | SQL queries | p50 ms | p95 ms | p50 CPU ms (Python) | DB CPU ms (mean) | cold p50 ms "
        "| cached p50 ms |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for page in pages:
        if page["missing"]:
            lines.append(f"| {page['label']} | missing: {page['missing']} | | | | | | | |")
            continue
        lines.append(
            f"| {page['label']} | {page['status']} | {page['queries']} | {_fmt(page['p50'])} | "
            f"{_fmt(page['p95'])} | {_fmt(page['cpu_p50'])} | {_fmt(page['db_cpu'])} | {_fmt(page.get('cold_p50'))} "
            f"| {_fmt(page['cached_p50'])} |"
        )
    return lines


def wrk_tables(meta, size):
    """gunicorn + wrk with the page cache off (and the workers' memory), then on; or why it was skipped."""
    wrk = size.get("wrk")
    if wrk is None:
        return [f"Load test skipped: {meta['wrk_missing']}", ""]
    if not wrk:
        return []
    ceiling = wrk.get("/healthz", {}).get("rps")
    lines = ["| gunicorn + wrk | req/s | share of /healthz | p50 ms | p99 ms | non-2xx |",
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
    return lines


def bulk_section(meta, import_result, demo_result):
    """The import of a member file and load_demo: seconds, CPU seconds, peak memory."""
    lines = [
        "## Bulk operations",
        "",
        "| operation | seconds (wall) | CPU seconds (Python + database server) | peak memory |",
        "| --- | ---: | ---: | ---: |",
    ]
    if import_result and "error" in import_result:
        lines.append(f"| import of a {meta['import_rows']:,}-row member file | failed: {import_result['error']} | | |")
    elif import_result:
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
    return lines


def targets(meta, sizes, import_result):
    """Issue 6's targets checked against this run's largest size (they are set for PostgreSQL at 100,000 members)."""
    if not sizes:
        return []
    largest = sizes[-1]
    rows = [
        query_count_row(sizes),
        *page_time_rows(largest),
        *throughput_rows(largest),
    ]
    if import_result and "seconds" in import_result:
        rows.append(
            target_row(
                f"import of {meta['import_rows']:,} rows ≤ 30 s",
                f"{import_result['seconds']:.1f} s",
                import_result["seconds"] <= 30,
            )
        )
    rows.append(
        target_row(
            "the whole run under 15 minutes", f"{meta['total_seconds'] / 60:.1f} min", meta["total_seconds"] < 15 * 60
        )
    )
    return [
        f"## Targets of issue 6 ({largest['counts']['organizations']:,} members, {meta['engine']})",
        "",
        "| target | measured | met? |",
        "| --- | --- | --- |",
        *rows,
        "",
    ]


def target_row(target, measured, met):
    return f"| {target} | {measured} | {'**yes**' if met else '**no**'} |"


def query_count_row(sizes):
    """Whether each public page makes as many SQL queries at every size."""

    def same_page(label):  # "directory, last page (400)" is the last page at every size
        return label.split(" (")[0]

    def queries(size, label):
        return next((p["queries"] for p in size["pages"] if same_page(p["label"]) == same_page(label)), None)

    public = [page["label"] for page in sizes[-1]["pages"] if page["public"] and not page["missing"]]
    differing = [label for label in public if len({queries(size, label) for size in sizes}) > 1]
    sizes_text = " and ".join(f"{size['counts']['organizations']:,}" for size in sizes)
    return target_row(
        f"query count the same at {sizes_text} members (public pages)",
        "identical" if not differing else "differs: " + ", ".join(differing),
        not differing and len(sizes) > 1,
    )


def page_time_rows(size):
    """p95 of the directory, the searches, the member page and the event pages against their limits."""
    pages = {page["label"]: page for page in size["pages"] if not page["missing"]}
    limits = [
        ("directory", 25),
        *((label, 25) for label in pages if label.startswith("search, no d") or label.startswith("search, diacritics")),
        ("member page", 15),
        *((label, 15) for label in pages if label.startswith("event page")),
    ]
    rows = []
    for label, limit in limits:
        page = pages.get(label)
        if page and page["p95"] is not None:
            cold = f"; cold p50 {page['cold_p50']:.1f} ms" if page.get("cold_p50") is not None else ""
            rows.append(target_row(f"{label}: p95 ≤ {limit} ms", f"{page['p95']:.1f} ms{cold}", page["p95"] <= limit))
    return rows


def throughput_rows(size):
    """The directory's and the search's req/s as shares of /healthz, and the workers' memory, cache off then on."""
    rows = []
    for name, wrk in (("page cache off", size.get("wrk")), ("page cache on", size.get("wrk_cached"))):
        if not wrk or not wrk.get("/healthz"):
            continue
        ceiling = wrk["/healthz"]["rps"]
        for label, share in (("directory", 15), ("search (no diacritics)", 10)):
            if label in wrk:
                measured = 100 * wrk[label]["rps"] / ceiling
                rows.append(
                    target_row(
                        f"{label} throughput ≥ {share}% of /healthz ({name})",
                        f"{wrk[label]['rps']:.0f} req/s = {measured:.1f}% of {ceiling:.0f}",
                        measured >= share,
                    )
                )
        if wrk.get("_rss"):
            rows.append(
                target_row(
                    "gunicorn workers < 200 MB resident",
                    ", ".join(f"{r:.0f} MB" for r in wrk["_rss"]),
                    max(wrk["_rss"]) < 200,
                )
            )
    return rows
