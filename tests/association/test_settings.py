"""Settings: production refuses to start half-configured; SQLite is set up for two editors."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


def _import_settings(**env):
    clean = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import association.settings"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_without_secret_key_refuses_to_start():
    result = _import_settings(DJANGO_ALLOWED_HOSTS="near.example.org")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_production_without_allowed_hosts_refuses_to_start():
    result = _import_settings(DJANGO_SECRET_KEY="k" * 50)

    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS is not set" in result.stderr


def test_production_with_both_starts():
    result = _import_settings(DJANGO_SECRET_KEY="k" * 50, DJANGO_ALLOWED_HOSTS="near.example.org")

    assert result.returncode == 0, result.stderr


def test_debug_is_off_unless_asked():
    result = subprocess.run(
        [sys.executable, "-c", "import association.settings as s; print(s.DEBUG)"],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SECRET_KEY": "k" * 50, "DJANGO_ALLOWED_HOSTS": "x"},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.stdout.strip() == "False"


def test_database_is_tuned_for_its_engine():
    database = settings.DATABASES["default"]

    if database["ENGINE"] == "django.db.backends.sqlite3":
        # Two editors saving at once wait for the write lock instead of failing.
        assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
        assert database["OPTIONS"]["timeout"] >= 5
        assert "journal_mode=WAL" in database["OPTIONS"]["init_command"]
    else:
        assert database["ENGINE"] == "django.db.backends.postgresql"
        assert database["CONN_HEALTH_CHECKS"] is True


@pytest.mark.django_db
def test_models_and_migrations_agree():
    call_command("makemigrations", check=True, dry_run=True, verbosity=0)
