"""Every page's number of SQL queries stays the same as the data grows (issue 6: identical at 1,000 and 100,000
members; `make bench` measures the large sizes, this test the principle at small ones: 3 and then 11 members).

Each round adds member organizations with sectors, people, honours (under one decision, presented at one event),
guests at that event, honours and events for the member whose page is measured. An N+1 anywhere would make the
second count larger than the first.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories

PUBLIC_PAGES = [
    ("home", None),
    ("about", None),
    ("members:organization-list", None),
    ("members:organization-list", {"q": "dong hung"}),
    ("members:organization-list", {"kind": "cooperative", "status": "active"}),
    ("members:organization-detail", "member"),
    ("events:event-list", None),
    ("events:event-detail", "event"),
    ("awards:honour-list", None),
    ("awards:decision-detail", "decision"),
]
STAFF_PAGES = [
    "dashboard",
    "admin:members_organization_changelist",
    "admin:members_person_changelist",
    "admin:events_event_changelist",
    "admin:awards_honour_changelist",
    "admin:awards_decision_changelist",
]


@pytest.fixture
def world(db):
    sector = factories.SectorFactory()
    form = factories.HonourFormFactory()
    authority = factories.AuthorityFactory()
    member = factories.OrganizationFactory(sectors=[sector])
    event = factories.EventFactory()
    decision = factories.DecisionFactory(authority=authority)

    def grow(n):
        for _ in range(n):
            organization = factories.OrganizationFactory(sectors=[sector, factories.SectorFactory()])
            person = factories.PersonFactory(organization=organization)
            common = {"form": form, "authority": authority, "decision": decision, "event": event}
            factories.HonourFactory(organization=organization, **common)
            factories.HonourFactory(organization=None, person=person, **common)
            factories.HonourFactory(
                organization=member, form=factories.HonourFormFactory(), authority=factories.AuthorityFactory()
            )
            factories.ParticipantFactory(event=event, person=person)
            event.organizations.add(organization)
            factories.EventFactory().organizations.add(member)

    return {"member": member, "event": event, "decision": decision, "grow": grow}


def _url(name, arg, world):
    if arg is None:
        return reverse(name)
    if isinstance(arg, dict):
        return reverse(name) + "?" + "&".join(f"{k}={v.replace(' ', '+')}" for k, v in arg.items())
    obj = world[arg]
    return obj.get_absolute_url()


def _counts(client, urls):
    counts = {}
    for url in urls:
        client.get(url)  # first request may fill per-process caches (content types, translations)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        counts[url] = len(queries)
    return counts


def test_public_pages_run_the_same_queries_with_3_or_20_members(client, world):
    """With 3 and then 11 members (and their people, honours, events), every public page runs the same queries."""
    world["grow"](2)
    urls = [_url(name, arg, world) for name, arg in PUBLIC_PAGES]
    small = _counts(client, urls)
    world["grow"](8)
    large = _counts(client, urls)
    assert large == small


def test_dashboard_and_admin_changelists_run_the_same_queries_as_data_grows(admin_client, world):
    """The dashboard and the busiest changelists: no query per row, so no more queries with more rows."""
    world["grow"](2)
    urls = [reverse(name) for name in STAFF_PAGES]
    small = _counts(admin_client, urls)
    world["grow"](8)
    large = _counts(admin_client, urls)
    assert large == small
