"""The top of the dashboard: the key figures, what needs attention (each number equal to the admin list it opens),
and the period the dashboard opens on (the last ten years that have records)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.models import Decision, Honour
from dashboard import figures, glance
from events.models import Event
from members.models import Organization
from tests import factories

pytestmark = pytest.mark.django_db


# --- the default period --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (2020, 2020, (2020, 2020)),  # one year of records: that year
        (2016, 2020, (2016, 2020)),  # fewer than ten years: all of them
        (1991, 2020, (2011, 2020)),  # thirty years: the last ten
        (1991, 2026, (2017, 2026)),
        (None, None, (2017, 2026)),  # nothing recorded: the ten years up to this one
        (1930, 1940, (1945, 1945)),  # never outside what the period form accepts
        (2020, 2031, (2020, 2027)),
    ],
)
def test_default_years_are_the_last_ten_with_records(first, last, expected):
    assert glance.default_years(first, last, 2026, earliest=1945, latest=2027) == expected


def test_records_in_2020_only_open_the_dashboard_on_2020(staff_client):
    org = factories.OrganizationFactory(joined_on=None)
    factories.HonourFactory(organization=org, conferred_on=datetime.date(2020, 7, 31))
    factories.EventFactory(starts_at=timezone.make_aware(datetime.datetime(2020, 7, 31, 8, 0)))
    response = staff_client.get(reverse("dashboard"))
    period = response.context["period"]
    assert (period.year_from, period.year_to) == (2020, 2020)
    assert "Giai đoạn: 2020 – 2020" in response.content.decode()


def test_thirty_years_of_records_open_the_dashboard_on_the_last_ten(staff_client):
    factories.OrganizationFactory(founded_on=None, joined_on=datetime.date(1991, 3, 1))
    factories.DecisionFactory(signed_on=datetime.date(2005, 1, 1))
    factories.HonourFactory(organization=None, recipient_name="Ban Kiểm tra", conferred_on=datetime.date(2020, 5, 1))
    period = staff_client.get(reverse("dashboard")).context["period"]
    assert (period.year_from, period.year_to) == (2011, 2020)
    # a chosen period still wins, however long
    period = staff_client.get(reverse("dashboard"), {"year_from": 1950, "year_to": 2020}).context["period"]
    assert (period.year_from, period.year_to) == (1950, 2020)


def test_csv_without_a_period_uses_the_same_default(staff_client):
    factories.HonourFactory(organization=None, recipient_name="Ban Kiểm tra", conferred_on=datetime.date(2019, 5, 1))
    response = staff_client.get(reverse("dashboard-csv", kwargs={"key": "honours-per-year-by-form"}))
    assert response.status_code == 200
    assert 'filename="honours-per-year-by-form-2019-2019.csv"' in response["Content-Disposition"]


# --- the key figures and what needs attention ----------------------------------------------------------------------


@pytest.fixture
def this_year(register):
    """The register (dated 1998-2020), and records dated this year and in the days to come."""
    today = timezone.localdate()
    year = today.year
    jan = datetime.date(year, 1, 1)
    signed = factories.DecisionFactory(signed_on=jan, is_published=False)
    new = [
        factories.OrganizationFactory(joined_on=jan, area=None),
        factories.OrganizationFactory(joined_on=jan, is_published=False),
        factories.OrganizationFactory(
            joined_on=jan, status=Organization.Status.SUSPENDED, status_changed_on=jan, sectors=[]
        ),
    ]
    factories.HonourFactory(organization=new[0], conferred_on=jan)
    factories.HonourFactory(organization=new[1], conferred_on=jan, is_published=False)
    factories.HonourFactory(organization=None, recipient_name="Văn phòng Liên minh", conferred_on=None, decision=signed)
    soon = timezone.make_aware(datetime.datetime.combine(today + datetime.timedelta(days=10), datetime.time(8)))
    factories.EventFactory(starts_at=soon)
    factories.EventFactory(starts_at=soon, is_published=False)
    factories.AnniversaryFactory(starts_at=timezone.make_aware(datetime.datetime(2015, 7, 31, 8, 0)))
    factories.EventFactory(kind=Event.Kind.TRAINING, starts_at=timezone.make_aware(datetime.datetime(2014, 3, 1, 8)))
    return today


def test_key_figures_count_what_the_dashboard_counts(this_year):
    today = this_year
    found = glance.compute(today)
    orgs = list(Organization.objects.prefetch_related("sectors"))
    active = [o for o in orgs if o.status == Organization.Status.ACTIVE]
    assert (found.members, found.members_public) == (len(active), len([o for o in active if o.is_published]))
    joined = [o for o in orgs if o.joined_on and o.joined_on.year == today.year]
    assert (found.joined, found.joined_public) == (3, 2) == (len(joined), len([o for o in joined if o.is_published]))
    # Honours this year by the dashboard's own rule and its own count of the unpublished (figures.honours and
    # PUBLIC_HONOUR): the one dated by its decision counts, and hides behind the unpublished decision.
    figure = figures.honours_collectives_individuals(figures.Period(today.year, today.year))
    assert found.honours == figure.rows[0][3] == 3
    assert found.honours - found.honours_public == figure.rows[0][4] == 2
    upcoming = [e for e in Event.objects.all() if timezone.localtime(e.starts_at).date() >= today]
    assert (found.upcoming, found.upcoming_public) == (2, 1)
    assert (len(upcoming), len([e for e in upcoming if e.is_published])) == (2, 1)
    assert found.unpublished_members == len([o for o in orgs if not o.is_published])
    assert found.unpublished_honours == Honour.objects.filter(is_published=False).count()
    assert found.unpublished_decisions == Decision.objects.filter(is_published=False).count() == 2
    assert found.unpublished_events == Event.objects.filter(is_published=False).count() == 2
    assert found.members_without_area == len([o for o in orgs if o.area_id is None]) == 1
    assert found.members_without_sector == len([o for o in orgs if not o.sectors.all()])
    # past ceremonies without honours: the 2016 conference and the 2015 anniversary; not the training, not the
    # anniversary and the training that have honours, not the events to come
    assert found.ceremonies_without_honours == 2
    soon = today + datetime.timedelta(days=10)
    assert (found.first_year, found.last_year) == (1998, soon.year)


def test_each_number_opens_the_admin_list_of_exactly_those_records(admin_client, this_year):
    found = glance.compute(this_year)
    items = glance.attention(found) + [f for f in glance.key_figures(found) if "/admin/" in f["url"]]
    assert {item["key"] for item in items} >= {"members", "joined", "upcoming", "members-without-sector"}
    for item in items:
        response = admin_client.get(item["url"])
        assert response.status_code == 200, item["url"]
        assert response.context["cl"].result_count == item["value"], item["key"]


def test_honours_of_the_year_open_the_dashboard_on_that_year(staff_client, this_year):
    honours = next(f for f in glance.key_figures(glance.compute(this_year)) if f["key"] == "honours")
    response = staff_client.get(honours["url"])
    assert response.context["period"].year_from == response.context["period"].year_to == this_year.year
    items = [item for section in response.context["sections"] for item in section["items"]]
    by_year = next(item["figure"] for item in items if item["figure"].key == "honours-collectives-individuals")
    assert by_year.rows[0][3] == honours["value"]


def test_the_page_opens_with_the_summary_and_what_needs_attention(staff_client, this_year):
    response = staff_client.get(reverse("dashboard"))
    html = response.content.decode()
    summary = html.index('id="summary"')
    assert summary < html.index('id="period"') < html.index('id="section-members"')
    assert 'href="#summary"' in html and 'href="#section-honours"' in html and 'href="#reports"' in html
    assert "Thành viên hiện nay" in html and "Cần xử lý" in html
    attention = response.context["attention"]
    waiting = [item["value"] > 0 for item in attention]
    assert waiting == sorted(waiting, reverse=True), "what is waiting comes first"
    for item in attention:
        assert f'id="attention-{item["key"]}"' in html
        assert item["url"].replace("&", "&amp;") in html


def test_the_summary_follows_the_data(staff_client, register):
    url = reverse("dashboard")
    before = staff_client.get(url).context["glance"]
    factories.OrganizationFactory(is_published=False)
    after = staff_client.get(url).context["glance"]
    assert after.members == before.members + 1
    assert after.unpublished_members == before.unpublished_members + 1
