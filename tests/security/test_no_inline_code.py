"""The CSP forbids inline scripts and styles, so pages must not rely on them: no inline <script>, <style>, style=""
or on...="" handlers on any public page or on the admin pages staff use most."""

import re

import pytest
from django.urls import reverse

from .conftest import response_text

INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*type=[\"']application/(?:ld\+)?json[\"'])[^>]*>", re.I)
STYLE_BLOCK = re.compile(r"<style\b", re.I)
STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*\sstyle=", re.I)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
JAVASCRIPT_URL = re.compile(r"""(?:href|src|action)\s*=\s*["']\s*javascript:""", re.I)


def _inline_code(text):
    found = []
    for label, pattern in (
        ("inline script", INLINE_SCRIPT),
        ("style block", STYLE_BLOCK),
        ("style attribute", STYLE_ATTRIBUTE),
        ("event handler", EVENT_HANDLER),
        ("javascript: URL", JAVASCRIPT_URL),
    ):
        found += [f"{label}: {m.group(0)[:120]}" for m in pattern.finditer(text)]
    return found


def test_public_pages_have_no_inline_code(client, public_site):
    checked = 0
    for url in public_site.urls:
        response = client.get(url)
        if "html" not in response.get("Content-Type", ""):
            continue
        checked += 1
        assert _inline_code(response_text(response)) == [], url
        assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert checked >= 8


@pytest.mark.parametrize(
    "url_name, args",
    [
        ("admin:index", []),
        ("admin:members_organization_changelist", []),
        ("admin:members_organization_change", ["organization"]),
        ("admin:members_person_change", ["consenting"]),
        ("admin:events_event_change", ["event"]),
        ("admin:awards_decision_change", ["decision"]),
    ],
)
def test_admin_pages_have_no_inline_code(admin_client, public_site, url_name, args):
    """Django's admin keeps its data in <script type="application/json"> and its code and styles in files."""
    url = reverse(url_name, args=[getattr(public_site, a).pk for a in args])
    response = admin_client.get(url)
    assert response.status_code == 200, url
    assert _inline_code(response_text(response)) == [], url
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_admin_sign_in_page_has_no_inline_code(client, db):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 200
    assert _inline_code(response_text(response)) == []
