"""Parts of a page that an app standing higher adds to a page of a lower app: a registry filled in AppConfig.ready()."""


class PageParts:
    """Named places ("slots") on the pages of the lower floors, and the parts the apps above them put there.

    A lower app cannot import the apps standing on it, so it cannot show their data; a higher app adds what it has to
    say about the lower app's object, as apps register their models with `admin.site`. The higher app registers, in
    its AppConfig.ready(), a function that takes the page's object and returns the part as HTML (a SafeString, as
    `render_to_string()` returns)::

        class AwardsConfig(AppConfig):
            def ready(self):
                from core.parts import page_parts

                from . import sections

                page_parts.register("member-detail", sections.member_honours_section)

    The lower page's view renders the slot's parts and its template shows them where the slot is::

        context["page_parts"] = page_parts.render("member-detail", organization)
        {% for part in page_parts %}{{ part }}{% endfor %}

    Parts come in the order they were registered (the order of INSTALLED_APPS, in which ready() runs). A part shows
    the same to every visitor and depends only on the object, the data and the active language, so a page may keep
    its rendered parts per data version and language (the event page does, through core.cache.versioned).
    """

    def __init__(self):
        self._parts = {}

    def register(self, slot, part):
        """Add `part` (a function of the page's object returning HTML) to `slot`; registering it again changes
        nothing (ready() may run more than once in tests)."""
        parts = self._parts.setdefault(slot, [])
        if part not in parts:
            parts.append(part)

    def render(self, slot, obj):
        """The HTML of each part registered for `slot`, for the page of `obj`, in the order registered."""
        return [part(obj) for part in self._parts.get(slot, ())]


page_parts = PageParts()
