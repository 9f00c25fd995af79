"""Fixtures for admin tests: staff users in each role."""

import io

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command


@pytest.fixture
def roles(db):
    call_command("setup_roles", stdout=io.StringIO())
    return {g.name: g for g in Group.objects.all()}


def _staff(username, group):
    user = User.objects.create_user(username, password="mat-khau-thu-12345", is_staff=True)
    user.groups.add(group)
    return user


@pytest.fixture
def editor(roles):
    return _staff("bientap", roles["Biên tập viên"])


@pytest.fixture
def leader(roles):
    return _staff("lanhdao", roles["Lãnh đạo"])


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def leader_client(client, leader):
    client.force_login(leader)
    return client
