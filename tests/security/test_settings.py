"""Production settings: the portal refuses to start half-configured, check --deploy is clean, headers are sent."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

BASE_DIR = Path(__file__).resolve().parents[2]

# Variables that would let a subprocess slip into development mode or reuse the test settings.
_DROPPED = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE", "SECURE_SSL_REDIRECT"}
_DROPPED |= {"SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_HSTS_SECONDS", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def _production_env(**overrides):
    """The environment of a production start. Variables are set explicitly (empty when missing) so that a developer's
    .env, which never overrides the environment, cannot fill them in."""
    env = {k: v for k, v in os.environ.items() if k not in _DROPPED}
    env.update(DEBUG="false", SECRET_KEY="", ALLOWED_HOSTS="")
    env["DJANGO_SETTINGS_MODULE"] = "alliance_portal.settings"
    env["DATABASE_URL"] = env.get("DATABASE_URL") or "sqlite:////tmp/portal-h8-deploy-check.sqlite3"
    env.update(overrides)
    return {k: v for k, v in env.items() if v is not None}


def _manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_refuses_to_start_without_secret_key():
    result = _manage("check", env=_production_env(ALLOWED_HOSTS="portal.example.vn"))
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_refuses_to_start_without_allowed_hosts():
    result = _manage("check", env=_production_env(SECRET_KEY=secrets.token_urlsafe(50)))
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_check_deploy_is_clean_with_production_variables():
    env = _production_env(SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="portal.example.vn")
    result = _manage("check", "--deploy", "--fail-level", "DEBUG", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_settings_values():
    """HTTPS-only cookies, HSTS for a year with subdomains, SSL redirect, strict CSP: read from the real module."""
    code = (
        "from django.conf import settings as s; import json;"
        "print(json.dumps([s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT,"
        " s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD, s.SESSION_COOKIE_HTTPONLY,"
        " s.X_FRAME_OPTIONS]))"
    )
    env = _production_env(SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="portal.example.vn")
    result = _manage("shell", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == '[false, true, true, true, 31536000, true, true, true, "DENY"]'


def _assert_security_headers(response):
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert "'unsafe-inline'" not in csp
    assert "'unsafe-eval'" not in csp
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["home", "admin:login", "healthz"])
def test_security_headers_on_pages(client, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    _assert_security_headers(response)


@pytest.mark.django_db
def test_security_headers_on_signed_in_admin(admin_client):
    response = admin_client.get(reverse("admin:index"))
    assert response.status_code == 200
    _assert_security_headers(response)


@pytest.mark.django_db
def test_hsts_and_https_redirect_in_production(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    plain = client.get(reverse("home"))
    assert plain.status_code == 301
    assert plain["Location"].startswith("https://")
    secure = client.get(reverse("home"), secure=True)
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
