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


def _manage(*args, **env):
    clean = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_migrations_check_runs_in_a_fresh_clone_without_secrets():
    result = _manage("makemigrations", "--check", "--dry-run")

    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


def test_a_command_that_serves_still_refuses_to_start_without_secrets():
    result = _manage("check")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def _settings_value(expression, **env):
    """Evaluates an expression over the settings module imported under these variables."""
    clean = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    clean.update(env)
    output = subprocess.run(
        [sys.executable, "-c", f"import association.settings as s; print(repr({expression}))"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert output.returncode == 0, output.stderr
    return output.stdout.strip()


PRODUCTION = {"DJANGO_SECRET_KEY": "k" * 50, "DJANGO_ALLOWED_HOSTS": "near.example.org"}


def test_media_go_to_s3_when_asked():
    backend = _settings_value(
        "(s.STORAGES['default']['BACKEND'], s.STORAGES['default']['OPTIONS']['bucket_name'],"
        " s.STORAGES['default']['OPTIONS']['endpoint_url'])",
        DJANGO_MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="near-media",
        AWS_S3_ENDPOINT_URL="https://s3.example.org",
        **PRODUCTION,
    )
    assert backend == repr(
        ("storages.backends.s3.S3Storage", "near-media", "https://s3.example.org")
    )


def test_s3_media_without_a_bucket_refuses_to_start():
    result = _import_settings(DJANGO_MEDIA_STORAGE="s3", **PRODUCTION)
    assert result.returncode != 0
    assert "AWS_STORAGE_BUCKET_NAME" in result.stderr


def test_unknown_media_storage_refuses_to_start():
    result = _import_settings(DJANGO_MEDIA_STORAGE="ftp", **PRODUCTION)
    assert result.returncode != 0
    assert "DJANGO_MEDIA_STORAGE" in result.stderr


def test_page_cache_is_on_unless_turned_off():
    assert _settings_value("s.PAGE_CACHE_ENABLED", **PRODUCTION) == "True"
    assert _settings_value("s.PAGE_CACHE_ENABLED", DJANGO_PAGE_CACHE="0", **PRODUCTION) == "False"


def test_page_cache_is_shared_through_redis_or_a_folder():
    redis_backend = _settings_value(
        "(s.CACHES['pages']['BACKEND'], s.CACHES['pages']['KEY_PREFIX'])",
        REDIS_URL="redis://127.0.0.1:6379/3",
        DJANGO_CACHE_PREFIX="site-a",
        **PRODUCTION,
    )
    assert redis_backend == repr(("django.core.cache.backends.redis.RedisCache", "site-a-pages"))
    # Without Redis, the processes of one machine share a folder (gunicorn runs several).
    without_redis = _settings_value(
        "s.CACHES['pages']['BACKEND']", REDIS_URL="", CACHE_URL="", **PRODUCTION
    )
    assert "FileBasedCache" in without_redis
