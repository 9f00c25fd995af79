"""The event page's honours, read once as plain rows (awards.sections.honour_groups): the same summary as the aggregate
query, the same links as get_absolute_url(), the same badge as the include, a fixed number of queries."""

import re
from html import escape

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from awards.models import Authority, HonourForm
from awards.sections import honour_groups, summary_sentence
from core.links import url_maker
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def ceremony(db):
    """A ceremony with every kind of recipient: members (with a decision), people, a named collective, samples."""
    event = factories.EventFactory(title="Lễ trao tặng danh hiệu thi đua")
    chair = Authority.objects.get(name="Chủ tịch UBND thành phố Hải Phòng")
    city_bodies = Authority.objects.get(name="Thành ủy – HĐND – UBND thành phố Hải Phòng")
    certificate = HonourForm.objects.get(name="Bằng khen")
    banner = HonourForm.objects.get(name="Bức trướng")
    decision = factories.DecisionFactory(authority=chair, number="1234/QĐ-UBND")
    factories.HonourFactory(
        event=event, authority=city_bodies, form=banner, organization=None,
        recipient_name="Liên minh HTX & DN TP Hải Phòng", inscription="30 năm đổi mới, hợp tác, phát triển bền vững",
    )  # fmt: skip
    for n in range(3):
        factories.HonourFactory(
            event=event, authority=chair, form=certificate, decision=decision, is_sample=n == 0, order=n,
            organization=factories.OrganizationFactory(name=f"HTX Thử {n}"),
        )  # fmt: skip
    for n in range(2):
        factories.HonourFactory(
            event=event, authority=chair, form=certificate, organization=None, order=10 + n,
            person=factories.PersonFactory(full_name=f"Trần Thị Mẫu {n}", position="Giám đốc" if n else ""),
        )  # fmt: skip
    return event


def test_summary_is_the_aggregate_querys(ceremony):
    """Counted from the rows the list shows, the summary has the rows and sentences HonourQuerySet.summary() gives."""
    honours = ceremony.honours.published()
    for language in ("vi", "en"):
        with translation.override(language):
            summary, groups, count = honour_groups(honours)
            expected = list(honours.summary())
            keys = ["authority__name", "form__name", "inscription", "collectives", "individuals"]
            assert [[row[k] for k in keys] for row in summary] == [[row[k] for k in keys] for row in expected]
            assert [row["sentence"] for row in summary] == [summary_sentence(row) for row in expected]
    assert count == 6
    assert [len(group["honours"]) for group in groups] == [1, 5]
    assert summary[0]["sentence"].endswith(" to Liên minh HTX & DN TP Hải Phòng")  # the only recipient, named


def test_recipients_link_and_read_as_before(client, ceremony):
    html = client.get(ceremony.get_absolute_url()).content.decode()
    for honour in ceremony.honours.select_related("organization", "person", "decision"):
        if honour.organization_id:
            organization = honour.organization
            assert f'<a href="{organization.get_absolute_url()}">{organization.name}</a>' in html
        if honour.decision_id:
            assert f'<a href="{honour.decision.get_absolute_url()}">{honour.decision}</a>' in html
    assert '<span class="fw-semibold">Trần Thị Mẫu 0</span>\n' in html  # no position: no comma
    assert 'Trần Thị Mẫu 1</span>, <span class="text-body-secondary">Giám đốc</span>' in html
    assert '<q class="d-block fst-italic">30 năm đổi mới, hợp tác, phát triển bền vững</q>' in html
    badge = render_to_string("includes/sample_badge.html", {"obj": {"is_sample": True}}).strip()
    assert html.count(badge) == 1
    assert re.search(
        r'aria-labelledby="(honour-group-\d+)">\s*<h4 class="h6 mb-1" id="\1">Chủ tịch UBND thành phố Hải Phòng – Bằng khen</h4>',
        html,
    )


def test_each_group_of_recipients_is_a_region_named_by_its_heading_in_the_pages_language(client, ceremony):
    chair = Authority.objects.get(name="Chủ tịch UBND thành phố Hải Phòng")
    with translation.override("en"):
        html = client.get(ceremony.get_absolute_url()).content.decode()
        organization = ceremony.honours.filter(organization__isnull=False).first().organization
        assert f'href="{organization.get_absolute_url()}"' in html
    heading = re.search(
        r'<section class="mb-3" aria-labelledby="([^"]+)">\s*<h4 class="h6 mb-1" id="([^"]+)">([^<]+)</h4>', html
    )
    assert heading and heading.group(1) == heading.group(2)  # the region is read out with its visible heading
    assert f"{escape(chair.name_en)} – Certificate of merit" in html
    assert "Chủ tịch UBND thành phố Hải Phòng – Bằng khen" not in html  # no Vietnamese label on the English page


