from django.core.management.base import BaseCommand, CommandError

from association.demo_content.loader import CONTENT_DIR, DemoContentError, Loader, read_content


class Command(BaseCommand):
    help = (
        "Loads the Association's demo content (members, assemblies, committees, pages). "
        "Safe to run again: records edited or deleted in the admin are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Replace records edited in the admin, and recreate deleted ones, from the files.",
        )
        parser.add_argument("--directory", default=CONTENT_DIR, help="Folder of YAML files.")

    def handle(self, *args, **options):
        try:
            content = read_content(options["directory"])
            stats = Loader(overwrite=options["overwrite"]).load(content)
        except DemoContentError as error:
            raise CommandError(str(error)) from error
        summary = ", ".join(f"{count} {name}" for name, count in sorted(stats.items()))
        self.stdout.write(f"Demo content: {summary or 'nothing to load'}.")
        if stats["kept edited"] or stats["kept deleted"]:
            self.stdout.write(
                "Records changed or deleted in the admin were kept; "
                "use --overwrite to replace them from the files."
            )
