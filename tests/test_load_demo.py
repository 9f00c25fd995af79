"""load_demo: the facts of the 30th-anniversary report (FACTS.md), idempotent, and the synthetic member generator.

Every test here starts from one `load_demo` (the report's facts and the sample history, tests/test_demo_history.py),
loaded once for the module (`loaded_demo`); what a test adds on top is rolled back after it.
"""

import datetime
import re
from collections import Counter

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from alliance_portal import demo
from awards.models import Decision, Honour
from events.models import Alliance, AllianceName, Congress, Event, Participant, ProgrammeItem, Speech
from members.models import Organization, Person
from members.validators import TAX_CODE_RE, tax_code_checksum_ok

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loaded_demo")]

THEME = "30 năm đổi mới, hợp tác, phát triển bền vững"
NAMED_PEOPLE = {
    "Nguyễn Văn Thịnh": "Phó Chủ tịch Liên minh HTX Việt Nam",
    "Nguyễn Văn Thành": "Phó Chủ tịch UBND TP Hải Phòng, Trưởng ban chỉ đạo phát triển kinh tế tập thể thành phố",
    "Lương Minh Huệ": "Chủ tịch Liên minh HTX & DN TP Hải Phòng",
    "Bùi Đức Vinh": "Giám đốc Công ty TNHH Quang Hải",
    "Cao Thị Hằng": "Giám đốc HTX Nông nghiệp Thắng Thủy",
}


# What one load_demo holds: the report's facts (2 members, 5 people, the ceremony, 4 sample decisions, 23 honours, 8
# sample collectives and 14 sample individuals) and the sample history drawn from demo.HISTORY_SEED. Changing the
# history changes these on purpose.
DEMO_ROWS = {
    "members.Organization": 2 + 8 + 300,
    "members.Person": 5 + 14 + 354,
    "events.Event": 1 + 56,
    "events.Photo": 136,
    "awards.Decision": 4 + 117,
    "awards.Honour": 23 + 398,
}


@pytest.fixture
def ceremony():
    return Event.objects.get(slug=demo.EVENT_SLUG)


def _row_counts():
    counts = {}
    for label in settings.PORTAL_APPS:
        for model in apps.get_app_config(label).get_models():
            counts[model._meta.label] = model.objects.count()
            for m2m in model._meta.local_many_to_many:
                counts[m2m.remote_field.through._meta.label] = m2m.remote_field.through.objects.count()
    return counts


def test_the_alliance_and_its_founding(ceremony):
    alliance = Alliance.objects.get()
    assert alliance.name == "Liên minh Hợp tác xã và Doanh nghiệp thành phố Hải Phòng"
    assert alliance.short_name == "Liên minh HTX & DN TP Hải Phòng"
    assert alliance.name_en
    assert alliance.founded_on == datetime.date(1990, 7, 31)
    assert alliance.founding_authority == "UBND TP Hải Phòng"
    assert alliance.founding_name == "Hội đồng các HTX và cơ sở công nghiệp ngoài quốc doanh"
    assert "tín dụng" in alliance.mandate and "đối ngoại" in alliance.mandate


def test_names_over_time_invent_no_dates(ceremony):
    founding, today = AllianceName.objects.all()
    assert founding.name == "Hội đồng các HTX và cơ sở công nghiệp ngoài quốc doanh"
    assert founding.valid_from == datetime.date(1990, 7, 31)
    assert founding.valid_to is None and "chưa rõ" in founding.note
    assert today.name == Alliance.objects.get().name
    assert today.valid_from is None and "chưa rõ" in today.note


def test_five_congresses_without_dates(ceremony):
    congresses = Congress.objects.all()
    assert [c.number for c in congresses] == [1, 2, 3, 4, 5]
    assert [c.numeral for c in congresses] == ["I", "II", "III", "IV", "V"]
    assert all(c.held_on is None for c in congresses)


def test_the_ceremony(ceremony):
    assert ceremony.kind == Event.Kind.ANNIVERSARY
    assert ceremony.celebrates_on == datetime.date(1990, 7, 31)
    assert ceremony.anniversary_years == 30
    local = timezone.localtime(ceremony.starts_at)
    assert local.date() == datetime.date(2020, 7, 31) and local.hour < 12  # "sáng 31/7"
    assert THEME in ceremony.summary
    assert ceremony.source_name == "Vnbusiness"
    assert ceremony.source_url.startswith("https://vnbusiness.vn/") and ceremony.source_url.endswith("1071658.html")
    assert ceremony.is_published and ceremony.body
    ceremony.full_clean()


