"""A member's public page: public fields only, honours by year, events, 404 when unpublished."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from awards.models import Honour
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    return factories.OrganizationFactory(
        name="HTX Nông nghiệp Thắng Thủy",
        name_en="Thang Thuy Agricultural Cooperative",
        short_name="HTX Thắng Thủy",
        phone="0225 3999 888",
        email="thangthuy@example.vn",
        website="https://thangthuy.example.vn",
        contacts_public=False,
        joined_on=datetime.date(2001, 5, 20),
        sectors=[factories.SectorFactory(name="Nông nghiệp thử")],
    )


def page(client, organization, prefix=""):
    return client.get(prefix + organization.get_absolute_url())


def test_member_page_shows_public_fields(client, member):
    response = page(client, member)
    assert response.status_code == 200
    html = response.content.decode()
    for text in [member.name, member.name_en, member.short_name, member.tax_code, "Nông nghiệp thử", member.area.name]:
        assert text in html
    assert "Hợp tác xã" in html  # kind
    assert "Đang hoạt động" in html  # status
    assert "20/05/2001" in html  # member since, Vietnamese date format


def test_contacts_hidden_unless_public(client, member):
    html = page(client, member).content.decode()
    assert member.phone not in html
    assert member.email not in html
    assert member.website not in html
    member.contacts_public = True
    member.save()
    html = page(client, member).content.decode()
    assert member.phone in html and member.email in html and member.website in html


def test_private_details_of_people_never_shown(client, member):
    person = factories.PersonFactory(
        organization=member, full_name="Cao Thị Hằng", id_number="031234567890", phone="0912 000 111"
    )
    factories.HonourFactory(organization=None, person=person)
    html = page(client, member).content.decode()
    assert person.id_number not in html
    assert person.phone not in html
    assert person.email not in html
    assert "15/01/1970" not in html  # birth date


def test_unpublished_member_is_404(client):
    hidden = factories.OrganizationFactory(is_published=False)
    response = page(client, hidden)
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()  # the portal's 404 page


def test_honours_grouped_by_year_newest_first(client, member):
    form = factories.HonourFormFactory(name="Bằng khen thử")
    flag = factories.HonourFormFactory(name="Cờ thi đua thử")
    factories.HonourFactory(organization=member, form=form, conferred_on=datetime.date(2015, 3, 1))
    factories.HonourFactory(organization=member, form=flag, conferred_on=datetime.date(2020, 7, 31))
    factories.HonourFactory(organization=member, form=form, conferred_on=datetime.date(2020, 1, 10))
    response = page(client, member)
    groups = response.context["honours_by_year"]
    assert [year for year, _ in groups] == [2020, 2015]
    assert [h["form"] for h in groups[0][1]] == ["Cờ thi đua thử", "Bằng khen thử"]
    html = response.content.decode()
    assert html.index(">2020<") < html.index(">2015<")


def test_unpublished_honours_and_events_are_left_out(client, member):
    factories.HonourFactory(organization=member, form=factories.HonourFormFactory(name="Ẩn"), is_published=False)
    hidden_decision = factories.DecisionFactory(is_published=False)
    factories.HonourFactory(
        organization=member, form=factories.HonourFormFactory(name="Quyết định ẩn"), decision=hidden_decision
    )
    shown = factories.EventFactory(title="Hội nghị công khai")
    hidden = factories.EventFactory(title="Hội nghị nội bộ", is_published=False)
    shown.organizations.add(member)
    hidden.organizations.add(member)
    response = page(client, member)
    assert response.context["honour_count"] == 0
    html = response.content.decode()
    assert "Hội nghị công khai" in html
    assert "Hội nghị nội bộ" not in html
    assert Honour.objects.filter(organization=member).count() == 2


def test_honours_link_their_decision_and_event_only_when_published(client, member):
    decision = factories.DecisionFactory(number="77/QĐ-LMHTX")
    factories.HonourFactory(
        organization=member, decision=decision, authority=decision.authority,
        event=factories.EventFactory(title="Lễ kỷ niệm công khai"), citation="Có thành tích xuất sắc",
    )  # fmt: skip
    factories.HonourFactory(organization=member, event=factories.EventFactory(title="Lễ nội bộ", is_published=False))
    html = page(client, member).content.decode()
    assert f'<a href="{decision.get_absolute_url()}">{decision}</a>' in html
    shown = factories.EventFactory._meta.model.objects.get(title="Lễ kỷ niệm công khai")
    assert f'Trao tại: <a href="{shown.get_absolute_url()}">Lễ kỷ niệm công khai</a>' in html
    assert "Có thành tích xuất sắc" in html
    assert "Lễ nội bộ" not in html
    assert html.count("Trao tại") == 1


def test_honours_are_named_in_the_pages_language(client, member):
    form = factories.HonourFormFactory(name="Bằng khen thử", name_en="Test certificate of merit")
    authority = factories.AuthorityFactory(name="Cơ quan thử", name_en="Test authority")
    factories.HonourFactory(organization=member, form=form, authority=authority)
    html = page(client, member).content.decode()
    assert "Bằng khen thử" in html and "do Cơ quan thử tặng" in html
    html = page(client, member, prefix="/en").content.decode()
    assert "Test certificate of merit" in html and "by the Test authority" in html
    assert "Bằng khen thử" not in html


def test_sectors_are_listed_in_their_order_and_language(client, member):
    member.sectors.get().__class__.objects.filter(name="Nông nghiệp thử").update(order=2)
    member.sectors.add(factories.SectorFactory(name="Thủy sản thử", name_en="Test fisheries", order=1))
    html = page(client, member).content.decode()
    assert "Thủy sản thử, Nông nghiệp thử" in html
    english = page(client, member, prefix="/en").content.decode()
    assert "Test fisheries, Nông nghiệp thử" in english  # no English name: the Vietnamese one


def test_sample_member_is_marked(client):
    sample = factories.OrganizationFactory(is_sample=True)
    html = page(client, sample).content.decode()
    assert "Dữ liệu mẫu" in html


def test_opengraph_and_title(client, member):
    html = page(client, member).content.decode()
    assert f"<title>{member.name} · " in html
    assert f'<meta property="og:title" content="{member.name}">' in html
    assert '<meta property="og:type" content="profile">' in html
    assert f'<meta property="og:url" content="http://testserver{member.get_absolute_url()}">' in html


def test_logo_is_a_thumbnail_never_the_original(client, member):
    buffer = io.BytesIO()
    Image.new("RGB", (300, 300), "navy").save(buffer, "PNG")
    member.logo = SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")
    member.save()
    html = page(client, member).content.decode()
    assert member.logo.url not in html
    assert "/thumbs/" in html


def test_member_page_in_english(client, member):
    response = page(client, member, prefix="/en")
    assert response.status_code == 200
    html = response.content.decode()
    assert "About this member" in html
    assert "Cooperative" in html
    assert "Hợp tác xã" not in html


def test_member_page_query_count_does_not_grow_with_honours_and_events(client, member, django_assert_max_num_queries):
    """Twenty honours (each with form, authority, decision, event) and ten events: an N+1 would add dozens of queries."""
    event = factories.EventFactory()
    decision = factories.DecisionFactory()
    for n in range(20):
        factories.HonourFactory(
            organization=member,
            form=factories.HonourFormFactory(),
            conferred_on=datetime.date(2000 + n, 1, 1),
            decision=decision,
            authority=decision.authority,
            event=event,
        )
    for _ in range(10):
        factories.EventFactory().organizations.add(member)
    with django_assert_max_num_queries(6):
        response = page(client, member)
    assert response.context["honour_count"] == 20
    assert len(response.context["events"]) == 10
