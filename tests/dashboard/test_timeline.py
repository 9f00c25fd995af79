"""Charts and tables per year leave out their empty stretches: none before the first record or after the last, a long
run of empty years folded into one row; the CSV download keeps every year of the period."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation

from dashboard import charts, figures, timeline
from dashboard.timeline import Gap

YEARS = list(range(1990, 2027))


def flags(full_years, years=YEARS):
    """One flag per year: empty unless listed."""
    return [year not in full_years for year in years]


def test_leading_and_trailing_empty_years_are_left_out():
    shown, left_out = timeline.stretches(YEARS, flags({2020}))
    assert shown == [YEARS.index(2020)]
    assert left_out == [Gap(1990, 2019), Gap(2021, 2026)]
    assert [gap.label for gap in left_out] == ["1990–2019", "2021–2026"]


def test_a_long_gap_is_folded_and_a_short_one_kept():
    years = list(range(2000, 2011))
    shown, left_out = timeline.stretches(years, flags({2000, 2002, 2006, 2010}, years))
    assert left_out == []
    # 2001 (one empty year) stays as a zero row; 2003-2005 and 2007-2009 (three each) are folded
    assert shown == [0, 1, 2, Gap(2003, 2005), 6, Gap(2007, 2009), 10]


def test_two_empty_years_stay_three_fold():
    years = [2000, 2001, 2002, 2003]
    assert timeline.stretches(years, [False, True, True, False])[0] == [0, 1, 2, 3]
    years = [2000, 2001, 2002, 2003, 2004]
    assert timeline.stretches(years, [False, True, True, True, False])[0] == [0, Gap(2001, 2003), 4]


def test_nothing_recorded_shows_nothing():
    assert timeline.stretches(YEARS, [True] * len(YEARS)) == ([], [Gap(1990, 2026)])
    assert timeline.stretches([2020], [False]) == ([0], [])
    assert Gap(2021, 2021).label == "2021"


def test_fold_keeps_rows_and_bars_together():
    rows = [[year, 0, 0, 5, 0] for year in range(2000, 2011)]
    rows[0][1] = 2  # 2000: joined
    rows[6][2] = 1  # 2006: withdrew
    rows[7][1] = 1  # 2007: joined
    figure = figures.Figure(
        key="membership-per-year",
        title="Joins",
        headers=["Year", "Joined", "Withdrew", "At the end", "Unpublished"],
        rows=rows,
        chart=figures.Chart(
            labels=[r[0] for r in rows],
            series=[("Joined", [r[1] for r in rows]), ("Withdrew", [r[2] for r in rows])],
            by_year=True,
        ),
    )
    folded = timeline.fold(figure)
    # the members at the end of a year (column 3) do not make a year "full": only what the chart draws does
    assert folded.chart.labels == [2000, "2001–2005", 2006, 2007]
    assert folded.rows == [rows[0], Gap(2001, 2005), rows[6], rows[7]]
    assert folded.left_out == [Gap(2008, 2010)]
    assert folded.chart.series == [("Joined", [2, 0, 0, 1]), ("Withdrew", [0, 0, 1, 0])]
    assert folded.chart.gaps == {1}
    with translation.override("en"):
        svg = charts.draw(folded.chart)
    gap_bar = svg.bars[1]
    assert gap_bar.gap and gap_bar.rects == [] and gap_bar.value_text == "nothing recorded"
    assert [len(bar.rects) for bar in svg.bars] == [1, 0, 1, 1]


def test_compact_chart_puts_each_label_above_its_bar():
    chart = figures.Chart(labels=["Hợp tác xã", "Doanh nghiệp"], series=[("Members", [7, 2])])
    wide, compact = charts.draw(chart), charts.draw(chart, charts.COMPACT)
    assert (wide.width, compact.width) == (640, 320)
    assert wide.label_anchor == "end" and compact.label_anchor == "start"
    for bar in compact.bars:
        assert bar.label_y < bar.rects[0].y  # the label's baseline is above the bar
        assert bar.rects[0].x == 0
    assert max(r.x + r.width for bar in compact.bars for r in bar.rects) <= 320 - charts.VALUE_WIDTH


@pytest.mark.django_db
def test_the_page_leaves_out_empty_years_and_the_csv_keeps_them(staff_client, register):
    """The register's joins: 1998, 2015 (two), 2016, 2019, and a withdrawal in 2018."""
    params = {"year_from": 1990, "year_to": 2026}
    response = staff_client.get(reverse("dashboard"), params)
    items = {item["figure"].key: item for section in response.context["sections"] for item in section["items"]}
    membership = items["membership-per-year"]
    labels = [row["gap"].label if "gap" in row else row["cells"][0] for row in membership["rows"]]
    assert labels == [1998, "1999–2014", 2015, 2016, 2017, 2018, 2019]
    assert membership["left_out_text"] == "1990–1997, 2020–2026"
    assert [bar.label for bar in membership["svg"].bars] == [
        "1998",
        "1999–2014",
        "2015",
        "2016",
        "2017",
        "2018",
        "2019",
    ]
    html = response.content.decode()
    assert "1990–1997, 2020–2026" in html
    assert '<th scope="row">1999–2014</th>' in html
    # the figure itself, and so its CSV, keeps every year of the period
    assert len(membership["figure"].rows) == 37
    csv_response = staff_client.get(reverse("dashboard-csv", kwargs={"key": "membership-per-year"}), params)
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8").lstrip("\ufeff"))))
    assert [row[0] for row in rows[1:]] == [str(year) for year in range(1990, 2027)]
    # figures that are not per year are left whole
    assert len(items["members-by-kind"]["rows"]) == len(items["members-by-kind"]["figure"].rows)
