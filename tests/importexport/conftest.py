"""Fixtures and file builders for the import/export tests: CSV and XLSX files as staff would make them."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.utils import translation

from members.models import Area, Sector
from members.resources import ORG_COLUMNS
from tests import factories

HEADERS = list(ORG_COLUMNS.values())


@pytest.fixture(autouse=True)
def _vietnamese():
    """Messages are checked in Vietnamese, as staff read them."""
    with translation.override("vi"):
        yield


def row(**values):
    """A good member row (by column header), with changes: row(**{"Tên": "..."})."""
    base = {
        "Tên": "HTX Nông nghiệp Thắng Thủy",
        "Tên viết tắt": "HTX Thắng Thủy",
        "Tên tiếng Anh": "",
        "Loại hình": "Hợp tác xã",
        "Loại hình doanh nghiệp": "",
        "Mã số thuế": "0200000014",
        "Ngành nghề": "Nông nghiệp; Thủy sản",
        "Đơn vị hành chính": "Xã Vĩnh Bảo",
        "Địa chỉ": "Thôn Đông, xã Vĩnh Bảo",
        "Người đại diện": "Cao Thị Hằng",
        "Chức vụ người đại diện": "Giám đốc",
        "Điện thoại": "+84 225 3888 999",
        "Email": "htx.thangthuy@example.vn",
        "Website": "",
        "Công khai liên hệ": "Có",
        "Ngày thành lập": "01/03/1995",
        "Ngày gia nhập": "20/05/2001",
        "Trạng thái": "Đang hoạt động",
        "Ngày thay đổi trạng thái": "",
        "Số thành viên": "120",
        "Số lao động": "30",
        "Vốn điều lệ": "1.500.000.000",
        "Mô tả": "Dịch vụ thủy lợi, giống cây trồng.",
        "Công bố": "Có",
    }
    base.update(values)
    return base


def enterprise_row(**values):
    return row(
        **{
            "Tên": "Công ty TNHH Quang Hải",
            "Tên viết tắt": "",
            "Loại hình": "Doanh nghiệp",
            "Loại hình doanh nghiệp": "Công ty TNHH",
            "Mã số thuế": "0200000021",
            "Ngành nghề": "Thương mại – dịch vụ",
            "Đơn vị hành chính": "Quận Hồng Bàng",
            "Người đại diện": "Bùi Đức Vinh",
            "Ngày thành lập": "15/02/1992",
            "Ngày gia nhập": "01/01/1993",
            "Vốn điều lệ": "",
            **values,
        }
    )


def csv_bytes(rows, headers=None, bom=False, encoding="utf-8", delimiter=","):
    headers = headers or HEADERS
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(headers)
    for r in rows:
        writer.writerow([r.get(h, "") for h in headers])
    data = out.getvalue().encode(encoding, errors="replace")
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(rows, headers=None):
    headers = headers or HEADERS
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headers)
    for r in rows:
        sheet.append([r.get(h, "") for h in headers])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(data, name):
    handle = io.BytesIO(data)
    handle.name = name
    return handle


@pytest.fixture
def places(db):
    """The seeded units and sectors the rows name."""
    return {
        "vinh_bao": Area.objects.get(name="Xã Vĩnh Bảo"),
        "hong_bang": Area.objects.get(name="Quận Hồng Bàng"),
        "agriculture": Sector.objects.get(name="Nông nghiệp"),
        "fisheries": Sector.objects.get(name="Thủy sản"),
    }


@pytest.fixture
def decision(db):
    return factories.DecisionFactory(signed_on=datetime.date(2020, 7, 20))
