"""Every dashboard figure against counts computed here independently, with plain Python over the factory-built rows."""

import csv
import datetime
import io
import re
from collections import Counter

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from awards.models import Honour
from dashboard import figures
from events.models import Event
from members.models import Organization
from tests import factories

pytestmark = pytest.mark.django_db

PERIOD = figures.Period(2015, 2020)


@pytest.fixture(autouse=True)
def _english():
    """Figures called directly speak English here, so the tests can name rows by their English labels."""
    with translation.override("en"):
        yield


def figure_rows(figure):
    return {str(row[0]): row[1:] for row in figure.rows}


def honour_year(h):
    day = h.conferred_on or (h.decision.signed_on if h.decision_id else None)
    return day.year if day else None


def in_period(h, period=PERIOD):
    year = honour_year(h)
    return year is not None and period.year_from <= year <= period.year_to


def test_public_rule_of_the_dashboard_is_the_public_pages_rule(register):
    """The single-query condition counts exactly what Honour.objects.published() shows, case by case."""
    org_hidden = factories.OrganizationFactory(is_published=False)
    no_consent = factories.PersonFactory(public_consent=False, consent_recorded_on=None)
    hidden_person = factories.PersonFactory(is_published=False)
    hidden_decision = factories.DecisionFactory(is_published=False)
    shown_decision = factories.DecisionFactory()
    for decision in (None, hidden_decision, shown_decision):
        for published in (True, False):
            for recipient in (
                {"organization": org_hidden},
                {"organization": None, "person": no_consent},
                {"organization": None, "person": hidden_person},
                {"organization": None, "recipient_name": "Ban Kiểm tra"},
                {},
            ):
                factories.HonourFactory(decision=decision, is_published=published, **recipient)
    assert set(Honour.objects.filter(figures.PUBLIC_HONOUR).values_list("pk", flat=True)) == set(
        Honour.objects.published().values_list("pk", flat=True)
    )


def test_members_by_kind_status_area_and_sector(register):
    orgs = list(Organization.objects.all())
    by_kind = figure_rows(figures.members_by_kind(PERIOD))
    for kind, label in Organization.Kind.choices:
        members = [o for o in orgs if o.kind == kind]
        assert by_kind[str(label)] == [len(members), len([o for o in members if not o.is_published])]
    by_status = figure_rows(figures.members_by_status(PERIOD))
    for status, label in Organization.Status.choices:
        members = [o for o in orgs if o.status == status]
        assert by_status[str(label)] == [len(members), len([o for o in members if not o.is_published])]
    by_area = figure_rows(figures.members_by_area(PERIOD))
    for area in register["areas"]:
        members = [o for o in orgs if o.area_id == area.pk]
        assert by_area[area.name] == [len(members), len([o for o in members if not o.is_published])]
    by_sector = figure_rows(figures.members_by_sector(PERIOD))
    for sector in register["sectors"]:
        members = [o for o in orgs if sector in o.sectors.all()]
        assert by_sector[sector.name] == [len(members), len([o for o in members if not o.is_published])]
    without = [o for o in orgs if not o.sectors.exists()]
    assert by_sector["No sector recorded"] == [len(without), len([o for o in without if not o.is_published])]


def test_member_figures_follow_the_chosen_area_and_kind(register):
    area = register["areas"][1]
    period = figures.Period(2015, 2020, area=area, kind=Organization.Kind.ENTERPRISE)
    chosen = [o for o in Organization.objects.all() if o.area_id == area.pk and o.kind == "enterprise"]
    by_kind = figure_rows(figures.members_by_kind(period))
    assert by_kind["Enterprise"] == [len(chosen), len([o for o in chosen if not o.is_published])]
    assert by_kind["Cooperative"] == [0, 0]
    honours = figure_rows(figures.honours_by_authority(period))
    expected = [h for h in Honour.objects.all() if in_period(h) and h.organization_id and h.organization in chosen]
    assert sum(row[2] for row in honours.values()) == len(expected)


def test_joins_withdrawals_and_members_at_year_end(register):
    orgs = list(Organization.objects.all())
    rows = figure_rows(figures.membership_per_year(PERIOD))
    assert list(rows) == [str(y) for y in range(2015, 2021)]
    for year in range(2015, 2021):
        joined = [o for o in orgs if o.joined_on and o.joined_on.year == year]
        withdrew = [o for o in orgs if o.status == "withdrawn" and o.status_changed_on.year == year]
        at_end = [
            o
            for o in orgs
            if o.joined_on
            and o.joined_on.year <= year
            and not (o.status == "withdrawn" and o.status_changed_on.year <= year)
        ]
        assert rows[str(year)] == [
            len(joined),
            len(withdrew),
            len(at_end),
            len([o for o in joined if not o.is_published]),
        ], year


