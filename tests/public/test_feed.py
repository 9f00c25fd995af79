"""The RSS feed of events: published events only, Vietnamese text intact."""

import pytest
from defusedxml import ElementTree as ET
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def test_feed_lists_published_events_with_vietnamese_text(client):
    event = factories.EventFactory(
        title="Kỷ niệm 30 năm Ngày thành lập", summary="Đổi mới, hợp tác, phát triển bền vững."
    )
    factories.EventFactory(title="Cuộc họp nội bộ chưa công bố", is_published=False)

    response = client.get(reverse("events:feed"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("language") == "vi"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Kỷ niệm 30 năm Ngày thành lập"]
    assert items[0].findtext("description") == "Đổi mới, hợp tác, phát triển bền vững."
    assert items[0].findtext("link") == f"http://testserver{event.get_absolute_url()}"
    assert "chưa công bố" not in response.content.decode()


def test_feed_in_english(client):
    factories.EventFactory()
    response = client.get("/en/events/feed/")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("language") == "en"
    assert channel.findtext("title").startswith("Events of the")
    assert "/en/events/" in channel.find("item").findtext("link")


def test_feed_query_count_is_fixed(client, django_assert_max_num_queries):
    """40 events: the feed reads them in one query (30 items), not one per item."""
    factories.EventFactory.create_batch(40)
    with django_assert_max_num_queries(3):
        response = client.get(reverse("events:feed"))
    assert response.content.decode().count("<item>") == 30
