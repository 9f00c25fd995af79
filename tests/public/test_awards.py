"""The public honours roll and decision pages: filters, diacritic-insensitive search, privacy, fixed query counts."""

import datetime
import unicodedata

import pytest
from django.urls import reverse

from awards.models import Authority, Honour, HonourForm
from tests import factories

pytestmark = pytest.mark.django_db

ROLL = reverse("awards:honour-list")


def names_on(response):
    return [h.recipient_display for h in response.context["page_obj"]]


@pytest.fixture
def roll(db):
    """A small roll: a cooperative, an enterprise, a person and the alliance itself, plus records the public must not see."""
    chair = Authority.objects.get(name="Chủ tịch UBND thành phố Hải Phòng")
    city = Authority.objects.get(name="UBND thành phố Hải Phòng")
    certificate = HonourForm.objects.get(name="Bằng khen")
    flag = HonourForm.objects.get(name="Cờ thi đua")
    banner = HonourForm.objects.get(name="Bức trướng")
    return {
        "cooperative": factories.HonourFactory(
            authority=city, form=flag, organization=factories.OrganizationFactory(name="HTX Nông nghiệp Thắng Thủy"),
            conferred_on=datetime.date(2020, 7, 31), achievement_year=2019,
        ),
        "enterprise": factories.HonourFactory(
            authority=chair, form=certificate, organization=factories.EnterpriseFactory(name="Công ty TNHH Quang Hải"),
            conferred_on=datetime.date(2015, 7, 31), achievement_year=2014,
        ),
        "person": factories.HonourFactory(
            authority=chair, form=certificate, organization=None,
            person=factories.PersonFactory(full_name="Đỗ Thị Đào"), conferred_on=datetime.date(2010, 7, 31),
            achievement_year=2009,
        ),
        "alliance": factories.HonourFactory(
            authority=Authority.objects.get(name="Thành ủy – HĐND – UBND thành phố Hải Phòng"), form=banner,
            organization=None, recipient_name="Liên minh HTX & DN TP Hải Phòng", conferred_on=datetime.date(2020, 7, 31),
            inscription="30 năm đổi mới, hợp tác, phát triển bền vững",
        ),
        "hidden": [
            factories.HonourFactory(organization=factories.OrganizationFactory(name="HTX Ẩn Chưa Công Bố", is_published=False)),
            factories.HonourFactory(organization=factories.OrganizationFactory(name="HTX Bị Gỡ Khen Thưởng"), is_published=False),
            factories.HonourFactory(
                organization=None, person=factories.PersonFactory(full_name="Lê Văn Không Đồng Ý", public_consent=False, consent_recorded_on=None)
            ),
            factories.HonourFactory(
                organization=factories.OrganizationFactory(name="HTX Quyết Định Nháp"),
                decision=factories.DecisionFactory(is_published=False),
            ),
        ],
    }  # fmt: skip


def test_roll_shows_published_honours_only(client, roll):
    response = client.get(ROLL)
    assert response.status_code == 200
    html = response.content.decode()
    for key in ("cooperative", "enterprise", "person", "alliance"):
        assert roll[key].recipient_display in html.replace("&amp;", "&")
    for name in ("HTX Ẩn Chưa Công Bố", "HTX Bị Gỡ Khen Thưởng", "Lê Văn Không Đồng Ý", "HTX Quyết Định Nháp"):
        assert name not in html
    assert response.context["page_obj"].paginator.count == 4


@pytest.mark.parametrize(
    "query,expected",
    [
        ("form=co-thi-dua", ["HTX Nông nghiệp Thắng Thủy"]),
        ("kind=individual", ["Đỗ Thị Đào"]),
        ("kind=collective&year=2020", ["HTX Nông nghiệp Thắng Thủy", "Liên minh HTX & DN TP Hải Phòng"]),
        ("year=2014", ["Công ty TNHH Quang Hải"]),  # the year of achievement counts too
        ("year=2015", ["Công ty TNHH Quang Hải"]),
        ("form=bang-khen&kind=collective", ["Công ty TNHH Quang Hải"]),
    ],
)
def test_filters(client, roll, query, expected):
    response = client.get(f"{ROLL}?{query}")
    assert response.status_code == 200
    assert sorted(names_on(response)) == sorted(expected)


def test_filter_by_authority(client, roll):
    chair = Authority.objects.get(name="Chủ tịch UBND thành phố Hải Phòng")
    response = client.get(ROLL, {"authority": chair.pk})
    assert sorted(names_on(response)) == ["Công ty TNHH Quang Hải", "Đỗ Thị Đào"]


