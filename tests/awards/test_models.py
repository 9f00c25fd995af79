"""Rules of the awards models: one recipient, forms and authorities, decisions, protected deletes, public honours."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from awards.models import Authority, Decision, Honour, HonourForm, RecipientKind
from tests.factories import (
    AuthorityFactory,
    DecisionFactory,
    EventFactory,
    HonourFactory,
    HonourFormFactory,
    OrganizationFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def _db_error(obj):
    with pytest.raises(IntegrityError), transaction.atomic():
        obj.save()


def _form(name):
    return HonourForm.objects.get(name=name)


# --- exactly one recipient ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "recipients",
    [
        {},
        {"organization": True, "person": True},
        {"organization": True, "recipient_name": "Văn phòng Liên minh"},
        {"person": True, "recipient_name": "Văn phòng Liên minh"},
        {"recipient_name": "   "},
    ],
    ids=["none", "org+person", "org+name", "person+name", "blank-name"],
)
def test_honour_needs_exactly_one_recipient_in_clean(recipients):
    honour = HonourFactory.build(
        form=HonourFormFactory(),
        authority=AuthorityFactory(),
        organization=OrganizationFactory() if recipients.get("organization") else None,
        person=PersonFactory() if recipients.get("person") else None,
        recipient_name=recipients.get("recipient_name", ""),
    )
    with pytest.raises(ValidationError) as error:
        honour.clean()
    assert "__all__" in error.value.message_dict


@pytest.mark.parametrize("recipients", ["none", "org+person"])
def test_honour_needs_exactly_one_recipient_in_the_database(recipients):
    honour = HonourFactory.build(
        form=HonourFormFactory(),
        authority=AuthorityFactory(),
        organization=OrganizationFactory() if recipients == "org+person" else None,
        person=PersonFactory() if recipients == "org+person" else None,
    )
    _db_error(honour)


@pytest.mark.parametrize("recipient", ["organization", "person", "recipient_name"])
def test_each_kind_of_recipient_alone_is_fine(recipient):
    values = {"organization": None, "person": None, "recipient_name": ""}
    values[recipient] = {
        "organization": OrganizationFactory,
        "person": PersonFactory,
        "recipient_name": lambda: "Liên minh HTX & DN TP Hải Phòng",
    }[recipient]()
    honour = HonourFactory(**values)
    honour.full_clean()
    expected = RecipientKind.INDIVIDUAL if recipient == "person" else RecipientKind.COLLECTIVE
    assert honour.recipient_kind == expected
    assert Honour.objects.with_recipient_kind().get(pk=honour.pk).kind_of_recipient == expected


# --- forms and recipient kinds ------------------------------------------------------------------------------------


def test_form_for_individuals_cannot_go_to_a_collective():
    honour = HonourFactory.build(
        form=_form("Kỷ niệm chương “Vì sự nghiệp phát triển HTX”"),
        authority=AuthorityFactory(),
        organization=OrganizationFactory(),
    )
    with pytest.raises(ValidationError) as error:
        honour.clean()
    assert "form" in error.value.message_dict


def test_form_for_collectives_cannot_go_to_an_individual():
    honour = HonourFactory.build(
        form=_form("Cờ thi đua"), authority=AuthorityFactory(), organization=None, person=PersonFactory()
    )
    with pytest.raises(ValidationError) as error:
        honour.clean()
    assert "form" in error.value.message_dict


def test_banner_may_go_to_a_collective_that_is_not_a_member():
    HonourFactory(
        form=_form("Bức trướng"), organization=None, recipient_name="Liên minh HTX & DN TP Hải Phòng"
    ).full_clean()


def test_form_for_both_allows_both():
    both = _form("Bằng khen")
    assert both.allows(RecipientKind.COLLECTIVE) and both.allows(RecipientKind.INDIVIDUAL)
    HonourFactory(form=both, organization=None, person=PersonFactory()).full_clean()


# --- decisions and authorities ------------------------------------------------------------------------------------


def test_decision_authority_must_be_the_honours_authority():
    decision = DecisionFactory()
    honour = HonourFactory.build(form=HonourFormFactory(), authority=AuthorityFactory(), decision=decision,
                                 organization=OrganizationFactory())  # fmt: skip
    with pytest.raises(ValidationError) as error:
        honour.clean()
    assert "authority" in error.value.message_dict


def test_authority_is_copied_from_the_decision_in_clean_and_on_save():
    decision = DecisionFactory()
    honour = Honour(form=HonourFormFactory(), decision=decision, organization=OrganizationFactory(),
                    conferred_on=datetime.date(2020, 7, 31))  # fmt: skip
    honour.clean()
    assert honour.authority_id == decision.authority_id
    saved = Honour(form=HonourFormFactory(), decision=decision, organization=OrganizationFactory())
    saved.save()
    saved.refresh_from_db()
    assert saved.authority == decision.authority


def test_honour_cannot_be_conferred_before_its_decision():
    decision = DecisionFactory(signed_on=datetime.date(2020, 7, 20))
    honour = HonourFactory.build(form=HonourFormFactory(), authority=decision.authority, decision=decision,
                                 organization=OrganizationFactory(), conferred_on=datetime.date(2020, 7, 19))  # fmt: skip
    with pytest.raises(ValidationError) as error:
        honour.clean()
    assert "conferred_on" in error.value.message_dict
    honour.conferred_on = datetime.date(2020, 7, 20)
    honour.clean()


def test_honour_conferred_too_far_in_the_future_is_refused():
    honour = HonourFactory.build(form=HonourFormFactory(), authority=AuthorityFactory(),
                                 organization=OrganizationFactory(),
                                 conferred_on=timezone.localdate() + datetime.timedelta(days=400))  # fmt: skip
    with pytest.raises(ValidationError) as error:
        honour.clean()
    assert "conferred_on" in error.value.message_dict


def test_achievement_year_must_be_plausible():
    for year in (1900, timezone.localdate().year + 2):
        honour = HonourFactory.build(form=HonourFormFactory(), authority=AuthorityFactory(),
                                     organization=OrganizationFactory(), achievement_year=year)  # fmt: skip
        with pytest.raises(ValidationError) as error:
            honour.full_clean(validate_constraints=False)
        assert "achievement_year" in error.value.message_dict
    _db_error(HonourFactory.build(form=HonourFormFactory(), authority=AuthorityFactory(),
                                  organization=OrganizationFactory(), achievement_year=1900))  # fmt: skip


def test_decision_number_is_unique_per_authority_and_date():
    decision = DecisionFactory(number="1234/QĐ-UBND", signed_on=datetime.date(2020, 7, 20))
    duplicate = Decision(number="1234/QĐ-UBND", signed_on=datetime.date(2020, 7, 20), authority=decision.authority)
    with pytest.raises(ValidationError):
        duplicate.full_clean()
    _db_error(duplicate)
    # The same number on another date, or from another authority, is another decision.
    DecisionFactory(number="1234/QĐ-UBND", signed_on=datetime.date(2021, 7, 20), authority=decision.authority)
    DecisionFactory(number="1234/QĐ-UBND", signed_on=datetime.date(2020, 7, 20))


def test_authority_must_have_existed_when_the_decision_was_signed():
    district = Authority.objects.get(name="UBND huyện Vĩnh Bảo")
    assert district.valid_to == datetime.date(2025, 6, 30)
    late = Decision(number="12/QĐ-UBND", signed_on=datetime.date(2025, 7, 1), authority=district)
    with pytest.raises(ValidationError) as error:
        late.clean()
    assert "signed_on" in error.value.message_dict
    Decision(number="12/QĐ-UBND", signed_on=datetime.date(2025, 6, 30), authority=district).clean()


def test_decision_cannot_be_signed_in_the_future():
    decision = DecisionFactory.build(signed_on=timezone.localdate() + datetime.timedelta(days=1))
    with pytest.raises(ValidationError) as error:
        decision.clean()
    assert "signed_on" in error.value.message_dict


def test_authority_cannot_end_before_it_begins():
    _db_error(Authority(name="UBND thử", valid_from=datetime.date(2000, 1, 1), valid_to=datetime.date(1999, 1, 1)))


def test_current_authorities_exclude_the_district_level_after_mid_2025():
    current = Authority.objects.current(on=datetime.date(2025, 7, 1))
    assert not current.filter(level=Authority.Level.DISTRICT).exists()
    assert Authority.objects.current(on=datetime.date(2025, 6, 30)).filter(level=Authority.Level.DISTRICT).count() == 15


# --- protected deletes --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["organization", "person", "form", "authority", "event", "decision"])
def test_what_an_honour_points_to_cannot_be_deleted(target):
    decision = DecisionFactory()
    organization = OrganizationFactory()
    honour = HonourFactory(
        form=HonourFormFactory(),
        authority=decision.authority,
        decision=decision,
        organization=None if target == "person" else organization,
        person=PersonFactory() if target == "person" else None,
        event=EventFactory(),
    )
    obj = getattr(honour, target)
    with pytest.raises(ProtectedError):
        obj.delete()
    assert Honour.objects.filter(pk=honour.pk).exists()


def test_organization_without_honours_can_be_deleted():
    org = OrganizationFactory()
    org.delete()


# --- public honours -----------------------------------------------------------------------------------------------


def test_published_honours_hide_unpublished_or_non_consenting_recipients():
    shown_org = HonourFactory(organization=OrganizationFactory(is_published=True))
    hidden_org = HonourFactory(organization=OrganizationFactory(is_published=False))
    shown_person = HonourFactory(organization=None, person=PersonFactory(public_consent=True))
    no_consent = HonourFactory(organization=None, person=PersonFactory(public_consent=False, consent_recorded_on=None))
    hidden_person = HonourFactory(organization=None, person=PersonFactory(is_published=False))
    collective = HonourFactory(organization=None, recipient_name="Văn phòng Liên minh")
    unpublished = HonourFactory(is_published=False)
    under_hidden_decision = HonourFactory(decision=DecisionFactory(is_published=False))
    under_hidden_decision.authority = under_hidden_decision.decision.authority
    under_hidden_decision.save()
    published = set(Honour.objects.published())
    assert published == {shown_org, shown_person, collective}
    for hidden in (hidden_org, no_consent, hidden_person, unpublished, under_hidden_decision):
        assert hidden not in published


def test_published_for_an_organization_is_published_filtered_to_it():
    """The member page's shortcut keeps exactly what published() keeps for that organization."""
    member = OrganizationFactory()
    shown = HonourFactory(organization=member)
    under_published_decision = HonourFactory(organization=member, decision=DecisionFactory())
    unpublished = HonourFactory(organization=member, is_published=False)
    hidden_decision = DecisionFactory(is_published=False)
    under_hidden_decision = HonourFactory(
        organization=member, decision=hidden_decision, authority=hidden_decision.authority
    )
    HonourFactory()  # another member's
    expected = set(Honour.objects.published().filter(organization=member))
    assert expected == {shown, under_published_decision}
    assert set(Honour.objects.published_for(member)) == expected
    assert set(member.honours.published_for(member)) == expected
    assert unpublished not in expected and under_hidden_decision not in expected


