"""Admin actions: publish/unpublish, mark members withdrawn with a date, copy an event for next year."""

import datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone

from awards.models import Decision, Honour
from events.models import Event
from members.models import Organization, Person
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("model", "factory"),
    [
        (Organization, factories.OrganizationFactory),
        (Person, factories.PersonFactory),
        (Event, factories.EventFactory),
        (Decision, factories.DecisionFactory),
        (Honour, factories.HonourFactory),
    ],
)
def test_publish_and_unpublish_selection(admin_client, model, factory):
    chosen = factory.create_batch(2, is_published=True)
    other = factory(is_published=True)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    selection = [o.pk for o in chosen]
    admin_client.post(url, {"action": "unpublish", ACTION_CHECKBOX_NAME: selection})
    assert set(model.objects.filter(is_published=False).values_list("pk", flat=True)) == set(selection)
    assert model.objects.get(pk=other.pk).is_published
    admin_client.post(url, {"action": "publish", ACTION_CHECKBOX_NAME: selection})
    assert model.objects.filter(is_published=True).count() == 3


def test_mark_withdrawn_asks_for_the_date_then_sets_it(admin_client):
    leaving = factories.OrganizationFactory.create_batch(2, joined_on=datetime.date(2001, 5, 20))
    staying = factories.OrganizationFactory()
    url = reverse("admin:members_organization_changelist")
    selection = [o.pk for o in leaving]
    page = admin_client.post(url, {"action": "mark_withdrawn", ACTION_CHECKBOX_NAME: selection})
    assert page.status_code == 200
    assert "withdrawn_on" in page.content.decode()
    assert not Organization.objects.filter(status=Organization.Status.WITHDRAWN).exists()

    response = admin_client.post(
        url, {"action": "mark_withdrawn", ACTION_CHECKBOX_NAME: selection, "apply": "1", "withdrawn_on": "15/03/2024"}
    )
    assert response.status_code == 302
    for org in leaving:
        org.refresh_from_db()
        assert org.status == Organization.Status.WITHDRAWN
        assert org.status_changed_on == datetime.date(2024, 3, 15)
        assert org.history.first().status == Organization.Status.WITHDRAWN
    staying.refresh_from_db()
    assert staying.status == Organization.Status.ACTIVE


@pytest.mark.parametrize("day", ["", "không phải ngày", "01/01/2000"])
def test_mark_withdrawn_refuses_a_bad_date(admin_client, day):
    org = factories.OrganizationFactory(joined_on=datetime.date(2001, 5, 20))
    response = admin_client.post(
        reverse("admin:members_organization_changelist"),
        {"action": "mark_withdrawn", ACTION_CHECKBOX_NAME: [org.pk], "apply": "1", "withdrawn_on": day},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    org.refresh_from_db()
    assert org.status == Organization.Status.ACTIVE


def test_mark_withdrawn_refuses_a_future_date(admin_client):
    org = factories.OrganizationFactory()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = admin_client.post(
        reverse("admin:members_organization_changelist"),
        {
            "action": "mark_withdrawn",
            ACTION_CHECKBOX_NAME: [org.pk],
            "apply": "1",
            "withdrawn_on": f"{tomorrow:%d/%m/%Y}",
        },
    )
    assert response.context["form"].errors
    org.refresh_from_db()
    assert org.status == Organization.Status.ACTIVE


def test_copy_event_takes_programme_only(admin_client):
    event = factories.AnniversaryFactory(title="Lễ kỷ niệm 30 năm", is_published=True)
    factories.ProgrammeItemFactory.create_batch(3, event=event)
    factories.ParticipantFactory(event=event)
    factories.SpeechFactory(event=event)
    factories.PhotoFactory(event=event)
    factories.HonourFactory(event=event)
    response = admin_client.post(
        reverse("admin:events_event_changelist"), {"action": "copy_for_next_year", ACTION_CHECKBOX_NAME: [event.pk]}
    )
    copy = Event.objects.exclude(pk=event.pk).get()
    assert response.status_code == 302 and response.url == reverse("admin:events_event_change", args=[copy.pk])
    assert copy.slug != event.slug and copy.slug
    assert copy.is_published is False
    assert copy.start_date == datetime.date(2021, 7, 31)
    assert copy.celebrates_on == event.celebrates_on and copy.anniversary_years == 31
    assert sorted(copy.programme.values_list("title", flat=True)) == sorted(
        event.programme.values_list("title", flat=True)
    )
    assert not copy.photos.exists() and not copy.honours.exists()
    assert not copy.participants.exists() and not copy.speeches.exists()
    assert event.programme.count() == 3  # the original keeps its programme
