"""The portal's URLs plus a probe page that lists published members, for the page-cache tests.

The probe stays the same whatever the public pages look like, so these tests prove the cache, not a template.
"""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import path

from alliance_portal.urls import urlpatterns as portal_urlpatterns
from members.models import Organization


def probe(request):
    names = ", ".join(Organization.objects.published().vi_ordered().values_list("name", flat=True))
    return HttpResponse(f"members: {names}")


def probe_with_form(request):
    return HttpResponse(f'<form method="post"><input name="csrfmiddlewaretoken" value="{get_token(request)}"></form>')


def probe_with_cookie(request):
    response = HttpResponse("cookie")
    response.set_cookie("seen", "1")
    return response


urlpatterns = [
    *i18n_patterns(
        path("perf-probe/", probe),
        path("perf-probe/form/", probe_with_form),
        path("perf-probe/cookie/", probe_with_cookie),
        path("dashboard/perf-probe/", probe),
        prefix_default_language=False,
    ),
    *portal_urlpatterns,
]