def test_published_for_an_unpublished_organization_is_empty():
    member = OrganizationFactory(is_published=False)
    HonourFactory(organization=member)
    assert not Honour.objects.published().filter(organization=member).exists()
    assert not Honour.objects.published_for(member).exists()


def test_collectives_and_individuals():
    collective = HonourFactory()
    named = HonourFactory(organization=None, recipient_name="Văn phòng Liên minh")
    individual = HonourFactory(organization=None, person=PersonFactory())
    assert set(Honour.objects.collectives()) == {collective, named}
    assert set(Honour.objects.individuals()) == {individual}


# --- seed data ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "scope", "statutory"),
    [
        ("Cờ thi đua", HonourForm.Scope.COLLECTIVE, True),
        ("Bằng khen", HonourForm.Scope.BOTH, True),
        ("Giấy khen", HonourForm.Scope.BOTH, True),
        ("Kỷ niệm chương “Vì sự nghiệp phát triển HTX”", HonourForm.Scope.INDIVIDUAL, True),
        ("Tập thể lao động xuất sắc", HonourForm.Scope.COLLECTIVE, True),
        ("Lao động tiên tiến", HonourForm.Scope.INDIVIDUAL, True),
        ("Bức trướng", HonourForm.Scope.COLLECTIVE, False),
    ],
)
def test_seeded_forms_say_who_may_receive_them(name, scope, statutory):
    form = _form(name)
    assert (form.recipient_scope, form.is_statutory) == (scope, statutory)


def test_seeded_forms_follow_the_2022_law():
    assert not HonourForm.objects.filter(name__icontains="Huy hiệu").exists()
    assert HonourForm.objects.filter(is_statutory=False).count() == 1  # the banner is customary
    assert _form("Cờ thi đua").slug == "co-thi-dua"


def test_seeded_authorities():
    names = set(Authority.objects.values_list("name", flat=True))
    assert {
        "UBND thành phố Hải Phòng",
        "Chủ tịch UBND thành phố Hải Phòng",
        "Thành ủy – HĐND – UBND thành phố Hải Phòng",
        "Ban Chấp hành Liên minh HTX Việt Nam",
    } <= names
    districts = Authority.objects.filter(level=Authority.Level.DISTRICT)
    assert districts.count() == 17  # one per district-level row, Thủy Nguyên and An Dương twice
    assert set(districts.values_list("valid_to", flat=True)) <= {
        datetime.date(2024, 12, 31),
        datetime.date(2025, 6, 30),
    }
    assert Authority.objects.get(name="Ban Chấp hành Liên minh HTX Việt Nam").level == Authority.Level.NATIONAL_ALLIANCE
