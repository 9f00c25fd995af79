"""In a real browser: switch a page to English and back, on a phone (through the menu) and a desktop."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def open_menu_on_phone(page):
    toggler = page.locator(".navbar-toggler")
    if toggler.is_visible():
        toggler.click()
        # Wait until Bootstrap has finished opening the menu ("collapsing" becomes "collapse show"): a link clicked
        # while the menu still slides open can be missed.
        expect(page.locator("#portal-nav")).to_have_class(re.compile(r"\bshow\b"))


def test_switch_to_english_and_back(page, site, demo_data):
    member = demo_data["thang_thuy"]
    page.goto(site + member.get_absolute_url())
    expect(page.get_by_role("heading", name="Thông tin thành viên")).to_be_visible()

    open_menu_on_phone(page)
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(rf"/en{re.escape(member.get_absolute_url())}$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="About this member")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("HTX Nông nghiệp Thắng Thủy")

    open_menu_on_phone(page)
    page.get_by_role("link", name="Tiếng Việt").click()
    expect(page).to_have_url(re.compile(rf"{re.escape(site + member.get_absolute_url())}$"))
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("heading", name="Thông tin thành viên")).to_be_visible()


def test_menu_works_by_keyboard(page, site):
    page.goto(site + "/")
    toggler = page.locator(".navbar-toggler")
    if not toggler.is_visible():
        # Desktop: the menu is always open; its links are reachable by Tab.
        page.get_by_role("link", name="Thành viên", exact=True).focus()
        page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile(r"/members/$"))
        return
    toggler.focus()
    page.keyboard.press("Enter")
    expect(toggler).to_have_attribute("aria-expanded", "true")
    link = page.get_by_role("link", name="Thành viên", exact=True)
    expect(link).to_be_visible()
    link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/members/$"))
