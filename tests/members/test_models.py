"""Rules of the members models: tax codes, legal forms, dates, consent, derived search columns, querysets, seed data.

Each test fails when the rule it names is removed from members/models.py, members/validators.py or the seed migration.
"""

import datetime
import unicodedata
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core import text
from members.models import Area, Organization, Person, Sector
from members.validators import make_tax_code, tax_code_check_digit, tax_code_checksum_ok, validate_tax_code
from tests.factories import AreaFactory, EnterpriseFactory, OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db

VALID_CODE = make_tax_code("020012345")  # nine digits with a check digit


def _db_error(obj):
    """Save without model validation and expect the database to refuse it."""
    with pytest.raises(IntegrityError), transaction.atomic():
        obj.save()


# --- tax codes ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "code",
    ["020012345", "02001234567", "020012345A", "0200 123456", "0200123456-1", "0200123456-0001", "0200123456_001",
     "0200123456-000"],
)  # fmt: skip
def test_tax_code_in_a_wrong_format_is_rejected(code):
    with pytest.raises(ValidationError):
        validate_tax_code(code)
    org = OrganizationFactory.build(tax_code=code, area=None)
    with pytest.raises(ValidationError) as error:
        org.full_clean()
    assert "tax_code" in error.value.message_dict


def test_branch_number_000_is_rejected_with_its_own_message():
    with pytest.raises(ValidationError) as error:
        validate_tax_code(f"{VALID_CODE}-000")
    assert error.value.code == "tax_code_branch"


@pytest.mark.parametrize("suffix", ["", "-001", "-999", "-042"])
def test_ten_digits_or_a_dependent_unit_is_accepted(suffix):
    validate_tax_code(f"{VALID_CODE}{suffix}")
    org = OrganizationFactory(tax_code=f"{VALID_CODE}{suffix}")
    org.full_clean()
    org.refresh_from_db()
    assert org.tax_code == f"{VALID_CODE}{suffix}"


def test_tax_code_keeps_its_leading_zero_as_text():
    org = OrganizationFactory(tax_code=VALID_CODE)
    org.refresh_from_db()
    assert org.tax_code.startswith("0")


def test_check_digit_uses_the_official_weights():
    # 0100109106 is a published tax code; 10 - (sum of digit x weight) mod 11 gives its 10th digit, 6.
    assert tax_code_check_digit("010010910") == 6
    assert tax_code_checksum_ok("0100109106")
    assert tax_code_checksum_ok("0100109106-001")


def test_a_failed_check_digit_is_only_a_warning():
    wrong = VALID_CODE[:9] + str((int(VALID_CODE[9]) + 1) % 10)
    assert not tax_code_checksum_ok(wrong)
    org = OrganizationFactory(tax_code=wrong)
    org.full_clean()  # accepted: published codes disagree on the edge case


def test_make_tax_code_gives_none_when_nine_digits_have_no_single_check_digit():
    nines = next(f"02{n:07d}" for n in range(1000) if tax_code_check_digit(f"02{n:07d}") is None)
    assert make_tax_code(nines) is None
    assert not tax_code_checksum_ok(nines + "0")


def test_tax_code_is_unique_when_given():
    OrganizationFactory(tax_code=VALID_CODE)
    duplicate = OrganizationFactory.build(tax_code=VALID_CODE, area=None)
    with pytest.raises(ValidationError):
        duplicate.full_clean()
    _db_error(duplicate)


def test_blank_tax_codes_are_allowed_twice():
    OrganizationFactory(tax_code="")
    second = OrganizationFactory(tax_code="")
    second.full_clean()
    assert Organization.objects.filter(tax_code="").count() == 2


# --- legal form, dates, status, capital ---------------------------------------------------------------------------


def test_legal_form_only_for_enterprises_in_clean():
    org = OrganizationFactory.build(kind=Organization.Kind.COOPERATIVE, legal_form="llc", area=None)
    with pytest.raises(ValidationError) as error:
        org.clean()
    assert "legal_form" in error.value.message_dict


def test_legal_form_only_for_enterprises_in_the_database():
    _db_error(OrganizationFactory.build(kind=Organization.Kind.COOPERATIVE, legal_form="llc", area=None))


def test_enterprise_may_have_a_legal_form():
    org = EnterpriseFactory(legal_form=Organization.LegalForm.JOINT_STOCK)
    org.full_clean()


def test_cannot_join_before_founding_in_clean():
    org = OrganizationFactory.build(
        founded_on=datetime.date(2000, 1, 1), joined_on=datetime.date(1999, 12, 31), area=None
    )
    with pytest.raises(ValidationError) as error:
        org.clean()
    assert "joined_on" in error.value.message_dict


