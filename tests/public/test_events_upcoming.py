"""The events list shows at most a page of upcoming events, the soonest first, and says how many there are."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events.views import EventListView
from tests import factories


def test_upcoming_events_are_capped_soonest_first_with_the_total(db, client, django_assert_max_num_queries):
    limit = EventListView.upcoming_limit
    now = timezone.now()
    events = [
        factories.EventFactory(title=f"Hội nghị sắp tới số {i:03d}", starts_at=now + datetime.timedelta(days=i + 1))
        for i in range(limit + 5)
    ]
    factories.EventFactory(title="Lễ kỷ niệm đã qua", starts_at=now - datetime.timedelta(days=30))

    with django_assert_max_num_queries(8):
        response = client.get(reverse("events:event-list"))

    assert response.status_code == 200
    page = response.content.decode()
    shown = [event for event in events if event.title in page]
    assert shown == events[:limit]
    assert "Lễ kỷ niệm đã qua" in page
    assert f"{limit} sự kiện gần nhất trong tổng số {limit + 5} sự kiện sắp diễn ra" in page


def test_no_note_when_every_upcoming_event_is_shown(db, client):
    now = timezone.now()
    for i in range(3):
        factories.EventFactory(title=f"Tập huấn sắp tới {i}", starts_at=now + datetime.timedelta(days=i + 1))

    page = client.get(reverse("events:event-list")).content.decode()

    assert all(f"Tập huấn sắp tới {i}" in page for i in range(3))
    assert "trong tổng số" not in page


def test_the_events_list_runs_the_same_queries_with_few_or_many_upcoming_events(db, client):
    now = timezone.now()

    def queries_with(upcoming):
        for i in range(upcoming):
            factories.EventFactory(starts_at=now + datetime.timedelta(days=i + 1))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("events:event-list")).status_code == 200
        return len(queries)

    few = queries_with(2)
    many = queries_with(EventListView.upcoming_limit + 3)  # more than one page of them
    assert many == few
