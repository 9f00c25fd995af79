"""/sitemap.xml: the public pages in both languages (Vietnamese at the bare paths, English under /en/)."""

from django.contrib.sitemaps import Sitemap
from django.urls import NoReverseMatch, reverse

from events.models import Event
from members.models import Organization


class PortalSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


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


class EventSitemap(PortalSitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Event.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


sitemaps = {"pages": StaticViewSitemap, "members": OrganizationSitemap, "events": EventSitemap}
