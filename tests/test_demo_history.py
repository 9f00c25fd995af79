"""The demo's sample history: years of members, people, events and honours beside the report's facts, every record
marked as a sample, valid by the portal's own rules, idempotent and the same on every load.

Every test starts from one `load_demo`, loaded once for the module (`loaded_demo`); what a test changes is rolled back.
"""

import datetime
import random
from collections import Counter

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from alliance_portal import demo
from alliance_portal.demo import history_members, pictures
from awards.models import Decision, Honour
from core.images import IMAGE_VALIDATORS
from events.models import Event, Participant, Photo
from members.models import Area, Organization, Person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loaded_demo")]

REFORM_DAY = datetime.date(2025, 7, 1)  # the district level ended; the 114 units began
DISTRICT_LEVELS = {Area.Level.URBAN_DISTRICT, Area.Level.RURAL_DISTRICT, Area.Level.DISTRICT_CITY}
NEW_UNIT_LEVELS = {Area.Level.WARD, Area.Level.COMMUNE, Area.Level.SPECIAL_ZONE}
REAL_MEMBERS = {"Công ty TNHH Quang Hải", "HTX Nông nghiệp Thắng Thủy"}


@pytest.fixture
def history_members_():
    """The organizations of the sample history (not the report's two, nor the ceremony's eight sample recipients)."""
    return Organization.objects.filter(is_sample=True, joined_on__isnull=False).select_related("area")


def test_a_few_hundred_members_joined_from_1990_to_2026(history_members_):
    assert history_members_.count() == 300
    years = Counter(history_members_.values_list("joined_on__year", flat=True))
    assert min(years) == 1990 and max(years) == 2026
    assert len(years) == 37  # every year from 1990 to 2026
    assert all(org.joined_on >= datetime.date(1990, 7, 31) for org in history_members_)
    statuses = Counter(history_members_.values_list("status", flat=True))
    assert statuses[Organization.Status.WITHDRAWN] >= 20 and statuses[Organization.Status.SUSPENDED] >= 5
    assert statuses[Organization.Status.ACTIVE] > 200
    assert len(Counter(history_members_.values_list("kind", flat=True))) == 5
    assert len(set(history_members_.values_list("sectors", flat=True))) >= 10


def test_every_member_has_a_unit_that_existed_while_it_was_a_member(history_members_):
    """Districts for memberships that ended before 1/7/2025, the new units for those that began after."""
    levels = Counter()
    for org in history_members_:
        area = org.area
        end = org.status_changed_on or history_members.HISTORY_TODAY
        assert (area.valid_from or org.joined_on) <= end and org.joined_on <= (area.valid_to or end), org.name
        if org.joined_on >= REFORM_DAY:
            assert area.level in NEW_UNIT_LEVELS, org.name
        if end < REFORM_DAY:
            assert area.level in DISTRICT_LEVELS and area.is_current(on=end), org.name
        levels[area.level in DISTRICT_LEVELS] += 1
    assert levels[True] >= 30 and levels[False] >= 150  # both kinds of unit show in the directory


def test_members_have_their_directors_and_chairs(history_members_):
    people = Person.objects.filter(organization__in=history_members_)
    assert people.count() > 300
    assert all(p.is_sample for p in people)
    directors = {(p.organization_id, p.full_name) for p in people}
    for org in history_members_:
        assert (org.pk, org.representative_name) in directors, org.name
    assert people.filter(position__startswith="Chủ tịch Hội đồng quản trị").count() > 30
    assert people.filter(public_consent=False).exists()  # some never appear on a public page
    assert not people.filter(full_name__in=["Lương Minh Huệ", "Bùi Đức Vinh", "Cao Thị Hằng"]).exists()
    for person in people.order_by("?")[:40]:
        person.full_clean()
    for org in history_members_.order_by("?")[:40]:
        org.full_clean()


