"""`make restore FILE=backups/<timestamp>.tar.gz`: bring a backup back into an EMPTY database and the media folder.

The target database is DATABASE_URL's (or --database-url): for PostgreSQL an existing, empty database (createdb),
for SQLite a file that does not exist yet or holds no table. It refuses a database that already holds tables, so a
restore can never mix with or overwrite live data. Media files are written under MEDIA_ROOT (or --media-root); a file
that exists with different content is refused. Every media file is checked against the SHA-256 in the manifest.
"""

import json
import shutil
import sqlite3
import subprocess  # nosec B404
import tarfile
import tempfile
from pathlib import Path

import environ
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from .backup import MANIFEST, MEDIA_PREFIX, engine_kind, pg_env, pg_tool, sha256


def _pg_tables(settings_dict):
    sql = "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
    result = subprocess.run(  # noqa: S603 - fixed argument list, no shell
        [pg_tool("psql"), "-XAtq", f"--dbname={settings_dict['NAME']}", "-c", sql],
        env=pg_env(settings_dict),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise CommandError(
            f"Cannot open the target database {settings_dict['NAME']!r}: {result.stderr.strip()} "
            "(create it first, e.g. `createdb`)."
        )
    return int(result.stdout.strip() or 0)


def _sqlite_tables(path):
    if str(path) in ("", ":memory:") or not Path(path).exists():
        return 0
    with sqlite3.connect(path) as db:
        return db.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]


def _safe_members(tar):
    """Only regular files and folders with relative paths inside the archive's own folders."""
    for member in tar.getmembers():
        name = Path(member.name)
        if name.is_absolute() or ".." in name.parts or not (member.isfile() or member.isdir()):
            raise CommandError(f"The archive holds an unsafe entry: {member.name!r}.")
    return tar.getmembers()


def restore_backup(archive, *, settings_dict=None, media_root=None):
    """Restore `archive`; return (manifest, number of media files written)."""
    settings_dict = settings_dict or connections[DEFAULT_DB_ALIAS].settings_dict
    media_root = Path(media_root or settings.MEDIA_ROOT)
    archive = Path(archive)
    if not archive.is_file():
        raise CommandError(f"No backup file at {archive}.")
    kind = engine_kind(settings_dict)
    with tempfile.TemporaryDirectory(prefix="portal-restore-") as tmp, tarfile.open(archive, "r:gz") as tar:
        tar.extractall(tmp, members=_safe_members(tar), filter="data")
        tmp = Path(tmp)
        manifest = _read_manifest(tmp, archive, kind)
        _check_media(manifest, tmp, media_root)  # before touching anything
        database_file = tmp / manifest["database_file"]
        if kind == "postgresql":
            _restore_postgresql(database_file, settings_dict)
        else:
            _restore_sqlite(database_file, settings_dict["NAME"])
        _copy_media(manifest, tmp, media_root)
    return manifest, len(manifest["media"])


def _read_manifest(tmp, archive, kind):
    """The archive's manifest, once it is known to be a portal backup of the target's database engine."""
    try:
        manifest = json.loads((tmp / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CommandError(f"{archive} is not a portal backup (no {MANIFEST}).") from None
    if manifest["engine"] != kind:
        raise CommandError(
            f"This backup is of a {manifest['engine']} database; the target is {kind}. Restore into a "
            f"{manifest['engine']} database (set DATABASE_URL or --database-url)."
        )
    return manifest


def _check_media(manifest, tmp, media_root):
    """Every media file is in the archive as the manifest says, and would not overwrite a different file."""
    for name, digest in manifest["media"].items():
        source = tmp / MEDIA_PREFIX / name
        if not source.is_file() or sha256(source) != digest:
            raise CommandError(f"The media file {name!r} in the archive is missing or damaged.")
        target = media_root / name
        if target.exists() and sha256(target) != digest:
            raise CommandError(f"{target} already exists with different content; restore into an empty folder.")


def _restore_postgresql(database_file, settings_dict):
    if _pg_tables(settings_dict):
        raise CommandError(
            f"The database {settings_dict['NAME']!r} is not empty. Restore into a new, empty database "
            "(createdb NAME, then DATABASE_URL=postgres://.../NAME make restore FILE=...)."
        )
    command = [
        pg_tool("pg_restore"),
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
    ]
    command += [f"--dbname={settings_dict['NAME']}", str(database_file)]
    # A fixed argument list, no shell; the values come from the settings and the command line.
    result = subprocess.run(command, env=pg_env(settings_dict), capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise CommandError(f"pg_restore failed: {result.stderr.strip()}")


def _restore_sqlite(database_file, path):
    if _sqlite_tables(path):
        raise CommandError(f"The database {path} is not empty. Restore into a new file (DATABASE_URL).")
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(database_file)
    destination = sqlite3.connect(path)
    try:
        source.backup(destination)
    finally:
        source.close()
        destination.close()


def _copy_media(manifest, tmp, media_root):
    for name in manifest["media"]:
        target = media_root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(tmp / MEDIA_PREFIX / name, target)


class Command(BaseCommand):
    help = "Restore a backup archive (make backup) into an empty database and the media folder."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The archive, e.g. backups/20260101-020000.tar.gz")
        parser.add_argument("--database-url", help="Target database (default: DATABASE_URL); must be empty.")
        parser.add_argument("--media-root", help="Target media folder (default: MEDIA_ROOT).")

    def handle(self, *args, file, database_url=None, media_root=None, **options):
        settings_dict = environ.Env.db_url_config(database_url) if database_url else None
        if settings_dict is None:
            connections[DEFAULT_DB_ALIAS].close()  # the restore must not hold the target open
        manifest, count = restore_backup(file, settings_dict=settings_dict, media_root=media_root)
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the backup of {manifest['created_at']}: database ({manifest['engine']}) and {count} "
                "media files, all checked."
            )
        )
