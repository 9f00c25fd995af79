"""The site's own app: settings-level pages, commands that span apps, the admin site's titles."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlliancePortalConfig(AppConfig):
    name = "alliance_portal"
    verbose_name = _("Portal")
