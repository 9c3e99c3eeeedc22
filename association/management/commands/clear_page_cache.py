from django.core.management.base import BaseCommand

from association.page_cache import SITE_TAG, bump


class Command(BaseCommand):
    help = (
        "Makes every cached public page stale, in every process sharing the cache. Run it "
        "after deploying new templates or code, and after edits made while the cache was "
        "unreachable."
    )

    def handle(self, *args, **options):
        bump({SITE_TAG})
        if options["verbosity"]:
            self.stdout.write("Every cached page will be rebuilt.", self.style.SUCCESS)
