"""Each printable report opens, as PDF (parsed with pypdf) and as XLSX (parsed with openpyxl), with exact Vietnamese."""

import datetime
import io
import unicodedata

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from awards.models import Authority, HonourForm
from dashboard.reports import directory, honours, yearly
from events.models import Event
from members.models import Organization
from tests import factories

pytestmark = pytest.mark.django_db

ALLIANCE = "Liên minh Hợp tác xã và Doanh nghiệp thành phố Hải Phòng"

# The honours announced at the 30th-anniversary ceremony (shared/seed/FACTS.md): authority, form, collectives, people.
ANNOUNCED = [
    ("Thành ủy – HĐND – UBND thành phố Hải Phòng", "Bức trướng", 1, 0),
    ("UBND thành phố Hải Phòng", "Cờ thi đua", 2, 0),
    ("UBND thành phố Hải Phòng", "Tập thể lao động xuất sắc", 2, 0),
    ("Chủ tịch UBND thành phố Hải Phòng", "Bằng khen", 3, 6),
    ("Ban Chấp hành Liên minh HTX Việt Nam", "Bằng khen", 1, 2),
    ("Ban Chấp hành Liên minh HTX Việt Nam", "Kỷ niệm chương “Vì sự nghiệp phát triển HTX”", 0, 6),
]
COLLECTIVES = ["HTX Nông nghiệp Thắng Thủy", "Công ty TNHH Quang Hải", "HTX Dịch vụ Điện năng Hải Đăng"]
PEOPLE = ["Cao Thị Hằng", "Bùi Đức Vinh", "Lương Thị Ngọc Ánh", "Phạm Quốc Việt", "Đỗ Thị Thu Hường", "Vũ Mạnh Hùng"]


@pytest.fixture
def alliance(db):
    return factories.AllianceFactory()


@pytest.fixture
def ceremony(alliance):
    """The ceremony of 31/7/2020 with every honour announced there (recipients made up, marked as samples)."""
    event = factories.AnniversaryFactory(
        title="Kỷ niệm 30 năm Ngày thành lập Liên minh HTX & DN TP Hải Phòng (31/7/1990 – 31/7/2020)",
        venue="Hải Phòng",
    )
    members = [
        factories.OrganizationFactory(name=name, is_sample=i > 1, area=factories.AreaFactory(name="Phường Lê Chân"))
        for i, name in enumerate(COLLECTIVES)
    ]
    people = [
        factories.PersonFactory(full_name=name, position="Giám đốc", organization=members[i % 2], is_sample=True)
        for i, name in enumerate(PEOPLE)
    ]
    for authority_name, form_name, collectives, individuals in ANNOUNCED:
        authority = Authority.objects.get(name=authority_name)
        form = HonourForm.objects.get(name=form_name)
        for i in range(collectives):
            if form_name == "Bức trướng":
                factories.HonourFactory(
                    event=event,
                    form=form,
                    authority=authority,
                    organization=None,
                    recipient_name=ALLIANCE,
                    inscription="30 năm đổi mới, hợp tác, phát triển bền vững",
                )
            else:
                factories.HonourFactory(event=event, form=form, authority=authority, organization=members[i])
        for i in range(individuals):
            factories.HonourFactory(event=event, form=form, authority=authority, organization=None, person=people[i])
    return event


def pdf_text(content):
    """The reader and each page's text, with runs of white space (line breaks in wrapped cells) made one space."""
    reader = PdfReader(io.BytesIO(content))
    return reader, [" ".join(page.extract_text().split()) for page in reader.pages]


def fonts(reader):
    """{font name: embedded?} for every font the pages use."""
    found = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            embedded = False
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object().get("/FontDescriptor")
                embedded = embedded or (descriptor is not None and "/FontFile2" in descriptor.get_object())
            found[str(font["/BaseFont"])] = embedded
    return found


def assert_every_page_framed(texts):
    total = len(texts)
    today = timezone.localdate().strftime("%d/%m/%Y")
    for number, text in enumerate(texts, start=1):
        assert ALLIANCE in text
        assert f"Trang {number}/{total}" in text
        assert today in text


def xlsx_values(content):
    book = openpyxl.load_workbook(io.BytesIO(content))
    return [
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    ]