def test_cannot_join_before_founding_in_the_database():
    _db_error(
        OrganizationFactory.build(
            founded_on=datetime.date(2000, 1, 1), joined_on=datetime.date(1999, 12, 31), area=None
        )
    )


def test_joining_on_the_founding_day_is_fine():
    OrganizationFactory(founded_on=datetime.date(2000, 1, 1), joined_on=datetime.date(2000, 1, 1)).full_clean()


@pytest.mark.parametrize("status", [Organization.Status.SUSPENDED, Organization.Status.WITHDRAWN])
def test_status_change_must_be_dated_in_clean(status):
    org = OrganizationFactory.build(status=status, status_changed_on=None, area=None)
    with pytest.raises(ValidationError) as error:
        org.clean()
    assert "status_changed_on" in error.value.message_dict


def test_status_change_must_be_dated_in_the_database():
    _db_error(OrganizationFactory.build(status=Organization.Status.WITHDRAWN, status_changed_on=None, area=None))


def test_dated_withdrawal_is_accepted():
    OrganizationFactory(status=Organization.Status.WITHDRAWN, status_changed_on=datetime.date(2022, 3, 1)).full_clean()


def test_charter_capital_cannot_be_negative():
    org = OrganizationFactory.build(charter_capital=Decimal("-1"), area=None)
    with pytest.raises(ValidationError) as error:
        org.full_clean(validate_constraints=False)
    assert "charter_capital" in error.value.message_dict
    _db_error(org)
    OrganizationFactory(charter_capital=Decimal("0")).full_clean()


@pytest.mark.parametrize("field", ["founded_on", "joined_on", "status_changed_on"])
def test_organization_dates_cannot_be_in_the_future(field):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    org = OrganizationFactory.build(area=None, founded_on=None, joined_on=None, status=Organization.Status.SUSPENDED)
    org.status_changed_on = datetime.date(2020, 1, 1)
    setattr(org, field, tomorrow)
    with pytest.raises(ValidationError) as error:
        org.clean()
    assert field in error.value.message_dict


# --- people -------------------------------------------------------------------------------------------------------


def test_consent_must_be_dated_in_clean():
    person = PersonFactory.build(public_consent=True, consent_recorded_on=None)
    with pytest.raises(ValidationError) as error:
        person.clean()
    assert "consent_recorded_on" in error.value.message_dict


def test_consent_must_be_dated_in_the_database():
    _db_error(PersonFactory.build(public_consent=True, consent_recorded_on=None))


def test_no_consent_needs_no_date():
    PersonFactory(public_consent=False, consent_recorded_on=None).full_clean()


@pytest.mark.parametrize(
    "birth_date",
    [timezone.localdate() + datetime.timedelta(days=1), datetime.date(1899, 12, 31)],
    ids=["future", "early"],
)
def test_birth_date_must_be_plausible(birth_date):
    person = PersonFactory.build(birth_date=birth_date)
    with pytest.raises(ValidationError) as error:
        person.clean()
    assert "birth_date" in error.value.message_dict


def test_person_affiliation_name_is_the_member_or_the_outside_body():
    org = OrganizationFactory(name="HTX Nông nghiệp Thắng Thủy")
    assert PersonFactory(organization=org).affiliation_name == "HTX Nông nghiệp Thắng Thủy"
    assert PersonFactory(affiliation="UBND TP Hải Phòng").affiliation_name == "UBND TP Hải Phòng"


# --- areas --------------------------------------------------------------------------------------------------------


def test_area_cannot_end_before_it_begins():
    area = AreaFactory.build(code="X1", valid_from=datetime.date(2025, 7, 1), valid_to=datetime.date(2025, 6, 30))
    with pytest.raises(ValidationError):
        area.full_clean()
    _db_error(area)


def test_area_cannot_be_its_own_parent():
    area = AreaFactory()
    area.parent = area
    with pytest.raises(ValidationError) as error:
        area.clean()
    assert "parent" in error.value.message_dict


def test_area_current_and_is_current_follow_the_validity_dates():
    old = AreaFactory(code="OLD", valid_from=None, valid_to=datetime.date(2025, 6, 30))
    new = AreaFactory(code="NEW", valid_from=datetime.date(2025, 7, 1), valid_to=None)
    on_old = Area.objects.current(on=datetime.date(2025, 6, 30))
    on_new = Area.objects.current(on=datetime.date(2025, 7, 1))
    assert old in on_old and new not in on_old
    assert new in on_new and old not in on_new
    assert old.is_current(datetime.date(2020, 1, 1)) and not old.is_current(datetime.date(2025, 7, 1))


