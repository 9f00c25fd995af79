"""In a real browser, at 1,280 and 1,024 pixels wide: entering a decision's 23 honours (issue 18) without scrolling
sideways, finding a recipient by typing without diacritics, and pasting the ceremony's list of 23 recipients.

The data-entry pages staff use most (a member organization, a person, an event with all its inlines, the alliance)
are checked for sideways scrolling too.
"""

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client

from awards.models import Decision
from tests import factories
from tests.awards.ceremony import ceremony_decision, ceremony_register, ceremony_table
from tests.e2e.conftest import watch_problems

pytestmark = pytest.mark.e2e

WIDTHS = [1280, 1024]
# What scrolls sideways: the page itself, or a part of the form that holds more than it shows (Django's admin lets
# an inline table scroll inside its box on narrow screens).
OVERFLOW = """() => ({
    page: document.documentElement.scrollWidth - window.innerWidth,
    parts: [...document.querySelectorAll('#content-main .inline-group, #content-main fieldset.module, .paste-preview')]
        .filter(e => e.scrollWidth > e.clientWidth + 1)
        .map(e => (e.id || e.className) + ' ' + e.scrollWidth + '>' + e.clientWidth),
})"""


@pytest.fixture(params=WIDTHS, ids=lambda width: f"{width}px")
def width(request):
    return request.param


@pytest.fixture
def admin_page(browser, width, live_server, transactional_db):
    """A signed-in superuser's browser tab at `width` pixels, failing the test on a CSP violation or a JS error."""
    user = User.objects.create_superuser("nhapquyetdinh", password="Mat-khau-that-dai-2024")
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="vi-VN")
    context.set_default_timeout(15_000)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    tab = context.new_page()
    problems = watch_problems(tab)
    tab.base = live_server.url
    yield tab
    context.close()
    assert not problems, problems


def _no_sideways_scroll(page):
    overflow = page.evaluate(OVERFLOW)
    assert overflow["page"] <= 0 and not overflow["parts"], overflow


def test_decision_with_23_honours_fits_the_window(admin_page):
    made = ceremony_register()
    decision = ceremony_decision(made, event=factories.AnniversaryFactory())
    admin_page.goto(f"{admin_page.base}/admin/awards/decision/{decision.pk}/change/")
    honours = admin_page.locator("#honours-group .inline-related:not(.empty-form)")
    assert honours.count() == 23 + 3  # and three empty rows for new honours
    assert admin_page.locator("#honours-group select.recipient-select").count() == 23 + 3 + 1  # + the template
    _no_sideways_scroll(admin_page)
    chosen = admin_page.locator("#honours-group .select2-selection__rendered").all_inner_texts()
    assert sum(text.startswith("Thành viên: ") for text in chosen) == 8
    assert sum(text.startswith("Cá nhân: ") for text in chosen) == 14
    assert "Tập thể khác: Liên minh HTX & DN TP Hải Phòng" in chosen
    # The last honour's fields are all in view once it is scrolled to: nothing hides to the right.
    last = admin_page.locator("#honours-22")
    last.scroll_into_view_if_needed()
    for field in ("order", "form", "recipient", "achievement_year", "citation", "conferred_on", "event"):
        box = last.locator(f".field-{field}").last.bounding_box()
        assert box and box["x"] + box["width"] <= admin_page.viewport_size["width"], field


