"""Shared fixtures."""

import zlib

import factory.random
import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.utils import translation

from tests import factories


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Every test writes uploads into its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _repeatable_fake_data(request):
    """Faker's names, addresses and numbers are the same in every run of a test (seeded from the test's id), so a
    random representative called "Thành" cannot make a search test pass one day and fail the next."""
    factory.random.reseed_random(zlib.crc32(request.node.nodeid.encode()))


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: figures cached by core.cache.versioned() in one test (whose
    rows were rolled back) must not be read by the next test at the same data version. The page fragments kept per
    process (navigation, footer) are emptied too: a test that changes the URLs or the static storage renders its own."""
    cache.clear()
    caches["fragments"].clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in Vietnamese: a request under /en/ leaves English active in the thread, and reverse() or
    gettext in the next test would otherwise answer in English."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def organization(db):
    return factories.OrganizationFactory()


@pytest.fixture
def person(db):
    return factories.PersonFactory()


@pytest.fixture
def event(db):
    return factories.EventFactory()


@pytest.fixture(scope="module")
def loaded_demo(django_db_setup, django_db_blocker):
    """`load_demo` run once for a whole test module (once per xdist worker), in a transaction that is rolled back
    after the module's last test: the demo's facts and its sample history cost a second or two to load, too much for
    each of twenty tests.

    Each test still runs in its own savepoint (pytest-django's `db`), so what a test changes is undone after it. The
    demo stays loaded until the module ends, so a module that uses this fixture uses it for every test
    (`pytestmark = pytest.mark.usefixtures("loaded_demo")`). The generated pictures go to the test settings' MEDIA_ROOT,
    not to a test's own folder (`_media_root`): a test that reads them loads them again itself.
    """
    from django.core.management import call_command
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        yield
        transaction.set_rollback(True)
