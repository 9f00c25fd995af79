"""The admin site's titles, in Vietnamese through the catalogue."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

admin.site.site_header = _("Administration of the Hai Phong Alliance of Cooperatives and Enterprises portal")
admin.site.site_title = _("Alliance portal administration")
admin.site.index_title = _("Data management")

# Strings of django-simple-history's history pages, which ships no Vietnamese: listed here so `make messages` keeps
# them in the catalogue and the history pages read in Vietnamese like the rest of the admin.
SIMPLE_HISTORY_STRINGS = [
    gettext_noop("History"),  # Django's own Vietnamese says "Bản ghi nhớ" (memo); staff call it "Lịch sử"
    gettext_noop("Object"),
    gettext_noop("Changed by"),
    gettext_noop("Change reason"),
    gettext_noop("Changes"),
    gettext_noop("Revert"),
    gettext_noop("Change history: %s"),
    gettext_noop("View history: %s"),
    gettext_noop("Revert %s"),
    gettext_noop("View %s"),
    gettext_noop("Created"),
    gettext_noop("Changed"),
    gettext_noop("Deleted"),
    gettext_noop("This object doesn't have a change history."),
    gettext_noop("Choose a date from the list below to revert to a previous version of this object."),
    gettext_noop("Press the 'Revert' button below to revert to this version of the object."),
    gettext_noop("Revert %(verbose_name)s"),
    gettext_noop("View %(verbose_name)s"),
]
