"""Context shared by every page: the language switch."""

from functools import cache, lru_cache

from django.conf import settings
from django.urls import get_urlconf, reverse, translate_url
from django.utils import translation


@lru_cache(maxsize=4096)
def _translated_path(path, code, current, urlconf):
    """`path` in language `code`, or that language's home page when the path cannot be translated.

    A function of the path and the URLconf only, kept per process (it resolves the path and reverses it again: a tenth
    of a millisecond for every link on every page). `urlconf` is part of the key so a request with its own URLconf
    gets its own answers."""
    if code == current:
        return path
    url = translate_url(path, code)
    if url == path:
        # translate_url gives the path back unchanged when it cannot resolve it (a 404 page, for instance).
        with translation.override(code):
            url = reverse("home", urlconf=urlconf)
    return url


@cache
def _language_name(code, name):
    """A language's name in that language ("Tiếng Việt", "English")."""
    with translation.override(code):
        return str(translation.gettext(name))


def _language_url(request, code):
    """The current page in language `code` (query string kept), or that language's home page when it has none."""
    url = _translated_path(request.path, code, translation.get_language(), get_urlconf())
    query = request.META.get("QUERY_STRING", "")
    return f"{url}?{query}" if query else url


def languages(request):
    """`language_links`: one entry per language with the current page's address in it, for the switch and hreflang."""
    current = translation.get_language()
    links = []
    for code, name in settings.LANGUAGES:
        url = _language_url(request, code)
        links.append(
            {
                "code": code,
                "name": _language_name(code, name),
                "url": url,
                "absolute_url": request.build_absolute_uri(url),
                "current": code == current,
            }
        )
    return {"language_links": links}
