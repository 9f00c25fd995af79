"""Settings of the database connection that affect every page."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only: runs in the PostgreSQL pass of .ci/run")
def test_postgresql_jit_is_off_for_the_portals_connections():
    """JIT compiling cost 100-200 ms on costly-looking page queries that run in a few milliseconds."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
