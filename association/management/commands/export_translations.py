from pathlib import Path

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from association.translation_exchange import STATE_CHOICES, export_units
from association.translation_files import FORMATS
from association.translation_state import TRANSLATION_LANGUAGES, translatable_models


class Command(BaseCommand):
    help = (
        "Writes the missing or stale translations of one language (or all of them) to an "
        "XLIFF 1.2, PO or XLSX file for translation tools; bring it back with "
        "import_translations."
    )

    def add_arguments(self, parser):
        parser.add_argument("--language", required=True, choices=TRANSLATION_LANGUAGES)
        parser.add_argument("--format", default="xliff", choices=sorted(FORMATS))
        parser.add_argument("--output", required=True, help="the file to write")
        parser.add_argument(
            "--model",
            action="append",
            help="only this kind of record, e.g. members.Region (may be repeated)",
        )
        parser.add_argument(
            "--state",
            default="missing,stale",
            choices=sorted(STATE_CHOICES),
            help="what to include (default: missing,stale)",
        )

    def handle(self, *args, language, format, output, model, state, **options):
        translatable = {m for m, _fields in translatable_models()}
        models = None
        if model:
            models = []
            for label in model:
                try:
                    found = apps.get_model(label)
                except (LookupError, ValueError) as error:
                    raise CommandError(f"Unknown model: {label}") from error
                if found not in translatable:
                    raise CommandError(f"{label} has no translated fields.")
                models.append(found)
        units = export_units(language, models=models, states=STATE_CHOICES[state])
        Path(output).write_bytes(FORMATS[format].write(language, units))
        self.stdout.write(f"Wrote {len(units)} unit(s) to {output}.", self.style.SUCCESS)
