"""Model rules and protections as staff meet them in the admin: warnings, refusals, diacritic-insensitive search."""

import json

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from awards.models import Authority, Decision, HonourForm
from events.models import Event
from members.models import Organization, Person
from members.validators import tax_code_checksum_ok
from tests import factories
from tests.admin.utils import change_form_data

pytestmark = pytest.mark.django_db


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_tax_code_with_failed_check_digit_saves_with_a_warning(admin_client):
    org = factories.OrganizationFactory()
    url = reverse("admin:members_organization_change", args=[org.pk])
    data = change_form_data(admin_client.get(url))
    bad = org.tax_code[:9] + str((int(org.tax_code[9]) + 1) % 10)
    assert not tax_code_checksum_ok(bad)
    data["tax_code"] = bad
    response = admin_client.post(url, data, follow=True)
    org.refresh_from_db()
    assert org.tax_code == bad  # saved anyway
    warnings = [m for m in get_messages(response.wsgi_request)] or list(response.context["messages"])
    assert any(bad in str(m) and m.level_tag == "warning" for m in warnings)


def test_tax_code_with_good_check_digit_saves_without_warning(admin_client):
    org = factories.OrganizationFactory()
    url = reverse("admin:members_organization_change", args=[org.pk])
    data = change_form_data(admin_client.get(url))
    response = admin_client.post(url, data, follow=True)
    assert not [m for m in response.context["messages"] if m.level_tag == "warning"]


def test_tax_code_in_wrong_format_is_refused(admin_client):
    org = factories.OrganizationFactory()
    url = reverse("admin:members_organization_change", args=[org.pk])
    data = change_form_data(admin_client.get(url))
    data["tax_code"] = "02001234"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "tax_code" in response.context["adminform"].form.errors


def test_model_clean_surfaces_in_the_form(admin_client):
    org = factories.OrganizationFactory()
    url = reverse("admin:members_organization_change", args=[org.pk])
    data = change_form_data(admin_client.get(url))
    data["legal_form"] = "llc"  # a cooperative has no legal form
    response = admin_client.post(url, data)
    assert "legal_form" in response.context["adminform"].form.errors


def _protected_objects():
    honour = factories.HonourFactory(decision=factories.DecisionFactory(), event=factories.EventFactory())
    honour.authority = honour.decision.authority
    honour.save()
    person_honour = factories.HonourFactory(organization=None, person=factories.PersonFactory())
    return {
        Organization: honour.organization,
        Person: person_honour.person,
        HonourForm: honour.form,
        Authority: honour.authority,
        Event: honour.event,
        Decision: honour.decision,
    }


def test_deleting_an_honoured_record_is_refused_with_a_reason(admin_client):
    for model, obj in _protected_objects().items():
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_delete", args=[obj.pk])
        page = admin_client.get(url)
        assert page.status_code == 200
        assert page.context["protected"], model
        assert any("cannot be deleted" in m or "không thể xóa" in m.lower() for m in _messages(page)), model
        response = admin_client.post(url, {"post": "yes"})
        assert model.objects.filter(pk=obj.pk).exists(), f"{model.__name__} was deleted"
        assert response.status_code == 200


