"""In a real browser at 360 px (a phone) and 1,280 px: the directory and the honours roll show the search and the first
results on the first screen, the other filters behind a "Bộ lọc (n)" button; no public page scrolls sideways."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import VIEWPORTS

pytestmark = pytest.mark.e2e

phone_only = pytest.mark.parametrize("viewport", ["phone"])


def top_of(locator):
    return locator.bounding_box()["y"]


@phone_only
def test_the_first_member_and_the_first_honour_are_on_the_first_screen(page, site):
    height = page.viewport_size["height"]
    page.goto(site + "/members/")
    expect(page.get_by_label("Tìm kiếm", exact=True)).to_be_visible()
    expect(page.get_by_label("Loại hình")).to_be_hidden()
    assert top_of(page.locator(".directory-results > li").first) < height
    page.goto(site + "/awards/")
    expect(page.get_by_label("Tập thể, cá nhân được khen thưởng")).to_be_visible()
    expect(page.get_by_label("Hình thức khen thưởng")).to_be_hidden()
    assert top_of(page.locator(".honour-roll > li").first) < height


@phone_only
def test_filter_on_a_phone_and_see_the_count(page, site):
    page.goto(site + "/members/")
    button = page.get_by_role("button", name="Bộ lọc", exact=True)
    expect(button).to_have_attribute("aria-expanded", "false")
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    page.get_by_label("Loại hình").select_option(label="Hợp tác xã")
    page.get_by_label("Sắp xếp theo").select_option(index=2)  # the order: not counted
    page.get_by_role("button", name="Xem kết quả").click()
    expect(page).to_have_url(re.compile(r"kind=cooperative"))
    button = page.get_by_role("button", name="Bộ lọc (1)")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_label("Loại hình")).to_be_hidden()
    assert top_of(page.locator(".directory-results > li").first) < page.viewport_size["height"]
    button.focus()
    page.keyboard.press("Enter")  # the keyboard opens it too
    expect(page.get_by_label("Loại hình")).to_be_visible()
    expect(page.get_by_label("Loại hình")).to_have_value("cooperative")
    expect(button).to_have_attribute("aria-expanded", "true")


@phone_only
def test_a_filter_with_an_error_shows_the_panel_open(page, site):
    page.goto(site + "/awards/?year=abc&kind=individual")
    expect(page.get_by_role("button", name="Bộ lọc (2)")).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_label("Năm", exact=True)).to_be_visible()
    expect(page.locator("#id_year_error")).to_be_visible()


@pytest.mark.parametrize("viewport", ["desktop"])
def test_on_a_wide_screen_the_filters_show_and_the_button_does_not(page, site):
    page.goto(site + "/members/?kind=cooperative")
    expect(page.get_by_label("Loại hình")).to_be_visible()
    expect(page.locator(".filter-toggle")).to_be_hidden()
    page.goto(site + "/awards/")
    expect(page.get_by_label("Hình thức khen thưởng")).to_be_visible()
    expect(page.locator(".filter-toggle")).to_be_hidden()


def test_without_javascript_the_filters_stay_reachable_on_a_phone(browser, site):
    context = browser.new_context(viewport=VIEWPORTS["phone"], locale="vi-VN", java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(site + "/members/")
        expect(tab.get_by_label("Loại hình")).to_be_visible()
        expect(tab.locator(".filter-toggle")).to_be_hidden()
        tab.get_by_label("Loại hình").select_option(label="Hợp tác xã")
        tab.get_by_role("button", name="Xem kết quả").click()
        expect(tab).to_have_url(re.compile(r"kind=cooperative"))
    finally:
        context.close()


@pytest.fixture
def public_pages(site, demo_data):
    """Every kind of public page, by path: home, about, directory, a member, events, an event, the honours roll, a
    decision (with long numbers and names), a page that does not exist."""
    from tests import factories

    decision = factories.DecisionFactory(
        number="Mẫu-128/QĐ-LMHTXVN-2020-KT",
        title="Về việc tặng Bằng khen cho các tập thể và cá nhân có thành tích xuất sắc trong 30 năm xây dựng",
        signed_on=datetime.date(2020, 7, 20),
        authority=factories.AuthorityFactory(name="Ban Chấp hành Liên minh Hợp tác xã Việt Nam"),
    )
    factories.HonourFactory(organization=demo_data["thang_thuy"], decision=decision)
    return {
        "home": "/",
        "about": "/about/",
        "directory": "/members/",
        "member": demo_data["thang_thuy"].get_absolute_url(),
        "events": "/events/",
        "event": demo_data["anniversary"].get_absolute_url(),
        "honours": "/awards/",
        "decision": decision.get_absolute_url(),
        "404": "/khong-co-trang-nay/",
    }


def test_no_public_page_scrolls_sideways(page, site, public_pages):
    wider = {}
    for name, path in public_pages.items():
        response = page.goto(site + path)
        assert response.status == (404 if name == "404" else 200), name
        width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if width > inner:
            wider[name] = width
    assert not wider, f"wider than the {page.viewport_size['width']} px screen: {wider}"
