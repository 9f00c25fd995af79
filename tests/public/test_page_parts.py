"""Parts of the public pages written in Python or kept between requests for speed (docs/performance.md): a directory
row, the filter form's fields and inputs, the navigation and footer kept per language and view. Each must read exactly
as the template it replaced, escape what it shows, and never carry one request's state into another."""

import datetime
import re

import pytest
from django import forms
from django.urls import reverse

from core.forms import FastNumberInput, FastTextInput
from members.filters import OrganizationFilter
from members.models import Organization
from tests import factories

pytestmark = pytest.mark.django_db

URL = reverse("members:organization-list")


def directory_row(html, name_fragment):
    """The <li> of the directory row whose text contains `name_fragment`."""
    for item in re.findall(r'<li class="card mb-3">.*?</li>', html, flags=re.S):
        if name_fragment in item:
            return item
    raise AssertionError(f"no directory row with {name_fragment!r}")


def test_a_directory_row_shows_every_part_escaped(client):
    area = factories.AreaFactory(code="X9", name="Xã <i>Thử</i>")
    first = factories.SectorFactory(name="Thủy sản", order=2)
    second = factories.SectorFactory(name="Nông nghiệp & dịch vụ", order=1)
    organization = factories.OrganizationFactory(
        name='HTX "Sao" <b>Mai</b>',
        short_name="Sao Mai",
        name_en="Sao Mai <Co-op>",
        status=Organization.Status.SUSPENDED,
        status_changed_on=datetime.date(2024, 3, 1),
        area=area,
        joined_on=datetime.date(2003, 1, 2),
        is_sample=True,
        sectors=[first, second],
    )
    html = client.get(URL).content.decode()
    row = directory_row(html, "Sao Mai")

    assert f'<a href="{organization.get_absolute_url()}">HTX &quot;Sao&quot; &lt;b&gt;Mai&lt;/b&gt;</a>' in row
    assert '<p class="mb-1 small text-body-secondary">Sao Mai · <span lang="en">Sao Mai &lt;Co-op&gt;</span></p>' in row
    assert '<span class="badge badge-kind">Hợp tác xã</span>' in row
    assert '<span class="badge badge-status-suspended">Tạm ngừng</span>' in row
    # The unit, then the sectors in their order, then the year the member joined.
    assert "Xã &lt;i&gt;Thử&lt;/i&gt; · Nông nghiệp &amp; dịch vụ, Thủy sản" in row
    assert '<span class="d-block">Thành viên từ năm 2003</span>' in row
    assert 'class="badge badge-sample"' in row and "Dữ liệu mẫu" in row
    assert "<b>" not in row and "<i>" not in row


def test_a_plain_directory_row_has_no_empty_parts(client):
    factories.OrganizationFactory(name="HTX Không Tên Phụ", short_name="", name_en="", joined_on=None, sectors=[])
    row = directory_row(client.get(URL).content.decode(), "HTX Không Tên Phụ")
    assert "text-body-secondary" not in row  # no short or English name: no line for them
    assert "badge-status" not in row  # an active member carries no status badge
    assert "badge-sample" not in row
    assert "Thành viên từ" not in row
    assert " · " not in row


def test_the_directory_row_reads_in_english_under_en(client):
    sector = factories.SectorFactory(name="Thủy sản", name_en="Fisheries")
    factories.OrganizationFactory(name="HTX Tiếng Anh", sectors=[sector], joined_on=datetime.date(2010, 5, 1))
    row = directory_row(client.get("/en" + URL).content.decode(), "HTX Tiếng Anh")
    assert '<span class="badge badge-kind">Cooperative</span>' in row
    assert "Fisheries" in row
    assert "Member since 2010" in row


