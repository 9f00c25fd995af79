"""The ground floor's app config: it holds no models, only shared code, template tags and translations."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Shared machinery")

    def ready(self):
        from . import cache

        cache.connect_signals()
