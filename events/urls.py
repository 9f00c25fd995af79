"""URLs of the event list, an event's page, the calendar and the feed."""

from django.urls import path

from . import feeds, views

app_name = "events"

urlpatterns = [
    path("", views.EventListView.as_view(), name="event-list"),
    path("feed/", feeds.EventFeed(), name="feed"),
    path("<slug:slug>/", views.EventDetailView.as_view(), name="event-detail"),
    path("<slug:slug>/calendar.ics", views.EventCalendarView.as_view(), name="event-calendar"),
]