def test_honours_per_year_by_form_and_unpublished(register):
    figure = figures.honours_per_year_by_form(PERIOD)
    honours = [h for h in Honour.objects.select_related("form", "decision") if in_period(h)]
    public = set(Honour.objects.published().values_list("pk", flat=True))
    forms = figure.headers[1:-2]
    assert sorted(forms) == sorted({h.form.name for h in honours})
    for row in figure.rows:
        year = row[0]
        of_year = [h for h in honours if honour_year(h) == year]
        for i, form_name in enumerate(forms):
            assert row[1 + i] == len([h for h in of_year if h.form.name == form_name]), (year, form_name)
        assert row[-2] == len(of_year)
        assert row[-1] == len([h for h in of_year if h.pk not in public])
    # the honour conferred in 2010 lies outside the period; the one dated by its decision (2017) lies inside
    assert sum(row[-2] for row in figure.rows) == len(honours) == 9


def test_honours_by_authority_collectives_and_individuals(register):
    honours = [h for h in Honour.objects.select_related("authority", "decision") if in_period(h)]
    public = set(Honour.objects.published().values_list("pk", flat=True))
    rows = figure_rows(figures.honours_by_authority(PERIOD))
    for name in {h.authority.name for h in honours}:
        mine = [h for h in honours if h.authority.name == name]
        assert rows[name] == [
            len([h for h in mine if not h.person_id]),
            len([h for h in mine if h.person_id]),
            len(mine),
            len([h for h in mine if h.pk not in public]),
        ]
    per_year = figure_rows(figures.honours_collectives_individuals(PERIOD))
    for year in range(2015, 2021):
        mine = [h for h in honours if honour_year(h) == year]
        assert per_year[str(year)][:3] == [
            len([h for h in mine if not h.person_id]),
            len([h for h in mine if h.person_id]),
            len(mine),
        ]


def test_most_honoured_members(register):
    honours = [h for h in Honour.objects.select_related("decision") if in_period(h) and h.organization_id]
    counts = Counter(h.organization.name for h in honours)
    figure = figures.most_honoured_members(PERIOD)
    first = figure.rows[0]
    assert first[0] == "HTX Nông nghiệp Thắng Thủy"
    assert first[1] == counts["HTX Nông nghiệp Thắng Thủy"] == 3
    hidden = [row for row in figure.rows if row[0].startswith("Công ty TNHH Quang Hải")]
    assert hidden and hidden[0][0].endswith("(unpublished)")
    assert sum(row[1] for row in figure.rows) == len(honours)


def test_events_per_year_kind_and_honours_presented(register):
    events = list(Event.objects.all())
    figure = figures.events_per_year_and_kind(PERIOD)
    kinds = figure.headers[1:-3]
    by_year = figure_rows(figure)
    for year in range(2015, 2021):
        of_year = [e for e in events if timezone.localtime(e.starts_at).year == year]
        row = by_year[str(year)]
        for i, label in enumerate(kinds):
            assert row[i] == len([e for e in of_year if e.get_kind_display() == label])
        assert row[-3] == len(of_year)
        assert row[-2] == len([e for e in of_year if not e.is_published])
        assert row[-1] == sum(e.honours.count() for e in of_year)
    ceremonies = figures.ceremonies(PERIOD)
    assert [row[0] for row in ceremonies.rows] == ["Kỷ niệm 30 năm thành lập", "Tập huấn kỹ thuật"]
    assert [row[3] for row in ceremonies.rows] == [3, 1]


def test_dashboard_page_shows_the_figures_charts_and_tables(staff_client, register):
    response = staff_client.get(reverse("dashboard"), {"year_from": 2015, "year_to": 2020})
    assert response.status_code == 200
    html = response.content.decode()
    for key in figures.FIGURES:
        assert f'id="figure-{key}"' in html
    assert html.count("<svg") >= 8
    assert "<title" in html and 'role="img"' in html
    assert "<script>" not in html and "cdn" not in html.lower()
    assert 'style="' not in html and "<style" not in html  # the CSP allows no inline style either
    assert all('src="/' in tag for tag in re.findall(r"<script[^>]*>", html)), "scripts come from our own static files"
    # the numbers of a table are in the page
    assert "HTX Nông nghiệp Thắng Thủy" in html
    sections = response.context["sections"]
    honours = next(i for s in sections for i in s["items"] if i["figure"].key == "honours-per-year-by-form")
    assert sum(row[-2] for row in honours["figure"].rows) == 9
    # report links for the ceremony
    assert reverse("report-event-honours", kwargs={"slug": register["events"][0].slug, "fmt": "pdf"}) in html


