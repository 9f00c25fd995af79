"""The admin's import (upload -> preview -> confirm -> written), the template files, and export of a filter or a
selection with the same columns."""

import io
import re

import openpyxl
import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission
from django.urls import reverse

from members.models import Organization
from tests import factories

from .conftest import HEADERS, csv_bytes, enterprise_row, row, upload

pytestmark = pytest.mark.django_db


def _upload(client, data, name, fmt_index="0"):
    return client.post(
        reverse("admin:members_organization_import"),
        {"resource": "0", "format": fmt_index, "import_file": upload(data, name)},
    )


def _hidden(page, name):
    return re.search(rf'name="{name}" value="([^"]*)"', page.content.decode()).group(1)


def test_upload_preview_then_confirm_writes_the_rows(admin_client, admin_user, places):
    page = _upload(admin_client, csv_bytes([row(), enterprise_row()]), "hoi-vien.csv")

    assert page.status_code == 200
    body = page.content.decode()
    assert "process_import" in body and "2 mới" in body  # the preview, and what confirming will do
    assert Organization.objects.count() == 0  # nothing is written before confirming

    done = admin_client.post(
        reverse("admin:members_organization_process_import"),
        {
            "import_file_name": _hidden(page, "import_file_name"),
            "original_file_name": _hidden(page, "original_file_name"),
            "format": _hidden(page, "format"),
            "resource": "0",
        },
        follow=True,
    )

    assert Organization.objects.count() == 2
    assert "Đã nhập xong: 2 mới, 0 cập nhật, 0 không đổi." in done.content.decode()
    record = Organization.objects.get(tax_code="0200000014").history.get()
    assert record.history_user == admin_user and "hoi-vien.csv" in record.history_change_reason


def test_a_file_with_mistakes_shows_them_and_offers_no_confirmation(admin_client, places):
    page = _upload(admin_client, csv_bytes([row(**{"Đơn vị hành chính": "Phường Mơ"}), enterprise_row()]), "a.csv")

    body = page.content.decode()
    assert "Dòng 2, cột “Đơn vị hành chính”" in body
    assert "process_import" not in body
    assert Organization.objects.count() == 0


def test_a_file_in_the_wrong_encoding_is_explained_on_the_form(admin_client, places):
    page = _upload(admin_client, "Tên;Loại hình\nCafé;Khác\n".encode("cp1252", errors="replace"), "a.csv")
    assert "không ở bảng mã UTF-8" in page.content.decode()
    assert Organization.objects.count() == 0


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_template_file_has_the_vietnamese_headers(admin_client, fmt):
    response = admin_client.get(reverse("admin:members_organization_import_template", kwargs={"fmt": fmt}))

    assert response.status_code == 200
    if fmt == "csv":
        assert response.content.decode("utf-8-sig").splitlines()[0].split(",") == HEADERS
    else:
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        assert [c.value for c in book.active[1]] == HEADERS


def test_a_read_only_user_can_export_but_not_import(client, django_user_model, places):
    user = django_user_model.objects.create_user("xem", password="x-12345678", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_organization"))
    client.force_login(user)

    assert client.get(reverse("admin:members_organization_import_template", kwargs={"fmt": "csv"})).status_code == 403
    assert client.get(reverse("admin:members_organization_import")).status_code == 403
    page = client.post(
        reverse("admin:members_organization_import"),
        {"resource": "0", "format": "0", "import_file": upload(csv_bytes([row()]), "a.csv")},
    )
    assert page.status_code == 403 and Organization.objects.count() == 0
    assert client.post(reverse("admin:members_organization_export"), {"format": "0"}).status_code == 200


def test_import_page_links_the_templates(admin_client):
    body = admin_client.get(reverse("admin:members_organization_import")).content.decode()
    assert reverse("admin:members_organization_import_template", kwargs={"fmt": "xlsx"}) in body


def test_export_follows_the_changelist_filter_with_the_import_columns(admin_client, places):
    factories.OrganizationFactory(name="HTX Một")
    factories.EnterpriseFactory(name="Công ty Hai")

    response = admin_client.post(
        reverse("admin:members_organization_export") + "?kind__exact=enterprise", {"format": "0"}
    )

    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].split(",") == HEADERS
    assert len(lines) == 2 and lines[1].startswith("Công ty Hai,")


def test_export_of_the_selected_rows(admin_client, places):
    chosen = factories.OrganizationFactory(name="HTX Được chọn")
    factories.OrganizationFactory(name="HTX Không chọn")
    changelist = reverse("admin:members_organization_changelist")

    page = admin_client.post(changelist, {"action": "export_admin_action", ACTION_CHECKBOX_NAME: [chosen.pk]})
    assert page.status_code == 200
    response = admin_client.post(
        reverse("admin:members_organization_export"), {"format": "1", "export_items": [chosen.pk]}
    )

    book = openpyxl.load_workbook(io.BytesIO(response.content))
    names = [r[0].value for r in book.active.iter_rows(min_row=2)]
    assert names == ["HTX Được chọn"]


def test_a_large_file_previews_the_first_rows_and_imports_them_all(admin_client, places):
    rows = [row(**{"Tên": f"HTX số {i}", "Mã số thuế": ""}) for i in range(600)]

    page = _upload(admin_client, csv_bytes(rows), "lon.csv")

    body = page.content.decode()
    assert "200 dòng đầu tiên trong tổng số 600 dòng" in body and "600 mới" in body
    admin_client.post(
        reverse("admin:members_organization_process_import"),
        {
            "import_file_name": _hidden(page, "import_file_name"),
            "original_file_name": _hidden(page, "original_file_name"),
            "format": _hidden(page, "format"),
            "resource": "0",
        },
    )
    assert Organization.objects.count() == 600


def test_a_file_with_only_headers_is_explained(admin_client):
    page = _upload(admin_client, csv_bytes([]), "trong.csv")
    assert "Tệp không có dòng dữ liệu nào dưới dòng tiêu đề." in page.content.decode()


def test_import_and_export_pages_have_no_inline_code(admin_client, places):
    """The CSP forbids inline scripts and styles: the import form, its preview and the export form use none."""
    from tests.security.test_no_inline_code import _inline_code

    pages = [
        admin_client.get(reverse("admin:members_organization_import")),
        _upload(admin_client, csv_bytes([row()]), "a.csv"),
        _upload(admin_client, csv_bytes([row(**{"Loại hình": "?"})]), "a.csv"),
        admin_client.get(reverse("admin:members_organization_export")),
        admin_client.get(reverse("admin:awards_honour_import")),
    ]
    for page in pages:
        assert page.status_code == 200
        assert _inline_code(page.content.decode()) == []