def test_recipient_field_finds_thang_thuy_without_diacritics_by_keyboard(admin_page, demo_data):
    decision = factories.DecisionFactory(authority=factories.AuthorityFactory(name="Chủ tịch UBND thành phố"))
    admin_page.goto(f"{admin_page.base}/admin/awards/decision/{decision.pk}/change/")
    row = admin_page.locator("#honours-0")
    combobox = row.locator(".fieldBox.field-recipient .select2-selection")
    label = row.locator("label[for='id_honours-0-recipient']")
    assert label.inner_text() == "Tập thể, cá nhân được khen thưởng:"
    assert combobox.get_attribute("role") == "combobox"
    assert combobox.get_attribute("aria-labelledby").split()[0] == label.get_attribute("id")

    combobox.focus()
    admin_page.keyboard.press("Enter")
    search = admin_page.locator(".select2-container--open .select2-search__field")
    assert search.get_attribute("aria-label") == "Tên tổ chức thành viên, cá nhân hoặc tập thể"
    search.type("thang thuy")
    options = admin_page.locator(".select2-results__option[role='option']")
    options.filter(has_text="Tập thể khác, tên mới").wait_for()  # the last of the matches: they are all there
    texts = options.all_inner_texts()
    assert texts[0] == "Thành viên: HTX Nông nghiệp Thắng Thủy"
    assert texts[-1] == "Tập thể khác, tên mới: thang thuy"
    admin_page.keyboard.press("Enter")
    thang_thuy = demo_data["thang_thuy"]
    assert row.locator("#id_honours-0-recipient").input_value() == f"organization:{thang_thuy.pk}"
    assert "Thành viên: HTX Nông nghiệp Thắng Thủy" in combobox.inner_text()

    # Choose the form of honour the same way, and save: the honour goes to the member organization.
    form_box = row.locator(".fieldBox.field-form .select2-selection")
    assert form_box.get_attribute("aria-labelledby").startswith("id_honours-0-form-label ")
    form_box.focus()
    admin_page.keyboard.press("Enter")
    admin_page.locator(".select2-container--open .select2-search__field").type("Bằng khen")
    admin_page.locator(".select2-results__option[role='option']", has_text="Bằng khen").first.wait_for()
    admin_page.keyboard.press("Enter")
    with admin_page.expect_navigation():
        admin_page.locator("input[name='_continue']").click()
    honour = decision.honours.get()
    assert (honour.organization, honour.person, honour.recipient_name) == (thang_thuy, None, "")
    _no_sideways_scroll(admin_page)


def test_pasting_the_ceremony_list_creates_23_honours(admin_page):
    made = ceremony_register(people=False)  # the 14 individuals are not in the register yet
    decision = factories.DecisionFactory()
    admin_page.goto(f"{admin_page.base}/admin/awards/decision/{decision.pk}/change/")
    with admin_page.expect_navigation():
        admin_page.get_by_role("link", name="Dán danh sách").click()
    admin_page.get_by_label("Danh sách:").fill(ceremony_table())
    with admin_page.expect_navigation():
        admin_page.get_by_role("button", name="Xem trước").click()
    summary = admin_page.locator(".paste-summary").inner_text()
    assert summary == "23 dòng: 8 đã khớp, 0 có nhiều khả năng, 15 chưa có trong dữ liệu."
    _no_sideways_scroll(admin_page)
    first_member = made["organizations"][0]
    assert admin_page.get_by_label("Người/đơn vị được khen thưởng ở dòng 3").input_value() == (
        f"organization:{first_member.pk}"
    )
    assert admin_page.get_by_label("Người/đơn vị được khen thưởng ở dòng 10").input_value() == "new-person"
    assert not decision.honours.exists()

    with admin_page.expect_navigation():
        admin_page.get_by_role("button", name="Tạo các khen thưởng").click()
    assert admin_page.locator(".messagelist").inner_text() == f"Đã thêm 23 khen thưởng vào {decision}."
    assert Decision.objects.get(pk=decision.pk).honours.count() == 23
    assert admin_page.locator("#honours-group .inline-related.has_original").count() == 23
    _no_sideways_scroll(admin_page)


def test_other_data_entry_pages_fit_the_window(admin_page):
    made = ceremony_register()
    event = factories.AnniversaryFactory()
    ceremony_decision(made, event=event)
    member, person = made["organizations"][0], made["people"][0]
    person.organization = member
    person.save()
    for order in range(1, 9):
        factories.ProgrammeItemFactory(event=event, order=order, speaker=person)
        factories.ParticipantFactory(event=event, order=order, person=made["people"][order])
        factories.PhotoFactory(event=event, order=order)
    factories.SpeechFactory(event=event, speaker=person)
    alliance = factories.AllianceFactory()
    factories.CongressFactory(alliance=alliance, event=event)
    factories.AllianceNameFactory(alliance=alliance)
    pages = [
        f"/admin/members/organization/{member.pk}/change/",
        f"/admin/members/person/{person.pk}/change/",
        f"/admin/events/event/{event.pk}/change/",
        f"/admin/events/alliance/{alliance.pk}/change/",
        "/admin/awards/decision/add/",
        "/admin/events/event/add/",
    ]
    for path in pages:
        admin_page.goto(admin_page.base + path)
        assert admin_page.locator("#content-main form").count() == 1, path
        _no_sideways_scroll(admin_page)
