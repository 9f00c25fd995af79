"""The bulk operations: importing a member file into the benchmark database, and load_demo into a fresh one."""

import gc
import json
import os
import subprocess
import time

from benchmarks import processes
from benchmarks.workspace import PYTHON, ROOT, WORK, environment, manage, recreate_database

# The entry point runs the import in a child process of its own: `run.py --child-import ROWS`.
RUNNER = ROOT / "benchmarks" / "run.py"


def write_import_file(rows):
    """A `rows`-row member file in the import format: existing members under new names and new tax codes."""
    import tablib

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
    out = tablib.Dataset(*data, headers=dataset.headers)
    path = WORK / f"import-{rows}.csv"
    path.write_text(out.export("csv"), encoding="utf-8")
    return path


def child_import(rows):
    """In a child process: write a `rows`-row member file in the import format, then time the import alone.

    Prints one line of JSON: seconds, CPU seconds (Python and database server), peak memory, what was imported."""
    import django

    django.setup()
    from django.db import connection

    from members import services

    path = write_import_file(rows)
    gc.collect()
    processes.reset_peak_rss()  # measure the import alone
    before = processes.peak_rss_mb(os.getpid())
    backend = processes.database_backend_pid(connection)
    backend_cpu = processes.cpu_seconds(backend) if backend else None
    started, started_cpu = time.perf_counter(), time.process_time()
    summary = services.import_organizations(str(path))
    seconds, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    db_cpu = processes.cpu_seconds(backend) - backend_cpu if backend and backend_cpu is not None else None
    result = {
        "seconds": seconds,
        "cpu": cpu,
        "db_cpu": db_cpu,
        "peak_rss_mb": processes.peak_rss_mb(os.getpid()),
        "rss_before_mb": before,
        "new": summary.new,
        "errors": [str(e) for e in summary.errors[:3]],
    }
    print(json.dumps(result))


def measure_import(database_url, rows, timeout):
    """Run child_import on `database_url` in a child process; its result, or {"error": ...}."""
    env = environment(database_url)
    started = time.perf_counter()
    try:
        result = subprocess.run(
            [PYTHON, str(RUNNER), "--child-import", str(rows)],
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
    """`load_demo --members N` into a fresh database: seconds, peak memory, CPU seconds (dropped after, unless keep)."""
    env = environment(demo_url)
    recreate_database(demo_url)
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    seconds, peak, _out, cpu = manage(env, "load_demo", "--members", str(members), "--seed", "1", timed=True)
    if not keep:
        recreate_database(demo_url)
    return {"seconds": seconds, "peak_rss_mb": peak, "cpu": cpu}
