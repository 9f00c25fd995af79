"""Server time of each page, in-process with Django's test client: SQL queries, p50/p95, CPU, cold and cached p50."""

import time

from benchmarks import processes

# Requests after an edit (the data version bumped before each) for the cold p50.
COLD_REQUESTS = 10


def percentile(values, p):
    """The p-th percentile of `values`, interpolated between the two nearest ranks; NaN when there are none."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def milliseconds(client, url):
    """Wall-clock milliseconds of one request."""
    started = time.perf_counter()
    client.get(url)
    return (time.perf_counter() - started) * 1000


def measure_pages(pages, user, requests, admin_requests=None):
    """Measure each page (anonymous, or signed in as `user` for staff pages) and print a line for it."""
    from django.conf import settings
    from django.test import Client

    anonymous = Client(raise_request_exception=False)
    staff = Client(raise_request_exception=False)
    staff.force_login(user)
    for page in pages:
        if page.missing:
            continue
        client = staff if page.staff else anonymous
        count = admin_requests if page.group in ("admin", "staff") and admin_requests else requests
        measure_page_cache_off(page, client, count)
        if page.public and page.status == 200 and settings.PORTAL_SHARED_CACHE:
            page.cold_p50 = cold_p50(client, page.url)
        if page.public and page.status == 200:
            page.cached_p50 = cached_p50(client, page.url, requests)
        print(
            f"  {page.label:<48} {page.status} q={page.queries:<3} p50={page.p50:7.1f} p95={page.p95:7.1f}", flush=True
        )


def measure_page_cache_off(page, client, count):
    """Status, SQL queries, then `count` requests: p50 and p95 wall clock, p50 CPU, and the database server's CPU."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, override_settings

    with override_settings(PORTAL_PAGE_CACHE_SECONDS=0):
        response = client.get(page.url)
        client.get(page.url)
        page.status = response.status_code
        with CaptureQueriesContext(connection) as queries:
            client.get(page.url)
        page.queries = len(queries)
        times, cpu = [], []
        backend = processes.database_backend_pid(connection)
        backend_cpu = processes.cpu_seconds(backend) if backend else None
        for _ in range(count):
            started_cpu = time.thread_time()
            times.append(milliseconds(client, page.url))
            cpu.append((time.thread_time() - started_cpu) * 1000)
        if backend and backend == processes.database_backend_pid(connection) and backend_cpu is not None:
            page.db_cpu = (processes.cpu_seconds(backend) - backend_cpu) * 1000 / count
    page.p50, page.p95, page.cpu_p50 = percentile(times, 50), percentile(times, 95), percentile(cpu, 50)


def cold_p50(client, url):
    """The first request after an edit: every versioned count, figure and list of options is computed again."""
    from django.test.utils import override_settings

    from core.cache import bump_version

    times = []
    with override_settings(PORTAL_PAGE_CACHE_SECONDS=0):
        for _ in range(COLD_REQUESTS):
            bump_version()
            times.append(milliseconds(client, url))
    return percentile(times, 50)


def cached_p50(client, url, requests):
    """p50 with the anonymous page cache on and warm."""
    from django.test.utils import override_settings

    with override_settings(PORTAL_PAGE_CACHE_SECONDS=300):
        client.get(url)
        times = [milliseconds(client, url) for _ in range(max(20, requests // 2))]
    return percentile(times, 50)