def test_honours_spread_over_the_years_from_several_authorities_and_forms():
    honours = Honour.objects.filter(is_sample=True).exclude(event__slug=demo.EVENT_SLUG)
    assert honours.count() > 300
    assert len(set(honours.values_list("conferred_on__year", flat=True))) >= 25
    assert len(set(honours.values_list("achievement_year", flat=True))) >= 25
    assert honours.values("authority").distinct().count() >= 8  # the city, its chairman, the VCA, districts ...
    assert honours.values("form").distinct().count() >= 6
    assert honours.collectives().count() > 150 and honours.individuals().count() > 80
    assert honours.filter(authority__level="district", conferred_on__gte=REFORM_DAY).count() == 0
    presented = honours.exclude(event=None)
    assert presented.count() > 200
    for honour in presented.select_related("event"):
        assert honour.conferred_on == honour.event.start_date
    for honour in honours.order_by("?")[:80]:
        honour.full_clean()


def test_each_honour_goes_to_a_member_of_the_day():
    honours = Honour.objects.filter(is_sample=True).exclude(event__slug=demo.EVENT_SLUG)
    for honour in honours.select_related("organization", "person__organization", "decision"):
        org = honour.organization or honour.person.organization
        assert org.joined_on <= honour.conferred_on, honour
        assert org.status_changed_on is None or org.status_changed_on > honour.conferred_on, honour
        assert honour.decision.authority_id == honour.authority_id
        assert honour.decision.signed_on <= honour.conferred_on
        if honour.authority.level == "district":
            assert honour.authority.name.lower().endswith(org.area.name.lower()), honour


def test_events_over_the_years_with_programmes_guests_and_photos():
    events = Event.objects.exclude(slug=demo.EVENT_SLUG)
    assert events.count() == 56
    assert len(set(e.starts_at.year for e in events)) >= 25
    kinds = Counter(events.values_list("kind", flat=True))
    assert kinds[Event.Kind.ANNIVERSARY] == 5 and kinds[Event.Kind.CONGRESS] >= 5 and kinds[Event.Kind.CONFERENCE] > 20
    assert Event.objects.published().upcoming().exists()
    held = events.published().past()
    for event in held:
        assert event.programme.count() >= 5 and event.participants.filter(role=Participant.Role.GUEST_OF_HONOUR)
        assert event.speeches.exists() and event.photos.count() >= 2 and event.cover_image
        assert event.cover_alt and event.organizations.count() >= 6
    anniversaries = events.filter(kind=Event.Kind.ANNIVERSARY)
    assert sorted(e.anniversary_years for e in anniversaries) == [10, 15, 20, 25, 35]
    assert all(e.honours.exists() for e in anniversaries)
    for event in events:
        event.full_clean()


def test_every_sample_record_is_marked():
    """is_sample where the model has it (so the "Sample data" badge shows); in the title of every sample event."""
    assert set(Organization.objects.filter(is_sample=False).values_list("name", flat=True)) == REAL_MEMBERS
    assert Person.objects.filter(is_sample=False).count() == 5  # the people the report names
    assert not Decision.objects.filter(is_sample=False).exists()
    assert list(Honour.objects.filter(is_sample=False).values_list("form__name", flat=True)) == ["Bức trướng"]
    for event in Event.objects.exclude(slug=demo.EVENT_SLUG):
        assert event.title.endswith(demo.SAMPLE_MARK) and "mẫu" in event.summary, event.title
    for decision in Decision.objects.all():
        assert "mẫu" in decision.title and decision.number.startswith("Mẫu-")
    assert all("mẫu" in caption for caption in Photo.objects.values_list("caption", flat=True))
    # Invented holders of real offices (the history's 8) and the ceremony's 14 unnamed individuals: marked by name.
    unattached = Person.objects.filter(is_sample=True, organization=None)
    assert unattached.count() == 8 + 14 and all(p.full_name.endswith(demo.SAMPLE_MARK) for p in unattached)


def test_a_few_records_are_unpublished_and_never_shown(client):
    for queryset in (
        Organization.objects.filter(is_sample=True),
        Person.objects.filter(is_sample=True),
        Decision.objects.all(),
        Honour.objects.all(),
        Event.objects.all(),
    ):
        hidden = queryset.filter(is_published=False).count()
        assert 0 < hidden < queryset.count() * 0.1, queryset.model
    draft = Event.objects.filter(is_published=False).first()
    assert client.get(draft.get_absolute_url()).status_code == 404
    hidden_member = Organization.objects.filter(is_sample=True, is_published=False).first()
    assert client.get(hidden_member.get_absolute_url()).status_code == 404
    response = client.get(reverse("events:event-list"), {"page": 2})
    assert draft.title not in response.content.decode()


