"""Roles made by `setup_roles`: what editors ("Biên tập viên") and leadership ("Lãnh đạo") can and cannot do."""

import io

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.urls import reverse

from members.models import Organization
from tests import factories
from tests.admin.utils import change_form_data

pytestmark = pytest.mark.django_db

HONOURED_RECORDS = ["members_organization", "members_person", "events_event", "awards_decision", "awards_honour"]


def _url(name, *args):
    return reverse(f"admin:{name}", args=args)


def _objects():
    honour = factories.HonourFactory(decision=factories.DecisionFactory(), event=factories.EventFactory())
    honour.authority = honour.decision.authority
    honour.save()
    return {
        "members_organization": honour.organization,
        "members_person": factories.PersonFactory(),
        "events_event": honour.event,
        "awards_decision": honour.decision,
        "awards_honour": honour,
    }


def test_setup_roles_is_idempotent_and_says_staff_status_is_needed():
    out = io.StringIO()
    call_command("setup_roles", stdout=out)
    first = {g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()}
    call_command("setup_roles", stdout=out)
    second = {g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()}
    assert first == second
    assert set(first) == {"Biên tập viên", "Lãnh đạo"}
    assert "is_staff" in out.getvalue() or "Staff status" in out.getvalue() or "nhân viên" in out.getvalue()


def test_editor_adds_and_changes_but_never_deletes(editor_client):
    objects = _objects()
    for name, obj in objects.items():
        assert editor_client.get(_url(f"{name}_changelist")).status_code == 200, name
        assert editor_client.get(_url(f"{name}_add")).status_code == 200, name
        assert editor_client.get(_url(f"{name}_change", obj.pk)).status_code == 200, name
        assert editor_client.get(_url(f"{name}_history", obj.pk)).status_code == 200, name
        assert editor_client.get(_url(f"{name}_delete", obj.pk)).status_code == 403, name
        assert editor_client.post(_url(f"{name}_delete", obj.pk), {"post": "yes"}).status_code == 403, name
        actions = editor_client.get(_url(f"{name}_changelist")).context["action_form"].fields["action"].choices
        names = [value for value, _label in actions]
        assert "publish" in names and "unpublish" in names, name
        assert "delete_selected" not in names, name
    org = objects["members_organization"]
    url = _url("members_organization_change", org.pk)
    data = change_form_data(editor_client.get(url))
    data["address"] = "Số 5 Điện Biên Phủ"
    assert editor_client.post(url, data).status_code == 302
    org.refresh_from_db()
    assert org.address == "Số 5 Điện Biên Phủ"


def test_editor_can_delete_a_programme_line_but_not_manage_users(editor_client):
    item = factories.ProgrammeItemFactory()
    assert editor_client.get(_url("events_programmeitem_delete", item.pk)).status_code == 200
    for name in ("auth_user_changelist", "auth_group_changelist", "auth_user_add"):
        assert editor_client.get(_url(name)).status_code == 403, name
    assert editor_client.get(_url("auth_user_change", User.objects.get(username="bientap").pk)).status_code == 403


def test_editor_publishes(editor_client):
    org = factories.OrganizationFactory(is_published=False)
    editor_client.post(_url("members_organization_changelist"), {"action": "publish", ACTION_CHECKBOX_NAME: [org.pk]})
    org.refresh_from_db()
    assert org.is_published


def test_leadership_sees_everything_and_changes_nothing(leader_client):
    objects = _objects()
    hidden = factories.OrganizationFactory(is_published=False, name="HTX Chưa Công Bố")
    for name, obj in objects.items():
        assert leader_client.get(_url(f"{name}_changelist")).status_code == 200, name
        page = leader_client.get(_url(f"{name}_change", obj.pk))
        assert page.status_code == 200, name
        assert not page.context["has_change_permission"], name
        assert leader_client.get(_url(f"{name}_history", obj.pk)).status_code == 200, name
        assert leader_client.get(_url(f"{name}_add")).status_code == 403, name
        assert leader_client.get(_url(f"{name}_delete", obj.pk)).status_code == 403, name
        changelist = leader_client.get(_url(f"{name}_changelist"))
        action_form = changelist.context.get("action_form") if changelist.context else None
        names = [value for value, _label in action_form.fields["action"].choices] if action_form else []
        assert "publish" not in names and "unpublish" not in names, name
    listed = leader_client.get(_url("members_organization_changelist")).context["cl"].result_list
    assert hidden in listed  # unpublished records included
    for name in ("auth_user_changelist", "auth_group_changelist"):
        assert leader_client.get(_url(name)).status_code == 403


def test_leadership_cannot_save_or_publish(leader_client):
    org = factories.OrganizationFactory(address="Địa chỉ cũ", is_published=False)
    response = leader_client.post(_url("members_organization_change", org.pk), {"address": "Địa chỉ mới"})
    assert response.status_code == 403
    leader_client.post(_url("members_organization_changelist"), {"action": "publish", ACTION_CHECKBOX_NAME: [org.pk]})
    org.refresh_from_db()
    assert org.address == "Địa chỉ cũ" and org.is_published is False
    assert Organization.objects.count() == 1


def test_group_without_staff_status_cannot_enter_the_admin(client, roles):
    user = User.objects.create_user("khongphainhanvien", password="mat-khau-thu-12345", is_staff=False)
    user.groups.add(roles["Biên tập viên"])
    client.force_login(user)
    response = client.get(_url("members_organization_changelist"))
    assert response.status_code == 302 and reverse("admin:login") in response.url


def test_leadership_sees_history_but_cannot_restore(leader_client):
    org = factories.OrganizationFactory(address="Địa chỉ gốc")
    org.address = "Địa chỉ sau"
    org.save()
    first = org.history.earliest()
    url = _url("members_organization_simple_history", org.pk, first.history_id)
    page = leader_client.get(url)
    assert page.status_code == 200 and page.context["revert_disabled"]
    data = change_form_data(page)
    data["loaded_version"] = org.version
    assert leader_client.post(url, data).status_code == 403
    org.refresh_from_db()
    assert org.address == "Địa chỉ sau"
