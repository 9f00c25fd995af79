"""URLs of the directory, a member's page and the directory's open data."""

from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("", views.OrganizationListView.as_view(), name="organization-list"),
    path("export.csv", views.export_csv, name="export-csv"),
    path("export.xlsx", views.export_xlsx, name="export-xlsx"),
    path("<slug:slug>/", views.OrganizationDetailView.as_view(), name="organization-detail"),
]
