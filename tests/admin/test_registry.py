"""Every registered model's changelist, add and change page opens for a superuser (new models are covered too)."""

import factory
import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.urls import reverse

from tests import factories


def _factory_for(model):
    for value in vars(factories).values():
        if isinstance(value, type) and issubclass(value, factory.Factory) and value._meta.model is model:
            return value
    return None


def _make(model):
    if model is User:
        return User.objects.create_user("someone", password="not-used-here-123")
    if model is Group:
        return Group.objects.create(name="Nhóm thử")
    model_factory = _factory_for(model)
    assert model_factory is not None, f"add a factory for {model.__name__} to tests/factories.py"
    return model_factory()


REGISTERED = sorted(admin.site._registry, key=lambda m: m._meta.label)


PORTAL_APPS = {"members", "events", "awards", "auth"}


@pytest.mark.django_db
@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.label)
def test_admin_pages_open(admin_client, rf, admin_user, model):
    """Changelist (plain and searched with diacritics), add, change and history pages answer 200 for a superuser.

    Every portal model needs a factory; models of third-party apps without one (sign-in lockout records) are checked
    on the pages that need no object."""
    info = (model._meta.app_label, model._meta.model_name)
    urls = [
        reverse("admin:{}_{}_changelist".format(*info)),
        reverse("admin:{}_{}_changelist".format(*info)) + "?q=th%E1%BA%AFng",
    ]
    request = rf.get("/")
    request.user = admin_user
    if admin.site._registry[model].has_add_permission(request):
        urls.append(reverse("admin:{}_{}_add".format(*info)))
    if model._meta.app_label in PORTAL_APPS or _factory_for(model):
        obj = _make(model)
        urls.append(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))
        urls.append(reverse("admin:{}_{}_history".format(*info), args=[obj.pk]))
    for url in urls:
        response = admin_client.get(url)
        assert response.status_code == 200, url


def test_every_portal_model_is_registered():
    from django.apps import apps

    for app in ("members", "events", "awards"):
        for model in apps.get_app_config(app).get_models():
            if model.__name__.startswith("Historical"):
                continue
            assert admin.site.is_registered(model), model


@pytest.mark.django_db
def test_site_header_is_vietnamese(admin_client):
    response = admin_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="vi")
    assert "Quản trị Cổng thông tin Liên minh HTX &amp; DN TP Hải Phòng" in response.content.decode()
