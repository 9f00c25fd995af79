"""A decision's recipients from a spreadsheet: recipients found or created, the model's rules, re-import, command,
admin."""

import datetime
import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from awards.models import Honour, HonourForm
from awards.resources import HONOUR_COLUMNS, HonourResource
from awards.services import import_honours
from core.importexport.files import format_for
from members.models import Person
from tests import factories

from .conftest import csv_bytes, upload

pytestmark = pytest.mark.django_db
HEADERS = list(HONOUR_COLUMNS.values())


def line(**values):
    base = dict.fromkeys(HEADERS, "")
    base.update({"Hình thức": "Bằng khen thử", "Trích yếu/Thành tích": "Hoàn thành xuất sắc nhiệm vụ"})
    base.update(values)
    return base


@pytest.fixture
def scene(decision):
    member = factories.OrganizationFactory(name="HTX Nông nghiệp Thắng Thủy", tax_code="0200000014")
    other = factories.OrganizationFactory(name="Công ty TNHH Quang Hải", tax_code="0200000021")
    person = factories.PersonFactory(full_name="Cao Thị Hằng", organization=member)
    factories.HonourFormFactory(name="Bằng khen thử", recipient_scope=HonourForm.Scope.BOTH)
    factories.HonourFormFactory(name="Cờ thi đua thử", recipient_scope=HonourForm.Scope.COLLECTIVE)
    return {"member": member, "other": other, "person": person, "decision": decision}


def rows():
    return [
        line(**{"Đối tượng": "Tập thể", "Tên người/tập thể": "HTX bất kỳ", "Mã số thuế": "0200000014"}),
        line(**{"Đối tượng": "Tập thể", "Tên người/tập thể": "Công ty TNHH Quang Hải", "Ngày trao": "31/07/2020"}),
        line(**{"Đối tượng": "Tập thể", "Tên người/tập thể": "Văn phòng Liên minh", "Năm thành tích": "2019"}),
        line(**{"Đối tượng": "Cá nhân", "Tên người/tập thể": "Cao Thị Hằng", "Mã số thuế": "0200000014"}),
        line(
            **{
                "Đối tượng": "Cá nhân",
                "Tên người/tập thể": "Lê Văn Mới",
                "Chức vụ": "Kế toán",
                "Mã số thuế": "0200000021",
            }
        ),
    ]


def test_recipients_are_found_or_created(scene):
    summary = import_honours(upload(csv_bytes(rows(), headers=HEADERS), "qd.csv"), scene["decision"])

    assert summary.ok, [str(e) for e in summary.errors]
    assert summary.new == 5
    honours = Honour.objects.filter(decision=scene["decision"])
    assert honours.filter(organization=scene["member"]).exists()
    assert honours.filter(organization=scene["other"], conferred_on=datetime.date(2020, 7, 31)).exists()
    assert honours.get(recipient_name="Văn phòng Liên minh").achievement_year == 2019
    assert honours.filter(person=scene["person"]).exists()
    newcomer = Person.objects.get(full_name="Lê Văn Mới")
    assert newcomer.organization == scene["other"] and newcomer.position == "Kế toán"
    assert newcomer.public_consent is False  # nobody is shown publicly without consent
    assert all(h.authority_id == scene["decision"].authority_id for h in honours)


def test_reimport_changes_nothing_and_exported_file_imports_back(scene):
    import_honours(upload(csv_bytes(rows(), headers=HEADERS), "qd.csv"), scene["decision"])
    people = Person.objects.count()

    again = import_honours(upload(csv_bytes(rows(), headers=HEADERS), "qd.csv"), scene["decision"])
    assert (again.new, again.updated, again.unchanged) == (0, 0, 5)

    exported = format_for("csv")().export_data(HonourResource().export(scene["decision"].honours.all()))
    round_trip = import_honours(upload(exported.encode(), "xuat.csv"), scene["decision"])
    assert round_trip.ok and (round_trip.new, round_trip.unchanged) == (0, 5)
    assert Honour.objects.count() == 5 and Person.objects.count() == people


