"""Sign-in protection: lockout after repeated failures, password rules, session expiry, strong staff passwords."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.urls import reverse
from django.utils import translation

STRONG = "Hai-Phong-liên-minh-2026!"


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_user("canbo", password=STRONG, is_staff=True, is_superuser=True)


def _sign_in(client, password, username="canbo", **extra):
    return client.post(
        reverse("admin:login"), {"username": username, "password": password, "next": reverse("admin:index")}, **extra
    )


def test_right_password_signs_in(client, staff):
    response = _sign_in(client, STRONG)
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_lockout_after_repeated_failures_refuses_even_the_right_password(client, staff, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = _sign_in(client, "wrong-password")
        assert response.status_code == 200  # the form again, with its error
    locked = _sign_in(client, "wrong-password")
    assert locked.status_code == 429
    again = _sign_in(client, STRONG, HTTP_ACCEPT_LANGUAGE="vi")
    assert again.status_code == 429
    page = again.content.decode()
    assert "Đăng nhập sai quá nhiều lần" in page
    assert "ngay cả mật khẩu đúng" in page
    assert client.get(reverse("admin:index")).status_code == 302  # still not signed in
    assert "Content-Security-Policy" in again


def test_lockout_counts_per_user_and_address(client, staff, settings):
    """A colleague behind the same address is not locked out by someone else's mistakes."""
    get_user_model().objects.create_user("dongnghiep", password=STRONG, is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, "wrong-password")
    assert _sign_in(client, STRONG, username="dongnghiep").status_code == 302


def test_lockout_uses_the_address_the_trusted_proxy_saw(client, staff, settings):
    settings.PROXY_COUNT = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, "wrong-password", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert _sign_in(client, STRONG, HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 429
    # Another client behind the same proxy is not affected; a forged left-hand entry does not help the attacker.
    assert _sign_in(client, STRONG, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 302
    client.logout()
    assert _sign_in(client, STRONG, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7").status_code == 429


@pytest.mark.parametrize("password", ["12345678901", "password123", "qwertyuiop", "short"])
def test_password_rules_refuse_weak_passwords_in_the_admin_form(staff, password):
    with translation.override("vi"):
        form = AdminPasswordChangeForm(staff, data={"password1": password, "password2": password})
        assert not form.is_valid()
        assert form.errors["password2"]


def test_staff_with_a_weak_password_must_change_it(client, db):
    """A password set before the rules (or by a command) is caught at sign-in: the admin asks for a new one first."""
    user = get_user_model().objects.create_user("yeu", password="x", is_staff=True, is_superuser=True)
    user.set_password("12345")  # set_password applies no rules, like createsuperuser with a bypass
    user.save()
    assert _sign_in(client, "12345", username="yeu").status_code == 302
    response = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:password_change")
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="vi")
    assert page.status_code == 200
    assert "Mật khẩu của bạn không đáp ứng quy tắc mật khẩu" in page.content.decode()
    changed = client.post(
        reverse("admin:password_change"),
        {"old_password": "12345", "new_password1": STRONG, "new_password2": STRONG},
        follow=True,
    )
    assert changed.status_code == 200
    assert client.get(reverse("admin:index")).status_code == 200


def test_staff_with_a_strong_password_is_not_bothered(client, staff):
    _sign_in(client, STRONG)
    assert client.get(reverse("admin:index")).status_code == 200


def test_session_expires_after_inactivity(client, staff, settings):
    """Every request renews the session; a session left idle longer than SESSION_COOKIE_AGE is gone.

    Checked on the database session store (production with Redis uses cached_db, whose cache entries carry the same
    expiry, and whose database rows are the ones below).
    """
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert 0 < settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    _sign_in(client, STRONG)
    first = client.get(reverse("admin:index"))
    assert first.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == settings.SESSION_COOKIE_AGE
    Session.objects.update(expire_date=timezone.now() + timezone.timedelta(seconds=5))
    client.get(reverse("admin:index"))
    renewed = Session.objects.get().expire_date
    assert renewed > timezone.now() + timezone.timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)

    Session.objects.update(expire_date=timezone.now() - timezone.timedelta(seconds=1))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_default_user_model_passwords_are_hashed_with_a_slow_hasher_in_production():
    """Tests use a fast hasher; production keeps Django's default (PBKDF2 or stronger)."""
    from alliance_portal import settings as production

    assert not hasattr(production, "PASSWORD_HASHERS") or "MD5" not in str(production.PASSWORD_HASHERS)
