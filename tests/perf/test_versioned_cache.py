"""Cached figures are only kept where every process sees the same cache."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from core.cache import VERSION_KEY, bump_version, versioned


def test_without_a_shared_cache_figures_are_computed_every_time(settings):
    settings.PORTAL_SHARED_CACHE = False
    calls = []
    assert versioned("figures-test", lambda: calls.append(1) or len(calls)) == 1
    assert versioned("figures-test", lambda: calls.append(1) or len(calls)) == 2


def test_with_a_shared_cache_figures_are_computed_once_per_data_version(settings, db):
    settings.PORTAL_SHARED_CACHE = True
    calls = []
    assert versioned("figures-test-shared", lambda: calls.append(1) or len(calls)) == 1
    assert versioned("figures-test-shared", lambda: calls.append(1) or len(calls)) == 1


def test_a_caller_changing_its_copy_does_not_change_the_cached_figures(settings):
    settings.PORTAL_SHARED_CACHE = True
    figures = versioned("figures-mutable", lambda: {"members": [1, 2]})
    figures["members"].append(3)
    assert versioned("figures-mutable", lambda: {"members": []}) == {"members": [1, 2]}


def test_an_edit_is_seen_by_a_process_that_kept_a_copy_in_memory(settings):
    settings.PORTAL_SHARED_CACHE = True
    assert versioned("figures-copy", lambda: "before") == "before"
    assert versioned("figures-copy", lambda: "unused") == "before"  # served from this process's copy
    bump_version()  # what any save or delete does
    assert versioned("figures-copy", lambda: "after") == "after"


def test_a_flushed_cache_never_brings_back_an_old_copy(settings):
    settings.PORTAL_SHARED_CACHE = True
    assert versioned("figures-flush", lambda: "old") == "old"
    cache.clear()  # Redis restarted or flushed: the version counter starts again
    assert versioned("figures-flush", lambda: "new") == "new"


@pytest.mark.django_db
def test_the_version_is_read_once_per_request(client, settings):
    settings.PORTAL_SHARED_CACHE = True
    client.get(reverse("members:organization-list"))  # the version exists from here on
    reads = []
    original = cache.get

    def counting_get(key, *args, **kwargs):
        if key == VERSION_KEY:
            reads.append(key)
        return original(key, *args, **kwargs)

    cache.get = counting_get
    try:
        client.get(reverse("members:organization-list"))
    finally:
        cache.get = original
    assert len(reads) == 1  # the count and two lists of options are versioned: one read of the version serves all


def test_invalidate_cache_makes_what_the_previous_code_kept_stale(settings):
    """Run on deploy (docs/deployment.md): a form or figure kept by the code before is computed again."""
    from io import StringIO

    from django.core.management import call_command

    settings.PORTAL_SHARED_CACHE = True
    assert versioned("figures-deploy", lambda: "rendered by the old code") == "rendered by the old code"
    out = StringIO()
    call_command("invalidate_cache", stdout=out)
    assert versioned("figures-deploy", lambda: "rendered by the new code") == "rendered by the new code"
    assert "stale" in out.getvalue()


def test_invalidate_cache_says_so_when_the_cache_cannot_be_reached(monkeypatch):
    from django.core.management import CommandError, call_command

    def unreachable(**_kwargs):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr("alliance_portal.management.commands.invalidate_cache.bump_version", unreachable)
    with pytest.raises(CommandError, match="could not be reached"):
        call_command("invalidate_cache")
