"""Read replica routing, off by default.

With DATABASE_REPLICA_URL set, settings add a "replica" database and this router. Reads go to the replica except
while the request is pinned to the primary; writes and migrations always go to the primary ("default").

`PrimaryPinningMiddleware` pins a request to the primary when it can write or must see its own writes at once: any
method other than GET/HEAD/OPTIONS, the admin and the dashboard, and any request carrying a session cookie (staff who
just saved something must not read a lagging replica). Anonymous public pages — nearly all the traffic — read from
the replica. Code may also pin explicitly with `with primary():`.
"""

import contextlib
import threading

from django.conf import settings

REPLICA = "replica"
PRIMARY = "default"
PINNED_PATHS = ("/admin/", "/dashboard/", "/en/dashboard/")
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")

_state = threading.local()


def is_pinned():
    return getattr(_state, "pinned", 0) > 0


@contextlib.contextmanager
def primary():
    """Read from the primary inside this block (nests)."""
    _state.pinned = getattr(_state, "pinned", 0) + 1
    try:
        yield
    finally:
        _state.pinned -= 1


class ReplicaRouter:
    """Reads from the replica unless pinned; everything else on the primary."""

    def db_for_read(self, model, **hints):
        if is_pinned() or REPLICA not in settings.DATABASES:
            return PRIMARY
        return REPLICA

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica is a copy of the primary: the same rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


def should_pin(request):
    return (
        request.method not in SAFE_METHODS
        or request.path.startswith(PINNED_PATHS)
        or settings.SESSION_COOKIE_NAME in request.COOKIES
    )


class PrimaryPinningMiddleware:
    """Put first in MIDDLEWARE (settings do when the replica is on) so sessions and users are read consistently."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if should_pin(request):
            with primary():
                return self.get_response(request)
        return self.get_response(request)
