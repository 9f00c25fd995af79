"""Throughput under load: gunicorn (gunicorn.conf.py, 2 workers) on the benchmark database, driven by wrk."""

import re
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

from benchmarks import processes
from benchmarks.workspace import PORT, PYTHON, ROOT, WORK, environment


def wrk_targets(pages):
    """(label, path) of what wrk drives: /healthz, the directory, a search and an event page (path None if missing)."""
    by_label = {page.label: page.url for page in pages}
    search = next((url for label, url in by_label.items() if label.startswith("search, no d")), None)
    return [
        ("/healthz", "/healthz"),
        ("directory", by_label.get("directory")),
        ("search (no diacritics)", search),
        ("event page", by_label.get("event page (50 honours, 5 guests)")),
    ]


def wait_healthy(url, seconds=60):
    """Whether `url` answers 200 within `seconds`."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(0.3)
    return False


def parse_duration_ms(value):
    """Milliseconds in one of wrk's durations ("850.00us", "1.20ms", "2.00s", "1.00m")."""
    number, unit = re.match(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def wrk(url, seconds, connections=16):
    """Drive `url` with wrk for `seconds`: req/s, p50 and p99 in ms, and the count of non-2xx/3xx responses."""
    result = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s", url],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
    )
    out = result.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = parse_duration_ms(re.search(r"\s50%\s+(\S+)", out).group(1))
    p99 = parse_duration_ms(re.search(r"\s99%\s+(\S+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p50": p50, "p99": p99, "non2xx": int(errors.group(1)) if errors else 0}


def measure_wrk(database_url, targets, seconds, page_cache_seconds=0):
    """Start gunicorn (gunicorn.conf.py) on the benchmark database and drive each target with wrk.

    Returns each target's figures by label, and under "_rss" the workers' peak resident memory in MB."""
    env = environment(database_url, page_cache_seconds)
    env.update({"GUNICORN_BIND": f"127.0.0.1:{PORT}", "WEB_CONCURRENCY": "2", "GUNICORN_ACCESS_LOG": ""})
    log = open(WORK / "gunicorn.log", "ab")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "--config", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        results = drive(f"http://127.0.0.1:{PORT}", targets, seconds)
        rss = [processes.peak_rss_mb(pid) for pid in processes.children(server.pid)]
        results["_rss"] = [r for r in rss if r is not None]
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    return results


def drive(base, targets, seconds):
    """Once the server at `base` is up, each target's wrk figures by label (targets without a path are left out)."""
    if not wait_healthy(base + "/healthz"):
        raise RuntimeError(f"gunicorn did not start: see {WORK / 'gunicorn.log'}")
    results = {}
    for label, path in targets:
        if path is None:
            continue
        urllib.request.urlopen(base + path, timeout=30).read()  # warm both workers a little
        results[label] = wrk(base + path, seconds)
        print(f"  wrk {label:<28} {results[label]['rps']:8.1f} req/s p50={results[label]['p50']:.1f} ms", flush=True)
    return results