def test_ended_area_says_until_when():
    area = AreaFactory(code="OLD2", name="Quận Thử", valid_from=None, valid_to=datetime.date(2025, 6, 30))
    assert "30/06/2025" in str(area)


def test_old_record_keeps_its_old_unit():
    district = Area.objects.get(code="316")  # Huyện Vĩnh Bảo, ended 30/6/2025
    org = OrganizationFactory(area=district, joined_on=datetime.date(2001, 5, 20))
    org.full_clean()
    org.refresh_from_db()
    assert org.area == district and not district.is_current()


# --- seed data ----------------------------------------------------------------------------------------------------


def test_seeded_areas_count_every_unit_of_the_csv():
    assert Area.objects.count() == 132
    assert Area.objects.filter(level=Area.Level.CITY).count() == 1


def test_seeded_current_units_are_the_114_after_the_2025_reorganisation():
    current = Area.objects.current(on=datetime.date(2026, 1, 1))
    assert current.exclude(level=Area.Level.CITY).count() == 114
    assert current.filter(level=Area.Level.WARD).count() == 45
    assert current.filter(level=Area.Level.COMMUNE).count() == 67
    assert current.filter(level=Area.Level.SPECIAL_ZONE).count() == 2


def test_seeded_district_level_had_15_units_until_mid_2025():
    district_levels = [Area.Level.URBAN_DISTRICT, Area.Level.RURAL_DISTRICT, Area.Level.DISTRICT_CITY]
    districts = Area.objects.filter(level__in=district_levels)
    assert districts.count() == 17  # Thủy Nguyên and An Dương changed level on 1/1/2025: two rows each
    assert districts.filter(valid_to__isnull=True).count() == 0
    assert districts.filter(valid_to__gt=datetime.date(2025, 6, 30)).count() == 0
    for day in (datetime.date(2024, 12, 31), datetime.date(2025, 1, 1), datetime.date(2025, 6, 30)):
        assert Area.objects.current(on=day).filter(level__in=district_levels).count() == 15
    assert Area.objects.current(on=datetime.date(2025, 7, 1)).filter(level__in=district_levels).count() == 0


def test_seeded_sectors():
    names = set(Sector.objects.values_list("name", flat=True))
    assert {"Nông nghiệp", "Thủy sản", "Công nghiệp – tiểu thủ công nghiệp", "Tín dụng", "Môi trường"} <= names
    assert Sector.objects.get(name="Thủy sản").slug == "thuy-san"


# --- derived columns, slugs ---------------------------------------------------------------------------------------


def test_save_fills_search_sort_and_slug():
    org = OrganizationFactory(
        name="HTX Nông nghiệp Thắng Thủy", tax_code=VALID_CODE, representative_name="Cao Thị Hằng"
    )
    assert org.slug == "htx-nong-nghiep-thang-thuy"
    assert "htx nong nghiep thang thuy" in org.search_text
    assert VALID_CODE in org.search_text and "cao thi hang" in org.search_text
    assert "thắng thủy" in org.search_exact
    assert org.sort_key == text.sort_key("HTX Nông nghiệp Thắng Thủy")


def test_slug_stays_unique_with_a_number():
    first = OrganizationFactory(name="HTX Nông nghiệp Thắng Thủy")
    second = OrganizationFactory(name="HTX Nông Nghiệp THẮNG THỦY")
    third = OrganizationFactory(name="HTX Nông nghiệp Thắng Thủy")
    assert (first.slug, second.slug, third.slug) == (
        "htx-nong-nghiep-thang-thuy",
        "htx-nong-nghiep-thang-thuy-2",
        "htx-nong-nghiep-thang-thuy-3",
    )


def test_slug_is_kept_when_the_name_changes():
    org = OrganizationFactory(name="HTX Đồ Sơn")
    org.name = "HTX Dịch vụ Đồ Sơn"
    org.save()
    assert org.slug == "htx-do-son"


def test_search_columns_follow_a_rename():
    org = OrganizationFactory(name="HTX Cũ")
    org.name = "HTX Mới Đông Hải"
    org.save()
    assert "dong hai" in org.search_text and "cu" not in org.search_text.split()


def test_person_save_fills_search_and_sorts_by_given_name():
    person = PersonFactory(full_name="Lương Minh Huệ", position="Chủ tịch")
    assert "luong minh hue" in person.search_text
    assert person.sort_key == text.given_name_sort_key("Lương Minh Huệ")


