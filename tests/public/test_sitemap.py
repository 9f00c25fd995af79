"""/sitemap.xml and /robots.txt."""

import re

import pytest

from alliance_portal import sitemaps
from tests import factories

pytestmark = pytest.mark.django_db


def sitemap_text(client):
    """The index, then every section it lists, as one text."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    sections = re.findall(r"<loc>http://testserver(/sitemap-[a-z]+\.xml(?:\?p=\d+)?)</loc>", index.content.decode())
    assert sections
    parts = []
    for section in sections:
        response = client.get(section)
        assert response.status_code == 200
        parts.append(response.content.decode())
    return "\n".join(parts)


def test_sitemap_lists_published_pages_in_both_languages(client):
    shown = factories.OrganizationFactory()
    hidden = factories.OrganizationFactory(is_published=False)
    event = factories.EventFactory()
    hidden_event = factories.EventFactory(is_published=False)
    xml = sitemap_text(client)
    assert f"http://testserver{shown.get_absolute_url()}" in xml
    assert f"http://testserver/en{shown.get_absolute_url()}" in xml
    assert hidden.slug not in xml
    assert event.slug in xml
    assert hidden_event.slug not in xml
    assert "<loc>http://testserver/</loc>" in xml
    assert "<loc>http://testserver/en/</loc>" in xml
    assert "http://testserver/about/" in xml and "http://testserver/members/" in xml
    assert 'hreflang="en"' in xml and 'hreflang="vi"' in xml


def test_large_sections_are_split_into_pages(client, monkeypatch):
    monkeypatch.setattr(sitemaps.OrganizationSitemap, "limit", 3)
    members = [factories.OrganizationFactory() for _ in range(7)]
    index = client.get("/sitemap.xml").content.decode()
    assert "/sitemap-members.xml?p=3" in index
    xml = sitemap_text(client)
    for member in members:
        assert member.slug in xml


@pytest.mark.parametrize("path", ["/sitemap-nope.xml", "/sitemap-members.xml?p=abc", "/sitemap-members.xml?p=99"])
def test_bad_sitemap_addresses_are_404(client, path):
    factories.OrganizationFactory()
    assert client.get(path).status_code == 404


def test_sitemap_query_count_does_not_grow(client, django_assert_max_num_queries):
    """Many members and events: a fixed number of queries per section, not one per item."""
    for _ in range(20):
        factories.OrganizationFactory()
        factories.EventFactory()
    with django_assert_max_num_queries(6):
        assert client.get("/sitemap.xml").status_code == 200
    for section in ("pages", "members", "events"):
        with django_assert_max_num_queries(3):
            assert client.get(f"/sitemap-{section}.xml").status_code == 200


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
