"""The dashboard's URLs, under /dashboard/: the page, its CSV tables and the printable reports.

The names stay un-namespaced ("dashboard", "report-event-honours", ...): templates, the admin's object tools and the
tests reverse them as they are.
"""

from django.urls import path, register_converter

from . import views


class ReportFormatConverter:
    """The formats a printable report comes in."""

    regex = "pdf|xlsx"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ReportFormatConverter, "fmt")

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("csv/<slug:key>.csv", views.DashboardCsvView.as_view(), name="dashboard-csv"),
    path(
        "reports/events/<slug:slug>/honours.<fmt:fmt>",
        views.EventHonoursReportView.as_view(),
        name="report-event-honours",
    ),
    path(
        "reports/decisions/<int:pk>/honours.<fmt:fmt>",
        views.DecisionHonoursReportView.as_view(),
        name="report-decision-honours",
    ),
    path("reports/members.<fmt:fmt>", views.MembersReportView.as_view(), name="report-members"),
    path("reports/yearly.<fmt:fmt>", views.YearlyReportView.as_view(), name="report-yearly"),
]
