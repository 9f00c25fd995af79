"""The first admin login: a superuser "admin" with a random password, written to a file only its owner can read."""

import os
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

ADMIN_USERNAME = "admin"


def default_password_file():
    return settings.BASE_DIR / ".admin-password"


@dataclass
class AdminLogin:
    username: str
    created: bool
    password_file: object = None
    stale: bool = False  # the file no longer holds the account's password (it was changed since)


@transaction.atomic
def ensure_admin(password_file=None):
    """Make sure a superuser exists. When none does, create "admin" with a random strong password written to
    `password_file` (readable by its owner only). Returns who to sign in as and where the password is, if known."""
    password_file = password_file or default_password_file()
    existing = get_user_model().objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    if existing:
        return existing_login(existing, password_file)
    password = secrets.token_urlsafe(18)
    create_admin(password)
    write_password_file(password_file, password)
    return AdminLogin(username=ADMIN_USERNAME, created=True, password_file=password_file)


def existing_login(user, password_file):
    """How to sign in as an existing superuser: the password file counts only for "admin", and may be stale."""
    username = user.get_username()
    if username != ADMIN_USERNAME or not os.path.exists(password_file):
        return AdminLogin(username=username, created=False)
    with open(password_file, encoding="utf-8") as handle:
        stale = not user.check_password(handle.read().strip())
    return AdminLogin(username=username, created=False, password_file=password_file, stale=stale)


def create_admin(password):
    """Make "admin" an active superuser with this password (creating the account, or promoting an existing one)."""
    User = get_user_model()
    user = User.objects.filter(username=ADMIN_USERNAME).first() or User(username=ADMIN_USERNAME)
    user.is_staff = user.is_superuser = user.is_active = True
    user.set_password(password)
    user.save()
    return user


def write_password_file(path, password):
    """Write the password to `path`, readable and writable by its owner only."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(password + "\n")
    os.chmod(path, 0o600)