def test_event_page_runs_six_queries(client, ceremony, django_assert_max_num_queries):
    """The event, its honours (summary and list from one query), photos, programme, guests and speeches."""
    for _n in range(20):
        factories.HonourFactory(event=ceremony, decision=factories.DecisionFactory())
        factories.ParticipantFactory(event=ceremony)
        factories.SpeechFactory(event=ceremony)
        factories.ProgrammeItemFactory(event=ceremony, speaker=factories.PersonFactory())
    client.get(ceremony.get_absolute_url())
    with django_assert_max_num_queries(6):
        assert client.get(ceremony.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("language", ["vi", "en"])
def test_url_maker_makes_what_reverse_makes(language):
    with translation.override(language):
        organization_url = url_maker("members:organization-detail", "slug", "organization-slug")
        decision_url = url_maker("awards:decision-detail", "pk", 2147483647)
        for slug in ("htx-dong-hoa", "a", "HTX_2", "organization-slug", "en"):
            assert organization_url(slug) == reverse("members:organization-detail", kwargs={"slug": slug})
        for pk in (1, 9016, 2147483647):
            assert decision_url(pk) == reverse("awards:decision-detail", kwargs={"pk": pk})
        for slug in ("", "có dấu", "a/b"):  # not a slug: reverse() decides, as get_absolute_url() would
            with pytest.raises(NoReverseMatch):
                organization_url(slug)


def test_sample_badge_tag_is_the_include():
    template = Template("{% load sample_badge %}{% for obj in objects %}[{% sample_badge obj %}]{% endfor %}")
    honour = factories.HonourFactory.build(is_sample=True)
    for language in ("vi", "en"):
        with translation.override(language):
            badge = render_to_string("includes/sample_badge.html", {"obj": honour})
            objects = [honour, {"is_sample": False}, {"is_sample": True}, factories.HonourFactory.build()]
            assert template.render(Context({"objects": objects})) == f"[{badge}][][{badge}][]"
            assert badge.startswith('<span class="badge badge-sample"')
            assert render_to_string("includes/sample_badge.html", {"obj": objects[1]}).strip() == ""


def test_the_honours_list_follows_an_edit_at_once_in_each_language(client, settings, ceremony):
    """The list of honours is kept per data version and language: an edit shows on the next visit, and the English
    page does not get the Vietnamese wording."""
    settings.PORTAL_SHARED_CACHE = True
    page = ceremony.get_absolute_url()
    assert "HTX Thêm Sau" not in client.get(page).content.decode()
    chair = Authority.objects.get(name="Chủ tịch UBND thành phố Hải Phòng")
    certificate = HonourForm.objects.get(name="Bằng khen")
    honour = factories.HonourFactory(
        event=ceremony,
        authority=chair,
        form=certificate,
        organization=factories.OrganizationFactory(name="HTX Thêm Sau"),
    )
    html = client.get(page).content.decode()
    assert "HTX Thêm Sau" in html
    assert f"{chair.name} – {certificate.name}" in html
    with translation.override("en"):
        english = client.get(ceremony.get_absolute_url()).content.decode()
    assert "HTX Thêm Sau" in english
    assert escape(f"{chair.name_en} – {certificate.name_en}") in english
    assert f"{chair.name} – {certificate.name}" not in english
    honour.delete()
    assert "HTX Thêm Sau" not in client.get(page).content.decode()


def test_the_rest_of_the_page_follows_an_edit_at_once(client, settings, ceremony):
    """Programme, guests, speeches and photos are kept with the honours: a guest who withdraws consent, a new
    programme item or a photo taken down shows on the next visit."""
    from events.models import Participant

    settings.PORTAL_SHARED_CACHE = True
    page = ceremony.get_absolute_url()
    guest = factories.PersonFactory(full_name="Đại biểu Rút Đồng Ý", public_consent=True)
    factories.ParticipantFactory(event=ceremony, person=guest, role=Participant.Role.GUEST_OF_HONOUR)
    photo = factories.PhotoFactory(event=ceremony, caption="Ảnh sẽ gỡ")
    html = client.get(page).content.decode()
    assert "Đại biểu Rút Đồng Ý" in html and "Ảnh sẽ gỡ" in html
    guest.public_consent = False
    guest.save()
    factories.ProgrammeItemFactory(event=ceremony, title="Tiết mục thêm sau")
    photo.delete()
    html = client.get(page).content.decode()
    assert "Đại biểu Rút Đồng Ý" not in html
    assert "Tiết mục thêm sau" in html
    assert "Ảnh sẽ gỡ" not in html
