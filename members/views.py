"""Public member pages: the directory, a member's page, and the directory as open data (CSV, XLSX)."""

from html import escape

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView

from core.cache import versioned
from core.links import url_maker
from core.pagination import CappedPaginationMixin
from core.parts import page_parts
from core.templatetags.sample_badge import sample_badge_html

from . import exports
from .filters import OrganizationFilter
from .models import Area, Organization, Sector

# What a directory row shows: read as plain values (no model instances), with the unit's two columns joined in.
ROW_FIELDS = (
    "pk",
    "name",
    "short_name",
    "name_en",
    "slug",
    "kind",
    "status",
    "joined_on",
    "is_sample",
    "area__name",
    "area__valid_to",
)


class Row(dict):
    """A row of plain values, read as `row.name` (templates try `row["name"]` first, which is what they find)."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def sector_ranks():
    """{sector id: (position in the sectors' order, name, English name)}, kept per data version (a short table)."""

    def compute():
        sectors = Sector.objects.order_by("order", "name").values_list("pk", "name", "name_en")
        return {pk: (rank, name, name_en) for rank, (pk, name, name_en) in enumerate(sectors)}

    return versioned("sector-ranks", compute)


def sectors_of(organization_ids, using=None):
    """(organization id, sector name, English name) for each sector of these members, in the sectors' order."""
    if not organization_ids:
        return []
    ranks = sector_ranks()
    links = Organization.sectors.through.objects.using(using).filter(organization_id__in=organization_ids)
    pairs = sorted(links.values_list("organization_id", "sector_id"), key=lambda pair: ranks[pair[1]][0])
    return [(organization_id, *ranks[sector_id][1:]) for organization_id, sector_id in pairs]


def _page_rows(page_queryset, english):
    """The page's rows as Row dicts (ROW_FIELDS), each with `sector_names`, the names of its sectors in order.

    Two queries: the page's rows as the filters sorted and sliced them, then the sectors of those rows only. (A
    subquery for the sectors in the page's select list would be run for every row an OFFSET skips as well.)
    """
    rows = [Row(row) for row in page_queryset.values(*ROW_FIELDS)]
    sectors = {}
    for organization_id, name, name_en in sectors_of([row["pk"] for row in rows], page_queryset.db):
        sectors.setdefault(organization_id, []).append(name_en if english and name_en else name)
    for row in rows:
        row["sector_names"] = sectors.get(row["pk"], [])
    return rows


def directory_rows(page_queryset):
    """The rows of one directory page as dicts, with what each row shows worked out once per page in Python.

    The same text as the model methods give (get_kind_display, str(area), get_absolute_url), without a model
    instance, a template lookup, a translation or a URL reversal per row; the sectors of the page's members come with
    the rows (_page_rows). At 25 rows a page this was most of a request's time.
    """
    english = get_language() == "en"
    rows = _page_rows(page_queryset, english)
    if not rows:
        return rows
    kinds = {value: str(label) for value, label in Organization.Kind.choices}
    statuses = {value: str(label) for value, label in Organization.Status.choices}
    detail_url = url_maker("members:organization-detail", "slug", "organization-slug")
    today = timezone.localdate()
    sample_badge = sample_badge_html() if any(row["is_sample"] for row in rows) else ""
    member_since = _("Member since %(year)s")
    for row in rows:
        row["detail_url"] = detail_url(row["slug"])
        row["kind_label"] = kinds.get(row["kind"], row["kind"])
        row["status_label"] = statuses.get(row["status"], row["status"])
        row["area_label"] = Area.label(row["area__name"], row["area__valid_to"], today) if row["area__name"] else ""
        row["sector_label"] = ", ".join(row["sector_names"])
        joined = row["joined_on"]
        row["member_since"] = member_since % {"year": joined.year} if joined else ""
        row["html"] = mark_safe(directory_row_html(row, sample_badge))  # noqa: S308  # nosec B308 B703 - escaped
    return rows


def directory_row_html(row, sample_badge):
    """One directory row's <li>, from a row of directory_rows(): a card with the name (linked), the short and English
    names, kind and status badges, unit, sectors and the year the member joined.

    Written in Python because a template loop over 25 rows was a tenth of a directory request; every text goes through
    html.escape (quotes included), as the template's autoescaping did. `sample_badge` is the "Sample data" badge.
    """
    name = f'<a href="{escape(row.detail_url)}">{escape(row.name)}</a>'
    if row.is_sample:
        name += f"\n      {sample_badge}"
    lines = ['<li class="card mb-3">', '  <div class="card-body">', f'    <h3 class="h5 card-title mb-1">{name}</h3>']
    short_name, name_en = row.short_name, row.name_en
    if short_name or name_en:
        names = escape(short_name)
        if short_name and name_en:
            names += " · "
        if name_en:
            names += f'<span lang="en">{escape(name_en)}</span>'
        lines.append(f'    <p class="mb-1 small text-body-secondary">{names}</p>')
    badges = f'<span class="badge badge-kind">{escape(row.kind_label)}</span>'
    if row.status != Organization.Status.ACTIVE:
        badges += f' <span class="badge badge-status-{escape(row.status)}">{escape(row.status_label)}</span>'
    lines.append(f'    <p class="mb-1">{badges}</p>')
    where = escape(row.area_label)
    if row.area_label and row.sector_label:
        where += " · "
    where += escape(row.sector_label)
    if row.member_since:
        where += f'\n      <span class="d-block">{escape(row.member_since)}</span>'
    lines += [f'    <p class="mb-0 small">{where}</p>', "  </div>", "</li>"]
    return "\n".join(lines)


class OrganizationListView(CappedPaginationMixin, ListView):
    """The member directory: search, filters, ordering, 25 a page (the first 10,000 matches: see CappedPaginator)."""

    model = Organization
    count_key_prefix = "directory-count"
    paginate_by = settings.PORTAL_PAGE_SIZE
    context_object_name = "organizations"

    def get_queryset(self):
        self.filterset = OrganizationFilter(
            self.request.GET or None, queryset=Organization.objects.published(), request=self.request
        )
        if self.filterset.is_bound and not self.filterset.is_valid():
            return self.filterset.queryset.none()
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        # Kept per data version (its selects list the units and sectors) and language; each search fills in its own
        # values (core.forms.FilterForm.render_kept).
        context["filter_form_html"] = self.filterset.form.render_kept("directory")
        if context.get("page_obj") is not None:
            rows = directory_rows(context["page_obj"].object_list)
            context["page_obj"].object_list = context["organizations"] = context["object_list"] = rows
        paginator = context.get("paginator")
        context["result_count"] = paginator.count if paginator else len(self.object_list)
        context["more_results"] = bool(paginator and paginator.is_capped)
        context["is_filtered"] = any(
            value not in (None, "")
            for key, value in getattr(self.filterset.form, "cleaned_data", {}).items()
            if key != "order"
        )
        context["has_errors"] = self.filterset.is_bound and not self.filterset.is_valid()
        return context


class OrganizationDetailView(DetailView):
    """A member's public page: public fields only, its honours by year and the events it took part in."""

    context_object_name = "organization"

    def get_queryset(self):
        return (
            Organization.objects.published().select_related("area", "area__parent").defer("search_text", "search_exact")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organization = self.object
        english = get_language() == "en"
        context["sectors"] = [
            name_en if english and name_en else name
            for name, name_en in organization.sectors.order_by("order", "name").values_list("name", "name_en")
        ]
        # What the apps above members add to the page (core.parts): awards adds the member's honours.
        context["page_parts"] = page_parts.render("member-detail", organization)
        context["events"] = list(
            organization.events.published().only("title", "slug", "kind", "starts_at", "venue").order_by("-starts_at")
        )
        return context


def _filtered_for_export(request):
    filterset = OrganizationFilter(request.GET or None, queryset=Organization.objects.published(), request=request)
    if filterset.is_bound and not filterset.is_valid():
        return None, filterset
    return filterset.qs, filterset


def _bad_filters(filterset):
    problems = "; ".join(f"{field}: {' '.join(errors)}" for field, errors in filterset.errors.items())
    return HttpResponseBadRequest(
        _("The filters are not valid: %(problems)s") % {"problems": problems},
        content_type="text/plain; charset=utf-8",
    )


@require_safe
def export_csv(request):
    """The filtered directory as CSV (UTF-8 with BOM), streamed row by row."""
    queryset, filterset = _filtered_for_export(request)
    if queryset is None:
        return _bad_filters(filterset)
    response = StreamingHttpResponse(
        exports.csv_lines(queryset, request.build_absolute_uri), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{exports.filename("csv")}"'
    return response


@require_safe
def export_xlsx(request):
    """The filtered directory as an Excel workbook."""
    queryset, filterset = _filtered_for_export(request)
    if queryset is None:
        return _bad_filters(filterset)
    response = HttpResponse(
        exports.xlsx_bytes(queryset, request.build_absolute_uri),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{exports.filename("xlsx")}"'
    return response