def test_the_five_named_people_with_positions_and_no_private_details(ceremony):
    people = {p.full_name: p for p in Person.objects.filter(is_sample=False)}
    assert set(people) == set(NAMED_PEOPLE)
    for name, position in NAMED_PEOPLE.items():
        person = people[name]
        assert person.position == position
        assert person.public_consent and person.consent_recorded_on and person.is_published
        assert not (person.birth_date or person.phone or person.email or person.id_number)
        person.full_clean()
    assert set(Person.objects.published().filter(is_sample=False)) == set(people.values())
    # The sample history never gives them another role, nor their names to anyone else.
    real = Person.objects.filter(is_sample=False)
    assert not Participant.objects.filter(person__in=real).exclude(event=ceremony).exists()
    assert not Honour.objects.filter(person__in=real).exists()
    assert not Person.objects.filter(is_sample=True, full_name__in=NAMED_PEOPLE).exists()


def test_roles_at_the_ceremony(ceremony):
    roles = {(p.person.full_name, p.role) for p in Participant.objects.filter(event=ceremony)}
    R = Participant.Role
    assert {("Nguyễn Văn Thịnh", R.GUEST_OF_HONOUR), ("Nguyễn Văn Thành", R.GUEST_OF_HONOUR)} <= roles
    assert {("Nguyễn Văn Thịnh", R.PRESENTER), ("Nguyễn Văn Thành", R.PRESENTER)} <= roles
    speakers = {name for name, role in roles if role == R.SPEAKER}
    assert speakers == {"Nguyễn Văn Thịnh", "Lương Minh Huệ", "Bùi Đức Vinh", "Cao Thị Hằng"}
    for participant in Participant.objects.filter(event=ceremony):
        assert participant.position_shown == NAMED_PEOPLE[participant.person.full_name]


def test_four_speeches_with_own_summaries(ceremony):
    speeches = list(Speech.objects.filter(event=ceremony))
    assert [s.speaker.full_name for s in speeches] == [
        "Nguyễn Văn Thịnh",
        "Bùi Đức Vinh",
        "Cao Thị Hằng",
        "Lương Minh Huệ",
    ]
    assert all(len(s.summary) > 60 for s in speeches)


def test_programme_has_opening_speeches_and_honours_without_invented_times(ceremony):
    items = list(ProgrammeItem.objects.filter(event=ceremony))
    assert items[0].title.startswith("Khai mạc")
    assert any("Bức trướng" in i.title for i in items) and any("Kỷ niệm chương" in i.title for i in items)
    assert all(i.starts_at is None for i in items)


def test_the_two_member_organizations_and_their_directors(ceremony):
    quang_hai = Organization.objects.get(name="Công ty TNHH Quang Hải")
    thang_thuy = Organization.objects.get(name="HTX Nông nghiệp Thắng Thủy")
    assert (quang_hai.kind, quang_hai.legal_form) == (Organization.Kind.ENTERPRISE, Organization.LegalForm.LLC)
    assert (thang_thuy.kind, thang_thuy.legal_form) == (Organization.Kind.COOPERATIVE, "")
    assert [s.name for s in thang_thuy.sectors.all()] == ["Nông nghiệp"]
    assert thang_thuy.slug == "htx-nong-nghiep-thang-thuy"
    assert not quang_hai.is_sample and not thang_thuy.is_sample
    assert Person.objects.get(full_name="Bùi Đức Vinh").organization == quang_hai
    assert Person.objects.get(full_name="Cao Thị Hằng").organization == thang_thuy
    assert Organization.objects.filter(is_sample=False).count() == 2
    assert Organization.objects.filter(name__in=[quang_hai.name, thang_thuy.name]).count() == 2  # no sample namesake
    for org in (quang_hai, thang_thuy):
        org.full_clean()


