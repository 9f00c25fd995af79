"""Personal data: export everything held about one person, erase (anonymise) it, both logged; no default consent."""

import io
import json
import logging

import factory
import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from core.images import thumbnail_url
from members.models import Person
from tests import factories

NAME = "Trịnh Thị Riêng Tư"
PRIVATE = {"phone": "0987 654 321", "email": "rieng.tu@example.vn", "id_number": "031099012345"}


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_user("phapche", password="x", is_staff=True)


@pytest.fixture
def someone(db):
    person = factories.PersonFactory(
        full_name=NAME,
        position="Phó Giám đốc",
        birth_date="1971-02-03",
        photo=factory.django.ImageField(width=40, height=30, format="JPEG", filename="rieng-tu.jpg"),
        organization=factories.OrganizationFactory(),
        **PRIVATE,
    )
    person.phone = "0987 654 322"  # a second version: the old phone is in the history
    person.save()
    factories.HonourFactory(person=person, organization=None, citation="Thành tích xuất sắc")
    factories.ParticipantFactory(person=person, position="Trưởng đoàn")
    factories.SpeechFactory(speaker=person, summary="Phát biểu chào mừng")
    factories.ProgrammeItemFactory(speaker=person)
    return person


def _export(person, *args):
    out = io.StringIO()
    call_command("export_person_data", str(person.pk), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_no_default_consent():
    field = Person._meta.get_field("public_consent")
    assert field.default is False
    assert Person(full_name="Ai đó").public_consent is False


def test_export_holds_every_kind_of_data(someone, staff):
    data = json.loads(_export(someone, "--by", staff.username))
    assert data["person"]["full_name"] == NAME
    assert data["person"]["birth_date"] == "1971-02-03"
    assert data["person"]["email"] == PRIVATE["email"]
    assert data["person"]["id_number"] == PRIVATE["id_number"]
    assert data["person"]["photo"].endswith(".jpg")
    assert data["person"]["organization_name"] == someone.organization.name
    assert [h["citation"] for h in data["honours"]] == ["Thành tích xuất sắc"]
    assert [p["position"] for p in data["participations"]] == ["Trưởng đoàn"]
    assert [s["summary"] for s in data["speeches"]] == ["Phát biểu chào mừng"]
    assert len(data["programme_items"]) == 1
    phones = [h["values"]["phone"] for h in data["history"]]
    assert phones[:2] == [PRIVATE["phone"], "0987 654 322"]


def test_export_to_file_is_logged_and_traced(someone, staff, tmp_path, caplog):
    target = tmp_path / "xuat.json"
    with caplog.at_level(logging.INFO, logger="members.privacy"):
        _export(someone, "--output", str(target), "--by", staff.username)
    assert json.loads(target.read_text(encoding="utf-8"))["person"]["id"] == someone.pk
    assert f"export_person_data person={someone.pk} by=phapche" in caplog.text
    assert NAME not in caplog.text and PRIVATE["phone"] not in caplog.text
    trace = someone.history.latest()
    assert trace.history_change_reason == "Personal data exported (PDPL) by phapche"
    assert trace.history_user == staff
    someone.refresh_from_db()
    assert someone.full_name == NAME  # exporting changes nothing


def test_unknown_person_or_user_is_a_clear_error(someone):
    with pytest.raises(CommandError, match="No person with id"):
        call_command("export_person_data", "999999")
    with pytest.raises(CommandError, match="No person with id"):
        call_command("erase_person", "abc")
    with pytest.raises(CommandError, match="No staff user"):
        call_command("erase_person", str(someone.pk), "--by", "nobody")


def test_erase_dry_run_changes_nothing(someone):
    out = io.StringIO()
    call_command("erase_person", str(someone.pk), "--dry-run", stdout=out)
    assert "Dry run" in out.getvalue()
    someone.refresh_from_db()
    assert someone.full_name == NAME
    assert someone.email == PRIVATE["email"]
    assert default_storage.exists(someone.photo.name)


def test_erase_anonymises_person_history_photo_and_log(someone, staff, caplog):
    photo = someone.photo.name
    thumb_url = thumbnail_url(someone.photo, "md")
    assert thumb_url
    thumb = thumb_url.split("/media/", 1)[-1]
    assert default_storage.exists(thumb)
    person_type = ContentType.objects.get_for_model(Person)
    LogEntry.objects.create(
        user=staff, content_type=person_type, object_id=str(someone.pk), object_repr=str(someone), action_flag=CHANGE
    )
    honour = someone.honours.get()
    version = someone.version

    out = io.StringIO()
    with caplog.at_level(logging.INFO, logger="members.privacy"):
        call_command("erase_person", str(someone.pk), "--by", staff.username, stdout=out)

    someone.refresh_from_db()
    assert someone.full_name == f"Cá nhân đã ẩn danh #{someone.pk}"
    assert (someone.birth_date, someone.phone, someone.email, someone.id_number) == (None, "", "", "")
    assert someone.position == "" and someone.organization is None and not someone.photo
    assert not someone.public_consent and someone.consent_recorded_on is None and not someone.is_published
    assert someone.version == version + 1  # a change form opened before cannot be saved over the erasure
    assert not default_storage.exists(photo)
    assert not default_storage.exists(thumb)
    # Honours, participations and speeches stay, attached to the anonymised person.
    assert someone.honours.get() == honour
    assert someone.participations.get().position == ""
    assert someone.speeches.count() == 1
    # No earlier version keeps a private value; the erasure itself is recorded with who did it.
    for version in someone.history.all():
        assert version.full_name == someone.full_name
        assert (version.phone, version.email, version.id_number, version.birth_date) == ("", "", "", None)
    latest = someone.history.latest()
    assert latest.history_change_reason == "Personal data erased (PDPL) by phapche"
    assert latest.history_user == staff
    assert not LogEntry.objects.filter(object_repr__contains=NAME).exists()
    assert f"erase_person person={someone.pk} by=phapche" in caplog.text
    assert NAME not in caplog.text
    # Nothing personal is left anywhere in the export.
    exported = _export(someone)
    for value in (NAME, *PRIVATE.values(), "0987 654 322", "1971-02-03", "Phó Giám đốc", "Trưởng đoàn"):
        assert value not in exported


def test_erase_reports_free_text_still_naming_the_person(someone):
    factories.EventFactory(summary=f"Bà {NAME} phát biểu khai mạc.")
    out = io.StringIO()
    call_command("erase_person", str(someone.pk), stdout=out)
    assert "events.Event #" in out.getvalue()
    assert "edit these by hand" in out.getvalue()


def test_erased_person_disappears_from_public_queries(someone):
    assert Person.objects.published().filter(pk=someone.pk).exists()
    call_command("erase_person", str(someone.pk), stdout=io.StringIO())
    assert not Person.objects.published().filter(pk=someone.pk).exists()


def test_change_form_opened_before_the_erasure_cannot_restore_the_data(admin_client, someone):
    """A staff member who had the person open while the erasure ran cannot save the old details back."""
    from django.urls import reverse

    from tests.admin.utils import change_form_data

    url = reverse("admin:members_person_change", args=[someone.pk])
    data = change_form_data(admin_client.get(url))
    assert data["email"] == PRIVATE["email"]
    call_command("erase_person", str(someone.pk), stdout=io.StringIO())
    response = admin_client.post(url, data)
    assert response.status_code == 200  # the form again, with the conflict explained; nothing saved
    someone.refresh_from_db()
    assert someone.email == "" and someone.full_name.endswith(f"#{someone.pk}")
