"""Saving an event and a decision with their inlines through the admin, as staff do."""

import datetime

import pytest
from django.urls import reverse

from awards.models import Decision, Honour, HonourForm
from events.models import Event
from tests import factories
from tests.admin.utils import add_inline_rows, change_form_data

pytestmark = pytest.mark.django_db


def test_event_saved_with_programme_participants_speeches_and_honours(admin_client):
    guest, speaker = factories.PersonFactory(full_name="Nguyễn Văn Tùng"), factories.PersonFactory()
    member = factories.OrganizationFactory()
    form = factories.HonourFormFactory(name="Bằng khen")
    decision = factories.DecisionFactory(signed_on=datetime.date(2020, 7, 20))
    response = admin_client.get(reverse("admin:events_event_add"))
    data = change_form_data(response)
    data.update(
        {
            "kind": "anniversary",
            "title": "Lễ kỷ niệm 30 năm thành lập Liên minh HTX thành phố",
            "starts_at_0": "31/07/2020",
            "starts_at_1": "08:00",
            "celebrates_on": "31/07/1990",
            "venue": "Trung tâm Hội nghị thành phố",
            "is_published": "on",
        }
    )
    add_inline_rows(data, "programme", [{"order": "1", "starts_at": "08:00", "title": "Văn nghệ chào mừng"}])
    add_inline_rows(data, "participants", [{"order": "1", "person": guest.pk, "role": "guest_of_honour"}])
    add_inline_rows(data, "speeches", [{"order": "1", "speaker": speaker.pk, "summary": "Diễn văn kỷ niệm."}])
    add_inline_rows(
        data,
        "honours",
        [
            {
                "order": "1",
                "form": form.pk,
                "decision": decision.pk,
                "recipient": f"organization:{member.pk}",
                "conferred_on": "31/07/2020",
            }
        ],
    )
    response = admin_client.post(reverse("admin:events_event_add"), data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    event = Event.objects.get()
    assert event.slug == "le-ky-niem-30-nam-thanh-lap-lien-minh-htx-thanh-pho"
    assert event.anniversary_years == 30
    assert list(event.programme.values_list("title", flat=True)) == ["Văn nghệ chào mừng"]
    assert event.participants.get().person == guest
    assert event.speeches.get().speaker == speaker
    honour = event.honours.get()
    assert honour.organization == member
    assert honour.authority == decision.authority  # taken from the decision: the authority was left empty


def _decision_post(admin_client, authority, honours, number="1234/QĐ-UBND", signed_on="20/07/2020"):
    response = admin_client.get(reverse("admin:awards_decision_add"))
    data = change_form_data(response)
    data.update({"number": number, "signed_on": signed_on, "authority": authority.pk, "is_published": "on"})
    add_inline_rows(data, "honours", honours)
    return admin_client.post(reverse("admin:awards_decision_add"), data)


def test_decision_saved_with_many_honours_takes_its_authority(admin_client):
    authority = factories.AuthorityFactory(name="UBND thành phố Hải Phòng")
    certificate = factories.HonourFormFactory(name="Bằng khen")
    members = factories.OrganizationFactory.create_batch(12)
    person = factories.PersonFactory()
    rows = [{"order": i, "form": certificate.pk, "recipient": f"organization:{m.pk}"} for i, m in enumerate(members)]
    rows.append({"order": 99, "form": certificate.pk, "recipient": f"person:{person.pk}"})
    rows.append({"order": 100, "form": certificate.pk, "recipient": "name:Văn phòng Liên minh"})
    response = _decision_post(admin_client, authority, rows)
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert decision.honours.count() == 14
    assert set(decision.honours.values_list("authority", flat=True)) == {authority.pk}
    add_page = admin_client.get(reverse("admin:awards_decision_add")).content.decode()
    assert 'name="honours-__prefix__-recipient"' in add_page  # one field finds the recipient, whatever its kind
    assert 'name="honours-__prefix__-organization"' not in add_page
    assert 'name="honours-__prefix__-authority"' not in add_page  # hidden: the decision's authority is used


def test_decision_inline_runs_honour_validation(admin_client):
    """The model's rules surface on the inline row: a collective-only form given to a person, two recipients."""
    authority = factories.AuthorityFactory()
    flag = factories.HonourFormFactory(name="Cờ thi đua", recipient_scope=HonourForm.Scope.COLLECTIVE)
    person, member = factories.PersonFactory(), factories.OrganizationFactory()
    response = _decision_post(
        admin_client,
        authority,
        [
            {"order": 1, "form": flag.pk, "recipient": f"person:{person.pk}"},
            {"order": 2, "form": flag.pk, "citation": "Không có người nhận"},
            {"order": 3, "form": flag.pk, "recipient": f"organization:{member.pk}", "conferred_on": "01/07/2020"},
        ],
    )
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert "Cờ thi đua" in str(formset.forms[0].errors["form"])  # cannot be given to an individual
    assert str(formset.forms[0].errors["form"][0]) in response.content.decode()
    assert formset.forms[1].errors["recipient"] == [  # the model's own message, in Vietnamese
        "Hãy chọn đúng một đối tượng nhận: một tổ chức thành viên, một cá nhân, hoặc một tập thể khác."
    ]
    assert "conferred_on" in formset.forms[2].errors  # before the decision was signed (20/07/2020)
    assert not Decision.objects.exists() and not Honour.objects.exists()


def test_changing_decision_authority_moves_its_honours(admin_client):
    decision = factories.DecisionFactory()
    honours = factories.HonourFactory.create_batch(3, decision=decision, authority=decision.authority)
    other = factories.AuthorityFactory(name="Chủ tịch UBND thành phố")
    url = reverse("admin:awards_decision_change", args=[decision.pk])
    data = change_form_data(admin_client.get(url))
    data["authority"] = other.pk
    response = admin_client.post(url, data)
    assert response.status_code == 302
    for honour in honours:
        honour.refresh_from_db()
        assert honour.authority == other


def test_change_pages_show_their_own_inlines_then_those_of_higher_apps(admin_client):
    """The event's own inlines come first, then the honours presented there; members show the honours received."""
    event = factories.EventFactory()
    person = factories.PersonFactory(organization=factories.OrganizationFactory())
    pages = {
        reverse("admin:events_event_change", args=[event.pk]): ["programme", "participants", "speeches", "photos"],
        reverse("admin:members_organization_change", args=[person.organization.pk]): [],
        reverse("admin:members_person_change", args=[person.pk]): [],
    }
    for url, own in pages.items():
        response = admin_client.get(url)
        prefixes = [inline.formset.prefix for inline in response.context["inline_admin_formsets"]]
        assert prefixes == [*own, "honours"], url