def test_area_and_sector_fill_their_derived_columns():
    area = AreaFactory(code="Z1", name="Đặc khu Cát Hải")
    assert "dac khu cat hai" in area.search_text and area.sort_key == text.sort_key("Đặc khu Cát Hải")
    assert Sector.objects.create(name="Đóng tàu").slug == "dong-tau"
    assert area in Area.objects.search("CÁT HẢI")


# --- querysets ----------------------------------------------------------------------------------------------------


def test_published_hides_unpublished_organizations():
    shown = OrganizationFactory(is_published=True)
    hidden = OrganizationFactory(is_published=False)
    published = list(Organization.objects.published())
    assert shown in published and hidden not in published


def test_active_keeps_only_active_members():
    active = OrganizationFactory()
    withdrawn = OrganizationFactory(status=Organization.Status.WITHDRAWN, status_changed_on=datetime.date(2021, 1, 1))
    suspended = OrganizationFactory(status=Organization.Status.SUSPENDED, status_changed_on=datetime.date(2021, 1, 1))
    assert list(Organization.objects.active()) == [active]
    assert withdrawn not in Organization.objects.active() and suspended not in Organization.objects.active()


def test_search_ignores_diacritics_case_and_normal_form():
    org = OrganizationFactory(name="HTX Nông nghiệp Thắng Thủy", representative_name="")
    OrganizationFactory(name="HTX Thủy sản Cát Bà", representative_name="")
    for query in ["thang thuy", "THẮNG THỦY", unicodedata.normalize("NFD", "Thắng Thủy"), "thắng   thủy"]:
        assert list(Organization.objects.search(query)) == [org], query


def test_search_finds_d_stroke_by_d():
    org = OrganizationFactory(name="HTX Đông Đức", representative_name="")
    assert list(Organization.objects.search("dong duc")) == [org]
    assert list(Organization.objects.search("đông đức")) == [org]


def test_search_needs_every_word():
    OrganizationFactory(name="HTX Nông nghiệp Thắng Thủy", representative_name="")
    assert not Organization.objects.search("thang loi").exists()


def test_search_ranks_matches_with_the_typed_diacritics_first():
    plain = OrganizationFactory(name="HTX Thuy Tien", representative_name="")  # matches "Thủy Tiên" only folded
    exact = OrganizationFactory(name="HTX Thủy Tiên", representative_name="")
    ranked = list(Organization.objects.search("Thủy Tiên").order_by("search_rank", "sort_key"))
    assert ranked == [exact, plain]
    assert [o.search_rank for o in ranked] == [0, 1]


@pytest.mark.parametrize(("name", "query"), [("HTX B_C BXC D", "b_c d"), ("HTX 50% 1 X", "50% x")])
def test_search_rank_takes_percent_and_underscore_literally(name, query):
    """Every word is in the name but not the phrase: rank 2. Read as LIKE wildcards, "b_c d" would match "bxc d"
    and "50% x" would match "50% 1 x" (rank 1)."""
    organization = OrganizationFactory(name=name, representative_name="")
    assert [(o, o.search_rank) for o in Organization.objects.search(query)] == [(organization, 2)]
    assert [o.search_rank for o in Organization.objects.search(name)] == [0]


def test_empty_search_returns_everything_with_a_rank():
    OrganizationFactory.create_batch(2)
    qs = Organization.objects.search("  ")
    assert qs.count() == 2 and {o.search_rank for o in qs} == {0}


def test_vi_ordered_sorts_in_vietnamese_alphabetical_order():
    names = ["HTX Ông Đức", "HTX Đông", "HTX Dung", "HTX Ân", "HTX An"]
    for name in names:
        OrganizationFactory(name=name)
    assert [o.name for o in Organization.objects.vi_ordered()] == [
        "HTX An",
        "HTX Ân",
        "HTX Dung",
        "HTX Đông",
        "HTX Ông Đức",
    ]


def test_person_published_needs_consent():
    consenting = PersonFactory(public_consent=True, consent_recorded_on=datetime.date(2020, 7, 31))
    no_consent = PersonFactory(public_consent=False, consent_recorded_on=None)
    unpublished = PersonFactory(is_published=False)
    published = list(Person.objects.published())
    assert published == [consenting]
    assert not no_consent.is_public and not unpublished.is_public and consenting.is_public


def test_public_contacts_only_when_contacts_are_public():
    private = OrganizationFactory(contacts_public=False, phone="0225 3123456")
    public = OrganizationFactory(contacts_public=True, phone="0225 3123457", email="", website="")
    assert private.public_contacts == {}
    assert public.public_contacts == {"phone": "0225 3123457"}
