"""WSGI entry point (gunicorn association.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "association.settings")
application = get_wsgi_application()
