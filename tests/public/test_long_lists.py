"""The directory and the honours roll at national scale: a capped count, a last page, the filter form's markup."""

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from core.templatetags.portal import grouped
from members.models import Area, Organization
from tests import factories

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("members:organization-list")
ROLL = reverse("awards:honour-list")


@pytest.fixture
def thirty_two_members():
    factories.OrganizationFactory.create_batch(32)
    factories.OrganizationFactory(is_published=False)  # never counted
    assert Organization.objects.published().count() == 32


@override_settings(PORTAL_LIST_MAX_ROWS=30)
def test_directory_beyond_the_cap_says_more_than_and_stops_at_the_last_listed_page(client, thirty_two_members):
    first = client.get(DIRECTORY)
    html = first.content.decode()
    assert "Hơn 30 thành viên; danh sách hiện 30 thành viên đầu tiên" in html
    assert first.context["paginator"].num_pages == 2

    second = client.get(DIRECTORY, {"page": 2})
    assert second.status_code == 200
    assert len(second.context["organizations"]) == 5  # rows 26 to 30: the 31st and 32nd are not offered
    assert client.get(DIRECTORY, {"page": 3}).status_code == 404


@override_settings(PORTAL_LIST_MAX_ROWS=30)
def test_a_search_beyond_the_cap_asks_to_narrow_it(client):
    for number in range(31):
        factories.OrganizationFactory(name=f"HTX Thủy sản Cát Bà số {number}")
    factories.OrganizationFactory(name="HTX Nông nghiệp Thắng Thủy")
    html = client.get(DIRECTORY, {"q": "thuy san"}).content.decode()
    assert "Hơn 30 thành viên phù hợp với “thuy san”" in html
    assert "Hãy thêm từ hoặc bộ lọc" in html
    html = client.get(DIRECTORY, {"q": "thang thuy"}).content.decode()
    assert "Tìm thấy 1 thành viên phù hợp với “thang thuy”" in html


@override_settings(PORTAL_LIST_MAX_ROWS=30)
def test_up_to_the_cap_the_count_is_exact(client):
    factories.OrganizationFactory.create_batch(30)
    response = client.get(DIRECTORY)
    assert response.context["result_count"] == 30
    assert "30 thành viên." in response.content.decode()
    assert "Hơn" not in response.content.decode().split('role="status"')[1].split("</p>")[0]


@override_settings(PORTAL_LIST_MAX_ROWS=3)
def test_honours_roll_beyond_the_cap(client):
    factories.HonourFactory.create_batch(4)
    response = client.get(ROLL)
    assert "Tìm thấy hơn 3 lượt khen thưởng" in response.content.decode()
    assert response.context["result_count"] == 3
    assert len(response.context["page_obj"]) == 3


def test_counts_are_written_with_the_languages_thousands_separator():
    with translation.override("vi"):
        assert grouped(97000) == "97.000"
        assert grouped(1234567) == "1.234.567"
    with translation.override("en"):
        assert grouped(97000) == "97,000"
    assert grouped(2020) != "2020"  # a count, never used for years: that is why it is a filter of its own
    assert grouped("x") == "x"


def test_filter_form_keeps_the_choice_and_escapes_labels(client):
    factories.SectorFactory(name="Nông <b>nghiệp</b>", slug="nong-nghiep-b")
    response = client.get(DIRECTORY, {"kind": "cooperative", "sector": "nong-nghiep-b"})
    html = response.content.decode()
    assert '<option value="cooperative" selected>' in html
    assert '<option value="nong-nghiep-b" selected>Nông &lt;b&gt;nghiệp&lt;/b&gt;</option>' in html
    assert "<b>nghiệp</b>" not in html


def test_a_field_error_is_shown_under_the_field_and_tied_to_it(client):
    html = client.get(DIRECTORY, {"joined": "abc"}).content.decode()
    control = html.split('name="joined"')[1].split(">")[0]
    assert "is-invalid" in control
    assert 'aria-invalid="true"' in control
    assert 'aria-describedby="id_joined_error"' in control
    assert '<div id="id_joined_error" class="invalid-feedback">' in html
    assert '<label for="id_joined" class="form-label">Năm gia nhập</label>' in html


def test_honours_roll_filter_has_a_clear_link_only_when_filtered(client):
    assert "Bỏ bộ lọc" not in client.get(ROLL).content.decode()
    html = client.get(ROLL, {"q": "abc"}).content.decode()
    assert f'<a class="btn btn-outline-primary" href="{ROLL}">Bỏ bộ lọc</a>' in html


def test_a_member_in_a_former_district_says_until_when_it_existed(client):
    former = Area.objects.get(code="305")  # Quận Lê Chân, until 30/06/2025
    current = Area.objects.get(code="11383")  # Phường Lê Chân, since 01/07/2025
    factories.OrganizationFactory(name="HTX Quận Cũ", area=former)
    factories.OrganizationFactory(name="HTX Phường Mới", area=current)
    rows = {row.name: row for row in client.get(DIRECTORY).context["organizations"]}
    assert rows["HTX Quận Cũ"].area_label == "Quận Lê Chân (đến 30/06/2025)" == str(former)
    assert rows["HTX Phường Mới"].area_label == "Phường Lê Chân" == str(current)
    html = client.get(DIRECTORY).content.decode()
    assert "Quận Lê Chân (đến 30/06/2025)" in html