@pytest.mark.parametrize(
    ("changes", "column", "expected"),
    [
        ({"Hình thức": "Huân chương tưởng tượng"}, "Hình thức", "không phải là giá trị hợp lệ"),
        ({"Đối tượng": "Đồng chí"}, "Đối tượng", "Tập thể"),
        ({"Mã số thuế": "0299999999"}, "Mã số thuế", "Không có tổ chức thành viên"),
        ({"Hình thức": "Cờ thi đua thử"}, "Hình thức", ""),
        ({"Ngày trao": "01/01/2019"}, "Ngày trao", "20/07/2020"),
        ({"Năm thành tích": "1900"}, "Năm thành tích", "1945"),
    ],
)
def test_bad_rows_are_named_and_nothing_is_written(scene, changes, column, expected):
    bad = rows()
    bad[3].update(changes)  # the existing individual, on row 5
    people = Person.objects.count()

    summary = import_honours(upload(csv_bytes(bad, headers=HEADERS), "qd.csv"), scene["decision"])

    messages = [str(e) for e in summary.errors]
    assert messages and messages[0].startswith(f"Dòng 5, cột “{column}”"), messages
    assert expected in messages[0]
    assert Honour.objects.count() == 0 and Person.objects.count() == people


def test_people_of_members_without_tax_code_and_of_outside_bodies_round_trip(scene):
    untaxed = factories.OrganizationFactory(name="Tổ hợp tác Đan lát", tax_code="")
    factories.HonourFactory(
        decision=scene["decision"],
        authority=scene["decision"].authority,
        form=HonourForm.objects.get(name="Bằng khen thử"),
        organization=None,
        person=factories.PersonFactory(full_name="Phạm Văn Đan", organization=untaxed),
    )
    factories.HonourFactory(
        decision=scene["decision"],
        authority=scene["decision"].authority,
        form=HonourForm.objects.get(name="Bằng khen thử"),
        organization=None,
        person=factories.PersonFactory(full_name="Nguyễn Văn Thịnh", affiliation="Liên minh HTX Việt Nam"),
    )
    people = Person.objects.count()
    exported = format_for("xlsx")().export_data(HonourResource().export(scene["decision"].honours.all()))

    summary = import_honours(upload(exported, "xuat.xlsx"), scene["decision"])

    assert summary.ok and (summary.new, summary.unchanged) == (0, 2), [str(e) for e in summary.errors]
    assert Person.objects.count() == people


def test_same_honour_twice_in_the_file(scene):
    summary = import_honours(upload(csv_bytes([rows()[0], rows()[0]], headers=HEADERS), "qd.csv"), scene["decision"])
    assert str(summary.errors[0]).startswith("Dòng 3") and "Dòng 2" in str(summary.errors[0])


def test_command(scene, tmp_path):
    path = tmp_path / "qd.csv"
    path.write_bytes(csv_bytes(rows(), headers=HEADERS))
    out = io.StringIO()

    call_command("import_honours", str(path), "--decision", str(scene["decision"].pk), "--dry-run", stdout=out)
    assert (
        "5 mới" in out.getvalue() and Honour.objects.count() == 0 and not Person.objects.filter(full_name="Lê Văn Mới")
    )

    call_command("import_honours", str(path), "--decision", str(scene["decision"].pk), stdout=out)
    assert Honour.objects.count() == 5

    with pytest.raises(CommandError):
        call_command("import_honours", str(path), "--decision", "999999", stdout=out)
    bad = tmp_path / "loi.csv"
    bad.write_bytes(csv_bytes([line(**{"Đối tượng": "?", "Tên người/tập thể": "X"})], headers=HEADERS))
    with pytest.raises(CommandError, match="Dòng 2"):
        call_command("import_honours", str(bad), "--decision", str(scene["decision"].pk), stdout=out, stderr=out)


def test_admin_import_with_the_decision_chosen(admin_client, scene):
    url = reverse("admin:awards_honour_import")
    assert (
        f'value="{scene["decision"].pk}" selected'
        in admin_client.get(url + f"?decision={scene['decision'].pk}").content.decode()
    )

    page = admin_client.post(
        url,
        {
            "resource": "0",
            "format": "0",
            "decision": scene["decision"].pk,
            "import_file": upload(csv_bytes(rows(), headers=HEADERS), "qd.csv"),
        },
    )
    body = page.content.decode()
    assert "process_import" in body and Honour.objects.count() == 0

    def hidden(name):
        return re.search(rf'name="{name}" value="([^"]*)"', body).group(1)

    admin_client.post(
        reverse("admin:awards_honour_process_import"),
        {
            "import_file_name": hidden("import_file_name"),
            "original_file_name": hidden("original_file_name"),
            "format": hidden("format"),
            "resource": "0",
            "decision": hidden("decision"),
        },
    )
    assert Honour.objects.filter(decision=scene["decision"]).count() == 5


def test_decision_page_links_to_the_import_of_its_recipients(admin_client, decision):
    page = admin_client.get(reverse("admin:awards_decision_change", args=[decision.pk]))
    assert reverse("admin:awards_honour_import") + f"?decision={decision.pk}" in page.content.decode()
