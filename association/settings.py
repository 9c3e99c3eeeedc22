"""Settings for the NEAR site, read from environment variables.

Development needs nothing: `DJANGO_DEBUG=1` gives a development key and local hosts.
Production (DEBUG off, the default) refuses to start without DJANGO_SECRET_KEY and
DJANGO_ALLOWED_HOSTS. DATABASE_URL selects PostgreSQL; REDIS_URL (or CACHE_URL) a shared cache.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name):
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random string "
            "(python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = "development-only-key-never-used-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_ALLOWED_HOSTS is not set. List the site's host names, comma-separated "
            "(for example near.example.org), or set DJANGO_DEBUG=1 for local development."
        )
    ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

AUTH_USER_MODEL = "association.User"

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it comes before django.contrib.admin.
    "modeltranslation",
    "association.apps.AssociationConfig",
    "members.apps.MembersConfig",
    "association.admin_site.NearAdminConfig",  # Django's admin with the translation board
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "phonenumber_field",
    "reversion",
    "import_export",
    "axes",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # ETag on every page that may be stored, 304 for a matching If-None-Match.
    "django.middleware.http.ConditionalGetMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "association.languages.AdminLanguageMiddleware",
    "association.languages.RememberLanguageMiddleware",
    # Inside the two above: a cached page never carries a visitor's cookie or language.
    "association.page_cache.PageCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "association.urls"
WSGI_APPLICATION = "association.wsgi.application"

# The admin: Django's template language (templates/admin/ overrides Django's own). The
# public pages: Jinja2 (templates/public/, association/public_templates.py), which renders
# them several times faster. A name is looked up in that order, so the two never mix.
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "public"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "association.public_templates.environment"},
    },
]

# Databases: SQLite by default (nothing to install), PostgreSQL via DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Two editors saving at once must never meet "database is locked": WAL lets readers
    # run beside the writer, IMMEDIATE takes the write lock when a transaction starts
    # (so it waits instead of failing half-way) and the timeout is how long it waits.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Caches: Redis when REDIS_URL is set, shared by every process and server (the page cache
# must be: an edit on one server clears the pages on all); otherwise this process's memory,
# and for the page cache a folder the processes of this one machine share (DEBUG: memory,
# runserver is one process). Login throttling counts in the database, not here.
_cache_url = os.environ.get("REDIS_URL") or os.environ.get("CACHE_URL")
_cache_prefix = os.environ.get("DJANGO_CACHE_PREFIX", "near")
if _cache_url:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _cache_url,
            "KEY_PREFIX": _cache_prefix,
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _cache_url,
            "KEY_PREFIX": f"{_cache_prefix}-pages",
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": (
            {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"}
            if DEBUG
            else {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": os.environ.get("DJANGO_PAGE_CACHE_DIR", BASE_DIR / "var" / "pages"),
                "OPTIONS": {"MAX_ENTRIES": 20000},
            }
        ),
    }

# The public page cache (association/page_cache.py): on unless DJANGO_PAGE_CACHE=0.
PAGE_CACHE_ENABLED = env_bool("DJANGO_PAGE_CACHE", default=True)
PAGE_CACHE_ALIAS = "pages"
PAGE_CACHE_TIMEOUT = int(os.environ.get("DJANGO_PAGE_CACHE_TIMEOUT", str(24 * 3600)))
# How long browsers and CDNs may show a public page before asking again (with its ETag).
PAGE_MAX_AGE = int(os.environ.get("DJANGO_PAGE_MAX_AGE", "0"))

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Admin login throttling: five failures for one user name from one address lock that pair
# out for 15 minutes. Behind reverse proxies, set DJANGO_REVERSE_PROXY_COUNT to their
# number, so the address is the visitor's, not the proxy's (see association/proxies.py).
REVERSE_PROXY_COUNT = int(os.environ.get("DJANGO_REVERSE_PROXY_COUNT", "0"))
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_TEMPLATE = "lockout.html"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "association.proxies.client_address"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: English is the source and the fallback. Each language is named in itself.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("ko", "한국어"),
    ("ja", "日本語"),
    ("zh-hans", "简体中文"),
    ("ru", "Русский"),
    ("mn", "Монгол"),
]
# locale/ holds our own strings (rewritten by makemessages); locale_gaps/ holds Django's and
# the add-ons' strings that their own catalogs leave untranslated (Mongolian admin and auth).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "association" / "locale_gaps"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Seoul"  # the Secretariat's time zone; stored in UTC

# django-modeltranslation: every setting pinned, so behaviour never depends on its defaults.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "ko", "ja", "zh-hans", "ru", "mn")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
MODELTRANSLATION_ENABLE_FALLBACKS = True
MODELTRANSLATION_REQUIRED_LANGUAGES = ("en",)
MODELTRANSLATION_PREPOPULATE_LANGUAGE = "en"
MODELTRANSLATION_AUTO_POPULATE = False
MODELTRANSLATION_TRANSLATION_FILES = ()
MODELTRANSLATION_CUSTOM_FIELDS = ()
MODELTRANSLATION_ENABLE_REGISTRATIONS = True
MODELTRANSLATION_LOADDATA_RETAIN_LOCALE = True
MODELTRANSLATION_DEBUG = False
# The tabbed admin loads jQuery UI from a Google CDN by default, which mainland China
# cannot reach: serve our own copy.
JQUERY_URL = "admin/js/vendor/jquery/jquery.min.js"
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

PHONENUMBER_DB_FORMAT = "E164"
PHONENUMBER_DEFAULT_FORMAT = "INTERNATIONAL"
PHONENUMBER_DEFAULT_REGION = None  # every number carries its +country code

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploaded media in an S3-compatible store (pip install "near-site[s3]"), for several app
# servers: DJANGO_MEDIA_STORAGE=s3 and the AWS_* variables (keys may also come from the
# machine's role; boto3 reads AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY itself).
MEDIA_STORAGE = os.environ.get("DJANGO_MEDIA_STORAGE", "filesystem").strip().lower()
if MEDIA_STORAGE == "s3":
    if not os.environ.get("AWS_STORAGE_BUCKET_NAME"):
        raise ImproperlyConfigured("DJANGO_MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "location": os.environ.get("AWS_LOCATION", ""),
            "default_acl": None,  # the bucket's own policy decides who reads
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", default=False),
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=86400"},
        },
    }
elif MEDIA_STORAGE != "filesystem":
    raise ImproperlyConfigured(
        f"DJANGO_MEDIA_STORAGE must be 'filesystem' or 's3', not {MEDIA_STORAGE!r}."
    )
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))

# Production hardening; the HTTPS-only parts are on unless DJANGO_HTTPS=0 (local runs).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG and env_bool("DJANGO_HTTPS", default=True):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD")
    if not SECURE_HSTS_PRELOAD:
        # Joining the browsers' preload list is hard to undo: the site's owners decide it
        # (DJANGO_HSTS_PRELOAD=1), so `check --deploy` need not remind us of it.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Every page, the admin included, runs only the site's own scripts and styles: no inline
# code, nothing from another host. Templates keep to this (a test checks them).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}
PERMISSIONS_POLICY = {
    "camera": [],
    "microphone": [],
    "geolocation": [],
    "payment": [],
    "usb": [],
}

DATA_UPLOAD_MAX_NUMBER_FILES = 20
FORMS_URLFIELD_ASSUME_HTTPS = True  # Django 6 behaviour: a typed "example.org" means https

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}
