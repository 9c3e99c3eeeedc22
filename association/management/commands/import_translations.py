from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from association.translation_exchange import ImportRefused, apply_import, plan_import
from association.translation_state import TRANSLATION_LANGUAGES


class Command(BaseCommand):
    help = (
        "Imports a translation file (XLIFF 1.2, PO or XLSX made by export_translations or "
        "the admin) for one language: all or nothing; every refused entry is listed."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--language", required=True, choices=TRANSLATION_LANGUAGES)
        parser.add_argument(
            "--dry-run", action="store_true", help="check and list the changes, save nothing"
        )
        parser.add_argument(
            "--user",
            help=(
                "the user name the import is made by (required unless --dry-run): their "
                "language rights are checked, and history and the audit trail name them"
            ),
        )

    def handle(self, *args, file, language, dry_run, user, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        importer = None
        if not user and not dry_run:
            raise CommandError(
                "Name the user the import is made by with --user (history and the audit "
                "trail record who imported what)."
            )
        if user:
            try:
                importer = get_user_model().objects.get(username=user)
            except get_user_model().DoesNotExist as error:
                raise CommandError(f"No such user: {user}") from error
        data = path.read_bytes()
        try:
            if dry_run:
                plan = plan_import(path.name, data, language, importer)
            else:
                plan = apply_import(path.name, data, language, importer)
        except ImportRefused as refused:
            for problem in refused.problems:
                self.stderr.write(f"{problem.key or path.name}: {problem.reason}")
            raise CommandError(
                f"{path.name} refused: {len(refused.problems)} problem(s); nothing was changed."
            ) from refused
        for change in plan.changes:
            if change.confirm_only:
                self.stdout.write(f"{change.key}: confirmed unchanged")
            else:
                self.stdout.write(f"{change.key}: {change.old!r} -> {change.new!r}")
        verb = "Would write" if dry_run else "Wrote"
        self.stdout.write(
            f"{verb} {len(plan.written)} translation(s), confirmed {len(plan.confirmed)}, "
            f"skipped {plan.skipped_empty} empty, {plan.unchanged} already up to date.",
            self.style.SUCCESS,
        )
