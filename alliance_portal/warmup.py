"""Work every worker process would otherwise repeat on its first requests, done once in gunicorn's master.

gunicorn (gunicorn.conf.py, `preload_app`) loads the portal in its master process and forks the workers from it, and
forks a new worker whenever one is recycled (`max_requests`). A fresh worker compiled every template, loaded the
translation catalogues and built the URL resolvers on its first requests, which made them many times slower than
the next ones (docs/performance.md). Done here, before the fork, every worker starts with them.

Nothing here touches the database or the cache: a connection opened in the master would be shared by every worker.
"""

import importlib
from pathlib import Path

from django.conf import settings
from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
from django.urls import NoReverseMatch, reverse
from django.utils import translation


def project_templates():
    """Names of the templates under the project's templates/ directories (the apps' own load on first use)."""
    names = []
    for directory in settings.TEMPLATES[0]["DIRS"]:
        root = Path(directory)
        names.extend(sorted(str(path.relative_to(root)) for path in root.rglob("*.html")))
    return names


def warm():
    """Compile the project's templates, build each language's URL resolver and import the cache's client library.

    Returns how many templates were compiled. With DEBUG the template loader does not cache, so it only checks.
    """
    engine = engines["django"].engine
    compiled = 0
    for name in project_templates():
        try:
            engine.get_template(name)
        except (TemplateDoesNotExist, TemplateSyntaxError):  # a broken template fails loudly on its own page
            continue
        compiled += 1
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            try:
                reverse("home")  # builds this language's resolver (the URL patterns are translated)
            except NoReverseMatch:
                pass
    if any("redis" in cache["BACKEND"].lower() for cache in settings.CACHES.values()):
        importlib.import_module("redis")  # otherwise imported by the first request that reads the cache
    return compiled
