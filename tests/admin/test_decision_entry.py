"""Entering a decision's recipients in the admin (issue 18): one recipient field that finds members, people and other
collectives by typing, and the "Paste the list" page (preview, choices, all or nothing)."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from awards.models import Honour
from members.models import Person
from tests import factories
from tests.admin.utils import change_form_data, count_queries
from tests.awards.ceremony import ceremony_register, ceremony_table

pytestmark = pytest.mark.django_db

RECIPIENTS_URL = reverse("admin:awards_decision_recipients")


def _paste_url(decision):
    return reverse("admin:awards_decision_paste", args=[decision.pk])


# --- the recipient field ------------------------------------------------------------------------------------------


def test_each_honour_row_has_one_labelled_recipient_field_showing_its_recipient(admin_client):
    decision = factories.DecisionFactory()
    member = factories.OrganizationFactory(name="HTX Nông nghiệp Thắng Thủy")
    factories.HonourFactory(decision=decision, authority=decision.authority, organization=member)
    factories.HonourFactory(
        decision=decision, authority=decision.authority, organization=None, recipient_name="Văn phòng Liên minh"
    )
    page = admin_client.get(reverse("admin:awards_decision_change", args=[decision.pk])).content.decode()
    assert page.count('class="admin-autocomplete recipient-select"') == 2 + 3 + 1  # two honours, 3 extra, template
    assert 'name="honours-0-organization"' not in page and 'name="honours-0-recipient_name"' not in page
    assert f'<option value="organization:{member.pk}" selected>Thành viên: HTX Nông nghiệp Thắng Thủy</option>' in page
    assert '<option value="name:Văn phòng Liên minh" selected>Tập thể khác: Văn phòng Liên minh</option>' in page
    assert (
        '<label class="required inline" for="id_honours-0-recipient">Tập thể, cá nhân được khen thưởng:</label>' in page
    )
    assert 'data-ajax--url="/admin/awards/decision/recipients/"' in page
    assert "/static/js/admin-recipient.js" in page and "/static/css/admin-entry.css" in page


def test_recipient_field_saves_the_kind_chosen_and_refuses_a_recipient_gone(admin_client):
    decision = factories.DecisionFactory()
    honour = factories.HonourFactory(decision=decision, authority=decision.authority)
    person = factories.PersonFactory()
    url = reverse("admin:awards_decision_change", args=[decision.pk])
    data = change_form_data(admin_client.get(url))
    assert data["honours-0-recipient"] == f"organization:{honour.organization_id}"
    data["honours-0-recipient"] = f"person:{person.pk}"
    assert admin_client.post(url, data).status_code == 302
    honour.refresh_from_db()
    assert (honour.organization, honour.person, honour.recipient_name) == (None, person, "")

    data = change_form_data(admin_client.get(url))
    data["honours-0-recipient"] = "person:999999"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    form = response.context["inline_admin_formsets"][0].formset.forms[0]
    assert form.errors["recipient"] == ["Người/đơn vị này không còn trong dữ liệu; hãy chọn lại."]
    data["honours-0-recipient"] = "anything"
    response = admin_client.post(url, data)
    assert response.context["inline_admin_formsets"][0].formset.forms[0].errors["recipient"] == [
        "Hãy chọn người/đơn vị được khen thưởng trong danh sách."
    ]
    honour.refresh_from_db()
    assert honour.person == person


def test_recipient_search_ignores_diacritics_and_offers_every_kind(admin_client, django_assert_max_num_queries):
    member = factories.OrganizationFactory(name="HTX Nông nghiệp Thắng Thủy")
    person = factories.PersonFactory(full_name="Phạm Văn Thắng", position="Giám đốc HTX Thủy Sơn")
    factories.HonourFactory(organization=None, recipient_name="Ban Thắng Thủy của Liên minh")
    factories.OrganizationFactory(name="HTX Vận tải Hải An")
    admin_client.get(RECIPIENTS_URL, {"term": "x"})
    with django_assert_max_num_queries(8):
        response = admin_client.get(RECIPIENTS_URL, {"term": "thang thuy"})
    results = response.json()["results"]
    assert results == [
        {"id": f"organization:{member.pk}", "text": "Thành viên: HTX Nông nghiệp Thắng Thủy"},
        {"id": f"person:{person.pk}", "text": "Cá nhân: Phạm Văn Thắng – Giám đốc HTX Thủy Sơn"},
        {"id": "name:Ban Thắng Thủy của Liên minh", "text": "Tập thể khác: Ban Thắng Thủy của Liên minh"},
        {"id": "name:thang thuy", "text": "Tập thể khác, tên mới: thang thuy"},
    ]
    assert response.json()["pagination"] == {"more": False}
    assert admin_client.get(RECIPIENTS_URL, {"term": "  "}).json()["results"] == []


def test_recipient_search_queries_do_not_grow_with_matches(admin_client):
    def make(n):
        factories.OrganizationFactory.create_batch(n, name="HTX Đông Hòa")
        factories.PersonFactory.create_batch(n, full_name="Đông Hòa")

    make(2)
    url = f"{RECIPIENTS_URL}?term=dong+hoa"
    few = count_queries(admin_client, url)
    make(20)
    assert count_queries(admin_client, url) == few


def _as(user=None):
    browser = Client()
    if user is not None:
        browser.force_login(user)
    return browser


def test_recipient_search_needs_permission_to_enter_honours(leader, editor):
    assert _as().get(RECIPIENTS_URL, {"term": "a"}).status_code == 302  # to the login page
    assert _as(leader).get(RECIPIENTS_URL, {"term": "a"}).status_code == 403
    assert _as(editor).get(RECIPIENTS_URL, {"term": "a"}).status_code == 200


# --- Paste the list -----------------------------------------------------------------------------------------------


def test_decision_page_links_to_paste_the_list_for_those_who_may_add_honours(editor, leader):
    decision = factories.DecisionFactory()
    url = reverse("admin:awards_decision_change", args=[decision.pk])
    assert f'href="{_paste_url(decision)}"' in _as(editor).get(url).content.decode()
    assert f'href="{_paste_url(decision)}"' not in _as(leader).get(url).content.decode()


def test_paste_page_permissions_and_unknown_decision(leader, editor):
    decision = factories.DecisionFactory()
    assert _as().get(_paste_url(decision)).status_code == 302
    leader_client, editor_client = _as(leader), _as(editor)
    assert leader_client.get(_paste_url(decision)).status_code == 403
    assert leader_client.post(_paste_url(decision), {"text": "Vũ Văn Nam", "confirm": "1"}).status_code == 403
    response = editor_client.get(_paste_url(decision))
    assert response.status_code == 200
    assert "Dán danh sách khen thưởng" in response.content.decode()
    missing = reverse("admin:awards_decision_paste", args=[decision.pk + 1000])
    assert editor_client.get(missing).status_code == 404
    assert editor_client.post(missing, {"text": "Vũ Văn Nam", "confirm": "1"}).status_code == 404
    assert not Honour.objects.exists()


def test_paste_needs_the_csrf_token(editor):
    decision = factories.DecisionFactory()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor)
    assert browser.post(_paste_url(decision), {"text": "Vũ Văn Nam\t\tBằng khen", "preview": "1"}).status_code == 403


def _preview(client, decision, text, **extra):
    response = client.post(_paste_url(decision), {"text": text, "preview": "1", **extra})
    assert response.status_code == 200
    return response


def _confirm_data(response):
    """The preview page's form as a browser would send it with the choices shown, pressing "Create"."""
    data = {
        name: field.value() or "" for name, field in ((n, response.context["form"][n]) for n in ("text", "previewed"))
    }
    for _match, recipient, honour_form, _error in response.context["rows"]:
        data[recipient.html_name] = recipient.value() or ""
        data[honour_form.html_name] = honour_form.value() or ""
    data["confirm"] = "1"
    return data


