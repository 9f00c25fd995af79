"""`make backup`: one timestamped archive of the database and the media files.

The archive (backups/<UTC timestamp>.tar.gz) holds:
- manifest.json: when, which database engine, Django's migration state, and every media file with its SHA-256;
- database.dump (PostgreSQL, `pg_dump --format=custom`) or database.sqlite3 (SQLite, copied with the backup API,
  consistent even while the portal writes);
- media/...: every file under MEDIA_ROOT.

`make restore FILE=...` (the restore command) brings it back into an empty database. See docs/security.md.
"""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess  # nosec B404
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.recorder import MigrationRecorder

MANIFEST = "manifest.json"
PG_DUMP_NAME = "database.dump"
SQLITE_NAME = "database.sqlite3"
MEDIA_PREFIX = "media"
FORMAT_VERSION = 1


def engine_kind(settings_dict):
    engine = settings_dict["ENGINE"]
    if "postgresql" in engine:
        return "postgresql"
    if "sqlite3" in engine:
        return "sqlite"
    raise CommandError(f"Backups support PostgreSQL and SQLite, not {engine}.")


def pg_env(settings_dict):
    """Environment for pg_dump/pg_restore/psql: the connection details as libpq variables (no password on argv)."""
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if settings_dict.get(key):
            env[var] = str(settings_dict[key])
    return env


def pg_tool(name):
    path = shutil.which(name)
    if not path:
        raise CommandError(
            f"{name} was not found; install the PostgreSQL client tools (apt-get install postgresql-client)."
        )
    return path


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def media_files(root):
    """Relative POSIX paths of every regular file under `root`, sorted."""
    root = Path(root)
    if not root.is_dir():
        return []
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def dump_database(alias, target_dir):
    """Write the database of connection `alias` into target_dir; return the file name inside the archive."""
    connection = connections[alias]
    settings_dict = connection.settings_dict
    kind = engine_kind(settings_dict)
    if kind == "postgresql":
        out = Path(target_dir) / PG_DUMP_NAME
        command = [pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "--file", str(out)]
        command.append(f"--dbname={settings_dict['NAME']}")
        # A fixed argument list, no shell; the values come from the settings, not from a request.
        result = subprocess.run(command, env=pg_env(settings_dict), capture_output=True, text=True, check=False)  # noqa: S603
        if result.returncode != 0:
            raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
        return PG_DUMP_NAME
    out = Path(target_dir) / SQLITE_NAME
    connection.ensure_connection()
    destination = sqlite3.connect(out)
    try:
        connection.connection.backup(destination)  # works for a file and for the tests' in-memory database
    finally:
        destination.close()
    return SQLITE_NAME


def create_backup(output_dir, *, alias=DEFAULT_DB_ALIAS, media_root=None, now=None):
    """Write the archive and return its path."""
    now = now or datetime.datetime.now(datetime.UTC)
    media_root = Path(media_root or settings.MEDIA_ROOT)
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    stamp = now.strftime("%Y%m%d-%H%M%S")
    archive = output_dir / f"{stamp}.tar.gz"
    n = 1
    while archive.exists():
        n += 1
        archive = output_dir / f"{stamp}-{n}.tar.gz"
    files = media_files(media_root)
    recorder = MigrationRecorder(connections[alias])
    with tempfile.TemporaryDirectory(prefix="portal-backup-") as tmp:
        database_name = dump_database(alias, tmp)
        manifest = {
            "format_version": FORMAT_VERSION,
            "created_at": now.isoformat(),
            "engine": engine_kind(connections[alias].settings_dict),
            "database_file": database_name,
            "migrations": sorted(f"{app}.{name}" for app, name in recorder.applied_migrations()),
            "media": {name: sha256(media_root / name) for name in files},
        }
        (Path(tmp) / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
        partial = archive.with_name(archive.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(Path(tmp) / MANIFEST, arcname=MANIFEST)
            tar.add(Path(tmp) / database_name, arcname=database_name)
            for name in files:
                tar.add(media_root / name, arcname=f"{MEDIA_PREFIX}/{name}", recursive=False)
        partial.rename(archive)  # never leave a half-written archive under the final name
    return archive


class Command(BaseCommand):
    help = "Write a timestamped archive (backups/<timestamp>.tar.gz) of the database and the media files."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir", default=str(settings.BASE_DIR / "backups"), help="Folder for the archive (backups/)."
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias to back up.")

    def handle(self, *args, output_dir, database, **options):
        archive = create_backup(output_dir, alias=database)
        size = archive.stat().st_size
        self.stdout.write(self.style.SUCCESS(f"Backup written: {archive} ({size / 1024 / 1024:.1f} MB)"))
