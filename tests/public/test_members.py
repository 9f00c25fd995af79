"""The member directory: diacritic-insensitive search, filters, ordering, pagination, bad parameters."""

import datetime
import unicodedata

import pytest
from django.urls import reverse

from members.models import Organization
from tests import factories

pytestmark = pytest.mark.django_db

URL = reverse("members:organization-list")


def names(response):
    return [organization.name for organization in response.context["organizations"]]


@pytest.fixture
def thang_thuy():
    return factories.OrganizationFactory(name="HTX Nông nghiệp Thắng Thủy", representative_name="Cao Thị Hằng")


@pytest.fixture
def duc():
    return factories.EnterpriseFactory(name="Công ty TNHH Đức Thành", short_name="Đức Thành")


@pytest.mark.parametrize(
    "query",
    [
        "thang thuy",
        "THANG THUY",
        "Thắng Thủy",
        "THẮNG THỦY",
        unicodedata.normalize("NFD", "Thắng Thủy"),
        unicodedata.normalize("NFKD", "thắng thủy"),
        "  thang   thuy ",
        "nong nghiep thang",
    ],
)
def test_search_ignores_case_diacritics_and_unicode_form(client, thang_thuy, duc, query):
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    assert names(response) == ["HTX Nông nghiệp Thắng Thủy"]


@pytest.mark.parametrize("query", ["duc", "DUC", "ĐỨC", "đức", "Duc thanh"])
def test_search_folds_d_with_stroke(client, thang_thuy, duc, query):
    response = client.get(URL, {"q": query})
    assert names(response) == ["Công ty TNHH Đức Thành"]


def test_search_covers_tax_code_and_representative(client, thang_thuy, duc):
    assert names(client.get(URL, {"q": thang_thuy.tax_code})) == [thang_thuy.name]
    assert names(client.get(URL, {"q": "cao thi hang"})) == [thang_thuy.name]


def test_search_ranks_matches_with_the_typed_diacritics_first(client):
    # Representatives are searched too: give them names that cannot match, so only the names decide the rank.
    other = {"representative_name": "Lê Văn Mạnh"}
    factories.OrganizationFactory(name="HTX Dịch vụ Thanh Thủy", **other)  # "thanh" only without diacritics
    factories.OrganizationFactory(name="HTX An Thạnh", **other)
    factories.OrganizationFactory(name="HTX Bình Thành", **other)
    response = client.get(URL, {"q": "Thành"})
    assert names(response)[0] == "HTX Bình Thành"
    assert set(names(response)) == {"HTX Bình Thành", "HTX An Thạnh", "HTX Dịch vụ Thanh Thủy"}
    # Typed without diacritics, the name written without them ranks first, the others follow alphabetically.
    assert names(client.get(URL, {"q": "thanh"})) == ["HTX Dịch vụ Thanh Thủy", "HTX An Thạnh", "HTX Bình Thành"]


def test_search_without_match_shows_a_helpful_empty_state(client, thang_thuy):
    response = client.get(URL, {"q": "khong co ai"})
    assert response.status_code == 200
    assert names(response) == []
    assert "empty-state" in response.content.decode()
    assert response.context["result_count"] == 0


def test_default_order_is_vietnamese_alphabetical(client):
    for name in ["Đông Hải", "Dương Kinh", "Ân Thi", "An Lão", "Ăn Uống", "Bạch Đằng", "Ưng Hòa", "Uông Bí"]:
        factories.OrganizationFactory(name=name)
    response = client.get(URL)
    assert names(response) == [
        "An Lão",
        "Ăn Uống",
        "Ân Thi",
        "Bạch Đằng",
        "Dương Kinh",
        "Đông Hải",
        "Uông Bí",
        "Ưng Hòa",
    ]


def test_order_by_join_date_newest_and_oldest(client):
    factories.OrganizationFactory(name="B", joined_on=datetime.date(2010, 1, 1))
    factories.OrganizationFactory(name="A", joined_on=datetime.date(2020, 1, 1))
    factories.OrganizationFactory(name="C", joined_on=datetime.date(2001, 1, 1))
    factories.OrganizationFactory(name="D", joined_on=None)
    assert names(client.get(URL, {"order": "newest"})) == ["A", "B", "C", "D"]
    assert names(client.get(URL, {"order": "oldest"})) == ["C", "B", "A", "D"]
    assert names(client.get(URL, {"order": "name"})) == ["A", "B", "C", "D"]


