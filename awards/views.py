"""The public honours roll and the page of one decision."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import DetailView
from django_filters.views import FilterView

from core.links import url_maker
from core.pagination import CappedPaginationMixin

from .filters import HonourFilter
from .models import Decision, Honour

RECIPIENT_RELATIONS = ("form", "authority", "decision", "organization", "person", "event")


def roll_honours():
    """The honours the public roll may show (`published()`), with everything a row shows joined in."""
    return Honour.objects.published().select_related(*RECIPIENT_RELATIONS)


def prepare_rows(honours):
    """What each row of the honours roll shows, worked out once per page (URLs reversed once, names in the current
    language chosen in Python); the same text as the models' methods give."""
    english = get_language() == "en"
    organization_url = url_maker("members:organization-detail", "slug", "organization-slug")
    decision_url = url_maker("awards:decision-detail", "pk", 2147483647)
    event_url = url_maker("events:event-detail", "slug", "event-slug")
    for honour in honours:
        form, authority = honour.form, honour.authority
        honour.form_label = form.name_en if english and form.name_en else form.name
        honour.authority_label = authority.name_en if english and authority.name_en else authority.name
        honour.recipient_url = organization_url(honour.organization.slug) if honour.organization_id else ""
        honour.decision_url = decision_url(honour.decision_id) if honour.decision_id else ""
        honour.decision_label = str(honour.decision) if honour.decision_id else ""
        shown_event = honour.event_id and honour.event.is_published
        honour.event_url = event_url(honour.event.slug) if shown_event else ""
    return honours


def read_page(page_queryset):
    """The honours of one page in two steps: their ids, in the page's order, from the filtered and sorted query
    reading no more than it filters and sorts on; then those honours through `roll_honours()` (so still only published
    ones) with everything a row shows.

    Reading every column of every match before sorting them made a broad search (a common family name, tens of
    thousands of honours at national scale) twice as slow: the wide rows were joined, hashed and sorted in full.
    """
    ids = list(page_queryset.values_list("pk", flat=True))
    if not ids:
        return []
    by_id = roll_honours().in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


class HonourListView(CappedPaginationMixin, FilterView):
    """Published honours, filtered and searched, 25 a page, in a fixed number of queries.

    A filter value that makes no sense (a year "abc", an unknown form) answers 400 with the form's message.
    """

    filterset_class = HonourFilter
    paginate_by = settings.PORTAL_PAGE_SIZE
    template_name = "awards/honour_list.html"
    count_key_prefix = "honour-count"

    def get_queryset(self):
        return roll_honours()

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.filterset.is_bound and not self.filterset.is_valid():
            response.status_code = 400
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = [(_("Honours"), None)]
        context["filter_form_html"] = self.filterset.form.render_kept("honours")  # FilterForm: parts kept
        page = context.get("page_obj")
        if page is not None:  # (a Page's truth is its length: it would read the page's rows)
            page.object_list = context["object_list"] = prepare_rows(read_page(page.object_list))
        paginator = context.get("paginator")
        context["result_count"] = paginator.count if paginator else 0
        context["more_results"] = bool(paginator and paginator.is_capped)
        return context


class DecisionDetailView(DetailView):
    """A published decision and its published recipients."""

    def get_queryset(self):
        return Decision.objects.published().select_related("authority")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["honours"] = (
            self.object.honours.published()
            .select_related("form", "organization", "person", "event")
            .order_by("form__order", "form__name", "order", "pk")
        )
        context["breadcrumbs"] = [(_("Honours"), reverse("awards:honour-list")), (str(self.object), None)]
        return context
