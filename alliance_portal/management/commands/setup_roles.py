"""Create (or bring up to date) the staff roles: editors ("Biên tập viên") and leadership ("Lãnh đạo")."""

from django.apps import apps
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

EDITORS = "Biên tập viên"
LEADERSHIP = "Lãnh đạo"
PORTAL_APPS = ("members", "events", "awards")

# Editors add, change and view these, and may publish and unpublish them; they never delete them (they are, or may
# be, honoured or referred to by honours).
EDITOR_RECORDS = [
    "members.organization",
    "members.person",
    "events.event",
    "events.alliance",
    "awards.decision",
    "awards.honour",
]
# Lines inside an event or the alliance's history: editors may also delete them (a wrong programme line, a photo).
EDITOR_LINES = [
    "events.programmeitem",
    "events.participant",
    "events.speech",
    "events.photo",
    "events.alliancename",
    "events.congress",
]
# Lists staff may extend (sectors, forms of honour, authorities): add, change, view. Administrative units: view.
EDITOR_LISTS = ["members.sector", "awards.honourform", "awards.authority"]
EDITOR_VIEW_ONLY = ["members.area"]


def _perms(labels, actions):
    codenames = []
    for label in labels:
        app_label, model_name = label.split(".")
        codenames.extend((app_label, f"{action}_{model_name}") for action in actions)
    perms = []
    for app_label, codename in codenames:
        perms.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return perms


def editor_permissions():
    return (
        _perms(EDITOR_RECORDS, ["add", "change", "view"])
        + _perms(EDITOR_LINES, ["add", "change", "delete", "view"])
        + _perms(EDITOR_LISTS, ["add", "change", "view"])
        + _perms(EDITOR_VIEW_ONLY, ["view"])
    )


def leadership_permissions():
    """View permission on every model of the portal's apps, history tables included; nothing else."""
    return list(Permission.objects.filter(content_type__app_label__in=PORTAL_APPS, codename__startswith="view_"))


class Command(BaseCommand):
    help = gettext_lazy(
        'Create or update the groups "Biên tập viên" (editors: add, change and view members, people, events, '
        "decisions and honours, publish and unpublish; no deleting of those records, no user management) and "
        '"Lãnh đạo" (leadership: view everything, unpublished records included, and the dashboard; change nothing). '
        "Running it again only brings the groups' permissions up to date. A user needs staff status (is_staff) as "
        "well as the group to sign in to the admin."
    )

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            for app_config in apps.get_app_configs():
                create_permissions(app_config, verbosity=0)
            for name, perms in ((EDITORS, editor_permissions()), (LEADERSHIP, leadership_permissions())):
                group, created = Group.objects.get_or_create(name=name)
                group.permissions.set(perms)
                message = _("Group “%(name)s” created with %(count)d permissions.") if created else None
                message = message or _("Group “%(name)s” updated: %(count)d permissions.")
                self.stdout.write(self.style.SUCCESS(message % {"name": name, "count": len(perms)}))
            self.stdout.write(
                _(
                    "Add staff members to a group in the admin (Users), and tick “Staff status” for each of them: "
                    "without it they cannot sign in to the admin."
                )
            )
