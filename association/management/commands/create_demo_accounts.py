import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from association import roles

# (username, role group or None for the superuser, admin language)
DEMO_ACCOUNTS = [
    ("admin", None, "en"),
    ("editor", roles.EDITORS, "ko"),
    ("translator-ru", roles.translators_group_name("ru"), "ru"),
]


class Command(BaseCommand):
    help = (
        "Creates the demo accounts (a superuser, a secretariat editor, a translator for "
        "Russian) with random passwords, printed once. Existing accounts are left alone "
        "unless --reset is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="Give existing demo accounts new passwords."
        )

    def handle(self, *args, **options):
        roles.ensure_roles()
        User = get_user_model()
        for username, group_name, language in DEMO_ACCOUNTS:
            user = User.objects.filter(username=username).first()
            if user is not None and not options["reset"]:
                self.stdout.write(
                    f"  {username}: exists (new password: manage.py create_demo_accounts --reset)"
                )
                continue
            password = secrets.token_urlsafe(12)
            if user is None:
                user = User(username=username, language=language, is_staff=True)
            user.is_superuser = group_name is None
            user.set_password(password)
            user.save()
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))
            self.stdout.write(f"  {username}: password {password}")
