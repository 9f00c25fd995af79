"""Browser tests: Playwright (sync API) driving Debian's Chromium against pytest-django's live server.

Fixtures for every e2e test module:
- `browser`: one headless Chromium per test module (skipped with a message when /usr/bin/chromium is missing,
  except under CI, where that is a failure);
- `viewport`: "phone" (360x740) or "desktop" (1280x800); a test that uses `page` runs once for each;
- `page`: a fresh browser context and page at that viewport, Vietnamese locale, failing the test on any
  Content-Security-Policy violation or uncaught JavaScript error;
- `demo_data`: demo-like records made with the factories (alliance, members, the 30th-anniversary event with guests,
  speeches and honours), committed so the live server sees them;
- `site`: the live server's base URL with demo_data loaded.
"""

import datetime
import os
from pathlib import Path

import pytest
from django.utils import timezone

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORTS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 800}}
TIMEOUT_MS = 15_000


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


def watch_problems(tab):
    """The list that collects the tab's uncaught JavaScript errors and Content-Security-Policy violations."""
    problems = []
    tab.on("pageerror", lambda error: problems.append(f"JavaScript error: {error}"))
    tab.on(
        "console",
        lambda message: (
            problems.append(f"console: {message.text}")
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    return problems


@pytest.fixture(scope="module")
def browser():
    """Chromium for one test module. Not for the session: while Playwright runs, its event loop counts as running
    in this thread, and Django would refuse the ORM to every later test in the same process."""
    if not CHROMIUM.exists():
        message = f"Chromium is not installed at {CHROMIUM} (apt-get install chromium); browser tests need it."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM must still work in the tests (and in
    # the database teardown after each). Set only while Playwright runs: set for the whole session it would leak into
    # every other test (and into `manage.py check --deploy` run from a test, which rightly refuses it).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request):
    return request.param


@pytest.fixture
def page(browser, viewport):
    context = browser.new_context(
        viewport=VIEWPORTS[viewport],
        locale="vi-VN",
        is_mobile=viewport == "phone",
        has_touch=viewport == "phone",
    )
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    problems = watch_problems(tab)
    tab.viewport_name = viewport
    yield tab
    context.close()
    assert not problems, problems


@pytest.fixture
def demo_data(transactional_db):
    """Demo-like data through the factories (the live server reads committed rows, hence transactional_db)."""
    from awards.models import HonourForm
    from events.models import Event, Participant
    from tests import factories

    alliance = factories.AllianceFactory(
        founding_authority="UBND TP Hải Phòng",
        mandate="Đại diện cho các HTX và cơ sở công nghiệp ngoài quốc doanh.",
    )
    for number in range(1, 6):
        factories.CongressFactory(alliance=alliance, number=number, held_on=datetime.date(1990 + 6 * number, 9, 1))
    agriculture = factories.SectorFactory(name="Nông nghiệp")
    thang_thuy = factories.OrganizationFactory(
        name="HTX Nông nghiệp Thắng Thủy", representative_name="Cao Thị Hằng", sectors=[agriculture]
    )
    quang_hai = factories.EnterpriseFactory(name="Công ty TNHH Quang Hải", representative_name="Bùi Đức Vinh")
    others = [factories.OrganizationFactory(name=f"HTX Dịch vụ Nông nghiệp số {n:02d}") for n in range(1, 31)]
    anniversary = factories.AnniversaryFactory(
        title="Kỷ niệm 30 năm Ngày thành lập Liên minh HTX & DN TP Hải Phòng",
        starts_at=timezone.make_aware(datetime.datetime(2020, 7, 31, 8, 0)),
        celebrates_on=datetime.date(1990, 7, 31),
        kind=Event.Kind.ANNIVERSARY,
    )
    anniversary.organizations.add(thang_thuy, quang_hai)
    thinh = factories.PersonFactory(full_name="Nguyễn Văn Thịnh", position="Phó Chủ tịch Liên minh HTX Việt Nam")
    thanh = factories.PersonFactory(full_name="Nguyễn Văn Thành", position="Phó Chủ tịch UBND TP Hải Phòng")
    factories.ParticipantFactory(event=anniversary, person=thinh, role=Participant.Role.GUEST_OF_HONOUR, order=1)
    factories.ParticipantFactory(event=anniversary, person=thanh, role=Participant.Role.GUEST_OF_HONOUR, order=2)
    factories.SpeechFactory(event=anniversary, speaker=thinh, summary="Biểu dương kết quả 30 năm.")
    city = factories.AuthorityFactory(name="Chủ tịch UBND thành phố", short_name="Chủ tịch UBND TP")
    certificate = factories.HonourFormFactory(name="Bằng khen", category=HonourForm.Category.CERTIFICATE)
    for organization in [thang_thuy, quang_hai, others[0]]:
        factories.HonourFactory(
            organization=organization, form=certificate, authority=city, event=anniversary, is_sample=True
        )
    for n in range(6):
        factories.HonourFactory(
            organization=None,
            person=factories.PersonFactory(full_name=f"Nguyễn Văn Mẫu {n}", is_sample=True),
            form=certificate,
            authority=city,
            event=anniversary,
            is_sample=True,
        )
    return {
        "alliance": alliance,
        "thang_thuy": thang_thuy,
        "quang_hai": quang_hai,
        "others": others,
        "anniversary": anniversary,
    }


@pytest.fixture
def site(live_server, demo_data):
    return live_server.url
