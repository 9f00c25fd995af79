"""What the benchmark reads about a process from /proc: its CPU time, its peak resident memory, its children."""

import os
import re
from pathlib import Path


def database_backend_pid(connection):
    """The process id of the PostgreSQL server process serving `connection` (None on other databases)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def cpu_seconds(pid):
    """User + system CPU time of a process on this machine (the PostgreSQL backend serving our connection)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss_mb(pid):
    """The process's peak resident memory (VmHWM) in MB, or None when it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    match = re.search(r"VmHWM:\s+(\d+) kB", status)
    return int(match.group(1)) / 1024 if match else None


def reset_peak_rss():
    """Reset this process's peak resident memory, so that what follows is measured alone."""
    Path("/proc/self/clear_refs").write_text("5")


def children(pid):
    """The process ids of a process's children (a gunicorn master's workers)."""
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []
