"""The site's own settings, plus the benchmark's floor views and their template.

Only the benchmark uses this module (DJANGO_SETTINGS_MODULE=benchmark.settings): the
production site never serves the floors.
"""

from association.settings import *  # noqa: F403
from association.settings import BASE_DIR, TEMPLATES

ROOT_URLCONF = "association.benchmark.urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "association" / "benchmark" / "templates"]