def test_23_honours_with_the_reported_counts(ceremony):
    honours = Honour.objects.filter(event=ceremony).select_related("authority", "form")
    assert honours.count() == 23
    counts = Counter((h.authority.name, h.form.name, h.recipient_kind) for h in honours)
    assert counts == {
        ("Thành ủy – HĐND – UBND thành phố Hải Phòng", "Bức trướng", "collective"): 1,
        ("UBND thành phố Hải Phòng", "Cờ thi đua", "collective"): 2,
        ("UBND thành phố Hải Phòng", "Tập thể lao động xuất sắc", "collective"): 2,
        ("Chủ tịch UBND thành phố Hải Phòng", "Bằng khen", "collective"): 3,
        ("Chủ tịch UBND thành phố Hải Phòng", "Bằng khen", "individual"): 6,
        ("Ban Chấp hành Liên minh HTX Việt Nam", "Bằng khen", "collective"): 1,
        ("Ban Chấp hành Liên minh HTX Việt Nam", "Bằng khen", "individual"): 2,
        ("Ban Chấp hành Liên minh HTX Việt Nam", "Kỷ niệm chương “Vì sự nghiệp phát triển HTX”", "individual"): 6,
    }
    assert all(h.conferred_on == datetime.date(2020, 7, 31) for h in honours)
    vca_merit = honours.filter(authority__name="Ban Chấp hành Liên minh HTX Việt Nam", form__name="Bằng khen")
    assert set(vca_merit.values_list("achievement_year", flat=True)) == {2019}
    assert all("dẫn đầu Khối thi đua" in h.citation for h in honours.filter(form__name="Cờ thi đua"))
    for honour in honours:
        honour.full_clean()
    assert Honour.objects.published().filter(event=ceremony).count() == 23
    # The sample history confers nothing on that day and presents nothing there.
    assert Honour.objects.filter(conferred_on=datetime.date(2020, 7, 31)).count() == 23


def test_the_banner_goes_to_the_alliance_with_its_inscription(ceremony):
    banner = Honour.objects.get(event=ceremony, form__name="Bức trướng")
    assert banner.recipient_name == "Liên minh HTX & DN TP Hải Phòng"
    assert banner.inscription == THEME
    assert banner.organization is None and banner.person is None and not banner.is_sample


def test_unnamed_recipients_and_decisions_are_visibly_sample(ceremony):
    honours = Honour.objects.filter(event=ceremony).exclude(form__name="Bức trướng")
    for honour in honours:
        assert honour.is_sample
        recipient = honour.person or honour.organization
        assert recipient.is_sample and "mẫu" in recipient_name(recipient)
        if honour.person:
            assert recipient.public_consent and recipient.consent_recorded_on
        assert recipient.is_published
    decisions = Decision.objects.filter(honours__event=ceremony).distinct()
    assert decisions.count() == 4
    assert {d.authority.name for d in decisions} == {
        "Thành ủy – HĐND – UBND thành phố Hải Phòng",
        "UBND thành phố Hải Phòng",
        "Chủ tịch UBND thành phố Hải Phòng",
        "Ban Chấp hành Liên minh HTX Việt Nam",
    }
    for decision in decisions:
        assert decision.is_sample and decision.number.startswith("Mẫu-")
        assert decision.signed_on < datetime.date(2020, 7, 31)
        assert set(decision.honours.values_list("event", flat=True)) == {ceremony.pk}
        decision.full_clean()
    assert all(h.decision.authority_id == h.authority_id for h in Honour.objects.filter(event=ceremony))


def recipient_name(recipient):
    return getattr(recipient, "full_name", None) or recipient.name


def test_load_demo_twice_changes_nothing(ceremony):
    before = _row_counts()
    call_command("load_demo", verbosity=0)
    assert _row_counts() == before
    assert {label: before[label] for label in DEMO_ROWS} == DEMO_ROWS


def test_dry_run_saves_nothing():
    before = _row_counts()
    call_command("load_demo", "--dry-run", "--members", "20", verbosity=0)
    assert _row_counts() == before


def test_dry_run_of_the_history_leaves_no_pictures_behind(settings):
    history_events = Event.objects.exclude(slug=demo.EVENT_SLUG)  # deleted, so that their pictures are made again
    Honour.objects.filter(event__in=history_events).delete()
    history_events.delete()
    call_command("load_demo", "--dry-run", verbosity=0)
    assert not Event.objects.exclude(slug=demo.EVENT_SLUG).exists()
    stored = [path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()] if settings.MEDIA_ROOT.exists() else []
    assert stored == []


def _added_since(top):
    return Organization.objects.filter(pk__gt=top)


def _top():
    return max(Organization.objects.values_list("pk", flat=True))


