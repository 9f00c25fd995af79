"""The home page: who the alliance is, members by kind, events, latest honours, a search box."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db

URL = reverse("home")


def test_home_works_with_an_empty_database(client):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Chưa có thành viên nào được công bố." in html
    assert "Hiện chưa có sự kiện nào sắp diễn ra." in html


def test_home_introduces_the_alliance_with_years_since_founding(client):
    alliance = factories.AllianceFactory()
    html = client.get(URL).content.decode()
    assert alliance.name in html
    assert "31/07/1990" in html
    years = alliance.years_since_founding()
    assert years >= 35
    assert f"{years} năm đại diện và hỗ trợ" in html


def test_member_counts_by_kind_count_published_members_only(client):
    for _ in range(3):
        factories.OrganizationFactory()
    factories.OrganizationFactory(is_published=False)
    for _ in range(2):
        factories.EnterpriseFactory()
    response = client.get(URL)
    counts = {row["kind"]: row["count"] for row in response.context["member_counts"]}
    assert counts == {"cooperative": 3, "enterprise": 2}
    assert response.context["member_total"] == 5
    html = response.content.decode()
    assert "5 thành viên trong danh bạ." in html
    assert "?kind=cooperative" in html


def test_member_counts_follow_an_edit_at_once(client):
    """The counts are cached per data version (one query per change, not per visit): a new member shows at once."""
    factories.OrganizationFactory()
    assert client.get(URL).context["member_total"] == 1
    hidden = factories.EnterpriseFactory(is_published=False)
    assert client.get(URL).context["member_total"] == 1
    hidden.is_published = True
    hidden.save()
    counts = {row["kind"]: row["count"] for row in client.get(URL).context["member_counts"]}
    assert counts == {"cooperative": 1, "enterprise": 1}


def test_upcoming_and_recent_events_published_only(client):
    now = timezone.now()
    factories.EventFactory(title="Hội nghị sắp tới", starts_at=now + datetime.timedelta(days=10))
    factories.EventFactory(title="Hội nghị đã qua", starts_at=now - datetime.timedelta(days=10))
    factories.EventFactory(
        title="Hội nghị chưa công bố", starts_at=now + datetime.timedelta(days=5), is_published=False
    )
    response = client.get(URL)
    assert [e.title for e in response.context["upcoming_events"]] == ["Hội nghị sắp tới"]
    assert [e.title for e in response.context["recent_events"]] == ["Hội nghị đã qua"]
    assert "Hội nghị chưa công bố" not in response.content.decode()


def test_latest_honours_leave_out_unpublished_ones(client):
    shown = factories.HonourFactory(organization=factories.OrganizationFactory(name="HTX Được Khen"))
    factories.HonourFactory(organization=factories.OrganizationFactory(name="HTX Ẩn", is_published=False))
    factories.HonourFactory(organization=factories.OrganizationFactory(name="HTX Khen Ẩn"), is_published=False)
    html = client.get(URL).content.decode()
    assert "HTX Được Khen" in html
    assert shown.organization.get_absolute_url() in html
    assert "HTX Ẩn" not in html
    assert "HTX Khen Ẩn" not in html


def test_search_box_goes_to_the_directory(client):
    html = client.get(URL).content.decode()
    assert f'action="{reverse("members:organization-list")}"' in html
    assert 'name="q"' in html
    assert '<label for="home-q"' in html


def test_home_page_frame_is_accessible_and_csp_clean(client):
    html = client.get(URL).content.decode()
    assert '<html lang="vi">' in html
    assert 'href="#main"' in html and 'id="main"' in html
    for landmark in ("<header", "<nav", "<main", "<footer"):
        assert landmark in html
    assert "<script>" not in html and "style=" not in html and "<style" not in html
    assert "cdn" not in html.lower()


def test_home_query_count_does_not_grow(client, django_assert_max_num_queries):
    """Many members, events and honours: a fixed number of queries (no N+1 over honours or events)."""
    factories.AllianceFactory()
    now = timezone.now()
    for n in range(10):
        factories.EventFactory(starts_at=now + datetime.timedelta(days=n + 1))
        factories.EventFactory(starts_at=now - datetime.timedelta(days=n + 1))
        factories.HonourFactory(
            person=factories.PersonFactory() if n % 2 else None,
            organization=None if n % 2 else factories.OrganizationFactory(),
        )
    with django_assert_max_num_queries(6):
        response = client.get(URL)
    assert len(response.context["latest_honours"]) == 6
