"""Users for each role the dashboard tells apart, and a small register with every case the figures must count."""

import datetime

import pytest
from django.contrib.auth.models import Group

from awards.models import Authority, HonourForm
from members.models import Organization
from tests import factories

LEADERSHIP = "Lãnh đạo"


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user("bien.tap", password="x-Unused-123", is_staff=True)


@pytest.fixture
def leader(django_user_model):
    """A member of the "Lãnh đạo" group, whose accounts are staff."""
    user = django_user_model.objects.create_user("lanh.dao", password="x-Unused-123", is_staff=True)
    user.groups.add(Group.objects.get_or_create(name=LEADERSHIP)[0])
    return user


@pytest.fixture
def leader_not_staff(django_user_model):
    user = django_user_model.objects.create_user("lanh.dao.2", password="x-Unused-123", is_staff=False)
    user.groups.add(Group.objects.get_or_create(name=LEADERSHIP)[0])
    return user


@pytest.fixture
def member_user(django_user_model):
    return django_user_model.objects.create_user("thanh.vien", password="x-Unused-123")


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


def form(name):
    return HonourForm.objects.get(name=name)


def authority(name):
    return Authority.objects.get(name=name)


@pytest.fixture
def register(db):
    """Members, honours and events covering each case a figure distinguishes (published or not, kinds, years)."""
    a1 = factories.AreaFactory(name="Phường Hồng Bàng")
    a2 = factories.AreaFactory(name="Xã An Lão")
    s1 = factories.SectorFactory(name="Nông nghiệp thử")
    s2 = factories.SectorFactory(name="Thủy sản thử")
    coop = Organization.Kind.COOPERATIVE
    orgs = [
        factories.OrganizationFactory(
            name="HTX Nông nghiệp Thắng Thủy", area=a1, joined_on=datetime.date(2015, 3, 1), sectors=[s1]
        ),
        factories.OrganizationFactory(
            name="HTX Dịch vụ Đông Hưng",
            area=a1,
            joined_on=datetime.date(2016, 5, 1),
            status=Organization.Status.WITHDRAWN,
            status_changed_on=datetime.date(2018, 6, 1),
            sectors=[s1, s2],
        ),
        factories.EnterpriseFactory(
            name="Công ty TNHH Quang Hải",
            area=a2,
            joined_on=datetime.date(2015, 7, 1),
            is_published=False,
        ),
        factories.EnterpriseFactory(
            name="Công ty Cổ phần Đức Thịnh",
            area=a2,
            joined_on=datetime.date(2019, 1, 10),
            status=Organization.Status.SUSPENDED,
            status_changed_on=datetime.date(2020, 1, 1),
            sectors=[s2],
        ),
        factories.OrganizationFactory(
            name="Tổ hợp tác Rau sạch Ánh Dương",
            kind=Organization.Kind.COOPERATIVE_GROUP,
            area=a2,
            founded_on=None,
            joined_on=None,
        ),
        factories.OrganizationFactory(
            name="HTX Vận tải Bạch Đằng", kind=coop, area=a1, joined_on=datetime.date(1998, 1, 1)
        ),
    ]
    person = factories.PersonFactory(full_name="Nguyễn Thị Hằng", organization=orgs[0], position="Giám đốc")
    private = factories.PersonFactory(full_name="Trần Văn Đức", public_consent=False, consent_recorded_on=None)
    anniversary = factories.AnniversaryFactory(title="Kỷ niệm 30 năm thành lập")
    conference = factories.EventFactory(
        title="Hội nghị tổng kết 2016",
        starts_at=datetime.datetime(2016, 12, 20, 8, 0, tzinfo=datetime.UTC),
        is_published=False,
    )
    training = factories.EventFactory(
        kind="training", title="Tập huấn kỹ thuật", starts_at=datetime.datetime(2016, 3, 1, 8, 0, tzinfo=datetime.UTC)
    )
    decision = factories.DecisionFactory(
        authority=authority("UBND thành phố Hải Phòng"), signed_on=datetime.date(2017, 6, 1)
    )
    hidden_decision = factories.DecisionFactory(
        authority=authority("Chủ tịch UBND thành phố Hải Phòng"),
        signed_on=datetime.date(2018, 1, 1),
        is_published=False,
    )
    certificate, flag = form("Bằng khen"), form("Cờ thi đua")
    city, chair = authority("UBND thành phố Hải Phòng"), authority("Chủ tịch UBND thành phố Hải Phòng")
    honours = [
        factories.HonourFactory(
            form=certificate, authority=city, organization=orgs[0], conferred_on=datetime.date(2016, 4, 1)
        ),
        factories.HonourFactory(
            form=certificate,
            authority=city,
            organization=None,
            person=person,
            conferred_on=datetime.date(2016, 5, 1),
            event=training,
        ),
        factories.HonourFactory(
            form=flag, authority=chair, organization=orgs[1], conferred_on=datetime.date(2018, 1, 1), is_published=False
        ),
        factories.HonourFactory(
            form=certificate, authority=chair, organization=orgs[2], conferred_on=datetime.date(2019, 2, 2)
        ),
        factories.HonourFactory(
            form=flag,
            authority=city,
            organization=None,
            recipient_name="Văn phòng Liên minh",
            conferred_on=None,
            decision=decision,
        ),
        factories.HonourFactory(
            form=certificate,
            authority=chair,
            organization=orgs[3],
            conferred_on=datetime.date(2018, 2, 1),
            decision=hidden_decision,
        ),
        factories.HonourFactory(
            form=certificate,
            authority=city,
            organization=None,
            person=private,
            conferred_on=datetime.date(2020, 7, 31),
            event=anniversary,
        ),
        factories.HonourFactory(
            form=certificate,
            authority=city,
            organization=orgs[0],
            conferred_on=datetime.date(2020, 7, 31),
            event=anniversary,
        ),
        factories.HonourFactory(
            form=flag, authority=city, organization=orgs[0], conferred_on=datetime.date(2020, 7, 31), event=anniversary
        ),
        factories.HonourFactory(
            form=certificate, authority=city, organization=orgs[5], conferred_on=datetime.date(2010, 1, 5)
        ),
    ]
    return {
        "areas": [a1, a2],
        "sectors": [s1, s2],
        "organizations": orgs,
        "people": [person, private],
        "events": [anniversary, conference, training],
        "decisions": [decision, hidden_decision],
        "honours": honours,
    }
