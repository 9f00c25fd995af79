"""The about page: the alliance's history as a timeline."""

import datetime

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

URL = reverse("about")


@pytest.fixture
def alliance():
    alliance = factories.AllianceFactory(
        founding_authority="UBND TP Hải Phòng",
        mandate="Đại diện cho các HTX và cơ sở công nghiệp ngoài quốc doanh trong việc đề xuất chính sách.",
    )
    factories.AllianceNameFactory(
        alliance=alliance,
        name="Hội đồng các HTX và cơ sở công nghiệp ngoài quốc doanh",
        valid_from=datetime.date(1990, 7, 31),
        order=1,
    )
    factories.AllianceNameFactory(
        alliance=alliance, name="Liên minh HTX thành phố Hải Phòng", valid_from=None, order=2, note="Chưa rõ ngày"
    )
    for number in range(1, 6):
        factories.CongressFactory(alliance=alliance, number=number, held_on=datetime.date(1990 + 5 * number, 9, 1))
    return alliance


def test_about_tells_the_founding(client, alliance):
    html = client.get(URL).content.decode()
    assert "31/07/1990" in html
    assert "UBND TP Hải Phòng" in html
    assert "Hội đồng các HTX và cơ sở công nghiệp ngoài quốc doanh" in html
    assert "đề xuất chính sách" in html


def test_about_lists_names_over_time_without_inventing_dates(client, alliance):
    html = client.get(URL).content.decode()
    assert "Liên minh HTX thành phố Hải Phòng" in html
    assert "Chưa rõ ngày" in html
    assert html.index("Hội đồng các HTX") < html.index("Liên minh HTX thành phố Hải Phòng")


def test_about_lists_congresses_with_roman_numerals(client, alliance):
    html = client.get(URL).content.decode()
    for numeral in ["I", "II", "III", "IV", "V"]:
        assert f"Đại hội lần thứ {numeral}" in html
    assert html.index("Đại hội lần thứ I<") < html.index("Đại hội lần thứ V<")


def test_about_links_a_published_congress_event_only(client, alliance):
    event = factories.EventFactory(kind="congress", title="Đại hội đại biểu lần thứ V")
    hidden = factories.EventFactory(kind="congress", title="Đại hội nội bộ", is_published=False)
    congresses = list(alliance.congresses.order_by("number"))
    congresses[4].event = event
    congresses[4].save()
    congresses[3].event = hidden
    congresses[3].save()
    html = client.get(URL).content.decode()
    assert html.count("Xem bài viết về đại hội") == 1
    assert event.get_absolute_url() in html
    assert hidden.slug not in html


def test_about_in_english(client, alliance):
    html = client.get("/en" + URL).content.decode()
    assert "Congress V" in html
    assert "About the alliance" in html


def test_about_without_history_is_not_an_error(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert "Lịch sử Liên minh chưa được cập nhật." in response.content.decode()


def test_about_query_count_does_not_grow_with_congresses(client, alliance, django_assert_max_num_queries):
    """Ten congresses with events and several names: names and congresses are prefetched."""
    for number in range(6, 11):
        factories.CongressFactory(alliance=alliance, number=number, event=factories.EventFactory())
    with django_assert_max_num_queries(4):
        response = client.get(URL)
    assert len(response.context["congresses"]) == 10
