"""Public member pages: the directory, a member's page, and the directory as open data (CSV, XLSX)."""

from functools import lru_cache
from html import escape
from itertools import groupby
from operator import itemgetter

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView

from core.links import url_maker
from core.pagination import CappedPaginationMixin
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


@lru_cache(maxsize=128)
def _sectors_sql(alias, count):
    """The SQL of the sectors query below for `count` members, built by the ORM once per process and size."""
    query = (
        Organization.sectors.through.objects.using(alias)
        .filter(organization_id__in=range(1, count + 1))  # `count` distinct placeholders
        .order_by("sector__order", "sector__name")
        .values_list("organization_id", "sector__name", "sector__name_en")
    )
    return query.query.get_compiler(alias).as_sql()[0]  # run with the members' ids in the placeholders' place


def sectors_of(organization_ids, alias=DEFAULT_DB_ALIAS):
    """(organization id, sector name, English name) for each sector of these members, in the sectors' order.

    The ORM's query, whose SQL is built once per process (and number of members) and then run with each page's ids:
    for a page of 25 members, building the query took longer than the database took to answer it.
    """
    if not organization_ids:
        return []
    with connections[alias].cursor() as cursor:
        cursor.execute(_sectors_sql(alias, len(organization_ids)), list(organization_ids))
        return cursor.fetchall()


# On PostgreSQL a directory page is read in one statement: the page's rows (the query the filters built, ordered and
# sliced) wrapped in an outer SELECT that adds each member's sector names, in the sectors' order, in the page's
# language. The outer SELECT neither joins nor sorts, so the rows keep the order of the inner query (it is the whole
# FROM clause), and the sectors are looked up for the page's rows only: in the inner query's select list, PostgreSQL
# would look them up for every row an OFFSET skips as well.
_PAGE_WITH_SECTORS_SQL = """
SELECT page.*, ARRAY(
    SELECT CASE WHEN %s AND sector.name_en <> '' THEN sector.name_en ELSE sector.name END
    FROM {links} AS link JOIN {sectors} AS sector ON sector.id = link.sector_id
    WHERE link.organization_id = page.pk
    ORDER BY sector."order", sector.name
) AS sector_names
FROM ({rows}) AS page
"""


def _page_rows(page_queryset, english):
    """The page's rows as Row dicts (ROW_FIELDS), each with `sector_names`, the names of its sectors in order."""
    values = page_queryset.values(*ROW_FIELDS)
    connection = connections[values.db]
    if connection.vendor != "postgresql":  # SQLite answers in-process: a second query costs no round trip
        rows = [Row(row) for row in values]
        sectors = {}
        for organization_id, name, name_en in sectors_of([row["pk"] for row in rows], values.db):
            sectors.setdefault(organization_id, []).append(name_en if english and name_en else name)
        for row in rows:
            row["sector_names"] = sectors.get(row["pk"], [])
        return rows
    try:
        sql, params = values.query.get_compiler(values.db).as_sql()
    except EmptyResultSet:  # a queryset that can match nothing (.none())
        return []
    with connection.cursor() as cursor:
        links = connection.ops.quote_name(Organization.sectors.through._meta.db_table)
        sectors = connection.ops.quote_name(Sector._meta.db_table)
        # The inner SQL is the ORM's, with its parameters passed as parameters; the table names are the models'.
        page_sql = _PAGE_WITH_SECTORS_SQL.format(links=links, sectors=sectors, rows=sql)
        cursor.execute(page_sql, (english, *params))
        names = [column.name for column in cursor.description]
        return [Row(zip(names, record, strict=True)) for record in cursor.fetchall()]


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
            for _pk, name, name_en in sectors_of([organization.pk], organization._state.db)
        ]
        honours = member_honours(organization)
        context["honours_by_year"] = [(year, list(items)) for year, items in groupby(honours, key=itemgetter("year"))]
        context["honour_count"] = len(honours)
        context["events"] = list(
            organization.events.published().only("title", "slug", "kind", "starts_at", "venue").order_by("-starts_at")
        )
        return context


# What a member's page shows of each of its honours, read as plain values (no model instances).
HONOUR_FIELDS = (
    "form__name",
    "form__name_en",
    "authority__name",
    "authority__name_en",
    "conferred_on",
    "achievement_year",
    "citation",
    "is_sample",
    "decision_id",
    "decision__number",
    "decision__signed_on",
    "event__title",
    "event__slug",
    "event__is_published",
)


def member_honours(organization):
    """A published organization's public honours, newest first, as dicts: the form and authority named in the current
    language, the year they are listed under, and the decision's and the event's label and link (a decision is only
    there when it is published; an event only when it is)."""
    english = get_language() == "en"
    decision_url = url_maker("awards:decision-detail", "pk", 2147483647)
    event_url = url_maker("events:event-detail", "slug", "event-slug")
    decision_model = organization.honours.model.decision.field.related_model  # members does not import awards
    rows = []
    for honour in (
        organization.honours.published_for(organization)
        .order_by("-conferred_on", "-achievement_year", "authority__order", "form__order", "order", "pk")
        .values(*HONOUR_FIELDS)
    ):
        conferred_on = honour["conferred_on"]
        decision = None
        if honour["decision_id"]:
            label = decision_model(number=honour["decision__number"], signed_on=honour["decision__signed_on"])
            decision = {"label": str(label), "url": decision_url(honour["decision_id"])}
        event = None
        if honour["event__is_published"]:
            event = {"title": honour["event__title"], "url": event_url(honour["event__slug"])}
        rows.append(
            {
                "form": english and honour["form__name_en"] or honour["form__name"],
                # "by the Prime Minister", as the event page's summary words it ("The Prime Minister awarded ...")
                "authority": f"the {honour['authority__name_en']}"
                if english and honour["authority__name_en"]
                else honour["authority__name"],
                "conferred_on": conferred_on,
                "year": conferred_on.year if conferred_on else honour["achievement_year"],
                "citation": honour["citation"],
                "is_sample": honour["is_sample"],
                "decision": decision,
                "event": event,
            }
        )
    return rows


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
