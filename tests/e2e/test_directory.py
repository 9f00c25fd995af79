"""In a real browser: find a member in the directory without typing diacritics, open its page."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_search_without_diacritics_and_open_a_member(page, site):
    page.goto(site + "/members/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    page.get_by_label("Tìm kiếm", exact=True).fill("thang thuy")
    page.get_by_role("button", name="Xem kết quả").click()
    expect(page).to_have_url(re.compile(r"/members/\?q=thang\+thuy"))
    expect(page.locator(".directory-count")).to_contain_text("Tìm thấy 1 thành viên")
    page.get_by_role("link", name="HTX Nông nghiệp Thắng Thủy").click()
    expect(page).to_have_url(re.compile(r"/members/htx-nong-nghiep-thang-thuy/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("HTX Nông nghiệp Thắng Thủy")
    expect(page.get_by_role("heading", name="Khen thưởng đã nhận")).to_be_visible()
    expect(page.get_by_text("Dữ liệu mẫu").first).to_be_visible()


def test_search_from_the_home_page_with_capitals_and_d_stroke(page, site):
    page.goto(site + "/")
    page.get_by_label("Tìm hợp tác xã, doanh nghiệp thành viên").fill("QUANG HAI")
    page.get_by_label("Tìm hợp tác xã, doanh nghiệp thành viên").press("Enter")
    expect(page.get_by_role("link", name="Công ty TNHH Quang Hải")).to_be_visible()
    page.get_by_label("Tìm kiếm", exact=True).fill("bui duc vinh")
    page.get_by_label("Tìm kiếm", exact=True).press("Enter")
    expect(page.get_by_role("link", name="Công ty TNHH Quang Hải")).to_be_visible()


def test_directory_pages_keep_the_search(page, site):
    page.goto(site + "/members/?q=dich+vu+nong+nghiep")
    expect(page.locator(".directory-results > li")).to_have_count(25)
    page.get_by_role("link", name="Trang sau").click()
    expect(page).to_have_url(re.compile(r"q=dich\+vu\+nong\+nghiep&page=2"))
    expect(page.locator(".directory-results > li")).to_have_count(5)


def test_layout_fits_the_screen_and_the_skip_link_works(page, site):
    page.goto(site + "/members/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"page is {width}px wide, wider than the screen"
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Chuyển đến nội dung chính")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()
