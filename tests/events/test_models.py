"""Rules of the events models: dates of an event, anniversaries, congresses, the alliance's names over time."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from events.models import AllianceName, Congress, Event, Participant, roman
from tests.factories import (
    AllianceFactory,
    AllianceNameFactory,
    AnniversaryFactory,
    CongressFactory,
    EventFactory,
    ParticipantFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def _at(*args):
    return datetime.datetime(*args, tzinfo=HANOI)


def _db_error(obj):
    with pytest.raises(IntegrityError), transaction.atomic():
        obj.save()


def test_event_cannot_end_before_it_starts():
    event = EventFactory.build(starts_at=_at(2020, 7, 31, 8), ends_at=_at(2020, 7, 31, 7, 59))
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "ends_at" in error.value.message_dict
    _db_error(event)


def test_event_may_end_when_it_starts_or_later():
    EventFactory(starts_at=_at(2020, 7, 31, 8), ends_at=_at(2020, 7, 31, 8)).full_clean()
    EventFactory(starts_at=_at(2020, 7, 31, 8), ends_at=_at(2020, 7, 31, 11, 30)).full_clean()


def test_anniversary_needs_the_date_it_celebrates():
    event = EventFactory.build(kind=Event.Kind.ANNIVERSARY, celebrates_on=None)
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "celebrates_on" in error.value.message_dict
    _db_error(event)


def test_other_events_need_no_celebrated_date():
    EventFactory(kind=Event.Kind.CONFERENCE, celebrates_on=None).full_clean()


def test_date_celebrated_must_be_before_the_event():
    event = AnniversaryFactory.build(starts_at=_at(2020, 7, 31, 8), celebrates_on=datetime.date(2020, 8, 1))
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "celebrates_on" in error.value.message_dict


def test_anniversary_years_for_the_30th_anniversary():
    event = AnniversaryFactory(starts_at=_at(2020, 7, 31, 8), celebrates_on=datetime.date(1990, 7, 31))
    assert event.anniversary_years == 30


def test_anniversary_years_uses_the_local_date():
    # 00:30 on 1/1/2021 in Hải Phòng is still 31/12/2020 in UTC: the local year counts.
    event = AnniversaryFactory(starts_at=_at(2021, 1, 1, 0, 30), celebrates_on=datetime.date(1991, 1, 1))
    assert event.anniversary_years == 30


def test_anniversary_years_is_none_for_other_events():
    assert EventFactory(celebrates_on=datetime.date(1990, 7, 31)).anniversary_years is None


def test_event_slug_is_ascii_and_unique():
    first = EventFactory(title="Đại hội lần thứ V")
    second = EventFactory(title="Đại hội lần thứ V")
    assert (first.slug, second.slug) == ("dai-hoi-lan-thu-v", "dai-hoi-lan-thu-v-2")


def test_event_search_ignores_diacritics():
    event = EventFactory(title="Kỷ niệm 30 năm thành lập", venue="Hải Phòng", organizer="")
    EventFactory(title="Hội nghị tổng kết", venue="", organizer="")
    assert list(Event.objects.search("ky niem hai phong")) == [event]


def test_upcoming_and_past_split_at_now():
    now = timezone.now()
    past = EventFactory(starts_at=now - datetime.timedelta(days=1))
    future = EventFactory(starts_at=now + datetime.timedelta(days=1))
    assert list(Event.objects.upcoming(now=now)) == [future]
    assert list(Event.objects.past(now=now)) == [past]


def test_a_person_has_each_role_at_an_event_once():
    participant = ParticipantFactory(role=Participant.Role.SPEAKER)
    ParticipantFactory(event=participant.event, person=participant.person, role=Participant.Role.PRESENTER)
    duplicate = Participant(event=participant.event, person=participant.person, role=Participant.Role.SPEAKER)
    with pytest.raises(ValidationError):
        duplicate.full_clean()
    _db_error(duplicate)


def test_participant_position_defaults_to_the_persons():
    person = PersonFactory(position="Giám đốc")
    assert ParticipantFactory(person=person, position="").position_shown == "Giám đốc"
    assert ParticipantFactory(person=person, position="Khách mời").position_shown == "Khách mời"


@pytest.mark.parametrize(("number", "numeral"), [(1, "I"), (4, "IV"), (5, "V"), (9, "IX"), (14, "XIV"), (40, "XL")])
def test_roman_numerals(number, numeral):
    assert roman(number) == numeral


def test_congress_is_named_with_its_roman_numeral():
    congress = CongressFactory(number=5)
    assert congress.numeral == "V"
    with translation.override("en"):
        assert str(congress) == "Congress V"


def test_congress_number_is_unique_per_alliance():
    congress = CongressFactory(number=3)
    duplicate = Congress(alliance=congress.alliance, number=3)
    with pytest.raises(ValidationError):
        duplicate.full_clean()
    _db_error(duplicate)
    CongressFactory(number=3)  # another alliance may have its own third congress


def test_congress_number_starts_at_one():
    _db_error(Congress(alliance=AllianceFactory(), number=0))


def test_congress_date_may_be_unknown():
    CongressFactory(held_on=None).full_clean()


def test_alliance_name_cannot_end_before_it_begins():
    name = AllianceNameFactory.build(
        alliance=AllianceFactory(), valid_from=datetime.date(2000, 1, 1), valid_to=datetime.date(1999, 1, 1)
    )
    with pytest.raises(ValidationError):
        name.full_clean()
    _db_error(name)


def test_alliance_name_dates_may_be_unknown_and_order_keeps_the_timeline():
    alliance = AllianceFactory()
    today_name = AllianceNameFactory(alliance=alliance, name="Tên hiện nay", valid_from=None, order=9)
    founding = AllianceNameFactory(
        alliance=alliance, name="Tên khi thành lập", valid_from=datetime.date(1990, 7, 31), order=1
    )
    today_name.full_clean()
    assert list(AllianceName.objects.filter(alliance=alliance)) == [founding, today_name]


def test_alliance_years_since_founding_counts_whole_years():
    alliance = AllianceFactory(founded_on=datetime.date(1990, 7, 31))
    assert alliance.years_since_founding(on=datetime.date(2020, 7, 30)) == 29
    assert alliance.years_since_founding(on=datetime.date(2020, 7, 31)) == 30