@pytest.mark.parametrize(
    ("widget", "django_widget"),
    [
        (
            FastTextInput(attrs={"type": "search", "maxlength": 200, "class": "form-control"}),
            forms.TextInput(attrs={"type": "search", "maxlength": 200, "class": "form-control"}),
        ),
        (
            FastNumberInput(attrs={"min": 1945, "placeholder": 'vd. "2001"'}),
            forms.NumberInput(attrs={"min": 1945, "placeholder": 'vd. "2001"'}),
        ),
    ],
)
@pytest.mark.parametrize("value", [None, "", 'a "quoted" <value> & more', 2001])
def test_inputs_written_in_python_match_django_markup(widget, django_widget, value):
    attrs = {"id": "id_x", "required": True, "disabled": False, "aria-describedby": "id_x_helptext"}
    assert widget.render("x", value, attrs=attrs) == django_widget.render("x", value, attrs=attrs)


def test_field_errors_do_not_reach_the_next_request(client):
    bad = client.get(URL, {"joined": "abc"}).content.decode()
    assert 'id="id_joined_error"' in bad and "is-invalid" in bad
    good = client.get(URL, {"joined": "2001"}).content.decode()
    assert "is-invalid" not in good and "invalid-feedback" not in good and 'aria-invalid="true"' not in good
    assert 'value="2001"' in good


def test_each_filter_set_filters_through_its_own_copy_of_the_filters():
    """Filters are copied shallowly per request (core.filters): a filter that calls a method must call the
    method of its own request's FilterSet, not of the first one built."""
    first = OrganizationFilter({"q": "mot"}, queryset=Organization.objects.all())
    second = OrganizationFilter({"q": "hai"}, queryset=Organization.objects.all())
    assert first.filters["q"] is not second.filters["q"]
    assert first.filters["q"].filter.f is first.filters["q"]
    assert first.filters["q"].parent is first and second.filters["q"].parent is second
    assert OrganizationFilter.base_filters["q"] is not first.filters["q"]
    assert first.form is not second.form
    assert first.form.fields["q"] is not second.form.fields["q"]
    assert first.form.fields["q"].widget is not second.form.fields["q"].widget
    assert first.form.fields["q"].widget.attrs is not second.form.fields["q"].widget.attrs
    assert first.form.fields["area"].queryset is not second.form.fields["area"].queryset
    assert first.form.fields["area"].widget.choices.queryset is first.form.fields["area"].queryset


def current_nav(html, label="Điều hướng chính"):
    """(labels of the active items, labels of the items marked aria-current) in the main navigation."""
    nav = html[html.index(f'aria-label="{label}"') :]
    nav = nav[: nav.index("</ul>")]
    active = re.findall(r'class="nav-link active"[^>]*>([^<]+)</a>', nav)
    current = re.findall(r'aria-current="page">([^<]+)</a>', nav)
    return active, current


def test_the_navigation_marks_the_section_and_the_page_on_every_page(client):
    """The navigation is kept per language and view: visiting pages one after another must still mark each one."""
    organization = factories.OrganizationFactory(name="HTX Điều Hướng")
    visits = [
        (URL, ["Thành viên"], ["Thành viên"]),
        (organization.get_absolute_url(), ["Thành viên"], []),  # in the section, not the directory itself
        (reverse("about"), ["Giới thiệu"], ["Giới thiệu"]),
        (reverse("home"), ["Trang chủ"], ["Trang chủ"]),
        (reverse("events:event-list"), ["Sự kiện"], ["Sự kiện"]),
        (URL + "?q=dieu+huong", ["Thành viên"], ["Thành viên"]),
    ]
    for url, active, current in visits:
        html = client.get(url).content.decode()
        assert current_nav(html) == (active, current), url


def test_the_navigation_and_footer_follow_the_language(client):
    vietnamese = client.get(URL).content.decode()
    english = client.get("/en" + URL).content.decode()
    assert current_nav(english, "Main navigation") == (["Members"], ["Members"])
    assert 'href="/en/members/"' in english
    footer_vi, footer_en = vietnamese.split("<footer")[1], english.split("<footer")[1]
    assert "Giới thiệu Liên minh" in footer_vi and "About the alliance" not in footer_vi
    assert "About the alliance" in footer_en and "Giới thiệu Liên minh" not in footer_en


