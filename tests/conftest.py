"""Shared fixtures."""

import pytest

from tests import factories


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Every test writes uploads into its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def organization(db):
    return factories.OrganizationFactory()


@pytest.fixture
def person(db):
    return factories.PersonFactory()


@pytest.fixture
def event(db):
    return factories.EventFactory()
