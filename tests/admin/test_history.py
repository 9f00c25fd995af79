"""History: a change made in the admin is recorded with who and what, shown on the record's history page, and an
earlier version can be restored."""

import pytest
from django.urls import reverse

from members.models import Organization
from tests import factories
from tests.admin.utils import change_form_data

pytestmark = pytest.mark.django_db


def test_change_is_recorded_shown_and_restorable(admin_client, admin_user):
    org = factories.OrganizationFactory(name="HTX Nông nghiệp Thắng Thủy", address="Thôn Cũ")
    url = reverse("admin:members_organization_change", args=[org.pk])
    data = change_form_data(admin_client.get(url))
    data["address"] = "Thôn Mới, xã Thắng Thủy"
    assert admin_client.post(url, data).status_code == 302

    latest = org.history.first()
    assert latest.history_user == admin_user
    assert latest.address == "Thôn Mới, xã Thắng Thủy"

    page = admin_client.get(reverse("admin:members_organization_history", args=[org.pk])).content.decode()
    assert "Thôn Cũ" in page and "Thôn Mới, xã Thắng Thủy" in page  # which field, from what, to what
    assert admin_user.username in page
    assert ">version<" not in page.lower()  # bookkeeping fields are not listed as changes

    first = org.history.earliest()
    revert_url = reverse("admin:members_organization_simple_history", args=[org.pk, first.history_id])
    response = admin_client.get(revert_url)
    assert response.status_code == 200
    data = change_form_data(response)
    assert data["address"] == "Thôn Cũ"
    assert admin_client.post(revert_url, data).status_code == 302
    org.refresh_from_db()
    assert org.address == "Thôn Cũ"
    assert org.version == 3
    assert org.history.first().history_user == admin_user


def test_publish_action_is_recorded_in_history(admin_client, admin_user):
    org = factories.OrganizationFactory(is_published=True)
    admin_client.post(
        reverse("admin:members_organization_changelist"),
        {"action": "unpublish", "_selected_action": [org.pk]},
    )
    org.refresh_from_db()
    assert org.is_published is False
    record = org.history.first()
    assert record.history_user == admin_user and record.is_published is False
    assert Organization.objects.get(pk=org.pk).version == 2


@pytest.mark.parametrize("urlname", ["admin:events_event_history", "admin:awards_decision_history"])
def test_history_page_of_events_and_decisions(admin_client, urlname):
    obj = factories.EventFactory() if "event" in urlname else factories.DecisionFactory()
    response = admin_client.get(reverse(urlname, args=[obj.pk]))
    assert response.status_code == 200
    assert str(obj) in response.content.decode()


def test_history_shows_readable_values(admin_client):
    from django.utils import translation

    org = factories.OrganizationFactory(sectors=[factories.SectorFactory(name="Vận tải")])
    url = reverse("admin:members_organization_change", args=[org.pk])
    data = change_form_data(admin_client.get(url))
    sector = factories.SectorFactory(name="Xây dựng")
    data.update({"status": "suspended", "status_changed_on": "02/01/2024", "sectors": [str(sector.pk)]})
    assert admin_client.post(url, data).status_code == 302
    page = admin_client.get(reverse("admin:members_organization_history", args=[org.pk])).content.decode()
    with translation.override("vi"):
        assert str(Organization.Status.SUSPENDED.label) in page  # the label, not the stored "suspended"
    assert "02/01/2024" in page
    assert "Vận tải" in page and "Xây dựng" in page
    assert "[" not in page.split('id="change-history"')[1].split("</table>")[0]
