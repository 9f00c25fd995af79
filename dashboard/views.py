"""The leadership dashboard and its printable reports (PDF and Excel).

Staff only: anyone not signed in is sent to the sign-in page, anyone signed in without staff status (or a place in
the "Lãnh đạo" group) gets 403. Every figure comes from dashboard.figures (database aggregates), so the page costs
the same few queries with ten members or a hundred thousand.
"""

import csv

from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from awards.models import Decision
from core.cache import versioned
from events.models import Event

from . import charts, figures, glance, timeline
from .forms import EARLIEST_YEAR, DirectoryForm, PeriodForm, YearForm, latest_year
from .reports import directory, honours, yearly

LEADERSHIP_GROUP = "Lãnh đạo"

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def may_see_dashboard(user):
    """Staff (leadership's accounts are staff too), or a member of the "Lãnh đạo" group."""
    if not user.is_active:
        return False
    return user.is_staff or user.groups.filter(name=LEADERSHIP_GROUP).exists()


class LeadershipRequiredMixin(LoginRequiredMixin, UserPassesTestMixin):
    """Anonymous: the sign-in page. Signed in without the right: 403."""

    def test_func(self):
        return may_see_dashboard(self.request.user)


def _download(content, fmt, filename):
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response


class DashboardView(LeadershipRequiredMixin, TemplateView):
    template_name = "dashboard/dashboard.html"

    def get(self, request, *args, **kwargs):
        summary = _glance()
        form = PeriodForm(request.GET, default_years=_fitted_years(summary))
        at_a_glance = {
            "glance": summary,
            "key_figures": glance.key_figures(summary),
            "attention": glance.attention(summary),
        }
        if form.is_bound and not form.is_valid():
            context = self.get_context_data(form=form, sections=[], **at_a_glance, **self._report_forms(form))
            return self.render_to_response(context, status=400)
        period = form.period()
        key = "dashboard:{}:{}:{}:{}:{}".format(
            get_language() or "", period.year_from, period.year_to, period.area.pk if period.area else "", period.kind
        )
        sections = versioned(key, lambda: _sections(period))
        context = self.get_context_data(
            form=form, period=period, sections=sections, **at_a_glance, **self._report_forms(form)
        )
        return self.render_to_response(context)

    def _report_forms(self, form):
        initial = {}
        if form.is_bound and form.is_valid():
            initial = {"area": form.cleaned_data.get("area"), "kind": form.cleaned_data.get("kind")}
        directory_form = DirectoryForm(initial=initial)
        # Both forms list the same administrative units: read them once, not once per form.
        choices = list(iter(form.fields["area"].choices))  # iter(): no COUNT query for a length hint
        form.fields["area"].choices = directory_form.fields["area"].choices = choices
        return {"directory_form": directory_form, "year_form": YearForm()}


def _glance():
    """The key figures and the years with records: computed once per data change and day (they depend on today)."""
    today = timezone.localdate()
    return versioned(f"dashboard:glance:{today.isoformat()}", lambda: glance.compute(today))


def _fitted_years(summary):
    """The period a first visit opens on: the last ten years that have records (see glance.default_years)."""
    return glance.default_years(
        summary.first_year, summary.last_year, summary.year, earliest=EARLIEST_YEAR, latest=latest_year()
    )


def _sections(period):
    """Every figure of the dashboard with its chart, table and CSV link: computed once per data change and period
    (see core.cache.versioned), as the aggregates over every honour are the page's whole cost."""
    query = urlencode(period.as_query())
    sections = []
    for title, keys in figures.SECTIONS:
        items = [_item(figures.FIGURES[key](period), query) for key in keys]
        sections.append({"title": title, "items": items, "slug": keys[0].split("-")[0]})
    return sections


