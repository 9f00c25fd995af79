"""Make sure an admin login exists, and say how to sign in."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from alliance_portal import demo


class Command(BaseCommand):
    help = _(
        'Create the superuser "admin" with a random password (saved to .admin-password) when no superuser exists, '
        "and print how to sign in."
    )

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/", help=_("Admin address to print."))
        parser.add_argument(
            "--password-file", default=None, help=_("Where to write the new password (default: .admin-password).")
        )

    def handle(self, *args, url, password_file, **options):
        login = demo.ensure_admin(password_file=password_file)
        if login.created:
            self.stdout.write(self.style.SUCCESS(_('Created the superuser "%(user)s".') % {"user": login.username}))
        self.stdout.write(_("Sign in at %(url)s as %(user)s.") % {"url": url, "user": login.username})
        if login.password_file and login.stale:
            self.stdout.write(
                _(
                    "The password in %(path)s is no longer this account's: use the one you set "
                    "(or: python manage.py changepassword %(user)s)."
                )
                % {"path": login.password_file, "user": login.username}
            )
        elif login.password_file:
            self.stdout.write(_("The password is in %(path)s.") % {"path": login.password_file})
        else:
            self.stdout.write(
                _("Use the password you set for this account (or: python manage.py changepassword %(user)s).")
                % {"user": login.username}
            )
