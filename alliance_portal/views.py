"""Pages that span apps: home, about, dashboard; and the health check."""

from django.db import connection
from django.http import HttpResponse
from django.views.generic import TemplateView


def healthz(request):
    """200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


class HomeView(TemplateView):
    template_name = "home.html"
