"""Open data: the filtered directory as CSV and XLSX, public fields only, safe to open in a spreadsheet."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests import factories

pytestmark = pytest.mark.django_db

CSV_URL = reverse("members:export-csv")
XLSX_URL = reverse("members:export-xlsx")


def csv_rows(response):
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark: Excel then reads Vietnamese correctly
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def xlsx_rows(response):
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


@pytest.fixture
def members():
    private = factories.OrganizationFactory(
        name="HTX Nông nghiệp Thắng Thủy", phone="0225 111 222", email="kin@example.vn", website="https://kin.example"
    )
    public = factories.EnterpriseFactory(
        name="Công ty TNHH Quang Hải", phone="0225 333 444", email="qh@example.vn", contacts_public=True
    )
    hidden = factories.OrganizationFactory(name="HTX Ẩn Danh", is_published=False)
    return private, public, hidden


def test_csv_has_bom_headers_in_vietnamese_and_published_rows_only(client, members):
    rows = csv_rows(client.get(CSV_URL))
    header, body = rows[0], rows[1:]
    assert header[0] == "Tên" and "Mã số thuế" in header
    assert [row[0] for row in body] == ["Công ty TNHH Quang Hải", "HTX Nông nghiệp Thắng Thủy"]


def test_export_is_filtered_like_the_directory(client, members):
    rows = csv_rows(client.get(CSV_URL, {"q": "thang thuy"}))
    assert [row[0] for row in rows[1:]] == ["HTX Nông nghiệp Thắng Thủy"]
    rows = xlsx_rows(client.get(XLSX_URL, {"kind": "enterprise"}))
    assert [row[0] for row in rows[1:]] == ["Công ty TNHH Quang Hải"]


def test_contacts_exported_only_when_public(client, members):
    private, public, hidden = members
    text = b"".join(client.get(CSV_URL).streaming_content).decode("utf-8-sig")
    assert private.phone not in text and private.email not in text and private.website not in text
    assert public.phone in text and public.email in text
    assert hidden.tax_code not in text


def test_private_person_details_never_exported(client, members):
    person = factories.PersonFactory(organization=members[0], id_number="031234567890")
    text = b"".join(client.get(CSV_URL).streaming_content).decode("utf-8-sig")
    workbook_text = str(xlsx_rows(client.get(XLSX_URL)))
    for value in (person.id_number, person.phone, person.email, "1970-01-15"):
        assert value not in text
        assert value not in workbook_text


@pytest.mark.parametrize("payload", ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)"])
def test_formula_cells_are_neutralised(client, payload):
    factories.OrganizationFactory(name="HTX An Toàn", address=payload, representative_name=payload)
    row = csv_rows(client.get(CSV_URL))[1]
    assert "'" + payload in row
    assert payload not in [cell for cell in row if not cell.startswith("'")]
    xrow = xlsx_rows(client.get(XLSX_URL))[1]
    assert "'" + payload in xrow
    assert not any(isinstance(cell, str) and cell.startswith(("=", "+", "-", "@")) for cell in xrow)


def test_xlsx_reads_back_with_vietnamese_and_dates(client, members):
    rows = xlsx_rows(client.get(XLSX_URL))
    assert rows[0][0] == "Tên"
    assert rows[2][0] == "HTX Nông nghiệp Thắng Thủy"
    assert any(hasattr(cell, "year") and cell.year == 2001 for cell in rows[2])  # joined_on as a real date


def test_exports_in_english_have_english_headers(client, members):
    rows = csv_rows(client.get("/en" + CSV_URL))
    assert rows[0][0] == "Name"


def test_export_downloads_with_a_file_name(client, members):
    assert "attachment; filename=" in client.get(CSV_URL)["Content-Disposition"]
    assert client.get(XLSX_URL)["Content-Disposition"].endswith('.xlsx"')


@pytest.mark.parametrize("params", [{"kind": "nope"}, {"joined": "abc"}, {"q": "x" * 10_000}, {"area": "??"}])
def test_invalid_filters_are_a_400_not_a_500(client, members, params):
    assert client.get(CSV_URL, params).status_code == 400
    assert client.get(XLSX_URL, params).status_code == 400


def test_export_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries):
    """60 members with sectors: sectors are prefetched per chunk, so an N+1 would add 60 queries."""
    sector = factories.SectorFactory()
    for n in range(60):
        factories.OrganizationFactory(name=f"HTX {n}", sectors=[sector])
    with django_assert_max_num_queries(6):
        rows = csv_rows(client.get(CSV_URL))
    assert len(rows) == 61
    with django_assert_max_num_queries(6):
        assert len(xlsx_rows(client.get(XLSX_URL))) == 61
