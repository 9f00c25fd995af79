"""Cached figures are only kept where every process sees the same cache."""

from alliance_portal.cache import versioned


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
