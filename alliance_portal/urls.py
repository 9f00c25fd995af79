"""URLs: the admin and machine endpoints at fixed paths; every page for people under i18n_patterns.

Vietnamese is served at the bare paths, English under /en/.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from . import views
from .sitemaps import sitemaps

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", views.healthz, name="healthz"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": sitemaps, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": sitemaps}, name="sitemap-section"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
]

urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("about/", views.AboutView.as_view(), name="about"),
    path("members/", include("members.urls")),
    path("events/", include("events.urls")),
    path("awards/", include("awards.urls")),
    path("dashboard/", include("dashboard.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "alliance_portal.views.page_not_found"
handler500 = "alliance_portal.views.server_error"
