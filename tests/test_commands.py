"""ensure_admin: an admin login always exists, and the command says how to sign in."""

import stat
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def password_file(tmp_path):
    return tmp_path / ".admin-password"


def _run(password_file, *args):
    out = StringIO()
    call_command("ensure_admin", "--password-file", str(password_file), *args, stdout=out)
    return out.getvalue()


def test_creates_admin_with_a_random_password_saved_privately(password_file):
    out = _run(password_file)
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.is_staff and user.is_active
    password = password_file.read_text().strip()
    assert len(password) >= 20 and user.check_password(password)
    assert stat.S_IMODE(password_file.stat().st_mode) == 0o600
    assert "http://127.0.0.1:8000/admin/" in out and "admin" in out and str(password_file) in out
    assert password not in out  # the password is only in the file


def test_second_run_keeps_the_admin_and_prints_the_same_instructions(password_file):
    _run(password_file)
    password = password_file.read_text().strip()
    out = _run(password_file, "--url", "http://127.0.0.1:8002/admin/")
    assert get_user_model().objects.filter(is_superuser=True).count() == 1
    assert password_file.read_text().strip() == password
    assert get_user_model().objects.get(username="admin").check_password(password)
    assert "http://127.0.0.1:8002/admin/" in out and str(password_file) in out


def test_existing_superuser_is_left_alone(password_file):
    get_user_model().objects.create_superuser("lan", "lan@example.vn", "mật-khẩu-riêng-123")
    out = _run(password_file)
    assert not get_user_model().objects.filter(username="admin").exists()
    assert not password_file.exists()
    assert "lan" in out and "changepassword" in out


def test_existing_non_superuser_admin_is_promoted_with_a_new_password(password_file):
    get_user_model().objects.create_user("admin", password="cũ-không-dùng")
    _run(password_file)
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password(password_file.read_text().strip())


def test_a_changed_password_is_not_reported_as_in_the_file(password_file):
    _run(password_file)
    user = get_user_model().objects.get(username="admin")
    user.set_password("một-mật-khẩu-mới-2026")
    user.save()
    out = _run(password_file)
    assert "changepassword" in out
