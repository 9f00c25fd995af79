"""Every model of the portal has a factory in tests/factories.py, and each factory builds a valid object."""

import inspect

import pytest
from django.apps import apps
from django.conf import settings
from factory.django import DjangoModelFactory

from tests import factories


def _portal_models():
    for label in settings.PORTAL_APPS:
        for model in apps.get_app_config(label).get_models():
            if not model.__name__.startswith("Historical"):
                yield model


FACTORIES = [
    f
    for _name, f in inspect.getmembers(factories, inspect.isclass)
    if issubclass(f, DjangoModelFactory) and f is not DjangoModelFactory and f.__module__ == factories.__name__
]


def test_every_model_has_a_factory():
    covered = {f._meta.model for f in FACTORIES}
    missing = sorted(m.__name__ for m in _portal_models() if m not in covered)
    assert not missing, f"add a factory to tests/factories.py for: {', '.join(missing)}"


@pytest.mark.django_db
@pytest.mark.parametrize("factory_class", FACTORIES, ids=lambda f: f.__name__)
def test_factory_builds_a_valid_object(factory_class):
    obj = factory_class()
    obj.full_clean()
    assert obj.pk is not None
    second = factory_class()  # sequences keep unique fields unique
    second.full_clean()
    assert second.pk != obj.pk
