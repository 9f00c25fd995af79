"""Languages: Vietnamese at the bare paths, English under /en/, a switch on every page; error pages."""

import datetime

import pytest
from django.test import RequestFactory
from django.urls import reverse

from alliance_portal import views
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    return factories.OrganizationFactory(name="HTX Thắng Thủy", joined_on=datetime.date(2020, 7, 31))


def pages(member):
    return [
        reverse("home"),
        reverse("about"),
        reverse("members:organization-list"),
        member.get_absolute_url(),
    ]


def test_every_page_has_a_language_switch_to_the_same_page(client, member):
    for path in pages(member):
        html = client.get(path).content.decode()
        assert '<html lang="vi">' in html, path
        assert f'href="/en{path}" hreflang="en"' in html, path
        english = client.get("/en" + path).content.decode()
        assert '<html lang="en">' in english, path
        assert f'href="{path}" hreflang="vi"' in english, path


def test_switch_keeps_the_query_string(client, member):
    html = client.get(reverse("members:organization-list"), {"q": "thang", "kind": "cooperative"}).content.decode()
    assert 'href="/en/members/?q=thang&amp;kind=cooperative"' in html


def test_alternate_links_for_search_engines(client, member):
    html = client.get(member.get_absolute_url()).content.decode()
    assert f'<link rel="alternate" hreflang="en" href="http://testserver/en{member.get_absolute_url()}">' in html
    assert f'<link rel="alternate" hreflang="vi" href="http://testserver{member.get_absolute_url()}">' in html


def test_interface_is_translated(client, member):
    vi = client.get(reverse("members:organization-list")).content.decode()
    en = client.get("/en" + reverse("members:organization-list")).content.decode()
    assert "Danh bạ thành viên" in vi and "Member directory" not in vi
    assert "Member directory" in en and "Danh bạ thành viên" not in en
    assert "Chuyển đến nội dung chính" in vi and "Skip to main content" in en


def test_dates_in_vietnamese_format(client, member):
    html = client.get(member.get_absolute_url()).content.decode()
    assert "31/07/2020" in html


def test_404_page_in_the_portals_look_in_both_languages(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html and 'id="main"' in html
    assert 'href="/en/" hreflang="en"' in html  # the switch falls back to the home page
    english = client.get("/en/no-such-page/")
    assert english.status_code == 404
    assert "Page not found" in english.content.decode()


def test_500_page_needs_neither_database_nor_request_context(django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = views.server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Hệ thống gặp sự cố" in html
    assert "/static/vendor/bootstrap/bootstrap.min.css" in html


def test_set_language_view_is_available(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