def test_dashboard_defaults_to_the_last_ten_years_with_records(staff_client, register):
    """Changed on purpose: the dashboard used to open on 1990 to this year, mostly empty years. The register's
    records run from 1998 (a join) to 2020 (honours, an event): the last ten of those years."""
    response = staff_client.get(reverse("dashboard"))
    period = response.context["period"]
    assert (period.year_from, period.year_to) == (2011, 2020)
    assert response.context["form"]["year_from"].value() == 2011


def test_csv_download_holds_the_table(staff_client, register):
    url = reverse("dashboard-csv", kwargs={"key": "honours-by-authority"})
    response = staff_client.get(url, {"year_from": 2015, "year_to": 2020})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    expected = figures.honours_by_authority(PERIOD)
    assert rows[0] == [str(h) for h in expected.headers]
    assert rows[1:] == [[str(v) for v in row] for row in expected.rows]


@pytest.mark.parametrize(
    "params",
    [
        {"year_from": "abc"},
        {"year_from": "2020", "year_to": "2015"},
        {"year_from": "-5"},
        {"year_to": "99999999999999999999999"},
        {"area": "999999"},
        {"area": "not-a-number"},
        {"kind": "spaceship"},
        {"year_from": "<script>alert(1)</script>"},
    ],
)
def test_bad_choices_give_a_form_error_not_a_crash(staff_client, register, params):
    response = staff_client.get(reverse("dashboard"), params)
    assert response.status_code == 400
    assert response.context["form"].errors
    assert "<script>alert(1)</script>" not in response.content.decode()
    csv_response = staff_client.get(reverse("dashboard-csv", kwargs={"key": "members-by-kind"}), params)
    assert csv_response.status_code == 400


def test_unknown_csv_table_is_404(staff_client, register):
    assert staff_client.get(reverse("dashboard-csv", kwargs={"key": "nothing-here"})).status_code == 404


def _grow(n, start):
    """n more members, each with an honour and an event, to show the query count does not grow with the data."""
    area = factories.AreaFactory()
    sector = factories.SectorFactory()
    for i in range(n):
        org = factories.OrganizationFactory(
            area=area, joined_on=datetime.date(2000 + (start + i) % 20, 1, 1), sectors=[sector]
        )
        event = factories.EventFactory(starts_at=datetime.datetime(2000 + i % 20, 5, 1, tzinfo=datetime.UTC))
        factories.HonourFactory(organization=org, event=event, conferred_on=datetime.date(2000 + i % 20, 6, 1))
        factories.HonourFactory(organization=None, person=factories.PersonFactory(organization=org))


def test_dashboard_queries_stay_fixed_as_data_grows(staff_client, register, django_assert_max_num_queries):
    """An N+1 in any figure would make the second, larger measurement exceed the first."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("dashboard")
    params = {"year_from": 1995, "year_to": 2020}
    _grow(3, 0)
    with CaptureQueriesContext(connection) as small:
        assert staff_client.get(url, params).status_code == 200
    _grow(30, 3)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert staff_client.get(url, params).status_code == 200
    # Raised from 25 to 26 on purpose: the summary at the top adds four aggregates (members, honours, events,
    # decisions; once per data version and day), and the two forms now share one query for the units' list.
    assert len(small.captured_queries) <= 26


def test_dashboard_less_unpublished_equals_the_public_home_page(client, staff_user, register):
    """What the home page counts per kind is the dashboard's total less its "of which unpublished"."""
    home = client.get(reverse("home"))
    public = {row["kind"]: row["count"] for row in home.context["member_counts"]}
    by_kind = {str(label): value for value, label in Organization.Kind.choices}
    for label, (total, unpublished) in figure_rows(figures.members_by_kind(PERIOD)).items():
        assert total - unpublished == public.get(by_kind[label], 0), label
    honours_public = Honour.objects.published().count()
    everything = figures.honours_by_authority(figures.Period(1990, timezone.localdate().year))
    assert sum(row[3] - row[4] for row in everything.rows) == honours_public