def render_pagination(query, number, pages=40, language="vi"):
    from django.core.paginator import Paginator
    from django.template import Context, Template
    from django.test import RequestFactory
    from django.utils import translation

    page = Paginator(range(pages * 25), 25).page(number)
    request = RequestFactory().get("/members/", query)
    with translation.override(language):
        return Template("{% load portal %}{% pagination page_obj %}").render(
            Context({"page_obj": page, "request": request})
        )


def test_pagination_keeps_the_query_and_marks_the_current_page():
    html = render_pagination({"q": 'thang "loi" <x>', "kind": ["a", "b"], "page": "10"}, 10)
    assert html.startswith('<nav aria-label="Các trang" class="mt-4">')
    link = '<a class="page-link" href="?q=thang+%22loi%22+%3Cx%3E&amp;kind=a&amp;kind=b&amp;page={n}"'
    assert link.format(n=9) + ' rel="prev">Trang trước</a>' in html
    assert link.format(n=11) + ' rel="next">Trang sau</a>' in html
    assert link.format(n=40) + ' aria-label="Trang 40">40</a>' in html
    assert '<li class="page-item active" aria-current="page"><span class="page-link">10</span></li>' in html
    assert html.count('<span class="page-link">…</span>') == 2  # 1 … 8 9 10 11 12 … 40
    assert [int(n) for n in re.findall(r">(\d+)</(?:a|span)>", html)] == [1, 8, 9, 10, 11, 12, 40]


def test_pagination_at_the_ends_and_in_english():
    first = render_pagination({}, 1, pages=3, language="en")
    assert '<li class="page-item disabled"><span class="page-link">Previous</span></li>' in first
    assert '<a class="page-link" href="?page=2" rel="next">Next</a>' in first
    assert 'aria-label="Page 3"' in first
    last = render_pagination({}, 3, pages=3)
    assert '<li class="page-item disabled"><span class="page-link">Trang sau</span></li>' in last
    assert render_pagination({}, 1, pages=1) == ""


@pytest.fixture
def listed_members():
    """12 members in three joining years, with 0 to 3 sectors each (one sector without an English name)."""
    sectors = [
        factories.SectorFactory(name="Thủy sản", name_en="Fisheries", order=2),
        factories.SectorFactory(name="Nông nghiệp", name_en="Agriculture", order=1),
        factories.SectorFactory(name="Làng nghề", name_en="", order=3),
    ]
    for n in range(12):
        factories.OrganizationFactory(
            name=f"HTX Đồng Tâm {n:02d}", joined_on=datetime.date(2000 + n % 3, 1, 1), sectors=sectors[: n % 4]
        )
    return sectors


@pytest.mark.parametrize("english", [False, True])
@pytest.mark.parametrize(
    "params", [{}, {"order": "newest"}, {"order": "oldest"}, {"q": "dong tam"}, {"q": "Đồng Tâm 0", "order": "oldest"}]
)
def test_a_directory_page_is_the_orm_page_in_its_order_with_each_members_sectors(listed_members, params, english):
    """The page's rows and their sectors come in one statement on PostgreSQL (members.views._page_rows): the rows
    must keep the filters' order on every page, each with its own sectors in the sectors' order and language."""
    from django.utils import translation

    from members.views import directory_rows

    filterset = OrganizationFilter(params, queryset=Organization.objects.published())
    assert filterset.is_valid()
    ordered = list(filterset.qs)
    with translation.override("en" if english else "vi"):
        for start in (0, 5, 10):  # a first, a middle and a last (short) page
            rows = directory_rows(filterset.qs.all()[start : start + 5])
            page = ordered[start : start + 5]
            assert [row.pk for row in rows] == [organization.pk for organization in page]
            for row, organization in zip(rows, page, strict=True):
                expected = [
                    sector.name_en if english and sector.name_en else sector.name
                    for sector in organization.sectors.order_by("order", "name")
                ]
                assert row.sector_names == expected
                assert row.sector_label == ", ".join(expected)
    assert any(not row.sector_names for row in directory_rows(filterset.qs.all()[:12]))  # members without sectors too