@pytest.mark.parametrize(
    "q,expected",
    [
        ("thang thuy", ["HTX Nông nghiệp Thắng Thủy"]),
        ("THẮNG THỦY", ["HTX Nông nghiệp Thắng Thủy"]),
        (unicodedata.normalize("NFD", "Thắng Thủy"), ["HTX Nông nghiệp Thắng Thủy"]),
        ("do thi dao", ["Đỗ Thị Đào"]),
        ("ĐÀO", ["Đỗ Thị Đào"]),
        ("lien minh", ["Liên minh HTX & DN TP Hải Phòng"]),
        ("khong dong y", []),  # no consent: not found either
        ("chua cong bo", []),
    ],
)
def test_search_ignores_diacritics_case_and_unicode_form(client, roll, q, expected):
    response = client.get(ROLL, {"q": q})
    assert response.status_code == 200
    assert names_on(response) == expected


@pytest.mark.parametrize("q", ["thang thuy", "do thi dao", "lien minh", "khong dong y", "chua cong bo", "h"])
def test_search_finds_the_same_honours_when_many_recipients_match(client, roll, monkeypatch, q):
    """Up to RECIPIENT_ID_LIST_MAX matching members or people their ids go to the query as a list; beyond, as a
    subquery. Both ways find the same honours, in the same order."""
    by_list = names_on(client.get(ROLL, {"q": q}))
    monkeypatch.setattr("awards.models.RECIPIENT_ID_LIST_MAX", 0)
    assert names_on(client.get(ROLL, {"q": q})) == by_list


def test_search_ranks_matches_with_the_typed_diacritics_first(client, db):
    factories.HonourFactory(
        organization=factories.OrganizationFactory(name="HTX Thắng Thuỷ Mới"), conferred_on=datetime.date(2021, 1, 1)
    )
    factories.HonourFactory(
        organization=factories.OrganizationFactory(name="HTX Thắng Thủy"), conferred_on=datetime.date(2000, 1, 1)
    )
    factories.HonourFactory(
        organization=factories.OrganizationFactory(name="HTX Thang Thuy Cu"), conferred_on=datetime.date(2022, 1, 1)
    )
    assert names_on(client.get(ROLL, {"q": "Thắng Thủy"}))[0] == "HTX Thắng Thủy"


@pytest.mark.parametrize(
    "query",
    ["year=abc", "year=99999", "year=-1", "form=khong-co", "authority=abc", "authority=999999", "kind=xyz"],
)
def test_bad_filter_values_are_400_with_a_message_never_500(client, roll, query):
    response = client.get(f"{ROLL}?{query}")
    assert response.status_code == 400
    assert "alert-danger" in response.content.decode()


@pytest.mark.parametrize("query", ["page=abc", "page=999", "page=0"])
def test_bad_pages_are_404(client, roll, query):
    assert client.get(f"{ROLL}?{query}").status_code == 404


def test_a_very_long_search_is_refused_not_crashed(client, roll):
    assert client.get(ROLL, {"q": "x" * 5000}).status_code == 400


def test_roll_is_paginated_by_25_and_keeps_the_filters(client, db):
    form = HonourForm.objects.get(name="Bằng khen")
    factories.HonourFactory.create_batch(30, form=form)
    response = client.get(ROLL, {"form": "bang-khen"})
    assert len(response.context["page_obj"]) == 25
    assert "form=bang-khen&amp;page=2" in response.content.decode()
    assert len(client.get(ROLL, {"form": "bang-khen", "page": 2}).context["page_obj"]) == 5


def test_roll_query_count_is_fixed(client, db, django_assert_max_num_queries):
    """60 honours to organizations, people and named collectives, with decisions and events: an N+1 on any relation
    would run 25 more queries per page."""
    for n in range(20):
        event = factories.EventFactory()
        factories.HonourFactory(decision=factories.DecisionFactory(), authority=None, event=event)
        factories.HonourFactory(organization=None, person=factories.PersonFactory(), event=event)
        factories.HonourFactory(organization=None, recipient_name=f"Phòng Tổng hợp {n}")
    with django_assert_max_num_queries(8):
        response = client.get(ROLL)
    assert response.status_code == 200
    with django_assert_max_num_queries(9):
        response = client.get(ROLL, {"q": "tong hop", "kind": "collective", "year": 2020})
    assert response.context["page_obj"].paginator.count == 20


