"""In a real browser, on a phone (360 px) and a desktop (1280 px): the leadership dashboard opens with its summary,
its menu jumps to a section by keyboard, nothing overflows the page, and no CSV link lies under anything else."""

import pytest
from django.test import Client
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

# For each CSV link: scrolled to the middle of the screen, is the element at the centre of its first line box the link
# itself (or inside it)? Returns the links that something else covers.
COVERED_LINKS = """
() => [...document.querySelectorAll("a[download]")].flatMap((link) => {
  link.scrollIntoView({block: "center", behavior: "instant"});
  const box = link.getClientRects()[0];
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return hit && (hit === link || link.contains(hit)) ? [] : [`${link.href} under ${hit ? hit.outerHTML.slice(0, 80) : "nothing"}`];
})
"""


@pytest.fixture
def dashboard(page, site, django_user_model):
    """The dashboard, open for a signed-in member of staff."""
    user = django_user_model.objects.create_user("lanh.dao.e2e", password="x-Unused-123", is_staff=True)
    client = Client()
    client.force_login(user)
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site}])
    page.goto(site + "/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bảng số liệu dành cho lãnh đạo")
    return page


def test_the_summary_is_on_the_first_screen(dashboard):
    summary = dashboard.locator("#summary")
    expect(summary.get_by_role("heading", name="Tổng quan")).to_be_in_viewport()
    figures = dashboard.locator(".key-figure")
    expect(figures).to_have_count(4)
    height = dashboard.viewport_size["height"]
    # the first key figure whole on a phone; all four on a desktop
    shown = 1 if dashboard.viewport_name == "phone" else 4
    for index in range(shown):
        box = figures.nth(index).bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= height, (index, box)
    expect(figures.first).to_contain_text("Thành viên hiện nay")
    expect(dashboard.locator(".attention li")).to_have_count(7)


def wait_until_below_the_menu(page, selector):
    """Wait until the element stands just below the section menu that stays on top: in view, not under the menu."""
    page.wait_for_function(
        """(selector) => {
          const target = document.querySelector(selector).getBoundingClientRect();
          const menu = document.querySelector(".dashboard-toc").getBoundingClientRect();
          return target.top >= menu.bottom - 1 && target.top < menu.bottom + 120;
        }""",
        arg=selector,
    )


def test_the_menu_jumps_to_a_section_by_keyboard(dashboard):
    # Jumps without Bootstrap's smooth scrolling (as for anyone who asks for reduced motion): a second jump made while
    # the first still glides may be lost in headless Chromium under load, which would make this test flaky.
    dashboard.emulate_media(reduced_motion="reduce")
    menu = dashboard.get_by_role("navigation", name="Các phần của bảng số liệu")
    link = menu.get_by_role("link", name="Khen thưởng")
    link.focus()
    expect(link).to_be_focused()
    dashboard.keyboard.press("Enter")
    dashboard.wait_for_url("**/dashboard/#section-honours")
    heading = dashboard.locator("#section-title-honours")
    wait_until_below_the_menu(dashboard, "#section-title-honours")
    expect(heading).to_be_in_viewport()
    expect(menu).to_be_in_viewport()  # the menu stays reachable
    # and back to the top by the same menu
    menu.get_by_role("link", name="Tổng quan").press("Enter")
    dashboard.wait_for_url("**/dashboard/#summary")
    wait_until_below_the_menu(dashboard, "#summary-title")


def test_nothing_is_wider_than_the_screen_and_no_csv_link_is_covered(dashboard):
    for query in ["", "?year_from=1990&year_to=2026"]:
        if query:
            dashboard.goto(dashboard.url.split("?")[0] + query)
        width = dashboard.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], f"the page is {width[0]} px wide on a {width[1]} px screen"
        links = dashboard.locator("a[download]")
        assert links.count() >= 12
        assert dashboard.evaluate(COVERED_LINKS) == []
        # tables scroll inside their own box, which stays inside its card
        boxes = dashboard.evaluate(
            """() => [...document.querySelectorAll(".figure-table-scroll")].map((box) => {
              const own = box.getBoundingClientRect(); const card = box.closest(".card").getBoundingClientRect();
              return own.left >= card.left - 1 && own.right <= card.right + 1;
            })"""
        )
        assert boxes and all(boxes)
        # one drawing of each chart is shown: the wide one on a desktop, the compact one on a phone
        shape = "compact" if dashboard.viewport_name == "phone" else "wide"
        other = "wide" if shape == "compact" else "compact"
        assert dashboard.locator(f".bar-chart-{shape}").first.is_visible()
        assert not dashboard.locator(f".bar-chart-{other}").first.is_visible()
