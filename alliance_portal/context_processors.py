"""Context shared by every page: the language switch."""

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation


def _language_url(request, code):
    """The current page in language `code` (query string kept), or that language's home page when it has none."""
    path = request.path
    url = translate_url(path, code)
    if url == path and code != translation.get_language():
        # translate_url gives the path back unchanged when it cannot resolve it (a 404 page, for instance).
        with translation.override(code):
            url = reverse("home")
    query = request.META.get("QUERY_STRING", "")
    return f"{url}?{query}" if query else url


def languages(request):
    """`language_links`: one entry per language with the current page's address in it, for the switch and hreflang."""
    current = translation.get_language()
    links = []
    for code, name in settings.LANGUAGES:
        url = _language_url(request, code)
        with translation.override(code):
            local_name = str(translation.gettext(name))
        links.append(
            {
                "code": code,
                "name": local_name,
                "url": url,
                "absolute_url": request.build_absolute_uri(url),
                "current": code == current,
            }
        )
    return {"language_links": links}
