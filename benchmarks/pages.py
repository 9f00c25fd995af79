"""The pages `make bench` measures: the public pages, the dashboard and every admin changelist, on typical objects."""

from urllib.parse import urlencode


class Page:
    """One page to measure, and what was measured (filled in by benchmarks.measure)."""

    def __init__(self, group, label, url=None, missing=None, staff=False, public=True):
        self.group = group  # "public", "staff" or "admin"
        self.label = label
        self.url = url
        self.missing = missing  # why the page cannot be measured (its URL does not exist), or None
        self.staff = staff  # requested by a signed-in staff user
        self.public = public  # anonymous visitors see it: measured with the page cache on too
        self.status = self.queries = self.p50 = self.p95 = self.cpu_p50 = self.db_cpu = self.cached_p50 = None
        self.cold_p50 = None


def page(label, name, *args, query=None, staff=False, public=True, **kwargs):
    """The page at URL name `name` (args, kwargs and a query string), or a missing one if the name does not exist."""
    from django.urls import NoReverseMatch, reverse

    try:
        url = reverse(name, args=args or None, kwargs=kwargs or None)
    except NoReverseMatch:
        url = None
    else:
        url = f"{url}?{urlencode(query)}" if query else url
    missing = None if url else f"URL {name} does not exist yet"
    group = "admin" if name.startswith("admin:") else ("staff" if staff else "public")
    return Page(group, label, url, missing, staff=staff, public=public)


def pages():
    """Every page to measure, with sample objects picked in the middle of the data (typical, not the smallest)."""
    return [
        page("home", "home"),
        page("about", "about"),
        *directory_pages(),
        *search_pages(),
        *detail_pages(),
        page("dashboard", "dashboard", staff=True, public=False),
        *admin_pages(),
    ]


def directory_pages():
    from django.conf import settings

    from members.models import Organization, Sector

    sector = Sector.objects.filter(name="Nông nghiệp").first() or Sector.objects.first()
    # The directory pages through the first PORTAL_LIST_MAX_ROWS matches (core.pagination): its last page.
    listed = min(Organization.objects.published().count(), settings.PORTAL_LIST_MAX_ROWS)
    last_page = max(1, -(-listed // settings.PORTAL_PAGE_SIZE))
    filters = {"kind": "cooperative", "sector": sector.slug if sector else "", "status": "active"}
    return [
        page("directory", "members:organization-list"),
        page(f"directory, last page ({last_page})", "members:organization-list", query={"page": last_page}),
        page("directory, filters (kind, sector, status)", "members:organization-list", query=filters),
    ]


def search_pages():
    from alliance_portal import demo
    from core import text
    from members.models import Organization

    # A specific search that finds something at every size: the last three words of the first synthetic member's name
    # (the same member at 1,000, 10,000 and 100,000), typed without and then with diacritics.
    first = Organization.objects.published().filter(is_sample=True).order_by("pk").first()
    name = first.name.replace(demo.SAMPLE_MARK, "") if first else ""  # the marker is on every synthetic name
    phrase = " ".join(name.split()[-3:]) or "Nông nghiệp Cát Bà"
    folded = text.fold(phrase)
    return [
        page(f"search, no diacritics: {folded}", "members:organization-list", query={"q": folded}),
        page(f"search, diacritics: {phrase}", "members:organization-list", query={"q": phrase}),
        page("search, broad: thuy san (~12% of members)", "members:organization-list", query={"q": "thuy san"}),
        page("search, 2 letters: ha", "members:organization-list", query={"q": "ha"}),
    ]


def middle(queryset):
    """The object in the middle of `queryset`, or None when it is empty."""
    count = queryset.count()
    return queryset[count // 2] if count else None


def detail_pages():
    from alliance_portal import demo
    from awards.models import Decision
    from events.models import Event
    from members.models import Organization

    member = middle(Organization.objects.published().order_by("pk"))
    event = middle(Event.objects.published().filter(slug__startswith="su-kien-mau-").order_by("pk"))
    decision = middle(Decision.objects.published().filter(honours__isnull=False).distinct().order_by("pk"))
    found = []
    if member:
        found.append(page("member page", "members:organization-detail", slug=member.slug))
    found.append(page("events list", "events:event-list"))
    if event:
        found.append(page("event page (50 honours, 5 guests)", "events:event-detail", slug=event.slug))
    found.append(page("event page: 30th anniversary", "events:event-detail", slug=demo.EVENT_SLUG))
    found.append(page("honours roll", "awards:honour-list"))
    if decision:
        found.append(page("decision page (50 recipients)", "awards:decision-detail", pk=decision.pk))
    return found


def admin_pages():
    """The changelist of every model registered in the admin, by app and model name."""
    from django.apps import apps
    from django.contrib import admin

    registered = [model for model in apps.get_models() if admin.site.is_registered(model)]
    found = []
    for model in sorted(registered, key=lambda m: (m._meta.app_label, m._meta.model_name)):
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"
        found.append(page(f"admin: {model._meta.app_label}.{model._meta.model_name}", name, staff=True, public=False))
    return found
