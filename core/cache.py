"""Whole-page caching of public pages for anonymous visitors, invalidated by a version number.

Every public page an anonymous visitor sees is the same for every other anonymous visitor (same path, query string,
language and host), so the rendered response is kept in the default cache (Redis when REDIS_URL is set, so all app
servers share it; local memory otherwise) for PORTAL_PAGE_CACHE_SECONDS.

Invalidation is by version, not by key: every cache key contains the current value of one counter, and any save,
delete or many-to-many change of a model in an app of settings.PORTAL_APPS (and any admin log entry, which the admin and
the import write for every change) increments the counter. The next request for any page then misses and renders
fresh, so an edit in the admin shows on every public page at once, on every app server. Old entries are never read
again and expire by themselves.

Bulk writes (bulk_create, QuerySet.update) send no signals: code that writes in bulk outside the admin calls
`bump_version()` when it is done (the member import and `load_demo` do through the admin log, or should call it).

Not cached: signed-in users, requests carrying a session or a pending message, anything but GET/HEAD, responses that
are not 200, that set a cookie, that used a CSRF token, or that say `Cache-Control: private/no-store`, and paths under
PORTAL_PAGE_CACHE_EXCLUDE (admin, dashboard, exports, health check, language switch, static and media files).
"""

import hashlib
import logging

# pickle: only for this process's own copies of values it cached itself (never data from outside).
import pickle  # nosec B403
import secrets
import threading
import time
from collections import OrderedDict
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

VERSION_KEY = "portal:page-cache:version"
KEY_PREFIX = "portal:page"
# Apps whose data the public pages show. The project package may know all three floors.
DEFAULT_EXCLUDE = (
    "/admin/",
    "/dashboard/",
    "/i18n/",
    "/healthz",
    "/static/",
    "/media/",
    "/members/export",
)
HEADER = "X-Page-Cache"
# Set to a dict for the length of a request (AnonymousPageCacheMiddleware): the version is read once per request.
_request_memo = ContextVar("portal_request_memo", default=None)


def page_cache_seconds():
    return getattr(settings, "PORTAL_PAGE_CACHE_SECONDS", 0)


def _fresh_version():
    """A starting version no earlier cache generation used: after the cache is flushed (or the key evicted), copies
    that processes keep in memory under an old version can never be mistaken for current ones."""
    return secrets.randbelow(2**40) + 2


def current_version():
    """The data version; read once per request (then remembered for that request), from the shared cache."""
    memo = _request_memo.get()
    if memo is not None and "version" in memo:
        return memo["version"]
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, _fresh_version(), timeout=None)
        version = cache.get(VERSION_KEY) or 1
    if memo is not None:
        memo["version"] = version
    return version


def bump_version(**_kwargs):
    """Make every cached page stale at once (on all app servers sharing the cache)."""
    try:
        version = cache.incr(VERSION_KEY)
    except ValueError:  # the key expired or was evicted: any new value differs from what pages were cached under
        cache.add(VERSION_KEY, _fresh_version(), timeout=None)
        version = cache.incr(VERSION_KEY)
    memo = _request_memo.get()
    if memo is not None:
        memo["version"] = version
    return version


class _LocalCopies:
    """This process's copies of versioned values (pickled, so a caller cannot change the copy it was given).

    A value stored under a version never changes, so a copy in memory is as good as the one in the shared cache and
    saves a round trip to Redis; the version itself is still read from the shared cache once per request.
    """

    def __init__(self, size=256):
        self.size = size
        self.items = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            item = self.items.get(key)
            if item is None or item[0] < time.monotonic():
                return None
            self.items.move_to_end(key)
        return pickle.loads(item[1])  # noqa: S301 - bytes this process pickled itself  # nosec B301

    def set(self, key, value, timeout):
        data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        with self.lock:
            self.items[key] = (time.monotonic() + timeout, data)
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)

    def clear(self):
        with self.lock:
            self.items.clear()


local_copies = _LocalCopies()