def test_the_anniversary_honours_list_reproduces_the_counts_of_the_report(ceremony):
    with translation.override("vi"):
        report = honours.for_event(ceremony)
    expected = {(a, f): (c, i) for a, f, c, i in ANNOUNCED}
    assert {(row[0], row[1]): (row[2], row[3]) for row in report.summary} == expected
    assert sum(row[4] for row in report.summary) == 23
    assert {(g.authority, g.form): len(g.lines) for g in report.groups} == {k: c + i for k, (c, i) in expected.items()}
    assert len(report.groups) == len(ANNOUNCED)
    # the groups follow the authorities' and forms' official order, as the summary does
    assert [(g.authority, g.form) for g in report.groups] == [(row[0], row[1]) for row in report.summary]
    for group in report.groups:
        assert [line.number for line in group.lines] == list(range(1, len(group.lines) + 1))
        kinds = [line.is_individual for line in group.lines]
        assert kinds == sorted(kinds), "collectives come before individuals"


def test_event_honours_pdf_has_exact_vietnamese_embedded_font_and_page_frame(staff_client, ceremony):
    response = staff_client.get(reverse("report-event-honours", kwargs={"slug": ceremony.slug, "fmt": "pdf"}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    reader, texts = pdf_text(response.content)
    text = "\n".join(texts)
    for name in [*PEOPLE, "HTX Nông nghiệp Thắng Thủy", "Công ty TNHH Quang Hải", "Chủ tịch UBND thành phố Hải Phòng"]:
        assert name in text, name
    assert "Kỷ niệm chương “Vì sự nghiệp phát triển HTX”" in text
    assert "30 năm đổi mới, hợp tác, phát triển bền vững" in text
    assert "(mẫu)" in text  # sample recipients are marked
    assert "\ufffd" not in text
    used = fonts(reader)
    assert any("DejaVuSans" in name for name in used)
    assert all(used.values()), f"every font is embedded: {used}"
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=1)  # A4
    assert_every_page_framed(texts)


def test_event_honours_xlsx_lists_every_recipient(staff_client, ceremony):
    response = staff_client.get(reverse("report-event-honours", kwargs={"slug": ceremony.slug, "fmt": "xlsx"}))
    assert response.status_code == 200
    values = xlsx_values(response.content)
    for name in PEOPLE:
        assert f"{name} (mẫu)" in values
    assert "HTX Nông nghiệp Thắng Thủy" in values
    assert ALLIANCE in values
    assert values.count("Ban Chấp hành Liên minh HTX Việt Nam") == 2  # in the summary sheet, once per form


def test_decision_honours_report(staff_client, alliance):
    decision = factories.DecisionFactory(
        number="1234/QĐ-UBND",
        authority=Authority.objects.get(name="UBND thành phố Hải Phòng"),
        title="Về việc tặng Cờ thi đua",
    )
    org = factories.OrganizationFactory(name="HTX Thủy sản Cát Hải")
    factories.HonourFactory(
        decision=decision, authority=decision.authority, organization=org, citation="Dẫn đầu Khối thi đua"
    )
    for fmt in ("pdf", "xlsx"):
        response = staff_client.get(reverse("report-decision-honours", kwargs={"pk": decision.pk, "fmt": fmt}))
        assert response.status_code == 200
        text = (
            "\n".join(pdf_text(response.content)[1])
            if fmt == "pdf"
            else "\n".join(map(str, xlsx_values(response.content)))
        )
        assert "1234/QĐ-UBND" in text
        assert "HTX Thủy sản Cát Hải" in text
        assert "Dẫn đầu Khối thi đua" in text


def test_names_typed_with_combining_marks_print_as_the_same_letters(staff_client, alliance):
    event = factories.EventFactory(title="Hội nghị biểu dương")
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Ánh Tuyết")
    factories.HonourFactory(event=event, organization=None, person=factories.PersonFactory(full_name=decomposed))
    response = staff_client.get(reverse("report-event-honours", kwargs={"slug": event.slug, "fmt": "pdf"}))
    assert "Nguyễn Thị Ánh Tuyết" in "\n".join(pdf_text(response.content)[1])


def test_long_lists_run_over_several_numbered_pages(staff_client, alliance):
    event = factories.EventFactory(title="Đại hội đại biểu lần thứ V")
    form = HonourForm.objects.get(name="Giấy khen")
    for i in range(70):
        factories.HonourFactory(
            event=event,
            form=form,
            organization=factories.OrganizationFactory(
                name=f"Hợp tác xã Nông nghiệp Đồng Tiến số {i} " + "rất dài " * 8
            ),
        )
    response = staff_client.get(reverse("report-event-honours", kwargs={"slug": event.slug, "fmt": "pdf"}))
    _reader, texts = pdf_text(response.content)
    assert len(texts) >= 2
    assert_every_page_framed(texts)
    assert "Hợp tác xã Nông nghiệp Đồng Tiến số 69" in " ".join(texts)


def test_alliance_name_falls_back_to_the_setting(staff_client, settings):
    settings.PORTAL_ALLIANCE_NAME = "Liên minh Hợp tác xã thử nghiệm"
    event = factories.EventFactory()
    response = staff_client.get(reverse("report-event-honours", kwargs={"slug": event.slug, "fmt": "pdf"}))
    assert "Liên minh Hợp tác xã thử nghiệm" in pdf_text(response.content)[1][0]


@pytest.fixture
def members(alliance):
    area = factories.AreaFactory(name="Phường Ngô Quyền")
    other = factories.AreaFactory(name="Xã Đông Hải")
    sector = factories.SectorFactory(name="Thương mại – dịch vụ")
    return [
        factories.OrganizationFactory(
            name="HTX Nông nghiệp Thắng Thủy", area=area, phone="0225 3111 222", contacts_public=True, sectors=[sector]
        ),
        factories.EnterpriseFactory(
            name="Công ty TNHH Quang Hải", area=area, phone="0225 3999 888", contacts_public=False
        ),
        factories.OrganizationFactory(name="HTX Dịch vụ Tổng hợp Đức Thắng", area=other, is_published=False),
    ]


def test_member_directory_pdf_groups_by_area_and_kind_with_chosen_columns(staff_client, members):
    url = reverse("report-members", kwargs={"fmt": "pdf"})
    response = staff_client.get(url, {"fields": ["tax_code", "phone", "sectors"]})
    assert response.status_code == 200
    _reader, texts = pdf_text(response.content)
    text = "\n".join(texts)
    for org in members:
        assert org.name in text
        assert org.tax_code in text
    assert "Thương mại – dịch vụ" in text
    assert "Phường Ngô Quyền – Hợp tác xã (1)" in text
    assert "Phường Ngô Quyền – Doanh nghiệp (1)" in text
    assert "0225 3999 888" in text  # staff see every contact
    assert_every_page_framed(texts)


def test_member_directory_hides_private_contacts_from_non_staff_leaders(client, leader_not_staff, members):
    client.force_login(leader_not_staff)
    response = client.get(reverse("report-members", kwargs={"fmt": "xlsx"}), {"fields": ["phone", "email"]})
    values = xlsx_values(response.content)
    assert "0225 3111 222" in values  # made public by the member
    assert "0225 3999 888" not in values
    assert members[1].email not in values


def test_member_directory_xlsx_filters_by_area(staff_client, members):
    response = staff_client.get(
        reverse("report-members", kwargs={"fmt": "xlsx"}),
        {"area": members[2].area_id, "fields": ["status", "joined_on"]},
    )
    values = xlsx_values(response.content)
    assert "HTX Dịch vụ Tổng hợp Đức Thắng" in values
    assert "HTX Nông nghiệp Thắng Thủy" not in values
    assert "Ngày gia nhập" in values


def test_pdf_directory_too_long_asks_to_narrow_the_choice(staff_client, members, monkeypatch):
    monkeypatch.setattr(directory, "PDF_LIMIT", 2)
    response = staff_client.get(reverse("report-members", kwargs={"fmt": "pdf"}))
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "tối đa 2 thành viên" in response.content.decode()
    assert staff_client.get(reverse("report-members", kwargs={"fmt": "xlsx"})).status_code == 200
    # one area is few enough for a PDF
    narrowed = staff_client.get(reverse("report-members", kwargs={"fmt": "pdf"}), {"area": members[2].area_id})
    assert narrowed.status_code == 200
    monkeypatch.setattr(directory, "XLSX_LIMIT", 2)
    assert staff_client.get(reverse("report-members", kwargs={"fmt": "xlsx"})).status_code == 400


def test_directory_contact_rule():
    public = Organization(phone="1", email="a@example.vn", contacts_public=True)
    private = Organization(phone="2", email="b@example.vn", contacts_public=False)
    assert directory.value(public, "phone", show_contacts=False) == "1"
    assert directory.value(private, "phone", show_contacts=False) == ""
    assert directory.value(private, "email", show_contacts=True) == "b@example.vn"


def test_yearly_summary_compares_with_the_year_before(staff_client, alliance):
    for day in (datetime.date(2019, 3, 1), datetime.date(2020, 3, 1), datetime.date(2020, 9, 1)):
        factories.OrganizationFactory(name=f"HTX Hải Hà {day.isoformat()}", joined_on=day)
    factories.OrganizationFactory(
        name="HTX Bãi Cháy",
        joined_on=datetime.date(2001, 1, 1),
        status="withdrawn",
        status_changed_on=datetime.date(2020, 6, 1),
    )
    anniversary = factories.AnniversaryFactory(title="Kỷ niệm 30 năm Ngày thành lập")
    flag = HonourForm.objects.get(name="Cờ thi đua")
    office = {"organization": None, "recipient_name": "Văn phòng Liên minh"}
    factories.HonourFactory(form=flag, event=anniversary, conferred_on=datetime.date(2020, 7, 31), **office)
    factories.HonourFactory(form=flag, conferred_on=datetime.date(2019, 1, 2), **office)
    factories.HonourFactory(form=flag, conferred_on=datetime.date(2020, 1, 2), **office)
    with translation.override("en"):
        summary = yearly.build(2020)
    members = {row[0]: row[1:] for row in summary.tables[0].rows}
    assert members["New members"] == [1, 2, "+1"]
    assert members["Members who withdrew"] == [0, 1, "+1"]
    assert members["Members at the end of the year"] == [2, 3, "+1"]
    by_form = {row[0]: row[1:] for row in summary.tables[1].rows}
    assert by_form["Cờ thi đua"] == [1, 2, "+1"]
    assert summary.events == [[anniversary.title, "31/07/2020", "Anniversary", 1]]

    pdf = staff_client.get(reverse("report-yearly", kwargs={"fmt": "pdf"}), {"year": 2020})
    assert pdf.status_code == 200
    _reader, texts = pdf_text(pdf.content)
    assert "Kỷ niệm 30 năm Ngày thành lập" in "\n".join(texts)
    assert_every_page_framed(texts)
    xlsx = staff_client.get(reverse("report-yearly", kwargs={"fmt": "xlsx"}), {"year": 2020})
    values = xlsx_values(xlsx.content)
    assert "Cờ thi đua" in values and "Kỷ niệm 30 năm Ngày thành lập" in values


@pytest.mark.parametrize("year", ["", "abc", "1800", "30000", "2020.5"])
def test_yearly_summary_with_a_bad_year_explains_and_makes_nothing(staff_client, year):
    response = staff_client.get(reverse("report-yearly", kwargs={"fmt": "pdf"}), {"year": year})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")


def test_bad_report_urls_are_404(staff_client, alliance):
    event = factories.EventFactory()
    assert staff_client.get(f"/dashboard/reports/events/{event.slug}/honours.doc").status_code == 404
    assert staff_client.get("/dashboard/reports/events/khong-co/honours.pdf").status_code == 404
    assert staff_client.get("/dashboard/reports/decisions/999999/honours.xlsx").status_code == 404
    assert staff_client.get(reverse("report-members", kwargs={"fmt": "pdf"}), {"area": "x"}).status_code == 400
    assert staff_client.get(reverse("report-members", kwargs={"fmt": "pdf"}), {"fields": "password"}).status_code == 400


def test_admin_change_pages_link_the_reports_and_keep_history(admin_client, alliance):
    event = factories.EventFactory()
    decision = factories.DecisionFactory()
    page = admin_client.get(reverse("admin:events_event_change", args=[event.pk])).content.decode()
    assert reverse("report-event-honours", kwargs={"slug": event.slug, "fmt": "pdf"}) in page
    assert reverse("report-event-honours", kwargs={"slug": event.slug, "fmt": "xlsx"}) in page
    assert reverse("admin:events_event_history", args=[event.pk]) in page
    page = admin_client.get(reverse("admin:awards_decision_change", args=[decision.pk])).content.decode()
    assert reverse("report-decision-honours", kwargs={"pk": decision.pk, "fmt": "pdf"}) in page
    assert reverse("admin:awards_decision_history", args=[decision.pk]) in page


def test_event_model_is_untouched_by_reports(ceremony):
    assert Event.objects.get(pk=ceremony.pk).honours.count() == 23


def test_sample_mark_is_not_doubled_when_the_name_already_carries_it(alliance):
    event = factories.EventFactory()
    marked = factories.PersonFactory(full_name="Lê Thị Hoa (dữ liệu mẫu)", is_sample=True)
    plain = factories.PersonFactory(full_name="Lê Thị Hoa", is_sample=True)
    for person in (marked, plain):
        factories.HonourFactory(event=event, organization=None, person=person)
    with translation.override("vi"):
        lines = [line.recipient for group in honours.for_event(event).groups for line in group.lines]
    assert sorted(lines) == ["Lê Thị Hoa (dữ liệu mẫu)", "Lê Thị Hoa (mẫu)"]


def test_the_demo_ceremony_prints_every_honours_line_of_the_report(staff_client):
    """With the demo data of `load_demo`, the printed list has the report's counts per authority and form."""
    from django.core.management import call_command

    from alliance_portal import demo

    call_command("load_demo", verbosity=0)
    event = Event.objects.get(slug=demo.EVENT_SLUG)
    with translation.override("vi"):
        report = honours.for_event(event)
    assert {(row[0], row[1]): (row[2], row[3]) for row in report.summary} == {
        (a, f): (c, i) for a, f, c, i in ANNOUNCED
    }
    response = staff_client.get(reverse("report-event-honours", kwargs={"slug": event.slug, "fmt": "pdf"}))
    _reader, texts = pdf_text(response.content)
    text = " ".join(texts)
    assert "Chủ tịch UBND thành phố Hải Phòng – Bằng khen: 3 tập thể, 6 cá nhân" in text
    assert "Ban Chấp hành Liên minh HTX Việt Nam – Bằng khen: 1 tập thể, 2 cá nhân" in text
    assert "Kỷ niệm chương “Vì sự nghiệp phát triển HTX”: 0 tập thể, 6 cá nhân" in text
    assert "30 năm đổi mới, hợp tác, phát triển bền vững" in text
    assert "Liên minh Hợp tác xã và Doanh nghiệp thành phố Hải Phòng" in text
    assert_every_page_framed(texts)


def test_xlsx_never_turns_a_name_into_a_formula(staff_client, alliance):
    event = factories.EventFactory()
    factories.HonourFactory(event=event, organization=None, recipient_name='=HYPERLINK("http://x","y")')
    response = staff_client.get(reverse("report-event-honours", kwargs={"slug": event.slug, "fmt": "xlsx"}))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    cells = [c for row in book.worksheets[0].iter_rows() for c in row if c.value and str(c.value).startswith("=")]
    assert cells and all(c.data_type == "s" for c in cells)


def test_honours_list_queries_do_not_grow_with_the_list(staff_client, alliance, django_assert_max_num_queries):
    """Each recipient's person, organization, form and authority come in the same query: no N+1."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    event = factories.EventFactory(title="Hội nghị biểu dương điển hình tiên tiến")
    url = reverse("report-event-honours", kwargs={"slug": event.slug, "fmt": "pdf"})

    def add(n):
        for _i in range(n):
            person = factories.PersonFactory(organization=factories.OrganizationFactory())
            factories.HonourFactory(event=event, organization=None, person=person)
            factories.HonourFactory(
                event=event, form=factories.HonourFormFactory(), authority=factories.AuthorityFactory()
            )

    add(2)
    with CaptureQueriesContext(connection) as small:
        assert staff_client.get(url).status_code == 200
    add(20)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert staff_client.get(url).status_code == 200
