"""The environment both `make bench` and `make loadtest` run the portal in: production settings (DEBUG off,
manifest static files) on a local database, served over plain http on this machine."""

import os
import secrets


def production_over_http(database_url, static_root, **extra):
    """os.environ plus the production settings on `database_url`; `extra` adds or overrides variables."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "alliance_portal.settings",
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "STATIC_ROOT": str(static_root),
        **extra,
    }
