"""factory-boy factories for every model, with Faker's vi_VN locale."""

import datetime
import random

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from awards.models import Authority, Decision, Honour, HonourForm
from events.models import Alliance, AllianceName, Congress, Event, Participant, Photo, ProgrammeItem, Speech
from members.models import Area, Organization, Person, Sector
from members.validators import make_tax_code

factory.Faker._DEFAULT_LOCALE = "vi_VN"


def _tax_code(n):
    """A valid, unique 10-digit tax code for sequence number n."""
    # Nine digits sometimes have no check digit; then another province prefix does (at most one of four fails).
    for prefix in ("02", "03", "04", "05"):
        code = make_tax_code(f"{prefix}{n % 10_000_000:07d}")
        if code is not None:
            return code
    raise AssertionError(f"no valid tax code for sequence number {n}")


class AreaFactory(DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"T{n:05d}")
    name = factory.Sequence(lambda n: f"Phường Thử Nghiệm {n}")
    level = Area.Level.WARD
    valid_from = datetime.date(2025, 7, 1)


class SectorFactory(DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Ngành thử {n}")


class OrganizationFactory(DjangoModelFactory):
    class Meta:
        model = Organization
        skip_postgeneration_save = True

    kind = Organization.Kind.COOPERATIVE
    name = factory.Sequence(lambda n: f"HTX Dịch vụ Nông nghiệp Đông Hưng {n}")
    tax_code = factory.Sequence(_tax_code)
    area = factory.SubFactory(AreaFactory)
    address = factory.Faker("street_address")
    representative_name = factory.Faker("name")
    representative_title = "Giám đốc"
    phone = factory.Sequence(lambda n: f"0225 3{n:06d}")
    email = factory.Sequence(lambda n: f"htx{n}@example.vn")
    founded_on = datetime.date(1995, 3, 1)
    joined_on = datetime.date(2001, 5, 20)
    member_count = factory.LazyFunction(lambda: random.randint(7, 400))
    worker_count = factory.LazyFunction(lambda: random.randint(5, 200))
    is_published = True

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create and extracted:
            self.sectors.set(extracted)


class EnterpriseFactory(OrganizationFactory):
    kind = Organization.Kind.ENTERPRISE
    legal_form = Organization.LegalForm.LLC
    name = factory.Sequence(lambda n: f"Công ty TNHH Thương mại Hải Đăng {n}")


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Faker("name")
    position = "Giám đốc"
    birth_date = datetime.date(1970, 1, 15)
    phone = factory.Sequence(lambda n: f"0912 {n:06d}")
    email = factory.Sequence(lambda n: f"nguoi{n}@example.vn")
    public_consent = True
    consent_recorded_on = datetime.date(2020, 7, 1)
    is_published = True


class EventFactory(DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    kind = Event.Kind.CONFERENCE
    title = factory.Sequence(lambda n: f"Hội nghị tổng kết năm {2000 + n % 25} số {n}")
    starts_at = factory.LazyFunction(lambda: timezone.make_aware(datetime.datetime(2020, 7, 31, 8, 0)))
    venue = "Trung tâm Hội nghị thành phố Hải Phòng"
    organizer = "Liên minh HTX & DN TP Hải Phòng"
    summary = factory.Faker("paragraph")
    is_published = True


class AnniversaryFactory(EventFactory):
    kind = Event.Kind.ANNIVERSARY
    celebrates_on = datetime.date(1990, 7, 31)


class ProgrammeItemFactory(DjangoModelFactory):
    class Meta:
        model = ProgrammeItem

    event = factory.SubFactory(EventFactory)
    starts_at = datetime.time(8, 0)
    title = factory.Sequence(lambda n: f"Mục chương trình {n}")
    order = factory.Sequence(lambda n: n)


class ParticipantFactory(DjangoModelFactory):
    class Meta:
        model = Participant

    event = factory.SubFactory(EventFactory)
    person = factory.SubFactory(PersonFactory)
    role = Participant.Role.GUEST_OF_HONOUR


class SpeechFactory(DjangoModelFactory):
    class Meta:
        model = Speech

    event = factory.SubFactory(EventFactory)
    speaker = factory.SubFactory(PersonFactory)
    summary = factory.Faker("paragraph")


class PhotoFactory(DjangoModelFactory):
    class Meta:
        model = Photo

    event = factory.SubFactory(EventFactory)
    image = factory.django.ImageField(width=64, height=48, format="JPEG")
    caption = factory.Sequence(lambda n: f"Quang cảnh buổi lễ {n}")


class AllianceFactory(DjangoModelFactory):
    class Meta:
        model = Alliance

    name = "Liên minh Hợp tác xã và Doanh nghiệp thành phố Hải Phòng"
    short_name = "Liên minh HTX & DN TP Hải Phòng"
    founded_on = datetime.date(1990, 7, 31)
    founding_name = "Hội đồng các HTX và cơ sở công nghiệp ngoài quốc doanh"


class AllianceNameFactory(DjangoModelFactory):
    class Meta:
        model = AllianceName

    alliance = factory.SubFactory(AllianceFactory)
    name = factory.Sequence(lambda n: f"Tên gọi {n}")
    valid_from = datetime.date(1990, 7, 31)


class CongressFactory(DjangoModelFactory):
    class Meta:
        model = Congress

    alliance = factory.SubFactory(AllianceFactory)
    number = factory.Sequence(lambda n: n + 1)
    held_on = datetime.date(2019, 9, 20)


class HonourFormFactory(DjangoModelFactory):
    class Meta:
        model = HonourForm
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Hình thức thử {n}")
    category = HonourForm.Category.CERTIFICATE
    recipient_scope = HonourForm.Scope.BOTH


class AuthorityFactory(DjangoModelFactory):
    class Meta:
        model = Authority
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"UBND thử nghiệm {n}")
    level = Authority.Level.CITY


class DecisionFactory(DjangoModelFactory):
    class Meta:
        model = Decision

    number = factory.Sequence(lambda n: f"{n + 100}/QĐ-UBND")
    signed_on = datetime.date(2020, 7, 20)
    authority = factory.SubFactory(AuthorityFactory)


class HonourFactory(DjangoModelFactory):
    """An honour to a member organization; pass person=... or recipient_name=... (and organization=None) for others."""

    class Meta:
        model = Honour

    form = factory.SubFactory(HonourFormFactory)
    authority = factory.SubFactory(AuthorityFactory)
    organization = factory.SubFactory(OrganizationFactory)
    citation = "Đã có thành tích hoàn thành xuất sắc nhiệm vụ"
    achievement_year = 2019
    conferred_on = datetime.date(2020, 7, 31)