def test_explicit_order_overrides_relevance_when_searching(client):
    factories.OrganizationFactory(name="HTX Bình Thành", joined_on=datetime.date(2001, 1, 1))
    factories.OrganizationFactory(name="HTX An Thạnh", joined_on=datetime.date(2020, 1, 1))
    assert names(client.get(URL, {"q": "Thành"})) == ["HTX Bình Thành", "HTX An Thạnh"]
    assert names(client.get(URL, {"q": "Thành", "order": "newest"})) == ["HTX An Thạnh", "HTX Bình Thành"]


def test_filter_by_kind(client, thang_thuy, duc):
    assert names(client.get(URL, {"kind": "enterprise"})) == [duc.name]
    assert names(client.get(URL, {"kind": "cooperative"})) == [thang_thuy.name]


def test_filter_by_sector(client):
    fishing = factories.SectorFactory(name="Thủy sản thử")
    farming = factories.SectorFactory(name="Nông nghiệp thử")
    factories.OrganizationFactory(name="HTX Cá", sectors=[fishing])
    factories.OrganizationFactory(name="HTX Lúa", sectors=[farming])
    factories.OrganizationFactory(name="HTX Cá và Lúa", sectors=[farming, fishing])
    assert names(client.get(URL, {"sector": fishing.slug})) == ["HTX Cá", "HTX Cá và Lúa"]


def test_filter_by_area_includes_units_under_it(client):
    district = factories.AreaFactory(code="D1", name="Huyện Thử", level="rural_district")
    commune = factories.AreaFactory(code="C1", name="Xã Thử", level="commune", parent=district)
    other = factories.AreaFactory(code="C2", name="Xã Khác", level="commune")
    factories.OrganizationFactory(name="HTX Huyện", area=district)
    factories.OrganizationFactory(name="HTX Xã", area=commune)
    factories.OrganizationFactory(name="HTX Khác", area=other)
    assert names(client.get(URL, {"area": "D1"})) == ["HTX Huyện", "HTX Xã"]
    assert names(client.get(URL, {"area": "C1"})) == ["HTX Xã"]


def test_filter_by_status(client):
    factories.OrganizationFactory(name="Đang hoạt động")
    factories.OrganizationFactory(
        name="Đã rút", status=Organization.Status.WITHDRAWN, status_changed_on=datetime.date(2022, 1, 1)
    )
    assert names(client.get(URL, {"status": "withdrawn"})) == ["Đã rút"]
    assert names(client.get(URL, {"status": "active"})) == ["Đang hoạt động"]


def test_filter_by_join_year(client):
    factories.OrganizationFactory(name="Năm 2001", joined_on=datetime.date(2001, 5, 20))
    factories.OrganizationFactory(name="Năm 2015", joined_on=datetime.date(2015, 1, 2))
    assert names(client.get(URL, {"joined": "2015"})) == ["Năm 2015"]


def test_filters_combine_with_search(client):
    factories.OrganizationFactory(name="HTX Thắng Lợi", joined_on=datetime.date(2001, 1, 1))
    factories.EnterpriseFactory(name="Công ty Thắng Lợi", joined_on=datetime.date(2001, 1, 1))
    response = client.get(URL, {"q": "thang loi", "kind": "enterprise", "joined": "2001"})
    assert names(response) == ["Công ty Thắng Lợi"]


def test_unpublished_members_never_listed_or_found(client, thang_thuy):
    factories.OrganizationFactory(name="HTX Ẩn Danh", is_published=False)
    assert "HTX Ẩn Danh" not in names(client.get(URL))
    assert names(client.get(URL, {"q": "an danh"})) == []
    assert client.get(URL).context["result_count"] == 1


