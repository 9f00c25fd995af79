from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlliancePortalConfig(AppConfig):
    name = "alliance_portal"
    verbose_name = _("Portal")

    def ready(self):
        from . import cache

        cache.connect_signals()
