"""Member import from CSV and XLSX: good files, every kind of mistake named by row and column, all or nothing,
re-import without duplicates, round trip, hostile files. Messages are read in Vietnamese."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from core.importexport.files import format_for
from members.models import Organization
from members.resources import OrganizationResource
from members.services import import_organizations
from tests import factories

from .conftest import HEADERS, csv_bytes, enterprise_row, row, upload, xlsx_bytes

pytestmark = pytest.mark.django_db


def counts():
    """Everything an import may write: organizations, their sectors, their history (and its sectors)."""
    history = Organization.history.model
    return (
        Organization.objects.count(),
        Organization.sectors.through.objects.count(),
        history.objects.count(),
        history._meta.get_field("historicalorganization_sectors").related_model.objects.count(),
    )


def errors_of(summary):
    return [str(p) for p in summary.errors]


@pytest.mark.parametrize("bom", [False, True], ids=["utf8", "utf8-bom"])
def test_good_csv_imports_every_column(places, bom):
    summary = import_organizations(upload(csv_bytes([row(), enterprise_row()], bom=bom), "hoi-vien.csv"))

    assert summary.ok, errors_of(summary)
    assert (summary.new, summary.updated, summary.unchanged) == (2, 0, 0)
    coop = Organization.objects.get(tax_code="0200000014")
    assert coop.name == "HTX Nông nghiệp Thắng Thủy"
    assert coop.kind == Organization.Kind.COOPERATIVE
    assert coop.area == places["vinh_bao"]
    assert set(coop.sectors.all()) == {places["agriculture"], places["fisheries"]}
    assert coop.founded_on == datetime.date(1995, 3, 1)
    assert coop.joined_on == datetime.date(2001, 5, 20)
    assert coop.charter_capital == Decimal(1_500_000_000)
    assert coop.contacts_public is True and coop.is_published is True
    assert coop.phone == "+84 225 3888 999"
    assert coop.search_text and coop.sort_key and coop.slug  # the search and sort columns are filled
    assert Organization.objects.search("thang thuy").get() == coop
    firm = Organization.objects.get(tax_code="0200000021")
    assert (firm.kind, firm.legal_form, firm.area) == ("enterprise", "llc", places["hong_bang"])
    assert coop.history.count() == 1  # who and when is recorded
    assert list(coop.history.first().sectors.values_list("sector", flat=True)) != []


def test_good_xlsx_imports_with_typed_cells(places):
    rows = [row(**{"Ngày thành lập": datetime.datetime(1995, 3, 1), "Số thành viên": 120}), enterprise_row()]
    data = xlsx_bytes(rows)

    summary = import_organizations(upload(data, "hoi-vien.xlsx"))

    assert summary.ok, errors_of(summary)
    assert summary.new == 2
    coop = Organization.objects.get(tax_code="0200000014")
    assert coop.founded_on == datetime.date(1995, 3, 1) and coop.member_count == 120


def test_semicolon_csv_from_vietnamese_excel(places):
    summary = import_organizations(upload(csv_bytes([row()], delimiter=";"), "a.csv"))
    assert summary.ok and summary.new == 1


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("Đơn vị hành chính", "Phường Không Có", "Không có đơn vị hành chính"),
        ("Loại hình", "Hội quán", "không phải là giá trị hợp lệ"),
        ("Trạng thái", "Ngủ đông", "không phải là giá trị hợp lệ"),
        ("Ngành nghề", "Nông nghiệp; Du hành vũ trụ", "Du hành vũ trụ"),
        ("Mã số thuế", "02001234", "10 chữ số"),
        ("Ngày thành lập", "1995-03-01", "dd/mm/yyyy"),
        ("Ngày gia nhập", "31/02/2001", "không phải là ngày có thật"),
        ("Số lao động", "-5", "âm"),
        ("Số thành viên", "nhiều", "không phải là số nguyên"),
        ("Loại hình doanh nghiệp", "Công ty TNHH", "doanh nghiệp"),
        ("Ngày gia nhập", "01/01/1990", "trước ngày thành lập"),
        ("Email", "khong-phai-email", "email"),
        ("Công khai liên hệ", "Chắc vậy", "Có"),
    ],
)
def test_each_mistake_is_named_by_row_and_column_and_nothing_is_written(places, column, value, expected):
    before = counts()
    data = csv_bytes([enterprise_row(), row(**{column: value})])

    summary = import_organizations(upload(data, "loi.csv"))

    assert not summary.ok
    message = errors_of(summary)[0]
    assert message.startswith(f"Dòng 3, cột “{column}”"), message
    assert expected.lower() in message.lower(), message
    assert counts() == before  # the good row was not written either


def test_duplicate_rows_in_the_file(places):
    rows = [
        row(),
        enterprise_row(),
        row(**{"Tên": "HTX khác"}),  # same tax code as row 2
        enterprise_row(**{"Mã số thuế": ""}),  # same name and unit as row 3, without tax code
    ]

    summary = import_organizations(upload(csv_bytes(rows), "trung.csv"))

    messages = errors_of(summary)
    assert any(m.startswith("Dòng 4, cột “Mã số thuế”") and "dòng 2" in m for m in messages), messages
    assert any(m.startswith("Dòng 5, cột “Tên”") and "dòng 3" in m for m in messages), messages
    assert Organization.objects.count() == 0


def test_failed_check_digit_is_a_warning_not_an_error(places):
    summary = import_organizations(upload(csv_bytes([row(**{"Mã số thuế": "0200000015"})]), "a.csv"))

    assert summary.ok and summary.new == 1
    assert "chữ số kiểm tra" in str(summary.warnings[0]).lower() and str(summary.warnings[0]).startswith("Dòng 2")


def test_numeric_tax_code_from_excel_gets_its_leading_zero_back(places):
    summary = import_organizations(upload(xlsx_bytes([row(**{"Mã số thuế": 200000014})]), "a.xlsx"))

    assert summary.ok and Organization.objects.get().tax_code == "0200000014"
    assert any("số 0" in str(w) for w in summary.warnings)


def test_all_or_nothing_with_one_bad_row_among_many(places):
    rows = [row(**{"Tên": f"HTX số {i}", "Mã số thuế": ""}) for i in range(30)]
    rows[17]["Ngày gia nhập"] = "20.05.2001"
    before = counts()

    summary = import_organizations(upload(csv_bytes(rows), "a.csv"))

    assert [str(e)[:32] for e in summary.errors] == ["Dòng 19, cột “Ngày gia nhập”: “2"]
    assert counts() == before


def test_reimport_updates_matched_by_tax_code_without_duplicates(places):
    import_organizations(upload(csv_bytes([row(), enterprise_row()]), "a.csv"))
    coop = Organization.objects.get(tax_code="0200000014")
    after_first = counts()

    again = import_organizations(upload(csv_bytes([row(), enterprise_row()]), "a.csv"))
    assert (again.new, again.updated, again.unchanged) == (0, 0, 2)
    assert counts() == after_first  # unchanged rows write nothing, not even history

    changed = row(**{"Địa chỉ": "Số 5 đường Mới", "Ngành nghề": "Nông nghiệp", "Tên": "HTX Thắng Thủy (đổi tên)"})
    third = import_organizations(upload(csv_bytes([changed, enterprise_row()]), "a.csv"))

    assert (third.new, third.updated, third.unchanged) == (0, 1, 1)
    assert Organization.objects.count() == 2
    coop.refresh_from_db()
    assert coop.address == "Số 5 đường Mới" and list(coop.sectors.all()) == [places["agriculture"]]
    assert Organization.objects.search("doi ten").get() == coop  # search columns follow the update
    assert coop.version == 2  # an open admin form of the old version can no longer overwrite it
    assert coop.history.count() == 2


def test_reimport_matches_by_name_and_area_when_there_is_no_tax_code(places):
    existing = factories.OrganizationFactory(name="HTX Dịch vụ Cát Bi", tax_code="", area=places["hong_bang"])

    summary = import_organizations(
        upload(csv_bytes([row(**{"Tên": "htx dịch vụ cát bi", "Mã số thuế": "", "Đơn vị hành chính": "303"})]), "a.csv")
    )

    assert summary.ok and (summary.new, summary.updated) == (0, 1)
    assert Organization.objects.get() == existing


def test_area_by_code_and_ambiguous_name(places):
    summary = import_organizations(upload(csv_bytes([row(**{"Đơn vị hành chính": "11824"})]), "a.csv"))
    assert summary.ok and Organization.objects.get().area == places["vinh_bao"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_round_trip_export_then_import_changes_nothing(places, fmt):
    factories.OrganizationFactory(
        name='=HYPERLINK("http://x")', sectors=[places["agriculture"], places["fisheries"]], area=places["vinh_bao"]
    )
    factories.EnterpriseFactory(
        legal_form=Organization.LegalForm.JOINT_STOCK,
        charter_capital=Decimal(2_000_000_000),
        status=Organization.Status.WITHDRAWN,
        status_changed_on=datetime.date(2024, 1, 2),
        phone="+84 225 1234",
        description="- đầu dòng\nxuống dòng",
        contacts_public=True,
    )
    factories.OrganizationFactory(tax_code="", kind=Organization.Kind.COOPERATIVE_GROUP, founded_on=None)
    before = counts()
    file_format = format_for(fmt)()
    exported = file_format.export_data(OrganizationResource().export(Organization.objects.all()))
    if isinstance(exported, str):
        exported = exported.encode("utf-8")

    summary = import_organizations(upload(exported, f"xuat.{fmt}"))

    assert summary.ok, errors_of(summary)
    assert (summary.new, summary.updated, summary.unchanged) == (0, 0, 3)
    assert counts() == before


def test_export_neutralises_formulas(places):
    factories.OrganizationFactory(name="=1+1", phone="+84 225", description="@SUM(A1)", address="\tcmd")
    dataset = OrganizationResource().export(Organization.objects.all())

    csv_text = format_for("csv")().export_data(dataset)
    assert csv_text.startswith("\ufeff")
    cells = csv_text.splitlines()[1].split(",")
    assert "'=1+1" in cells and "'+84 225" in cells and "'@SUM(A1)" in cells and "'\tcmd" in cells

    book = openpyxl.load_workbook(io.BytesIO(format_for("xlsx")().export_data(dataset)))
    values = [c.value for c in book.active[2]]
    assert "'=1+1" in values
    assert all(c.data_type != "f" for c in book.active[2])


def test_formula_cells_are_refused_and_quoted_text_is_kept(places):
    rows = [row(**{"Mô tả": '=HYPERLINK("http://evil";"bấm")'}), enterprise_row(**{"Mô tả": "'=chỉ là chữ"})]

    summary = import_organizations(upload(csv_bytes(rows), "a.csv"))
    message = errors_of(summary)[0]
    assert message.startswith("Dòng 2, cột “Mô tả”") and "công thức" in message
    assert Organization.objects.count() == 0

    summary = import_organizations(upload(csv_bytes([enterprise_row(**{"Mô tả": "'=chỉ là chữ"})]), "a.csv"))
    assert summary.ok and Organization.objects.get().description == "=chỉ là chữ"


def test_xlsx_formula_is_not_evaluated(places):
    book = openpyxl.Workbook()
    book.active.append(HEADERS)
    book.active.append([row()[h] for h in HEADERS])
    book.active["T2"] = "=100+20"  # Số thành viên
    out = io.BytesIO()
    book.save(out)

    summary = import_organizations(upload(out.getvalue(), "a.xlsx"))

    assert errors_of(summary)[0].startswith("Dòng 2, cột “Số thành viên”")
    assert Organization.objects.count() == 0


@pytest.mark.parametrize("encoding", ["cp1258", "cp1252"])
def test_wrong_encoding_gives_a_clear_message_and_writes_nothing(places, encoding):
    good = row(**{"Tên": "HTX Nông nghiệp Thang Thuy", "Mô tả": "Café Hà"})
    data = csv_bytes([good], encoding=encoding, headers=HEADERS) if encoding == "cp1258" else None
    if data is None:
        data = "Tên,Loại hình,Mã số thuế,Đơn vị hành chính\nCafé Crème,Khác,,\n".encode("cp1252", errors="replace")

    summary = import_organizations(upload(data, "a.csv"))

    assert "UTF-8" in errors_of(summary)[0] and "Lưu thành" in errors_of(summary)[0]
    assert Organization.objects.count() == 0


def test_garbled_utf8_is_refused(places):
    garbled = "HTX Nông nghiệp Thắng Thủy".encode().decode("cp1252", errors="replace")
    summary = import_organizations(upload(csv_bytes([row(**{"Tên": garbled})]), "a.csv"))
    assert "lỗi phông" in errors_of(summary)[0] or "hỏng" in errors_of(summary)[0]


def test_missing_and_unknown_columns_are_named(places):
    headers = [h for h in HEADERS if h != "Mã số thuế"] + ["Ghi chú nội bộ"]
    summary = import_organizations(upload(csv_bytes([row(**{"Ghi chú nội bộ": "x"})], headers=headers), "a.csv"))

    message = errors_of(summary)[0]
    assert "“Mã số thuế”" in message and "“Ghi chú nội bộ”" in message
    assert Organization.objects.count() == 0


def test_headers_are_matched_without_case_or_diacritics_and_extra_blank_rows_are_ignored(places):
    headers = [h.upper() for h in HEADERS]
    data = csv_bytes([{h.upper(): v for h, v in row().items()}], headers=headers) + b",,,\n\n"
    summary = import_organizations(upload(data, "a.csv"))
    assert summary.ok and summary.new == 1


def test_oversized_file_is_refused(places, settings):
    settings.PORTAL_IMPORT_MAX_BYTES = 1000
    summary = import_organizations(upload(csv_bytes([row()] * 10), "a.csv"))
    assert "quá lớn" in errors_of(summary)[0]


def test_not_an_xlsx_file(places):
    summary = import_organizations(upload(b"PK\x03\x04 not really a zip", "a.xlsx"))
    assert ".xlsx" in errors_of(summary)[0]


def test_command_reports_summary_and_exit_status(places, tmp_path):
    good = tmp_path / "hoi-vien.csv"
    good.write_bytes(csv_bytes([row(), enterprise_row()]))
    out = io.StringIO()

    call_command("import_members", str(good), "--dry-run", stdout=out, stderr=io.StringIO())
    assert "2 mới" in out.getvalue() and Organization.objects.count() == 0

    call_command("import_members", str(good), stdout=out, stderr=io.StringIO())
    assert Organization.objects.count() == 2
    out = io.StringIO()
    call_command("import_members", str(good), stdout=out, stderr=io.StringIO())
    assert "0 mới, 0 cập nhật, 2 không đổi" in out.getvalue()

    bad = tmp_path / "loi.csv"
    bad.write_bytes(
        csv_bytes([row(**{"Mã số thuế": "12", "Ngày thành lập": "x"}), enterprise_row(**{"Loại hình": "?"})])
    )
    before = counts()
    with pytest.raises(CommandError) as failure:
        call_command("import_members", str(bad), stdout=io.StringIO(), stderr=io.StringIO())
    text = str(failure.value)
    assert "Dòng 2, cột “Mã số thuế”" in text and "Dòng 2, cột “Ngày thành lập”" in text
    assert "Dòng 3, cột “Loại hình”" in text
    assert counts() == before


def test_command_exit_status_is_non_zero(places, tmp_path):
    bad = tmp_path / "loi.csv"
    bad.write_bytes(csv_bytes([row(**{"Loại hình": "?"})]))
    with pytest.raises(CommandError):
        call_command("import_members", str(bad), stdout=io.StringIO(), stderr=io.StringIO())
    with pytest.raises(CommandError):
        call_command("import_members", str(bad.with_name("khong-co.csv")), stdout=io.StringIO())


def test_xlsx_row_numbers_count_blank_rows_as_the_spreadsheet_does(places):
    book = openpyxl.Workbook()
    book.active.append(HEADERS)
    book.active.append([row()[h] for h in HEADERS])
    book.active.append([])  # row 3 left empty
    book.active.append([enterprise_row(**{"Loại hình": "Quán cà phê"})[h] for h in HEADERS])
    out = io.BytesIO()
    book.save(out)

    summary = import_organizations(upload(out.getvalue(), "a.xlsx"))

    assert errors_of(summary)[0].startswith("Dòng 4, cột “Loại hình”")


def test_xlsx_that_unpacks_too_large_is_refused(places, monkeypatch):
    monkeypatch.setattr("core.importexport.files.MAX_XLSX_UNPACKED_BYTES", 1000)
    summary = import_organizations(upload(xlsx_bytes([row()]), "a.xlsx"))
    assert "giải nén" in errors_of(summary)[0] and Organization.objects.count() == 0


def test_too_many_rows_are_refused(places, settings):
    settings.PORTAL_IMPORT_MAX_ROWS = 3
    rows = [row(**{"Tên": f"HTX {i}", "Mã số thuế": ""}) for i in range(5)]
    assert "Hãy chia" in errors_of(import_organizations(upload(csv_bytes(rows), "a.csv")))[0]
    assert "Hãy chia" in errors_of(import_organizations(upload(xlsx_bytes(rows), "a.xlsx")))[0]


def test_imported_members_show_at_once_where_counts_are_cached(places, client, settings):
    """Rows are written in bulk (no signals): the import bumps the data version itself, so the directory's cached
    count includes them on the next request."""
    settings.PORTAL_SHARED_CACHE = True
    directory = reverse("members:organization-list")
    before = client.get(directory).context["result_count"]
    summary = import_organizations(upload(csv_bytes([row(), enterprise_row()]), "hoi-vien.csv"))
    assert not summary.errors and summary.new == 2
    assert client.get(directory).context["result_count"] == before + 2
