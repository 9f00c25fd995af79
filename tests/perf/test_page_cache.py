"""The anonymous page cache: pages are shared between anonymous visitors and any data change shows at once."""

import os

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse

from core import cache as page_cache
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.perf.urls")]


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def test_second_anonymous_request_is_served_from_cache_without_queries(client, django_assert_num_queries):
    factories.OrganizationFactory(name="HTX Thắng Thủy")
    first = client.get("/perf-probe/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/perf-probe/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "HTX Thắng Thủy" in second.content.decode()


def test_cached_page_keeps_security_headers(client):
    client.get("/perf-probe/")
    hit = client.get("/perf-probe/")
    assert hit["X-Page-Cache"] == "hit"
    assert hit["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" in hit


def test_saving_a_member_shows_on_the_next_request(client):
    organization = factories.OrganizationFactory(name="HTX Tên Cũ")
    assert "HTX Tên Cũ" in client.get("/perf-probe/").content.decode()
    organization.name = "HTX Tên Mới"
    organization.save()
    page = client.get("/perf-probe/").content.decode()
    assert "HTX Tên Mới" in page
    assert "HTX Tên Cũ" not in page


def test_deleting_or_unpublishing_shows_on_the_next_request(client):
    kept = factories.OrganizationFactory(name="HTX Còn Lại")
    gone = factories.OrganizationFactory(name="HTX Bị Xóa")
    assert "HTX Bị Xóa" in client.get("/perf-probe/").content.decode()
    gone.delete()
    assert "HTX Bị Xóa" not in client.get("/perf-probe/").content.decode()
    kept.is_published = False
    kept.save()
    assert "HTX Còn Lại" not in client.get("/perf-probe/").content.decode()


def test_changes_in_events_awards_and_many_to_many_invalidate(db):
    version = page_cache.current_version()
    organization = factories.OrganizationFactory()
    assert page_cache.current_version() > version
    version = page_cache.current_version()
    organization.sectors.add(factories.SectorFactory())
    assert page_cache.current_version() > version
    version = page_cache.current_version()
    factories.EventFactory()
    assert page_cache.current_version() > version
    version = page_cache.current_version()
    factories.HonourFactory()
    assert page_cache.current_version() > version


def test_version_survives_eviction():
    cache.delete(page_cache.VERSION_KEY)
    assert page_cache.bump_version() >= 2


def test_signed_in_users_get_their_own_page(client, admin_user):
    client.get("/perf-probe/")
    client.force_login(admin_user)
    response = client.get("/perf-probe/")
    assert "X-Page-Cache" not in response


def test_language_query_string_and_host_are_part_of_the_key(client):
    assert client.get("/perf-probe/")["X-Page-Cache"] == "miss"
    english = client.get("/en/perf-probe/")
    assert english["X-Page-Cache"] == "miss"
    assert english["Content-Language"] == "en"
    assert client.get("/perf-probe/?page=2")["X-Page-Cache"] == "miss"
    assert client.get("/perf-probe/", HTTP_HOST="localhost")["X-Page-Cache"] == "miss"
    assert client.get("/perf-probe/?page=2")["X-Page-Cache"] == "hit"


def test_private_paths_pages_with_csrf_tokens_and_cookies_are_not_cached(client):
    for path in ["/dashboard/perf-probe/", "/en/dashboard/perf-probe/", "/perf-probe/form/", "/perf-probe/cookie/"]:
        client.cookies.clear()
        client.get(path)
        client.cookies.clear()
        assert "X-Page-Cache" not in client.get(path), path
    assert "X-Page-Cache" not in client.get(reverse("healthz"))


def test_post_is_never_served_from_cache(client):
    client.get("/perf-probe/")
    response = client.post("/perf-probe/")
    assert "X-Page-Cache" not in response


def test_page_cache_off_when_seconds_is_zero(client, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    client.get("/perf-probe/")
    assert "X-Page-Cache" not in client.get("/perf-probe/")


def test_a_cache_outage_still_serves_the_page(client, monkeypatch):
    factories.OrganizationFactory(name="HTX Vẫn Chạy")

    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(page_cache.cache, "get", broken)
    response = client.get("/perf-probe/")
    assert response.status_code == 200
    assert "HTX Vẫn Chạy" in response.content.decode()


@pytest.mark.parametrize("broken_call", ["get", "set"])
def test_a_cache_outage_still_serves_the_pages_that_use_cached_counts(client, monkeypatch, settings, broken_call):
    """The directory's count, the home page's figures, the event page's honours and the filter's options are kept
    per data version in the shared cache: when Redis is down they are computed as if there were no cache."""
    settings.PORTAL_SHARED_CACHE = True
    factories.OrganizationFactory(name="HTX Vẫn Chạy")
    page_cache.local_copies.clear()

    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(page_cache.cache, broken_call, broken)
    for url in (reverse("members:organization-list"), reverse("home"), reverse("awards:honour-list")):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "HTX Vẫn Chạy" in client.get(reverse("members:organization-list")).content.decode()


def test_an_edit_is_saved_when_the_cache_is_down(monkeypatch):
    """Saving bumps the data version in the cache; a cache outage must not make the save fail and roll back."""

    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(page_cache.cache, "incr", broken)
    monkeypatch.setattr(page_cache.cache, "add", broken)
    organization = factories.OrganizationFactory(name="HTX Lưu Được")
    organization.name = "HTX Vẫn Lưu Được"
    organization.save()
    organization.refresh_from_db()
    assert organization.name == "HTX Vẫn Lưu Được"


def _redis_url():
    """Real Redis from REDIS_URL. .ci/run sets it for its PostgreSQL pass, where a missing URL is a failure."""
    url = os.environ.get("REDIS_URL", "")
    if not url:
        if os.environ.get("CI") and connection.vendor == "postgresql":
            pytest.fail("REDIS_URL is not set in CI's PostgreSQL pass: the page cache must be proven against Redis")
        pytest.skip("REDIS_URL is not set: start Redis and set REDIS_URL=redis://127.0.0.1:6379/0 to run this test")
    return url


@pytest.mark.redis
def test_admin_edit_shows_on_next_public_request_with_real_redis(client, admin_client, settings, worker_id):
    """Against real Redis (as in production): an edit saved through the admin is on the very next public page."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",  # as settings.py configures it with REDIS_URL
            "LOCATION": _redis_url(),
            "KEY_PREFIX": f"portal-test-{os.getpid()}-{worker_id}",
        }
    }
    from django.core.cache import caches

    redis_cache = caches["default"]
    assert type(redis_cache).__name__ == "RedisCache"
    redis_cache.clear()
    try:
        organization = factories.OrganizationFactory(name="HTX Nông nghiệp Đông Hưng")
        assert client.get("/perf-probe/")["X-Page-Cache"] == "miss"
        assert client.get("/perf-probe/")["X-Page-Cache"] == "hit"
        assert redis_cache.get(page_cache.VERSION_KEY) is not None  # the version lives in Redis, shared by servers

        _admin_save_name(admin_client, organization, "HTX Nông nghiệp Đông Hưng Mới")

        page = client.get("/perf-probe/")
        assert page["X-Page-Cache"] == "miss"
        assert "HTX Nông nghiệp Đông Hưng Mới" in page.content.decode()
        assert client.get("/perf-probe/")["X-Page-Cache"] == "hit"
    finally:
        redis_cache.clear()


def _admin_save_name(admin_client, organization, new_name):
    """Change the name through the admin's change form, posting back everything else as the form shows it."""
    url = reverse("admin:members_organization_change", args=[organization.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    data = _form_data(page.context["adminform"].form)
    for formset in page.context["inline_admin_formsets"]:
        data.update(_formset_data(formset.formset))
    data["name"] = new_name
    response = admin_client.post(url, data)
    assert response.status_code == 302, getattr(response, "context", None) and response.context["errors"]
    organization.refresh_from_db()
    assert organization.name == new_name


def _form_data(form):
    data = {}
    for bound in form:
        value = bound.value()
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            data[bound.html_name] = [str(v) for v in value]
        elif isinstance(value, bool):
            if value:
                data[bound.html_name] = "on"
        else:
            data[bound.html_name] = str(value)
    return data


def _formset_data(formset):
    data = {}
    management = formset.management_form
    for name in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS"):
        data[f"{formset.prefix}-{name}"] = str(management[name].value())
    data[f"{formset.prefix}-TOTAL_FORMS"] = str(len(formset.initial_forms))
    for form in formset.initial_forms:
        data.update(_form_data(form))
    return data


def test_versioned_figures_are_computed_once_per_data_change(db):
    """Expensive figures (e.g. the dashboard's) are computed once, and again only after the data changes."""
    calls = []

    def figures():
        calls.append(1)
        return {"members": len(calls)}

    assert page_cache.versioned("figures", figures) == {"members": 1}
    assert page_cache.versioned("figures", figures) == {"members": 1}
    assert len(calls) == 1
    factories.OrganizationFactory()
    assert page_cache.versioned("figures", figures) == {"members": 2}
