"""URLs of the honours roll and a decision's page."""

from django.urls import path

from . import views

app_name = "awards"

urlpatterns = [
    path("", views.HonourListView.as_view(), name="honour-list"),
    path("decisions/<int:pk>/", views.DecisionDetailView.as_view(), name="decision-detail"),
]
