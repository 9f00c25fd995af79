"""Backup and restore: a backup restored into an empty database has every record and every media file, identical.

Runs on the database the suite runs on: SQLite always, PostgreSQL when DATABASE_URL points there (the restore goes
into a separate database, <test database>_restore, made and dropped by the test).
"""

import io
import re
import sqlite3
import tarfile
from pathlib import Path

import factory
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def records():
    """A bit of everything, with files: a logo, a person's photo, an event photo, a decision's scan; and history."""
    organization = factories.OrganizationFactory(logo=factory.django.ImageField(filename="logo.png", format="PNG"))
    organization.sectors.set([factories.SectorFactory()])
    organization.description = "Bản sửa lần hai: HTX đạt chuẩn kiểu mới."
    organization.save()
    person = factories.PersonFactory(
        organization=organization, photo=factory.django.ImageField(filename="chan-dung.jpg", format="JPEG")
    )
    event = factories.AnniversaryFactory()
    event.organizations.add(organization)
    factories.PhotoFactory(event=event)
    factories.ParticipantFactory(event=event, person=person)
    decision = factories.DecisionFactory(document=factory.django.FileField(filename="qd.pdf", data=b"%PDF-1.4 scan"))
    factories.HonourFactory(organization=organization, decision=decision, authority=decision.authority, event=event)
    factories.HonourFactory(person=person, organization=None)
    return organization


def _target(tmp_path):
    """A new, empty database of the suite's kind: (url, settings dict for raw access, cleanup)."""
    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"
        return f"sqlite:///{path}", {"kind": "sqlite", "path": path}, lambda: None
    import psycopg2

    name = f"{settings_dict['NAME']}_restore"
    params = {k.lower(): settings_dict[k] for k in ("HOST", "PORT", "USER", "PASSWORD") if settings_dict.get(k)}
    admin = psycopg2.connect(dbname="postgres", **params)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()

    user = params.get("user", "")
    password = f":{params['password']}" if params.get("password") else ""
    url = f"postgres://{user}{password}@{params.get('host', '')}:{params.get('port', 5432)}/{name}"
    return url, {"kind": "postgresql", "dbname": name, **params}, drop


def _rows(cursor, table):
    quoted = connection.ops.quote_name(table)
    cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 - table names come from the database's own catalogue
    return sorted((tuple(row) for row in cursor.fetchall()), key=repr)


def _target_cursor(target):
    if target["kind"] == "sqlite":
        return sqlite3.connect(target["path"], detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES)
    import psycopg2

    return psycopg2.connect(**{k: v for k, v in target.items() if k != "kind"})


def _files(root):
    root = Path(root)
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_backup_then_restore_into_an_empty_database_is_identical(records, tmp_path, settings):
    out = io.StringIO()
    call_command("backup", "--output-dir", str(tmp_path / "backups"), stdout=out)
    archive = Path(re.search(r"Backup written: (\S+)", out.getvalue()).group(1))
    assert re.fullmatch(r"\d{8}-\d{6}\.tar\.gz", archive.name)
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "manifest.json" in names
    assert any(n in names for n in ("database.dump", "database.sqlite3"))

    url, target, cleanup = _target(tmp_path)
    try:
        restored_media = tmp_path / "restored-media"
        out = io.StringIO()
        call_command("restore", str(archive), "--database-url", url, "--media-root", str(restored_media), stdout=out)
        assert "all checked" in out.getvalue()

        tables = connection.introspection.table_names()
        assert "members_organization" in tables and "awards_honour" in tables
        other = _target_cursor(target)
        try:
            with connection.cursor() as source:
                other_cursor = other.cursor()
                for table in tables:
                    expected = _rows(source, table)
                    assert _rows(other_cursor, table) == expected, table
                # The history tables were part of it, and not empty.
                assert _rows(source, "members_historicalorganization")
        finally:
            other.close()

        original = _files(settings.MEDIA_ROOT)
        assert len(original) == 4
        assert _files(restored_media) == original
    finally:
        cleanup()


def test_restore_refuses_a_database_that_is_not_empty(records, tmp_path):
    call_command("backup", "--output-dir", str(tmp_path / "backups"), stdout=io.StringIO())
    archive = next((tmp_path / "backups").glob("*.tar.gz"))
    url, target, cleanup = _target(tmp_path)
    try:
        call_command("restore", str(archive), "--database-url", url, "--media-root", str(tmp_path / "m1"))
        with pytest.raises(CommandError, match="is not empty"):
            call_command("restore", str(archive), "--database-url", url, "--media-root", str(tmp_path / "m2"))
    finally:
        cleanup()


def test_restore_refuses_a_damaged_archive(records, tmp_path):
    call_command("backup", "--output-dir", str(tmp_path / "backups"), stdout=io.StringIO())
    archive = next((tmp_path / "backups").glob("*.tar.gz"))
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as out:
        for member in source.getmembers():
            data = source.extractfile(member).read() if member.isfile() else None
            if member.name.startswith("media/") and member.name.endswith(".pdf"):
                data = b"changed"
                member.size = len(data)
            out.addfile(member, io.BytesIO(data) if data is not None else None)
    url, _target_params, cleanup = _target(tmp_path)
    try:
        with pytest.raises(CommandError, match="missing or damaged"):
            call_command("restore", str(damaged), "--database-url", url, "--media-root", str(tmp_path / "m"))
    finally:
        cleanup()
    with pytest.raises(CommandError, match="No backup file"):
        call_command("restore", str(tmp_path / "nothing.tar.gz"))
