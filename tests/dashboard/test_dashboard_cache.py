"""The dashboard's figures are computed once per data change and choice of period, not on every request."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories


def test_second_request_reuses_the_figures_until_the_data_changes(
    staff_client, register, django_assert_max_num_queries
):
    url = reverse("dashboard")
    params = {"year_from": 1995, "year_to": 2026}
    with CaptureQueriesContext(connection) as first:
        response = staff_client.get(url, params)
    assert response.status_code == 200
    assert "HTX Nông nghiệp Thắng Thủy" in response.content.decode()
    with django_assert_max_num_queries(len(first.captured_queries) // 2):
        again = staff_client.get(url, params)
    assert again.content == response.content

    before = members_by_kind(again)
    factories.OrganizationFactory(name="HTX Thủy sản Cát Hải Mới")
    after = members_by_kind(staff_client.get(url, params))
    assert after.rows != before.rows
    assert sum(row[1] for row in after.rows) == sum(row[1] for row in before.rows) + 1


def members_by_kind(response):
    items = [item for section in response.context["sections"] for item in section["items"]]
    return next(item["figure"] for item in items if item["figure"].key == "members-by-kind")


def test_each_period_and_language_has_its_own_figures(staff_client, register):
    url = reverse("dashboard")
    whole = staff_client.get(url, {"year_from": 1995, "year_to": 2026}).content
    early = staff_client.get(url, {"year_from": 1995, "year_to": 2000}).content
    assert whole != early
    area = register["areas"][1]
    in_area = staff_client.get(url, {"year_from": 1995, "year_to": 2026, "area": area.pk}).content
    assert in_area != whole
    english = staff_client.get("/en" + url, {"year_from": 1995, "year_to": 2026}).content.decode()
    assert "Honours" in english or "honours" in english
    assert english.encode() != whole