def test_a_directory_page_is_one_query_on_postgresql_and_an_empty_page_none(listed_members):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from members.views import directory_rows

    queryset = Organization.objects.published().order_by("sort_key", "pk")
    with CaptureQueriesContext(connection) as queries:
        rows = directory_rows(queryset[:10])
    assert len(rows) == 10
    # PostgreSQL is a round trip away: rows and sectors in one statement; SQLite answers in-process, in two.
    assert len(queries) == (1 if connection.vendor == "postgresql" else 2)
    with CaptureQueriesContext(connection) as queries:
        assert directory_rows(queryset.none()[:10]) == []
    assert len(queries) == 0


@pytest.mark.parametrize("count", [1, 2, 5])
def test_the_sectors_of_a_page_are_those_the_orm_query_gives(count):
    from members.views import sectors_of

    sectors = [factories.SectorFactory(name=f"Ngành {n}", name_en=f"Sector {n}", order=5 - n) for n in range(4)]
    organizations = [factories.OrganizationFactory(sectors=sectors[: n + 1]) for n in range(count)]
    factories.OrganizationFactory(sectors=sectors)  # not asked for
    ids = [organization.pk for organization in organizations]
    expected = list(
        Organization.sectors.through.objects.filter(organization_id__in=ids)
        .order_by("sector__order", "sector__name")
        .values_list("organization_id", "sector__name", "sector__name_en")
    )
    assert [tuple(row) for row in sectors_of(ids)] == expected
    assert len(expected) == sum(min(n + 1, len(sectors)) for n in range(count))
    assert sectors_of([]) == []


def test_fixed_choices_are_kept_per_language_and_mark_each_request_own_choice(client):
    vietnamese = client.get(URL, {"kind": "enterprise"}).content.decode()
    english = client.get("/en" + URL, {"kind": "cooperative"}).content.decode()
    again = client.get(URL).content.decode()
    assert '<option value="enterprise" selected>Doanh nghiệp</option>' in vietnamese
    assert '<option value="cooperative" selected>Cooperative</option>' in english
    assert '<option value="enterprise">Enterprise</option>' in english
    kind_select = again.split('name="kind"')[1].split("</select>")[0]
    assert kind_select.count("selected") == 1 and '<option value="" selected>' in kind_select  # nothing chosen


def _filter_section(html):
    return re.search(r'<section aria-labelledby="filter-title".*?</section>', html, flags=re.S).group(0)


def test_the_opening_directorys_form_kept_per_version_reads_as_rendered_and_follows_edits(client, settings):
    """Kept per data version and language for the directory as it opens: the same markup as rendering it, in each
    language, and a new sector is offered at once."""
    factories.OrganizationFactory(sectors=[factories.SectorFactory(name="Nông nghiệp thử")])
    rendered = {
        lang: _filter_section(client.get(prefix + URL).content.decode()) for lang, prefix in (("vi", ""), ("en", "/en"))
    }
    settings.PORTAL_SHARED_CACHE = True
    for lang, prefix in (("vi", ""), ("en", "/en")):
        client.get(prefix + URL)  # kept
        assert _filter_section(client.get(prefix + URL).content.decode()) == rendered[lang]
    assert rendered["vi"] != rendered["en"]
    factories.SectorFactory(name="Ngành mới thêm")
    assert "Ngành mới thêm" in _filter_section(client.get(URL).content.decode())