def test_result_count_and_25_a_page_with_pagination_that_keeps_the_query(client):
    for n in range(30):
        factories.OrganizationFactory(name=f"HTX Thắng Lợi {n:02d}")
    factories.EnterpriseFactory(name="Công ty khác")
    response = client.get(URL, {"q": "thang loi", "kind": "cooperative"})
    assert response.context["result_count"] == 30
    assert len(names(response)) == 25
    html = response.content.decode()
    assert "?q=thang+loi&amp;kind=cooperative&amp;page=2" in html
    second = client.get(URL, {"q": "thang loi", "kind": "cooperative", "page": 2})
    assert len(names(second)) == 5
    assert "?q=thang+loi&amp;kind=cooperative&amp;page=1" in second.content.decode()


def test_directory_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries):
    """25 rows with areas and two sectors each: an N+1 on area or sectors would need 25+ queries more."""
    sectors = [factories.SectorFactory(), factories.SectorFactory()]
    for n in range(30):
        factories.OrganizationFactory(name=f"HTX số {n}", sectors=sectors)
    # count, page, sectors prefetch, sector and area choices of the form (+ session/savepoint slack)
    with django_assert_max_num_queries(7):
        response = client.get(URL, {"q": "htx", "sector": sectors[0].slug})
    assert len(names(response)) == 25
    for organization in response.context["organizations"]:  # both sectors on every row, from one query
        assert organization.sector_label.split(", ") == [sector.name for sector in sectors]


def test_every_filter_has_a_label(client):
    response = client.get(URL)
    html = response.content.decode()
    for field in ["q", "kind", "sector", "area", "status", "joined", "order"]:
        assert f'for="id_{field}"' in html


@pytest.mark.parametrize(
    ("params", "statuses"),
    [
        ({"kind": "no-such-kind"}, {200}),
        ({"sector": "no-such-sector"}, {200}),
        ({"area": "no-such-area"}, {200}),
        ({"status": "<script>"}, {200}),
        ({"order": "password"}, {200}),
        ({"joined": "abc"}, {200}),
        ({"joined": "99999999999999999999999"}, {200}),
        ({"joined": "-5"}, {200}),
        ({"joined": "2001.5"}, {200}),
        ({"q": "x" * 10_000}, {200}),
        ({"q": "thang\x00thuy"}, {200, 400}),
        ({"q": "a\x1b[31m\x7f"}, {200, 400}),
        ({"q": "' OR 1=1 --"}, {200}),
        ({"q": "%_%"}, {200}),
        ({"page": "-1"}, {404}),
        ({"page": "0"}, {404}),
        ({"page": "99999"}, {404}),
        ({"page": "abc"}, {404}),
        ({"page": "1e9"}, {404}),
    ],
)
def test_bad_parameters_never_give_a_server_error(client, thang_thuy, params, statuses):
    response = client.get(URL, params)
    assert response.status_code in statuses


def test_invalid_filter_shows_a_form_error_and_no_results(client, thang_thuy):
    response = client.get(URL, {"kind": "no-such-kind", "joined": "abc"})
    assert response.status_code == 200
    assert response.context["has_errors"]
    assert names(response) == []
    form = response.context["filter"].form
    assert "kind" in form.errors and "joined" in form.errors
    assert "is-invalid" in response.content.decode()


def test_markup_in_the_search_is_escaped(client):
    response = client.get(URL, {"q": "<script>alert(1)</script>"})
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_sample_records_carry_the_sample_badge(client):
    factories.OrganizationFactory(name="HTX Mẫu", is_sample=True)
    html = client.get(URL).content.decode()
    assert "Dữ liệu mẫu" in html


def test_directory_in_english_under_en(client, thang_thuy):
    response = client.get("/en" + URL, {"q": "thang thuy"})
    assert response.status_code == 200
    assert names(response) == [thang_thuy.name]
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Member directory" in html
    assert "Cooperative" in html


def test_filter_form_keeps_the_chosen_values_and_escapes_labels(client):
    area = factories.AreaFactory(code="X1", name="Xã <b>Thử</b>")
    factories.OrganizationFactory(name="HTX Giữ Lựa Chọn", area=area)
    html = client.get(URL, {"kind": "cooperative", "area": "X1", "order": "newest"}).content.decode()
    assert '<option value="cooperative" selected>' in html
    assert '<option value="X1" selected>Xã &lt;b&gt;Thử&lt;/b&gt;</option>' in html
    assert '<option value="newest" selected>' in html
    assert "<b>Thử</b>" not in html
