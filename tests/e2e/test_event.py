"""In a real browser: open the anniversary event and read its honours summary, on a phone and on a desktop."""

import pytest

pytestmark = pytest.mark.e2e


def test_open_the_anniversary_and_read_the_honours_summary(page, site, demo_data):
    anniversary = demo_data["anniversary"]
    page.goto(f"{site}/events/")
    page.get_by_role("link", name=anniversary.title).click()
    page.wait_for_url(f"**{anniversary.get_absolute_url()}")

    assert page.get_by_role("heading", level=1).inner_text() == anniversary.title
    assert page.locator(".event-anniversary").inner_text() == "Kỷ niệm 30 năm"
    summary = page.locator(".honour-summary li")
    summary.first.scroll_into_view_if_needed()
    assert summary.first.is_visible()
    assert summary.all_inner_texts() == ["Chủ tịch UBND thành phố tặng Bằng khen cho 03 tập thể và 06 cá nhân."]
    recipients = page.locator(".honour-recipients li")
    assert recipients.count() == 9
    assert "Dữ liệu mẫu" in recipients.first.inner_text()
    guests = page.locator(".event-guests").inner_text()
    assert "Nguyễn Văn Thịnh, Phó Chủ tịch Liên minh HTX Việt Nam" in guests
    # Nothing overflows sideways, on the phone too.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_the_anniversary_in_english(page, site, demo_data):
    from awards.models import HonourForm

    # The seeded English name may have been flushed by an earlier browser test (transactional_db): set it here.
    HonourForm.objects.filter(name="Bằng khen").update(name_en="Certificate of merit")
    anniversary = demo_data["anniversary"]
    page.goto(f"{site}/en{anniversary.get_absolute_url()}")
    assert page.locator(".event-anniversary").inner_text() == "Celebrating 30 years"
    assert page.locator(".honour-summary li").all_inner_texts() == [
        "Chủ tịch UBND thành phố awarded Certificates of merit to 03 collectives and 06 individuals."
    ]
