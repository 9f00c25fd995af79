"""Make every cached page and every value kept per data version stale at once (core.cache)."""

from django.core.management.base import BaseCommand, CommandError

from core.cache import bump_version


class Command(BaseCommand):
    help = (
        "Make every cached public page and every value kept per data version (counts, figures, filter options and "
        "forms, event pages) stale at once, on every app server sharing the cache. Run it when new code is deployed: "
        "what the previous code rendered is then never served again. Any edit of the portal's data does the same."
    )

    def handle(self, *args, **options):
        try:
            version = bump_version()
        except Exception as error:  # the cache server is down or unreachable
            raise CommandError(f"The cache could not be reached, nothing was made stale: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Cached pages and kept values are stale (data version {version})."))