def test_members_adds_valid_synthetic_organizations():
    before, top = Organization.objects.count(), _top()
    call_command("load_demo", "--members", "500", "--seed", "7", verbosity=0)
    added = _added_since(top)
    assert Organization.objects.count() == before + 500
    assert added.count() == 500 and not added.filter(is_sample=False).exists()
    codes = [o.tax_code for o in added if o.tax_code]
    assert len(codes) > 400 and len(set(codes)) == len(codes)
    assert all(TAX_CODE_RE.match(c) and tax_code_checksum_ok(c) and not c.endswith("-000") for c in codes)
    kinds = Counter(o.kind for o in added)
    assert kinds[Organization.Kind.COOPERATIVE] > kinds[Organization.Kind.ENTERPRISE] > 0
    for org in added.prefetch_related("sectors").select_related("area"):
        stored = (org.search_text, org.search_exact, org.sort_key, org.slug)
        org.refresh_derived()
        assert (org.search_text, org.search_exact, org.sort_key, org.slug) == stored, org.name
        assert org.sort_key and org.search_text and org.slug
        assert org.joined_on >= org.founded_on and org.joined_on >= datetime.date(1990, 7, 31)
        assert org.sectors.all(), org.name
        assert org.area is not None
        if org.area.valid_to:  # an old unit only for a record from when it existed
            assert org.joined_on <= org.area.valid_to
        assert org.legal_form == "" or org.kind == Organization.Kind.ENTERPRISE
    assert any(any(ch in o.name for ch in "ăâđêôơư") for o in added)
    for org in added.order_by("?")[:60]:
        org.full_clean()
    assert Organization.objects.search("hợp tác").exists() or Organization.objects.search("htx").exists()


def test_members_a_second_time_adds_another_batch_with_unique_slugs_and_tax_codes():
    top = _top()
    demo.add_members(300, seed=1)
    demo.add_members(300, seed=1)
    orgs = _added_since(top)
    assert orgs.count() == 600 and orgs.filter(is_sample=True).count() == 600
    everyone = Organization.objects.all()
    slugs = list(everyone.values_list("slug", flat=True))
    assert len(set(slugs)) == len(slugs)
    codes = [c for c in everyone.values_list("tax_code", flat=True) if c]
    assert len(set(codes)) == len(codes)
    # A new row saved through the ORM after a bulk run gets the next free primary key.
    top = _top()
    assert Organization.objects.create(name="HTX Sau Cùng").pk > top


def test_same_seed_gives_the_same_names():
    top = _top()
    first = demo.add_members(50, seed=3)
    names_first = list(_added_since(top).order_by("pk").values_list("name", flat=True))
    Honour.objects.filter(organization__pk__gt=top).delete()
    Person.objects.filter(organization__pk__gt=top).delete()
    _added_since(top).delete()
    demo.add_members(50, seed=3)
    names_second = list(_added_since(top).order_by("pk").values_list("name", flat=True))
    assert first.organizations == 50 and names_first == names_second


def test_synthetic_people_and_honours_are_valid():
    top = _top()
    demo.add_members(200, seed=11)
    people = Person.objects.filter(organization__pk__gt=top)
    assert people.count() == 10 and not people.filter(is_sample=False).exists()
    for person in people:
        person.full_clean()
        assert person.sort_key and person.search_text
    for honour in Honour.objects.filter(organization__pk__gt=top):
        assert honour.is_sample
        honour.full_clean()


def test_negative_members_is_refused():
    with pytest.raises(CommandError):
        call_command("load_demo", "--members", "-1", verbosity=0)


def test_members_output_reports_the_time(capsys):
    call_command("load_demo", "--members", "10", "--seed", "1")
    out = capsys.readouterr().out
    assert re.search(r" 10 .* \d+\.\d ", out), out  # "... 10 ... in 0.1 s" / "... 10 ... trong 0.1 giây"


def test_synthetic_members_show_at_once_on_cached_pages(client, settings):
    """Bulk inserts send no signals: load_demo bumps the data version itself, so the directory's cached count and
    the home page's cached figures include the new members on the next request."""
    settings.PORTAL_SHARED_CACHE = True
    directory, home = reverse("members:organization-list"), reverse("home")
    before = client.get(directory).context["result_count"]
    total_before = client.get(home).context["member_total"]
    demo.add_members(7, seed=3)  # the bulk part of `load_demo --members 7`: no save() and so no signal
    added = Organization.objects.published().count() - before
    assert 0 < added <= 7  # a few synthetic members are unpublished, as in real data
    assert client.get(directory).context["result_count"] == before + added
    assert client.get(home).context["member_total"] == total_before + added