def test_pasting_the_ceremony_list_previews_then_creates_23_honours(editor_client, django_assert_max_num_queries):
    made = ceremony_register(people=False)
    decision = factories.DecisionFactory(signed_on=datetime.date(2020, 7, 20))
    response = _preview(editor_client, decision, ceremony_table())
    page = response.content.decode()
    assert "23 dòng: 8 đã khớp, 0 có nhiều khả năng, 15 chưa có trong dữ liệu." in page
    rows = response.context["rows"]
    assert rows[1][1].value() == f"organization:{made['organizations'][0].pk}"
    assert rows[0][1].value() == "name" and rows[8][1].value() == "new-person"
    assert not Honour.objects.exists()  # a preview writes nothing

    data = _confirm_data(response)
    data.update(conferred_on="31/07/2020", citation="Đã có thành tích xuất sắc")
    response = editor_client.post(_paste_url(decision), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert response["Location"] == reverse("admin:awards_decision_change", args=[decision.pk])
    assert decision.honours.count() == 23
    assert set(decision.honours.values_list("conferred_on", "citation")) == {
        (datetime.date(2020, 7, 31), "Đã có thành tích xuất sắc")
    }
    assert Person.objects.filter(honours__decision=decision, public_consent=False).count() == 14
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == [f"Đã thêm 23 khen thưởng vào {decision}."]


def test_one_bad_line_creates_nothing_and_the_page_names_it(editor_client):
    decision = factories.DecisionFactory()
    factories.OrganizationFactory(name="HTX Đông Hòa")
    flag = factories.HonourFormFactory(name="Cờ thi đua")
    response = _preview(editor_client, decision, "1\tHTX Đông Hòa\t\tBằng khen\n2\tVũ Văn Nam\tGiám đốc\tBằng khen\n")
    data = _confirm_data(response)
    assert data["recipient_2"] == "new-person"
    data["form_2"] = flag.pk  # a flag goes to collectives only: Honour.clean refuses it
    response = editor_client.post(_paste_url(decision), data)
    assert response.status_code == 200
    assert response.context["errors"] == ["Dòng 2 (Vũ Văn Nam): Không thể tặng Cờ thi đua cho cá nhân."]
    assert "Chưa tạo khen thưởng nào." in response.content.decode()
    assert not Honour.objects.exists() and not Person.objects.filter(full_name="Vũ Văn Nam").exists()


def test_a_list_changed_after_the_preview_is_previewed_again_not_created(editor_client):
    decision = factories.DecisionFactory()
    response = _preview(editor_client, decision, "Vũ Văn Nam\tGiám đốc\tBằng khen\n")
    data = _confirm_data(response)
    data["text"] += "Lê Thị Hoa\tKế toán\tBằng khen\n"
    response = editor_client.post(_paste_url(decision), data)
    assert response.status_code == 200
    assert len(response.context["rows"]) == 2
    assert "Danh sách đã thay đổi sau khi xem trước" in response.content.decode()
    assert not Honour.objects.exists()


def test_unreadable_paste_and_bad_details_are_explained(editor_client):
    decision = factories.DecisionFactory()
    response = _preview(editor_client, decision, " \n\t\n")
    assert response.context["form"].errors["text"]  # required
    response = _preview(editor_client, decision, "STT\tHọ và tên\n")
    assert response.context["form"].errors["text"] == ["Không tìm thấy người/đơn vị nào trong nội dung đã dán."]
    response = _preview(editor_client, decision, "Vũ Văn Nam", achievement_year="1800", conferred_on="31/13/2020")
    assert set(response.context["form"].errors) == {"achievement_year", "conferred_on"}
    assert response.context["rows"] is None


def test_paste_preview_queries_are_bounded_per_line(editor_client, django_assert_max_num_queries):
    ceremony_register()
    decision = factories.DecisionFactory()
    with django_assert_max_num_queries(12 + 2 * 23):
        _preview(editor_client, decision, ceremony_table())
