"""Rebuilding the trigram search indexes (members.search_indexes): after a bulk load, and on demand by command."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from alliance_portal import demo
from members.models import Organization
from tests import factories

POSTGRESQL_ONLY = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL only: runs in the PostgreSQL pass of .ci/run"
)


def _file_of(index):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_relation_filenode(%s::regclass)", [index])
        return cursor.fetchone()[0]


@POSTGRESQL_ONLY
@pytest.mark.django_db
def test_a_bulk_load_rebuilds_the_search_indexes_it_filled():
    before = {index: _file_of(index) for index in ("org_search_trgm", "person_search_trgm")}
    demo.after_bulk_load()
    after = {index: _file_of(index) for index in before}
    assert all(after[index] != before[index] for index in before)  # a REINDEX writes the index anew


@POSTGRESQL_ONLY
@pytest.mark.django_db(transaction=True)
def test_the_command_rebuilds_every_search_index_and_search_still_finds():
    factories.OrganizationFactory(name="HTX Nông nghiệp Thắng Thủy")
    before = {index: _file_of(index) for index in ("org_search_trgm", "person_search_trgm", "event_search_trgm")}

    dry = io.StringIO()
    call_command("rebuild_search_indexes", "--dry-run", stdout=dry)
    assert "Dry run" in dry.getvalue() and "org_search_trgm" in dry.getvalue()
    assert {index: _file_of(index) for index in before} == before

    out = io.StringIO()
    call_command("rebuild_search_indexes", stdout=out)
    assert "Rebuilt 3 index(es)" in out.getvalue()
    assert all(_file_of(index) != before[index] for index in before)
    assert list(Organization.objects.published().search("thang thuy").values_list("name", flat=True)) == [
        "HTX Nông nghiệp Thắng Thủy"
    ]


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite only: PostgreSQL has the indexes")
@pytest.mark.django_db
def test_the_command_says_there_is_nothing_to_rebuild_without_postgresql():
    out = io.StringIO()
    call_command("rebuild_search_indexes", stdout=out)
    assert "nothing to rebuild" in out.getvalue()