def test_bulk_deleting_honoured_records_is_refused_with_a_reason(admin_client):
    for model, obj in _protected_objects().items():
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        response = admin_client.post(url, {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"})
        assert model.objects.filter(pk=obj.pk).exists(), f"{model.__name__} was deleted"
        assert response.status_code == 200
        assert response.context["protected"]
        assert any("cannot be deleted" in m or "không thể xóa" in m.lower() for m in _messages(response))


def test_unhonoured_record_can_still_be_deleted(admin_client):
    org = factories.OrganizationFactory()
    response = admin_client.post(reverse("admin:members_organization_delete", args=[org.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Organization.objects.filter(pk=org.pk).exists()


@pytest.mark.parametrize("query", ["thang thuy", "THẮNG THỦY", "Thắng Thủy", "thắng thuy"])
def test_changelist_search_ignores_diacritics(admin_client, query):
    wanted = factories.OrganizationFactory(name="HTX Nông nghiệp Thắng Thủy")
    factories.OrganizationFactory(name="HTX Dịch vụ Tân Liên")
    response = admin_client.get(reverse("admin:members_organization_changelist"), {"q": query})
    assert list(response.context["cl"].result_list) == [wanted]


def test_person_and_event_search_ignore_diacritics(admin_client):
    person = factories.PersonFactory(full_name="Đỗ Thị Hằng")
    factories.PersonFactory(full_name="Nguyễn Văn An")
    response = admin_client.get(reverse("admin:members_person_changelist"), {"q": "do thi hang"})
    assert list(response.context["cl"].result_list) == [person]
    event = factories.EventFactory(title="Lễ kỷ niệm 30 năm thành lập")
    factories.EventFactory(title="Hội nghị tổng kết")
    response = admin_client.get(reverse("admin:events_event_changelist"), {"q": "KY NIEM"})
    assert list(response.context["cl"].result_list) == [event]


def test_honour_search_finds_recipients_without_diacritics(admin_client):
    to_org = factories.HonourFactory(organization=factories.OrganizationFactory(name="Công ty TNHH Quang Hải"))
    to_person = factories.HonourFactory(organization=None, person=factories.PersonFactory(full_name="Phạm Đức Thắng"))
    to_other = factories.HonourFactory(organization=None, recipient_name="Văn phòng Liên minh")
    factories.HonourFactory()
    url = reverse("admin:awards_honour_changelist")
    assert list(admin_client.get(url, {"q": "quang hai"}).context["cl"].result_list) == [to_org]
    assert list(admin_client.get(url, {"q": "duc thang"}).context["cl"].result_list) == [to_person]
    assert list(admin_client.get(url, {"q": "Văn phòng"}).context["cl"].result_list) == [to_other]
    # Collectives that are not members are found without diacritics too, like on the public honours roll.
    assert list(admin_client.get(url, {"q": "van phong lien minh"}).context["cl"].result_list) == [to_other]


def test_autocomplete_ignores_diacritics(admin_client):
    wanted = factories.OrganizationFactory(name="HTX Nông nghiệp Thắng Thủy")
    factories.OrganizationFactory(name="HTX Thủy sản Cát Hải")
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"term": "thang thuy", "app_label": "awards", "model_name": "honour", "field_name": "organization"},
    )
    assert response.status_code == 200
    results = json.loads(response.content)["results"]
    assert [r["id"] for r in results] == [str(wanted.pk)]


def test_autocomplete_ranks_typed_diacritics_first(admin_client):
    plain = factories.PersonFactory(full_name="Nguyễn Văn Thang")
    accented = factories.PersonFactory(full_name="Nguyễn Văn Thắng")
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"term": "Thắng", "app_label": "awards", "model_name": "honour", "field_name": "person"},
    )
    ids = [r["id"] for r in json.loads(response.content)["results"]]
    assert ids == [str(accented.pk), str(plain.pk)]


def test_area_and_authority_filter_by_in_force(admin_client):
    import datetime

    old = factories.AreaFactory(
        name="Huyện Thử Cũ", valid_from=datetime.date(1990, 1, 1), valid_to=datetime.date(2025, 6, 30)
    )
    new = factories.AreaFactory(name="Phường Thử Mới", valid_from=datetime.date(2025, 7, 1))
    url = reverse("admin:members_area_changelist")
    current = list(admin_client.get(url, {"in_force": "yes", "q": "thu"}).context["cl"].result_list)
    former = list(admin_client.get(url, {"in_force": "no", "q": "thu"}).context["cl"].result_list)
    assert new in current and old not in current
    assert old in former and new not in former
    gone = factories.AuthorityFactory(name="UBND huyện Thử", valid_to=datetime.date(2025, 6, 30))
    url = reverse("admin:awards_authority_changelist")
    assert gone in admin_client.get(url, {"in_force": "no"}).context["cl"].result_list
    assert gone not in admin_client.get(url, {"in_force": "yes"}).context["cl"].result_list


def test_period_filters_on_members_and_honours(admin_client):
    import datetime

    early = factories.OrganizationFactory(founded_on=datetime.date(1990, 1, 1), joined_on=datetime.date(1995, 3, 1))
    recent = factories.OrganizationFactory(joined_on=datetime.date(2021, 6, 1))
    url = reverse("admin:members_organization_changelist")
    assert list(admin_client.get(url, {"joined_on_period": "1990-1999"}).context["cl"].result_list) == [early]
    assert recent in admin_client.get(url, {"joined_on_period": "2020-2024"}).context["cl"].result_list
    assert admin_client.get(url, {"joined_on_period": "abc"}).status_code == 200  # nonsense is ignored
    old = factories.HonourFactory(conferred_on=datetime.date(1998, 5, 1))
    factories.HonourFactory(conferred_on=datetime.date(2020, 7, 31))
    url = reverse("admin:awards_honour_changelist")
    assert list(admin_client.get(url, {"conferred_on_period": "-1999"}).context["cl"].result_list) == [old]


def test_member_without_join_date_is_listed_when_no_period_is_chosen(admin_client):
    org = factories.OrganizationFactory(joined_on=None)
    assert org in admin_client.get(reverse("admin:members_organization_changelist")).context["cl"].result_list