def test_a_searched_directorys_form_shows_what_was_typed(client, settings):
    settings.PORTAL_SHARED_CACHE = True
    client.get(URL)
    html = client.get(URL, {"q": "Thắng <Thủy>"}).content.decode()
    assert 'value="Thắng &lt;Thủy&gt;"' in _filter_section(html)
    assert 'value="Thắng' not in _filter_section(client.get(URL).content.decode())


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_searched_form_from_its_kept_frame_reads_as_the_template_renders_it(settings, language):
    """The frame kept from one search serves every other: each reads exactly as its template renders it whole
    (`form.render()`), with its own values; a form with errors is rendered whole, with its messages."""
    from django.utils import translation

    sector = factories.SectorFactory(name="Thủy sản", name_en="Fisheries")
    area = factories.AreaFactory(code="31999", name="Phường Thử")
    settings.PORTAL_SHARED_CACHE = True

    def form(data):
        filterset = OrganizationFilter(data, queryset=Organization.objects.published())
        filterset.is_valid()
        return filterset.form

    searches = [
        {"q": "đầu tiên"},  # keeps the frame
        {"q": 'HTX "Thắng" <Thủy>'},
        {"q": "thuy", "kind": "cooperative", "sector": sector.slug, "area": area.code, "status": "active"},
        {"joined": "2001", "order": "newest"},
        {"page": "2"},  # bound, nothing chosen
    ]
    with translation.override(language):
        for data in searches:
            kept = form(data).render_kept("test-directory")
            assert kept == form(data).render(), data
            assert "\x00" not in kept
        assert 'value="HTX &quot;Thắng&quot; &lt;Thủy&gt;"' in form(searches[1]).render_kept("test-directory")
        assert f'<option value="{sector.slug}" selected>' in form(searches[2]).render_kept("test-directory")
        invalid = form({"q": "thuy", "joined": "12"}).render_kept("test-directory")
        assert invalid == form({"q": "thuy", "joined": "12"}).render()
        assert "invalid-feedback" in invalid and "is-invalid" in invalid


def test_the_honours_rolls_form_kept_between_searches_shows_each_search(client, settings):
    settings.PORTAL_SHARED_CACHE = True
    url = reverse("awards:honour-list")
    opening = client.get(url).content.decode()
    first = client.get(url, {"q": "Nguyễn"}).content.decode()
    second = client.get(url, {"q": "Trần <Văn>"}).content.decode()
    assert "Bỏ bộ lọc" not in opening and 'value="Nguyễn"' not in opening  # a search adds the clear button
    assert 'value="Nguyễn"' in first and "Bỏ bộ lọc" in first
    assert 'value="Trần &lt;Văn&gt;"' in second and 'value="Nguyễn"' not in second
    assert client.get(url).content.decode() == opening


def test_a_kept_frame_that_does_not_fit_the_form_is_not_used(settings):
    """A frame another version of the code kept (one control fewer) never garbles the form or fails the page."""
    from core import cache

    settings.PORTAL_SHARED_CACHE = True
    filterset = OrganizationFilter({"q": "thuy"}, queryset=Organization.objects.published())
    filterset.is_valid()
    form = filterset.form
    form.render_kept("test-fit")  # keeps this form's frame
    (frame_key,) = [k for k in cache.local_copies.items if ":test-fit:" in k]
    cache.local_copies.set(frame_key, ["<form>", "</form>"], 60)  # cut for a single control
    assert form.render_kept("test-fit") == form.render()


def test_the_honours_rolls_options_are_kept_mark_the_choice_and_follow_edits(client, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PORTAL_SHARED_CACHE = True
    url = reverse("awards:honour-list")
    authority = factories.AuthorityFactory(name="UBND thành phố Thử")
    form = factories.HonourFormFactory(name="Bằng khen Thử")
    html = client.get(url, {"q": "an", "authority": authority.pk, "form": form.slug}).content.decode()
    assert f'<option value="{authority.pk}" selected>' in html and f'<option value="{form.slug}" selected>' in html
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url, {"q": "binh"}).content.decode()
    assert f'<option value="{authority.pk}">' in html  # the kept options, nothing chosen this time
    option_queries = [q["sql"] for q in queries if re.search(r'FROM "awards_(authority|honourform)" ', q["sql"])]
    assert option_queries == []
    factories.AuthorityFactory(name="Bộ Thử Mới")
    assert "Bộ Thử Mới" in client.get(url, {"q": "binh"}).content.decode()
