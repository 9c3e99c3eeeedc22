import pytest
from django.contrib.auth import get_user_model
from django.utils import translation


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    """Uploads go to a temporary folder; passwords hash fast; the cache starts empty.

    The page cache is off (tests/association/test_page_cache.py turns it on): a test's
    transaction is never committed, so its edits would never clear a cached page.
    """
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PAGE_CACHE_ENABLED = False
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
    }


@pytest.fixture(autouse=True)
def _english_by_default():
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("boss", "boss@example.org", "x-password-1")


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client
