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


CONTRAST_SCRIPT = """
() => {
  const parse = (c) => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number); return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
  const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const background = (el) => {
    for (let node = el; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      // The hero's gradient: judge against its lighter end.
      if (style.backgroundImage.includes("gradient")) return {r: 11, g: 79, b: 138, a: 1};
      const c = parse(style.backgroundColor);
      if (c && c.a > 0.5) return c;
    }
    return {r: 255, g: 255, b: 255, a: 1};
  };
  const failures = [];
  for (const el of document.querySelectorAll("body *")) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || !el.checkVisibility() || el.closest(".visually-hidden, .visually-hidden-focusable")) continue;
    if (["OPTION", "SCRIPT"].includes(el.tagName)) continue;
    const style = getComputedStyle(el);
    const fg = parse(style.color); const bg = background(el);
    const size = parseFloat(style.fontSize); const bold = parseInt(style.fontWeight, 10) >= 700;
    const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    const r = ratio(fg, bg);
    if (r < needed) failures.push(`${el.tagName}.${el.className} "${el.textContent.trim().slice(0, 40)}" ${r.toFixed(2)}`);
  }
  return failures;
}
"""


@pytest.mark.parametrize("path", ["/", "/members/?q=dich+vu", "/about/", "/en/members/"])
def test_text_contrast_meets_wcag_aa(page, site, path):
    page.goto(site + path)
    failures = page.evaluate(CONTRAST_SCRIPT)
    assert not failures, failures


def test_member_page_text_contrast_meets_wcag_aa(page, site, demo_data):
    page.goto(site + demo_data["thang_thuy"].get_absolute_url())
    failures = page.evaluate(CONTRAST_SCRIPT)
    assert not failures, failures
