"""No personal detail in any public response: crawl every public URL (and every link they lead to) and look."""

import pytest
from django.utils.html import escape

from members.models import Person

from .conftest import HIDDEN_NAME, HIDDEN_PHOTO_STEM, HIDDEN_POSITION, PRIVATE_VALUES, internal_links, response_text

MAX_PAGES = 120


def _crawl(client, start, extra_queries=()):
    """Every same-site page reachable from `start` (and the searches), with its text.

    Links with a query string (filters, sorting, pagination) are not followed: they show the same records as the page
    they start from, and the searches below cover the query side. Sitemap pages (…xml?p=2) are followed. A search page's text has the typed term removed,
    since a page may repeat what the visitor typed.
    """
    seen, pages = set(), {}
    queue = list(start) + list(extra_queries)
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code in (200, 301, 302, 404), (url, response.status_code)
        if response.status_code != 200:
            continue
        text = response_text(response)
        if "?q=" in url:
            term = url.split("?q=", 1)[1]
            text = text.replace(term, "").replace(escape(term), "")
        pages[url] = text
        if "html" in response.get("Content-Type", "") or "xml" in response.get("Content-Type", ""):
            queue += [
                link
                for link in internal_links(text)
                if link not in seen and ("?" not in link or link.split("?")[0].endswith(".xml"))
            ]
    return pages


def _searches(urls):
    """Searches a curious visitor might try for the private values and the hidden person."""
    terms = [HIDDEN_NAME, "Giấu Tên", HIDDEN_POSITION, "0903", "417719", "bimat", "079063", "kin-dao", "1963"]
    paths = [u for u in urls if u.rstrip("/").endswith(("/members", "/awards", "/events"))]
    return [f"{path}?q={term}" for path in paths for term in terms]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_no_personal_detail_in_any_public_response(client, public_site, language):
    """Crawl every public URL in one language (pages, exports, feed, calendar, sitemap, robots, and every link they
    lead to, plus searches for the private values): no private value, and nothing about a person without consent."""
    start = [u for u in public_site.urls if u.startswith("/en/") == (language == "en")]
    pages = _crawl(client, start, _searches(start))
    assert len(pages) >= 10, sorted(pages)  # the crawl really saw the site
    hidden = public_site.hidden
    markers = {
        **PRIVATE_VALUES,
        "name without consent": HIDDEN_NAME,
        "position without consent": HIDDEN_POSITION,
        "photo without consent": HIDDEN_PHOTO_STEM,
        "speech without consent": f"Phát biểu của đại biểu #{hidden.pk}.",
    }
    leaks = [(url, label) for url, text in pages.items() for label, value in markers.items() if value in text]
    assert leaks == []
    # The consenting person is shown, so the crawl would see a leak if there were one.
    assert any(public_site.consenting.full_name in text for text in pages.values())


def test_organization_contacts_only_when_made_public(client, public_site):
    shown = client.get(public_site.contacts_public_org.get_absolute_url())
    assert "congkhai@example.vn" in shown.content.decode()
    hidden = client.get(public_site.organization.get_absolute_url())
    assert PRIVATE_VALUES["organization email"] not in hidden.content.decode()


def test_every_public_url_was_checked(public_site):
    """The crawl's start list covers each kind of public URL that exists in this tree, in both languages."""
    urls = public_site.urls
    for fragment in ("/members/", "/events/", "/awards/", "sitemap.xml", "robots.txt", "calendar.ics", "feed"):
        assert any(fragment in u for u in urls), fragment
    assert any(u.startswith("/en/") for u in urls)


def test_consent_is_required_to_be_public(public_site):
    assert not Person.objects.published().filter(pk=public_site.hidden.pk).exists()
    assert Person.objects.published().filter(pk=public_site.consenting.pk).exists()
