"""The honours roll counts its results once per data change and choice of filters, not on every request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.models import Honour
from tests import factories

pytestmark = pytest.mark.django_db

ROLL = reverse("awards:honour-list")


def counts_run(queries):
    return [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]


def test_the_count_is_right_reused_and_follows_a_new_honour(client):
    factories.HonourFactory.create_batch(30)
    factories.HonourFactory(is_published=False)
    assert Honour.objects.published().count() == 30

    first = client.get(ROLL)
    assert first.context["result_count"] == 30
    assert first.context["paginator"].num_pages == 2

    with CaptureQueriesContext(connection) as second_queries:
        second = client.get(ROLL, {"page": 2})
    assert second.context["result_count"] == 30
    assert len(second.context["page_obj"]) == 5
    assert counts_run(second_queries) == []  # the count of the first request, not a new COUNT(*)

    factories.HonourFactory()
    assert client.get(ROLL).context["result_count"] == 31


def test_each_search_has_its_own_count(client):
    factories.HonourFactory.create_batch(3)
    factories.HonourFactory(organization=factories.OrganizationFactory(name="HTX Thủy sản Cát Bà"))

    assert client.get(ROLL).context["result_count"] == 4
    assert client.get(ROLL, {"q": "thuy san cat ba"}).context["result_count"] == 1
    assert client.get(ROLL, {"q": "thuy san cat ba", "page": 1}).context["result_count"] == 1
    assert client.get(ROLL).context["result_count"] == 4
