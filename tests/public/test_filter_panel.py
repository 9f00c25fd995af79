"""On a phone the directory and the honours roll keep the search above the results and fold the other filters into a
panel behind a "Bộ lọc (n)" button: n counts the filters set (valid or not; not the search, not the order), and the
panel opens by itself when one of them has an error. The count and the state are this request's, even when the rest of
the form comes from a frame kept between requests."""

import re

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("members:organization-list")
HONOURS = reverse("awards:honour-list")


def toggle(html):
    """The filter button's (label, aria-expanded, aria-controls) and whether the panel it controls starts shown."""
    button = re.search(r'<button type="button" class="[^"]*filter-toggle"[^>]*>([^<]*)</button>', html)
    assert button, "no filter button"
    expanded = re.search(r'aria-expanded="(\w+)"', button.group(0)).group(1)
    controls = re.search(r'aria-controls="([\w-]+)"', button.group(0)).group(1)
    panel = re.search(rf'<div id="{controls}" class="([^"]*)"', html)
    assert panel, "the button controls no panel"
    classes = panel.group(1).split()
    assert "collapse" in classes
    return button.group(1), expanded, "show" in classes


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ({}, "Bộ lọc"),
        ({"q": "thuy"}, "Bộ lọc"),  # the search is in view: not counted
        ({"order": "newest"}, "Bộ lọc"),  # the order is not a filter
        ({"kind": "cooperative"}, "Bộ lọc (1)"),
        ({"q": "thuy", "kind": "cooperative", "order": "oldest", "page": "1"}, "Bộ lọc (1)"),
        ({"kind": "cooperative", "status": "active"}, "Bộ lọc (2)"),
        ({"kind": "cooperative", "joined": "", "sector": ""}, "Bộ lọc (1)"),  # left blank: not set
    ],
)
def test_the_directorys_filter_button_counts_the_filters_set(client, query, label):
    html = client.get(DIRECTORY, query).content.decode()
    assert toggle(html) == (label, "false", False)


def test_an_invalid_filter_is_counted_and_opens_the_panel(client):
    html = client.get(DIRECTORY, {"joined": "abc", "kind": "cooperative", "q": "thuy"}).content.decode()
    assert toggle(html) == ("Bộ lọc (2)", "true", True)
    assert 'id="id_joined_error"' in html


def test_an_invalid_search_leaves_the_panel_closed(client):
    html = client.get(DIRECTORY, {"q": "x" * 300}).content.decode()
    assert toggle(html) == ("Bộ lọc", "false", False)


def test_the_search_stays_out_of_the_panel_and_the_filters_are_in_it(client):
    factories.OrganizationFactory()
    html = client.get(DIRECTORY).content.decode()
    panel_start = html.index('<div id="filter-panel"')
    assert html.index('id="id_q"') < html.index("filter-toggle") < panel_start
    for name in ["kind", "sector", "area", "status", "joined", "order"]:
        assert html.index(f'id="id_{name}"') > panel_start
    assert html.index("directory-results") > panel_start  # the results follow the form


def test_the_honours_rolls_filter_button(client):
    assert toggle(client.get(HONOURS).content.decode()) == ("Bộ lọc", "false", False)
    assert toggle(client.get(HONOURS, {"q": "an", "year": "2020"}).content.decode()) == ("Bộ lọc (1)", "false", False)
    response = client.get(HONOURS, {"year": "abc", "kind": "individual"})
    assert response.status_code == 400
    assert toggle(response.content.decode()) == ("Bộ lọc (2)", "true", True)


def test_the_button_speaks_english_on_english_pages(client):
    html = client.get("/en" + DIRECTORY, {"kind": "cooperative"}).content.decode()
    assert toggle(html)[0] == "Filters (1)"


@pytest.mark.parametrize(
    ("url", "one_filter", "invalid"),
    [(DIRECTORY, {"kind": "cooperative"}, {"joined": "abc"}), (HONOURS, {"kind": "individual"}, {"year": "abc"})],
)
def test_a_kept_frame_carries_no_count_or_state_from_one_request_to_the_next(
    client, settings, url, one_filter, invalid
):
    """With the shared cache on, the first search keeps the form's frame; each later one shows its own count."""
    settings.PORTAL_SHARED_CACHE = True
    assert toggle(client.get(url, one_filter).content.decode()) == ("Bộ lọc (1)", "false", False)
    assert toggle(client.get(url, {"q": "an"}).content.decode()) == ("Bộ lọc", "false", False)
    assert toggle(client.get(url, invalid).content.decode()) == ("Bộ lọc (1)", "true", True)
    assert toggle(client.get(url, {"q": "an"}).content.decode()) == ("Bộ lọc", "false", False)
