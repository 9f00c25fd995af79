"""Small security pieces that span the whole portal: headers, hostile query strings, sign-in lockout.

See docs/security.md for what each one is for.
"""

import logging
import re

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import password_validation
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

logger = logging.getLogger(__name__)

# C0 control characters except tab, line feed and carriage return, plus DEL. NUL in particular makes PostgreSQL
# refuse the whole query ("A string literal cannot contain NUL"); none of them has a use in a URL a person typed.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class PermissionsPolicyMiddleware:
    """Send the Permissions-Policy header (settings.PERMISSIONS_POLICY) on every response.

    The portal uses no camera, microphone, location or payment API; the header tells the browser to refuse them to
    the page and to anything it might embed.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        policy = getattr(settings, "PERMISSIONS_POLICY", {})
        self.header = ", ".join(f"{feature}=({' '.join(allow)})" for feature, allow in policy.items())

    def __call__(self, request):
        response = self.get_response(request)
        if self.header and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.header
        return response


class RejectControlCharactersMiddleware:
    """Answer 400 to a request whose query string or path carries control characters (NUL and the like).

    Without this, a search for "%00" reaches the database and PostgreSQL fails with a server error; no page of the
    portal has a use for such characters, so they are refused in one place for every view.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._has_control_characters(request):
            message = _("The address contains characters that are not allowed (control characters).")
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)

    @staticmethod
    def _has_control_characters(request):
        if CONTROL_CHARACTERS.search(request.path):
            return True
        for key, values in request.GET.lists():
            if CONTROL_CHARACTERS.search(key) or any(CONTROL_CHARACTERS.search(v) for v in values):
                return True
        return False


def client_ip_address(request):
    """The client's address for django-axes: REMOTE_ADDR, or behind PROXY_COUNT trusted proxies the address the
    outermost of them saw (taken from the right of X-Forwarded-For, so a client cannot forge it)."""
    count = getattr(settings, "PROXY_COUNT", 0)
    if count:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response=None, credentials=None):
    """What a locked-out sign-in sees (django-axes AXES_LOCKOUT_CALLABLE): a clear page in the admin's look, 429."""
    hours = settings.AXES_COOLOFF_TIME
    context = {
        "title": _("Too many failed sign-ins"),
        "message": ngettext(
            "After %(limit)s failed sign-ins this account is locked for %(hours)s hour: even the right password is "
            "refused until then. Try again later, or ask an administrator to unlock it.",
            "After %(limit)s failed sign-ins this account is locked for %(hours)s hours: even the right password is "
            "refused until then. Try again later, or ask an administrator to unlock it.",
            hours,
        )
        % {"hours": hours, "limit": settings.AXES_FAILURE_LIMIT},
        "site_header": admin.site.site_header,
    }
    body = render_to_string("security/lockout.html", context, request=request)
    return HttpResponse(body, status=429)


MUST_CHANGE_SESSION_KEY = "portal_must_change_credentials"


class StaffPasswordBackend(ModelBackend):
    """Django's ModelBackend that, when staff sign in, checks the typed password against AUTH_PASSWORD_VALIDATORS.

    The admin's own forms already apply the validators, but passwords set before a rule existed, by a command or
    straight in the database are not; a staff member whose password fails a rule is sent to change it (see
    StaffPasswordMiddleware) before doing anything else in the admin.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and user.is_staff and request is not None and hasattr(request, "session"):
            try:
                password_validation.validate_password(password, user)
            except ValidationError:
                request.session[MUST_CHANGE_SESSION_KEY] = True
                logger.warning("staff user %s signed in with a password that breaks the password rules", user.pk)
            else:
                request.session.pop(MUST_CHANGE_SESSION_KEY, None)
        return user


class StaffPasswordMiddleware:
    """Keep a staff member who signed in with a weak password on the admin's password change page until changed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.get(MUST_CHANGE_SESSION_KEY):
            match = getattr(request, "resolver_match", None) or _resolve(request.path_info)
            name = match.view_name if match else ""
            if name == "admin:password_change_done":
                session.pop(MUST_CHANGE_SESSION_KEY, None)
            elif not request.user.is_authenticated:
                session.pop(MUST_CHANGE_SESSION_KEY, None)
            elif name not in {"admin:password_change", "admin:logout", "admin:jsi18n"}:
                messages.warning(
                    request,
                    _("Your password does not meet the portal's password rules. Choose a new one before you continue."),
                )
                return redirect("admin:password_change")
        return self.get_response(request)


def _resolve(path):
    try:
        return resolve(path)
    except Resolver404:
        return None
