"""Who may open the dashboard and the reports: staff and leadership only."""

import pytest
from django.urls import reverse

from tests import factories


def report_urls():
    event = factories.EventFactory(title="Hội nghị Đại biểu")
    decision = factories.DecisionFactory()
    return [
        reverse("dashboard"),
        reverse("dashboard-csv", kwargs={"key": "members-by-kind"}),
        reverse("report-event-honours", kwargs={"slug": event.slug, "fmt": "pdf"}),
        reverse("report-event-honours", kwargs={"slug": event.slug, "fmt": "xlsx"}),
        reverse("report-decision-honours", kwargs={"pk": decision.pk, "fmt": "pdf"}),
        reverse("report-decision-honours", kwargs={"pk": decision.pk, "fmt": "xlsx"}),
        reverse("report-members", kwargs={"fmt": "pdf"}),
        reverse("report-members", kwargs={"fmt": "xlsx"}),
        reverse("report-yearly", kwargs={"fmt": "pdf"}) + "?year=2020",
        reverse("report-yearly", kwargs={"fmt": "xlsx"}) + "?year=2020",
    ]


def test_dashboard_lives_at_the_agreed_path():
    assert reverse("dashboard") == "/dashboard/"


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_the_sign_in_page(client):
    for url in report_urls():
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("admin:login")), url
        assert "next=" in response.url


@pytest.mark.django_db
def test_signed_in_people_without_staff_status_are_refused(client, member_user):
    client.force_login(member_user)
    for url in report_urls():
        assert client.get(url).status_code == 403, url


@pytest.mark.django_db
def test_staff_open_the_dashboard_and_every_report(client, staff_user):
    client.force_login(staff_user)
    for url in report_urls():
        assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_leadership_group_opens_the_dashboard_and_every_report(client, leader):
    client.force_login(leader)
    for url in report_urls():
        assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_leadership_group_member_without_staff_status_is_let_in(client, leader_not_staff):
    client.force_login(leader_not_staff)
    assert client.get(reverse("dashboard")).status_code == 200


@pytest.mark.django_db
def test_inactive_staff_account_is_refused(client, staff_user):
    client.force_login(staff_user)
    staff_user.is_active = False
    staff_user.save()
    assert client.get(reverse("dashboard")).status_code in (302, 403)
