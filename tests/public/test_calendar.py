"""The calendar file of an event follows RFC 5545, so that common calendar apps import it."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from events import calendar
from tests import factories


def unfold(body):
    """Undo RFC 5545 folding and split into (name, value) content lines."""
    assert body.endswith("\r\n")
    lines = body.replace("\r\n ", "").split("\r\n")[:-1]
    return [tuple(line.split(":", 1)) for line in lines]


def unescape(value):
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def test_escape_text_escapes_backslash_semicolon_comma_and_newlines():
    assert calendar.escape_text("a\\b;c,d\r\ne\nf") == "a\\\\b\\;c\\,d\\ne\\nf"


@pytest.mark.parametrize(
    "text", ["x" * 200, "Kỷ niệm 30 năm đổi mới, hợp tác, phát triển bền vững " * 5, "ệ" * 80, "😀" * 40]
)
def test_folding_keeps_lines_within_75_octets_and_never_splits_a_character(text):
    folded = calendar.fold(f"SUMMARY:{text}")
    lines = folded.split("\r\n")
    assert len(lines) > 1
    for line in lines:
        assert len(line.encode("utf-8")) <= 75
        line.encode("utf-8").decode("utf-8")  # each physical line is valid UTF-8 by itself
    assert all(line.startswith(" ") for line in lines[1:])
    assert folded.replace("\r\n ", "") == f"SUMMARY:{text}"


def test_short_lines_are_not_folded():
    assert calendar.fold("VERSION:2.0") == "VERSION:2.0"


@pytest.mark.django_db
def test_event_calendar_file(client):
    event = factories.AnniversaryFactory(
        title="Kỷ niệm 30 năm Ngày thành lập Liên minh HTX & DN TP Hải Phòng (31/7/1990 – 31/7/2020)",
        starts_at=timezone.make_aware(datetime.datetime(2020, 7, 31, 8, 0)),
        ends_at=timezone.make_aware(datetime.datetime(2020, 7, 31, 11, 30)),
        venue="Trung tâm Hội nghị thành phố, số 18 Hoàng Diệu; quận Hồng Bàng",
        summary="Chủ đề: “30 năm đổi mới, hợp tác, phát triển bền vững”.\nBuổi sáng.",
    )

    response = client.get(reverse("events:event-calendar", kwargs={"slug": event.slug}))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert f'filename="{event.slug}.ics"' in response["Content-Disposition"]
    raw = response.content
    body = raw.decode("utf-8")
    assert "\n" not in body.replace("\r\n", "")  # CRLF only
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    lines = unfold(body)
    names = [name for name, _value in lines]
    assert names[:2] == ["BEGIN", "VERSION"] and names[-1] == "END"
    assert names.index("BEGIN", 1) < names.index("UID") < names.index("END")
    fields = dict(lines[names.index("BEGIN", 1) :])
    assert fields["DTSTART"] == "20200731T010000Z"  # 08:00 in Hải Phòng is 01:00 UTC
    assert fields["DTEND"] == "20200731T043000Z"
    assert re.fullmatch(r"\d{8}T\d{6}Z", fields["DTSTAMP"])
    assert fields["UID"] == f"event-{event.pk}@testserver"
    assert unescape(fields["SUMMARY"]) == event.title
    assert fields["LOCATION"] == "Trung tâm Hội nghị thành phố\\, số 18 Hoàng Diệu\\; quận Hồng Bàng"
    assert unescape(fields["DESCRIPTION"]).startswith(event.summary)
    assert fields["URL"] == f"http://testserver{event.get_absolute_url()}"
    assert dict(lines)["VERSION"] == "2.0" and "PRODID" in dict(lines)


@pytest.mark.django_db
def test_calendar_without_an_end_time_has_no_dtend(client):
    event = factories.EventFactory(ends_at=None)
    body = client.get(reverse("events:event-calendar", kwargs={"slug": event.slug})).content.decode()
    assert "DTSTART:" in body and "DTEND" not in body


@pytest.mark.django_db
def test_calendar_of_an_unpublished_or_unknown_event_is_404(client):
    event = factories.EventFactory(is_published=False)
    assert client.get(reverse("events:event-calendar", kwargs={"slug": event.slug})).status_code == 404
    assert client.get(reverse("events:event-calendar", kwargs={"slug": "khong-co"})).status_code == 404