def test_roll_in_english(client, roll):
    response = client.get("/en/awards/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Emulation flag" in html
    assert "Chairman of the Hải Phòng People&#x27;s Committee" in html


# --- decision page --------------------------------------------------------------------------------------------------


def test_decision_lists_its_published_recipients(client, db):
    decision = factories.DecisionFactory(number="1234/QĐ-UBND", is_sample=True)
    shown = factories.HonourFactory.create_batch(3, decision=decision, authority=decision.authority)
    factories.HonourFactory(
        decision=decision,
        authority=decision.authority,
        is_published=False,
        organization=factories.OrganizationFactory(name="HTX Gỡ Bỏ"),
    )
    factories.HonourFactory(
        decision=decision, authority=decision.authority, organization=None,
        person=factories.PersonFactory(full_name="Vũ Thị Riêng", public_consent=False, consent_recorded_on=None),
    )  # fmt: skip

    response = client.get(decision.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert "1234/QĐ-UBND" in html and "20/07/2020" in html
    for honour in shown:
        assert honour.organization.name in html
    assert "HTX Gỡ Bỏ" not in html and "Vũ Thị Riêng" not in html
    assert "Dữ liệu mẫu" in html


def test_unpublished_decision_and_bad_ids_are_404(client, db):
    assert client.get(factories.DecisionFactory(is_published=False).get_absolute_url()).status_code == 404
    assert client.get(reverse("awards:decision-detail", kwargs={"pk": 999999})).status_code == 404
    assert client.get("/awards/decisions/abc/").status_code == 404
    assert client.get("/awards/decisions/99999999999999999999999/").status_code == 404


def test_decision_query_count_is_fixed(client, db, django_assert_max_num_queries):
    """40 recipients (members and people) of one decision: one query for them all."""
    decision = factories.DecisionFactory()
    for _n in range(20):
        factories.HonourFactory(decision=decision, authority=decision.authority, event=factories.EventFactory())
        factories.HonourFactory(
            decision=decision, authority=decision.authority, organization=None, person=factories.PersonFactory()
        )
    with django_assert_max_num_queries(4):
        response = client.get(decision.get_absolute_url())
    assert response.status_code == 200
    assert Honour.objects.filter(decision=decision).count() == 40


def test_decision_page_in_english(client, db):
    authority = Authority.objects.get(name="Chủ tịch UBND thành phố Hải Phòng")
    decision = factories.DecisionFactory(authority=authority, number="99/QĐ-CT")
    factories.HonourFactory(decision=decision, authority=authority, form=HonourForm.objects.get(name="Bằng khen"))
    html = client.get(f"/en{reverse('awards:decision-detail', kwargs={'pk': decision.pk})}").content.decode()
    assert "Chairman of the Hải Phòng People&#x27;s Committee" in html
    assert "Certificate of merit" in html
    assert "Signed on" in html


def test_roll_does_not_link_an_unpublished_event(client, db):
    event = factories.EventFactory(title="Hội nghị nội bộ chưa công bố", is_published=False)
    factories.HonourFactory(event=event)
    html = client.get(ROLL).content.decode()
    assert event.title not in html and event.get_absolute_url() not in html


def test_a_roll_page_is_the_filtered_querys_page_in_its_order_and_still_published_only(db):
    """awards.views.read_page reads a page's ids, then their rows: same honours, same order as the filtered query,
    for a search (ranked) and without; an honour unpublished between the two reads is left out."""
    from awards.filters import HonourFilter
    from awards.models import Honour
    from awards.views import read_page

    thuy = factories.OrganizationFactory(name="HTX Thủy Nguyên")
    plain = factories.OrganizationFactory(name="HTX Thuy Nguyen Moi")
    for n in range(6):
        factories.HonourFactory(organization=thuy if n % 2 else plain, conferred_on=datetime.date(2010 + n, 1, 1))
    for data in ({}, {"q": "Thủy Nguyên"}, {"q": "thuy nguyen", "year": "2013"}):
        filterset = HonourFilter(data, queryset=Honour.objects.published())
        assert filterset.is_valid()
        expected = list(filterset.qs[:4])
        assert read_page(filterset.qs.all()[:4]) == expected
    page = HonourFilter({}, queryset=Honour.objects.published()).qs[:4]
    first, *rest = list(page)
    Honour.objects.filter(pk=first.pk).update(is_published=False)
    assert read_page(HonourFilter({}, queryset=Honour.objects.published()).qs.all()[:4])[:3] == rest[:3]
    assert first not in read_page(Honour.objects.order_by("pk")[:10])
