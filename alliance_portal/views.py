"""Pages that span apps: home and about; the error pages, robots.txt and the health check."""

from django.db import connection
from django.db.models import Count, Prefetch
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.urls import reverse
from django.views.generic import TemplateView

from awards.models import Honour
from core.cache import versioned
from events.models import Alliance, Congress, Event
from members.models import Organization

HOME_EVENTS = 3
HOME_HONOURS = 6
# What the home page shows of an honour: fewer joins and columns make the query several milliseconds cheaper to plan.
HOME_HONOUR_FIELDS = (
    "recipient_name",
    "conferred_on",
    "is_sample",
    "form__name",
    "authority__name",
    "authority__short_name",
    "organization__name",
    "organization__slug",
    "person__full_name",
)


def healthz(request):
    """200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def member_counts():
    """Published members by kind, in the order of Organization.Kind, kinds without members left out."""
    by_kind = versioned(
        "home-member-counts",
        lambda: dict(Organization.objects.published().order_by().values_list("kind").annotate(n=Count("*"))),
    )
    return [
        {"kind": value, "label": label, "count": by_kind[value]}
        for value, label in Organization.Kind.choices
        if by_kind.get(value)
    ]


class HomeView(TemplateView):
    """Who the alliance is, its members by kind, upcoming and recent events, the latest honours, a search box."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = member_counts()
        events = Event.objects.published().only("title", "slug", "kind", "starts_at", "venue", "celebrates_on")
        context.update(
            alliance=Alliance.objects.order_by("pk").first(),
            member_counts=counts,
            member_total=sum(row["count"] for row in counts),
            upcoming_events=list(events.upcoming()[:HOME_EVENTS]),
            recent_events=list(events.past()[:HOME_EVENTS]),
            latest_honours=list(
                Honour.objects.published()
                .select_related("form", "authority", "organization", "person")
                .only(*HOME_HONOUR_FIELDS)
                .order_by("-conferred_on", "-pk")[:HOME_HONOURS]
            ),
        )
        return context


class AboutView(TemplateView):
    """The alliance's history as a timeline: founding, names over time, congresses."""

    template_name = "about.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        alliance = (
            Alliance.objects.order_by("pk")
            .prefetch_related(
                "names",
                Prefetch(
                    "congresses",
                    queryset=Congress.objects.select_related("event").order_by("number"),
                ),
            )
            .first()
        )
        context["alliance"] = alliance
        if alliance:
            context["names"] = list(alliance.names.all())
            context["congresses"] = list(alliance.congresses.all())
        return context


def page_not_found(request, exception=None):
    """The 404 page in the portal's look (handler404)."""
    template = loader.get_template("404.html")
    return HttpResponse(template.render({"request_path": request.path}, request), status=404)


def server_error(request):
    """The 500 page: rendered without the request context, so it needs neither the database nor a session."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render())


def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    return HttpResponse(
        loader.render_to_string("robots.txt", {"sitemap_url": sitemap_url}), content_type="text/plain; charset=utf-8"
    )
