"""RSS feed of the published events, newest first."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Event


class EventFeed(Feed):
    title = _("Events of the Hai Phong Alliance of Cooperatives and Enterprises")
    description = _("Anniversaries, congresses, conferences and other events of the alliance.")
    item_count = 30

    def link(self):
        return reverse("events:event-list")

    def items(self):
        return Event.objects.published().order_by("-starts_at", "-pk")[: self.item_count]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at