def versioned(key, compute, timeout=600):
    """`compute()`, cached until the portal's data changes (any save/delete, as for pages) or `timeout` seconds pass.

    For figures and fragments shared by every visitor (the dashboard's aggregates, a list's count, the options of a
    filter): computed once per data change instead of once per request. Only with a cache every process shares
    (PORTAL_SHARED_CACHE, on when REDIS_URL is set): with per-process memory caches an edit in one worker would not
    reach another's copy, and the figures must match the database exactly, so then `compute()` runs every time.
    """
    if not getattr(settings, "PORTAL_SHARED_CACHE", False):
        return compute()
    try:
        full_key = f"portal:versioned:{key}:{current_version()}"
        value = local_copies.get(full_key)
        if value is not None:
            return value
        value = cache.get(full_key)
    except Exception:  # noqa: BLE001 - a cache outage must not take the pages down: compute as without a cache
        logger.warning("shared cache unavailable", exc_info=True)
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(full_key, value, timeout)
        except Exception:  # noqa: BLE001
            logger.warning("shared cache unavailable", exc_info=True)
            return value
    local_copies.set(full_key, value, timeout)
    return value


def _bump_if_watched(sender, **kwargs):
    meta = getattr(sender, "_meta", None)
    if meta is None:
        return
    if meta.app_label in settings.PORTAL_APPS or (meta.app_label, meta.model_name) == ("admin", "logentry"):
        try:
            bump_version()
        except Exception:  # noqa: BLE001 - the edit itself must not fail (and roll back) because Redis is down
            logger.warning("shared cache unavailable: cached pages may lag behind this change", exc_info=True)


def connect_signals():
    """Called from CoreConfig.ready(): any change to the portal's data invalidates the page cache."""
    post_save.connect(_bump_if_watched, dispatch_uid="portal-page-cache-save")
    post_delete.connect(_bump_if_watched, dispatch_uid="portal-page-cache-delete")
    m2m_changed.connect(_bump_if_watched, dispatch_uid="portal-page-cache-m2m")


def _excluded(path):
    prefixes = getattr(settings, "PORTAL_PAGE_CACHE_EXCLUDE", DEFAULT_EXCLUDE)
    languages = [code for code, _name in settings.LANGUAGES]
    candidates = [path]
    for code in languages:  # /en/dashboard/ is the dashboard too
        if path.startswith(f"/{code}/"):
            candidates.append(path[len(code) + 1 :])
    return any(candidate.startswith(prefix) for candidate in candidates for prefix in prefixes)


def page_key(request, version=None):
    raw = "|".join(
        [
            request.get_host(),
            request.path,
            request.META.get("QUERY_STRING", ""),
            get_language() or "",
        ]
    )
    digest = hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()
    return f"{KEY_PREFIX}:{version if version is not None else current_version()}:{digest}"


def _cacheable_request(request):
    if request.method not in ("GET", "HEAD") or page_cache_seconds() <= 0:
        return False
    if _excluded(request.path):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False  # someone with a session (staff, a pending message): their page is theirs
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def _cacheable_response(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # the page holds a CSRF token tied to one visitor's cookie
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False  # the session middleware (outside) will set a cookie: this page is this visitor's
    messages = getattr(request, "_messages", None)
    if messages is not None and getattr(messages, "_queued_messages", None):
        return False
    cache_control = response.get("Cache-Control", "")
    return "private" not in cache_control and "no-store" not in cache_control


class AnonymousPageCacheMiddleware:
    """Serve and store whole public pages for anonymous visitors (see the module docstring).

    Place it after AuthenticationMiddleware and MessageMiddleware: middleware inside it (CSP, X-Frame-Options) has
    already added its headers to the stored response, middleware outside it runs on every request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_memo.set({})
        try:
            return self._respond(request)
        finally:
            _request_memo.reset(token)

    def _respond(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        try:
            key = page_key(request)
            stored = cache.get(key)
        except Exception:  # noqa: BLE001 - a cache outage must not take the site down: render instead
            logger.warning("page cache unavailable", exc_info=True)
            return self.get_response(request)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content, status=200)
            for name, value in headers:
                response[name] = value
            response[HEADER] = "hit"
            return response
        response = self.get_response(request)
        if _cacheable_response(request, response):
            headers = [(k, v) for k, v in response.items() if k.lower() != HEADER.lower()]
            try:
                cache.set(key, (response.content, headers), page_cache_seconds())
            except Exception:  # noqa: BLE001
                logger.warning("page cache unavailable", exc_info=True)
            response[HEADER] = "miss"
        return response
