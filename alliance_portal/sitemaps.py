"""/sitemap.xml: an index of sitemap sections (pages, members, events), each with the public pages in both languages
(Vietnamese at the bare paths, English under /en/) and split into pages of PAGE_SIZE records, so a national
directory of 100,000 members never renders as one huge response.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import NoReverseMatch, reverse

from events.models import Event
from members.models import Organization

PAGE_SIZE = 2000


class PortalSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    limit = PAGE_SIZE


class StaticViewSitemap(PortalSitemap):
    priority = 0.8
    changefreq = "weekly"
    url_names = ["home", "about", "members:organization-list", "events:event-list", "awards:honour-list"]

    def items(self):
        names = []
        for name in self.url_names:
            try:
                reverse(name)
            except NoReverseMatch:  # a list page another part of the portal has not built yet
                continue
            names.append(name)
        return names

    def location(self, item):
        return reverse(item)


class OrganizationSitemap(PortalSitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Organization.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at

    def get_latest_lastmod(self):
        """For the index: one aggregate, not a pass over every record."""
        return Organization.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class EventSitemap(PortalSitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Event.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at

    def get_latest_lastmod(self):
        return Event.objects.published().aggregate(latest=Max("updated_at"))["latest"]


sitemaps = {"pages": StaticViewSitemap, "members": OrganizationSitemap, "events": EventSitemap}
