from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Compiles locale/*/LC_MESSAGES/*.po into .mo files with Babel, so no GNU gettext "
        "is needed to run the site. Fuzzy entries are left out, as msgfmt does."
    )

    def handle(self, *args, **options):
        count = 0
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
                mo_path = po_path.with_suffix(".mo")
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                try:
                    with po_path.open("rb") as po_file:
                        catalog = read_po(po_file, abort_invalid=True)
                except Exception as error:
                    raise CommandError(f"{po_path}: {error}") from error
                # Written aside, then moved in place: a process reading catalogs meanwhile
                # sees the old file or the new one, never half of one.
                partial = mo_path.with_suffix(".mo.partial")
                with partial.open("wb") as mo_file:
                    write_mo(mo_file, catalog)
                partial.replace(mo_path)
                count += 1
        self.stdout.write(f"Compiled {count} catalog(s).", self.style.SUCCESS)