def _item(figure, query):
    """One figure as the page shows it. A figure per year leaves out its empty stretches (dashboard.timeline): its
    chart and table show the years with records, the CSV every year of the period."""
    chart, rows, left_out = figure.chart, _rows_with_links(figure), []
    if chart and chart.by_year:
        folded = timeline.fold(figure)
        chart, left_out = folded.chart, folded.left_out
        rows = [{"gap": row} if isinstance(row, timeline.Gap) else {"cells": row} for row in folded.rows]
    return {
        "figure": figure,
        "svg": charts.draw(chart) if chart else None,
        "svg_compact": charts.draw(chart, charts.COMPACT) if chart else None,
        "csv_url": f"{reverse('dashboard-csv', kwargs={'key': figure.key})}?{query}",
        "rows": rows,
        "left_out": left_out,
        "left_out_text": ", ".join(gap.label for gap in left_out),
        "wide": len(figure.headers) > 3,  # a table of more columns needs the whole width, below its chart
    }


def _rows_with_links(figure):
    """Pair each table row with its links (a page, the PDF and Excel reports), when the figure has any."""
    links = figure.links or [None] * len(figure.rows)
    return [{"cells": row, "links": link} for row, link in zip(figure.rows, links, strict=False)]


class DashboardCsvView(LeadershipRequiredMixin, View):
    """One dashboard table as CSV (UTF-8 with BOM, so spreadsheet programs read the diacritics right)."""

    def get(self, request, key):
        compute = figures.FIGURES.get(key)
        if compute is None:
            raise Http404
        form = PeriodForm(request.GET, default_years=_fitted_years(_glance()))
        if form.is_bound and not form.is_valid():
            return HttpResponse(
                "\n".join(str(e) for errors in form.errors.values() for e in errors),
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        period = form.period()
        figure = compute(period)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{key}-{period.year_from}-{period.year_to}.csv"'
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow([str(h) for h in figure.headers])
        for row in figure.rows:
            writer.writerow([_csv_cell(value) for value in row])
        return response


def _csv_cell(value):
    text = str(value)
    if text[:1] in ("=", "+", "-", "@") and not isinstance(value, int):
        return "'" + text  # never a formula in a spreadsheet
    return text


class EventHonoursReportView(LeadershipRequiredMixin, View):
    def get(self, request, slug, fmt):
        event = get_object_or_404(Event, slug=slug)
        report = honours.for_event(event)
        content = honours.to_pdf(report) if fmt == "pdf" else honours.to_xlsx(report)
        return _download(content, fmt, report.filename)


class DecisionHonoursReportView(LeadershipRequiredMixin, View):
    def get(self, request, pk, fmt):
        decision = get_object_or_404(Decision.objects.select_related("authority"), pk=pk)
        report = honours.for_decision(decision)
        content = honours.to_pdf(report) if fmt == "pdf" else honours.to_xlsx(report)
        return _download(content, fmt, report.filename)


class MembersReportView(LeadershipRequiredMixin, View):
    def get(self, request, fmt):
        form = DirectoryForm(request.GET)
        if not form.is_valid():
            return _form_error(request, form, _("Member directory"))
        choice = {key: form.cleaned_data.get(key) or "" for key in ("kind", "status")}
        choice["area"] = form.cleaned_data.get("area")
        limit = directory.PDF_LIMIT if fmt == "pdf" else directory.XLSX_LIMIT
        if directory.count(**choice) > limit:
            form.add_error(
                None,
                _(
                    "This report lists at most %(limit)s members. Choose an administrative unit, a kind or a "
                    "status; the whole register can be exported from the administration."
                )
                % {"limit": number_format(limit, force_grouping=True)},
            )
            return _form_error(request, form, _("Member directory"))
        report = directory.build(fields=form.chosen_fields(), show_contacts=request.user.is_staff, **choice)
        content = directory.to_pdf(report) if fmt == "pdf" else directory.to_xlsx(report)
        return _download(content, fmt, "danh-ba-thanh-vien")


class YearlyReportView(LeadershipRequiredMixin, View):
    def get(self, request, fmt):
        form = YearForm(request.GET)
        if not form.is_valid():
            return _form_error(request, form, _("Yearly summary"))
        summary = yearly.build(form.cleaned_data["year"])
        content = yearly.to_pdf(summary) if fmt == "pdf" else yearly.to_xlsx(summary)
        return _download(content, fmt, f"tong-ket-nam-{summary.year}")


def _form_error(request, form, title):
    """A report asked for with bad choices: the errors in words, status 400, nothing generated."""
    return render(request, "reports/form_error.html", {"form": form, "title": title}, status=400)
