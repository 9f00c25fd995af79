"""The read replica router: public reads on the replica, writes, the admin and signed-in staff on the primary."""

import pytest
from django.test import RequestFactory

from alliance_portal import db_router
from members.models import Organization


@pytest.fixture
def with_replica(settings):
    settings.DATABASES = {**settings.DATABASES, "replica": {**settings.DATABASES["default"]}}


def test_reads_go_to_the_replica_writes_to_the_primary(with_replica):
    router = db_router.ReplicaRouter()
    assert router.db_for_read(Organization) == "replica"
    assert router.db_for_write(Organization) == "default"
    assert router.allow_migrate("default", "members") is True
    assert router.allow_migrate("replica", "members") is False
    assert router.allow_relation(Organization(), Organization()) is True


def test_without_a_replica_everything_reads_from_the_primary():
    assert db_router.ReplicaRouter().db_for_read(Organization) == "default"


def test_pinned_blocks_read_from_the_primary(with_replica):
    router = db_router.ReplicaRouter()
    with db_router.primary():
        with db_router.primary():
            assert router.db_for_read(Organization) == "default"
        assert router.db_for_read(Organization) == "default"
    assert router.db_for_read(Organization) == "replica"


@pytest.mark.parametrize(
    ("method", "path", "cookies", "pinned"),
    [
        ("get", "/members/", {}, False),
        ("get", "/en/events/", {}, False),
        ("post", "/members/", {}, True),
        ("get", "/admin/members/organization/", {}, True),
        ("get", "/dashboard/", {}, True),
        ("get", "/members/", {"sessionid": "abc"}, True),
    ],
)
def test_middleware_pins_writes_admin_and_staff_to_the_primary(with_replica, method, path, cookies, pinned):
    request = getattr(RequestFactory(), method)(path)
    request.COOKIES.update(cookies)
    seen = {}

    def view(req):
        seen["db"] = db_router.ReplicaRouter().db_for_read(Organization)
        return "response"

    assert db_router.PrimaryPinningMiddleware(view)(request) == "response"
    assert seen["db"] == ("default" if pinned else "replica")
    assert not db_router.is_pinned()
