#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys

# Commands that read the code, the migrations and the catalogs, and never serve a page nor
# sign anything: they run without the production secrets, as in a fresh clone
# (`manage.py makemigrations --check`). Every other command needs them, DEBUG off.
OFFLINE_COMMANDS = {"makemigrations", "makemessages", "compilemessages", "compile_translations"}


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "association.settings")
    if len(sys.argv) > 1 and sys.argv[1] in OFFLINE_COMMANDS:
        os.environ.setdefault("DJANGO_SECRET_KEY", "offline-command-signs-nothing")
        os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "localhost")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
