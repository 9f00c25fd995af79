"""The home page's latest honours read only the columns they show: every kind of recipient, no query per row."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from awards.models import Authority, HonourForm
from tests import factories

pytestmark = pytest.mark.django_db


def test_latest_honours_show_each_kind_of_recipient_in_five_queries(client, django_assert_max_num_queries):
    """A member, a person and a named collective, one of them a sample: the page still runs five queries."""
    authority = Authority.objects.get(name="Chủ tịch UBND thành phố Hải Phòng")
    member = factories.OrganizationFactory(name="HTX Được Khen Gần Đây")
    certificate = HonourForm.objects.get(name="Bằng khen")
    day = datetime.date(2024, 5, 1)
    factories.HonourFactory(
        organization=member, authority=authority, form=certificate, conferred_on=day, is_sample=True
    )
    factories.HonourFactory(
        organization=None, person=factories.PersonFactory(full_name="Nguyễn Thị Gần Đây"), conferred_on=day
    )
    factories.HonourFactory(organization=None, recipient_name="Văn phòng Liên minh", conferred_on=day)
    with django_assert_max_num_queries(5):
        html = client.get(reverse("home")).content.decode()
    assert f'<a href="{member.get_absolute_url()}">HTX Được Khen Gần Đây</a>' in html
    assert "Nguyễn Thị Gần Đây" in html and "Văn phòng Liên minh" in html
    assert f"Bằng khen · {authority.short_name or authority.name} · <time" in html
    assert '<time datetime="2024-05-01">01/05/2024</time>' in html
    badge = render_to_string("includes/sample_badge.html", {"obj": {"is_sample": True}})
    assert html.count(badge.strip()) == 1
