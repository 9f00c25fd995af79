"""No lost updates: two staff open the same record, both save; the second is refused and the first one's data stays."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tests import factories
from tests.admin.utils import change_form_data

pytestmark = pytest.mark.django_db


def _two_staff():
    clients = []
    for name in ("nhanvien_an", "nhanvien_binh"):
        user = User.objects.create_superuser(name, f"{name}@example.vn", "mat-khau-thu-12345")
        client = Client()
        client.force_login(user)
        clients.append(client)
    return clients


@pytest.mark.parametrize(
    ("factory", "urlname", "field", "first", "second"),
    [
        (
            factories.OrganizationFactory,
            "admin:members_organization_change",
            "address",
            "Số 1 Lạch Tray",
            "Số 9 Trần Phú",
        ),
        (factories.EventFactory, "admin:events_event_change", "venue", "Nhà hát thành phố", "Cung Văn hóa Lao động"),
        (factories.DecisionFactory, "admin:awards_decision_change", "title", "Về việc tặng Bằng khen", "Khen thưởng"),
    ],
)
def test_second_save_is_refused_and_first_data_stays(factory, urlname, field, first, second):
    obj = factory()
    url = reverse(urlname, args=[obj.pk])
    an, binh = _two_staff()
    data_an = change_form_data(an.get(url))
    data_binh = change_form_data(binh.get(url))

    data_an[field] = first
    response = an.post(url, data_an)
    assert response.status_code == 302

    data_binh[field] = second
    response = binh.post(url, data_binh)
    assert response.status_code == 200  # the form again, with the error
    errors = response.context["adminform"].form.non_field_errors()
    assert errors, "the second save must be refused"
    message = str(errors[0])
    assert "nhanvien_an" in message  # who changed it
    assert first in message  # and what they changed it to
    assert "nhanvien_an" in response.content.decode()

    obj.refresh_from_db()
    assert getattr(obj, field) == first
    assert obj.version == 2


def test_saving_twice_in_a_row_from_fresh_forms_works():
    obj = factories.OrganizationFactory()
    url = reverse("admin:members_organization_change", args=[obj.pk])
    an, _binh = _two_staff()
    for address in ("Số 1", "Số 2", "Số 3"):
        data = change_form_data(an.get(url))
        data["address"] = address
        assert an.post(url, data).status_code == 302
    obj.refresh_from_db()
    assert (obj.address, obj.version) == ("Số 3", 4)


def test_post_without_loaded_version_is_refused():
    obj = factories.EventFactory()
    url = reverse("admin:events_event_change", args=[obj.pk])
    an, _binh = _two_staff()
    data = change_form_data(an.get(url))
    del data["loaded_version"]
    data["venue"] = "Nơi khác"
    response = an.post(url, data)
    assert response.status_code == 200
    obj.refresh_from_db()
    assert obj.venue != "Nơi khác"


def test_conflict_in_the_save_itself_rolls_everything_back(monkeypatch):
    """A save that loses the race after its form was checked is rolled back, inlines included, with a message."""
    from core.admin_locking import VersionedAdminForm

    event = factories.EventFactory()
    url = reverse("admin:events_event_change", args=[event.pk])
    an, _binh = _two_staff()
    data = change_form_data(an.get(url))
    data["venue"] = "Nơi mới"
    data["programme-TOTAL_FORMS"] = "1"
    data.update({"programme-0-title": "Khai mạc", "programme-0-order": "1"})
    original_clean = VersionedAdminForm.clean

    def clean_then_someone_saves(form):
        cleaned = original_clean(form)
        type(form.instance).objects.filter(pk=form.instance.pk).update(version=99)
        return cleaned

    monkeypatch.setattr(VersionedAdminForm, "clean", clean_then_someone_saves)
    response = an.post(url, data)
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.venue != "Nơi mới"
    assert not event.programme.exists()
