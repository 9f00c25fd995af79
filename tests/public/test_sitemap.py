"""/sitemap.xml and /robots.txt."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_sitemap_lists_published_pages_in_both_languages(client):
    shown = factories.OrganizationFactory()
    hidden = factories.OrganizationFactory(is_published=False)
    event = factories.EventFactory()
    hidden_event = factories.EventFactory(is_published=False)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    assert f"http://testserver{shown.get_absolute_url()}" in xml
    assert f"http://testserver/en{shown.get_absolute_url()}" in xml
    assert hidden.slug not in xml
    assert event.slug in xml
    assert hidden_event.slug not in xml
    assert "<loc>http://testserver/</loc>" in xml
    assert "<loc>http://testserver/en/</loc>" in xml
    assert "http://testserver/about/" in xml and "http://testserver/members/" in xml
    assert 'hreflang="en"' in xml and 'hreflang="vi"' in xml


def test_sitemap_query_count_does_not_grow(client, django_assert_max_num_queries):
    """Many members and events: one query per section, not per item."""
    for _ in range(20):
        factories.OrganizationFactory()
        factories.EventFactory()
    with django_assert_max_num_queries(6):
        assert client.get("/sitemap.xml").status_code == 200


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
