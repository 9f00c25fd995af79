"""/healthz: what the load balancer and the process manager ask before sending traffic to an app server."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse


@pytest.mark.django_db
def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.content == b"ok\n"


@pytest.mark.django_db
def test_healthz_is_503_when_the_database_does_not_answer(client):
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("connection refused")
    ):
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert b"database unavailable" in response.content


@pytest.mark.django_db
def test_healthz_is_never_cached(client, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    client.get(reverse("healthz"))
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("down")):
        assert client.get(reverse("healthz")).status_code == 503