def test_the_pages_show_years_of_history(client):
    directory = client.get(reverse("members:organization-list"))
    assert directory.context["page_obj"].paginator.num_pages >= 12
    roll = client.get(reverse("awards:honour-list"))
    last = roll.context["page_obj"].paginator.num_pages
    assert last >= 10
    newest = roll.context["object_list"][0].conferred_on
    oldest = client.get(reverse("awards:honour-list"), {"page": last}).context["object_list"][-1].conferred_on
    assert newest.year >= 2025 and oldest.year <= 1997
    assert client.get(reverse("awards:honour-list"), {"year": 2005}).context["page_obj"].paginator.count > 5
    events = client.get(reverse("events:event-list"))
    assert events.context["page_obj"].paginator.count >= 50 and len(events.context["past_by_year"]) >= 10
    assert events.context["upcoming"]


def test_loading_again_creates_nothing_and_brings_back_what_was_lost():
    assert not demo.load_history().created
    event = Event.objects.filter(kind=Event.Kind.ANNIVERSARY, photos__isnull=False).first()
    honour = Honour.objects.filter(is_sample=True, event=event).first()
    lost = (honour.decision_id, honour.form_id, honour.organization_id, honour.person_id)
    honour.delete()
    event.photos.filter(order=2).delete()
    result = demo.load_history()
    assert (result.honours, result.photos, result.organizations, result.events) == (1, 1, 0, 0)
    assert Honour.objects.filter(
        decision_id=lost[0], form_id=lost[1], organization_id=lost[2], person_id=lost[3], event=event
    ).exists()
    assert event.photos.filter(order=2).exists()


def test_generated_photos_are_real_images_that_pass_the_upload_validators():
    """Pictures are drawn at load time (never downloaded), stored through the ImageField and valid as uploads."""
    event = Event.objects.filter(kind=Event.Kind.CONFERENCE, photos__isnull=False).first()
    event.photos.all().delete()  # drawn again into this test's MEDIA_ROOT
    assert demo.load_history().photos >= 2
    for photo in event.photos.all():
        with photo.image.open("rb") as stored:
            data = stored.read()
        with Image.open(photo.image.path) as image:
            assert image.format == "JPEG" and image.size == (pictures.WIDTH, pictures.HEIGHT)
            assert len(image.convert("RGB").resize((32, 32)).getcolors(1024)) > 5  # a picture, not a blank
        for validate in IMAGE_VALIDATORS:
            validate(ContentFile(data, name=photo.image.name.rsplit("/", 1)[-1]))  # raises when invalid
        assert photo.image.name.startswith("events/photos/")


def test_pictures_are_drawn_the_same_way_every_time():
    first = pictures.picture("Hội nghị (dữ liệu mẫu)", "group", "seed")
    pictures.picture.cache_clear()
    assert pictures.picture("Hội nghị (dữ liệu mẫu)", "group", "seed") == first
    assert pictures.picture("Hội nghị (dữ liệu mẫu)", "stage", "seed") != first


def test_the_history_is_drawn_the_same_from_the_same_seed():
    reserved = demo.history.reserved_slugs()

    def drawn(seed):
        members = history_members.draw_members(random.Random(seed), 50, reserved)
        org = [
            (m.organization.name, m.organization.slug, m.organization.joined_on, m.organization.area_id)
            for m in members
        ]
        return org + [(p.full_name, p.position) for m in members for p in m.people]

    assert drawn(demo.HISTORY_SEED) == drawn(demo.HISTORY_SEED)
    assert drawn(demo.HISTORY_SEED) != drawn(demo.HISTORY_SEED + 1)
    stored = Organization.objects.filter(is_sample=True, joined_on__isnull=False).order_by("pk")
    assert [o.slug for o in stored[:50]] == [row[1] for row in drawn(demo.HISTORY_SEED)[:50]]
