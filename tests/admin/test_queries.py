"""The admin keeps a fixed number of queries per page however many rows it shows (issue 4: 100,000 members).

Each test counts the queries of a page with a few rows and with ten times as many; an N+1 (a query per row, per
inline line or per autocomplete widget) makes the second count larger and fails the test.
"""

import factory
import pytest
from django.contrib import admin
from django.urls import reverse

from tests import factories
from tests.admin.utils import count_queries

pytestmark = pytest.mark.django_db

FEW, MANY = 3, 30
MAX_QUERIES = 30  # an upper bound for any of these pages, whatever the number of rows


def _factory_for(model):
    for value in vars(factories).values():
        if isinstance(value, type) and issubclass(value, factory.Factory) and value._meta.model is model:
            return value
    return None


PORTAL_MODELS = sorted(
    (m for m in admin.site._registry if m._meta.app_label in {"members", "events", "awards"}),
    key=lambda m: m._meta.label,
)


@pytest.mark.parametrize("model", PORTAL_MODELS, ids=lambda m: m._meta.label)
def test_changelist_queries_do_not_grow_with_rows(admin_client, django_assert_max_num_queries, model):
    make = _factory_for(model)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    existing = model.objects.count()  # seeded lists (areas, sectors, forms, authorities)
    make.create_batch(FEW)
    admin_client.get(url)  # warm caches (content types, sessions)
    few = count_queries(admin_client, url)
    make.create_batch(MANY - FEW)
    assert model.objects.count() >= existing + MANY
    with django_assert_max_num_queries(MAX_QUERIES):
        many = count_queries(admin_client, url)
    assert many == few, f"{model.__name__}: {few} queries with {FEW} rows, {many} with {MANY}"


def _event_with(n, event=None):
    event = event or factories.EventFactory()
    speaker = factories.PersonFactory()
    for _i in range(n):
        factories.ProgrammeItemFactory(event=event, speaker=speaker if _i % 2 else factories.PersonFactory())
        factories.ParticipantFactory(event=event)
        factories.SpeechFactory(event=event)
        factories.PhotoFactory(event=event)
        decision = factories.DecisionFactory()
        factories.HonourFactory(event=event, decision=decision, authority=decision.authority)
    event.organizations.add(*factories.OrganizationFactory.create_batch(2))
    return event


def _grows(admin_client, url, add_rows, django_assert_max_num_queries):
    admin_client.get(url)
    few = count_queries(admin_client, url)
    add_rows()
    with django_assert_max_num_queries(MAX_QUERIES + 10):
        many = count_queries(admin_client, url)
    return few, many


def test_event_change_page_queries_do_not_grow_with_inline_rows(admin_client, django_assert_max_num_queries):
    event = _event_with(FEW)
    url = reverse("admin:events_event_change", args=[event.pk])
    few, many = _grows(admin_client, url, lambda: _event_with(MANY - FEW, event), django_assert_max_num_queries)
    assert event.honours.count() == MANY
    assert many == few, (few, many)


def test_decision_change_page_queries_do_not_grow_with_honours(admin_client, django_assert_max_num_queries):
    decision = factories.DecisionFactory()

    def honours(n):
        for i in range(n):
            kwargs = {"organization": None, "person": factories.PersonFactory()} if i % 2 else {}
            factories.HonourFactory(
                decision=decision, authority=decision.authority, event=factories.EventFactory(), **kwargs
            )

    honours(FEW)
    url = reverse("admin:awards_decision_change", args=[decision.pk])
    few, many = _grows(admin_client, url, lambda: honours(MANY - FEW), django_assert_max_num_queries)
    assert many == few, (few, many)


@pytest.mark.parametrize("recipient", ["organization", "person"])
def test_recipient_page_queries_do_not_grow_with_honours_received(
    admin_client, django_assert_max_num_queries, recipient
):
    if recipient == "organization":
        obj = factories.OrganizationFactory()
        kwargs = {"organization": obj}
    else:
        obj = factories.PersonFactory(organization=factories.OrganizationFactory())
        kwargs = {"organization": None, "person": obj}

    def honours(n):
        for _i in range(n):
            decision = factories.DecisionFactory()
            factories.HonourFactory(
                decision=decision, authority=decision.authority, event=factories.EventFactory(), **kwargs
            )

    honours(FEW)
    url = reverse(f"admin:members_{recipient}_change", args=[obj.pk])
    few, many = _grows(admin_client, url, lambda: honours(MANY - FEW), django_assert_max_num_queries)
    assert obj.honours.count() == MANY
    assert many == few, (few, many)


def test_big_tables_skip_the_full_count(admin_client):
    for name in ("members_organization", "members_person", "events_event", "awards_decision", "awards_honour"):
        response = admin_client.get(reverse(f"admin:{name}_changelist"))
        assert response.context["cl"].show_full_result_count is False, name
