"""Settings for ttdn, read from the environment.

Development defaults are safe to run on a laptop: SQLite, DEBUG on, a secret key that says it is
not one. Production sets DJANGO_SECRET_KEY, DJANGO_DEBUG=0, DJANGO_ALLOWED_HOSTS and DATABASE_URL.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "development-only-not-a-secret"
ALLOWED_HOSTS = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "config.apps.StaffAdminConfig",  # django.contrib.admin with the optional TOTP login
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "people",
    "briefings",
    "events",
    "registrations",
]

MIDDLEWARE = [
    # /healthz for the proxy: answered before the host check, SSL redirect, session and page cache.
    "config.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "config.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.middleware.DatabaseUnavailableMiddleware",  # a database cut answers 503 "try again", not 500
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # counts failures and refuses locked-out logins
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling for the admin and the portal: 5 failures of one user name from one address lock
# that pair for 15 minutes; a success resets the count.
AXES_ENABLED = env_bool("DJANGO_LOGIN_THROTTLING", True)
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "lockout.html"
AXES_USERNAME_CALLABLE = "config.throttling.username_for_axes"  # a user name of any length is recorded cut
# Behind a proxy, the number of proxies that add X-Forwarded-For (0: use the connection's address).
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "0")) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=60,
        # A connection the database dropped (restart, network cut) is replaced, not reused and failed on.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock when a transaction starts, so two writers queue instead of
    # failing half-way; WAL lets readers go on meanwhile.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    # Parameters bound on the server, and a statement run five times on one connection is prepared
    # there, so the public pages' repeated queries skip planning: the event page's eleven took 4.2 ms
    # of the database unprepared, 2.3 ms prepared (10,000 events). A pooler in transaction mode needs
    # prepared-statement support (PgBouncer 1.21+), or this off.
    if env_bool("DJANGO_DB_PREPARED_STATEMENTS", True):
        DATABASES["default"]["OPTIONS"] = {"server_side_binding": True, "prepare_threshold": 5}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
# The project's catalogue (made by `make messages`), then Vietnamese for the texts of Django's admin
# that Django's own catalogue leaves untranslated (kept by hand).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale-django"]
# Day-first date input (06/11/2018 is 6 November) in both languages: config/formats/<language>/formats.py
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
# Django serves uploads itself in development and small single-server installs; a larger one lets
# the proxy in front serve MEDIA_ROOT and sets this off.
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", DEBUG)
# Training materials, some for delegates only: outside MEDIA_ROOT, which the proxy serves to anyone;
# every download goes through a view that checks the reader (registrations/views/materials.py).
PRIVATE_MEDIA_ROOT = Path(os.environ.get("DJANGO_PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))
TTDN_MATERIAL_MAX_MB = int(os.environ.get("TTDN_MATERIAL_MAX_MB", 25))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed names need `collectstatic` first, so only outside development.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Uploads: photos and portraits are refused above these limits (see people.validators).
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# Cache: each process's memory by default (the workers of one machine agree on what is out of date
# through a file, see events/cache.py). Several app servers share one: DJANGO_CACHE=redis://host:6379/0
# (Django's own Redis backend; tests/test_scale_out.py) or DJANGO_CACHE=database, after `manage.py
# createcachetable`. A cache that cannot be reached leaves pages uncached, never an error.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "ttdn",
        "TIMEOUT": int(os.environ.get("DJANGO_CACHE_SECONDS", "300")),
    }
}
CACHE_KIND = os.environ.get("DJANGO_CACHE", "memory")
if CACHE_KIND == "database":
    CACHES["default"].update(BACKEND="django.core.cache.backends.db.DatabaseCache", LOCATION="ttdn_cache")
elif CACHE_KIND.startswith(("redis://", "rediss://", "unix://")):
    CACHES["default"].update(
        BACKEND="django.core.cache.backends.redis.RedisCache",
        LOCATION=CACHE_KIND,
        # A Redis that is down or unreachable costs a request half a second at most, not a hang.
        OPTIONS={"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    )
elif CACHE_KIND != "memory":
    raise RuntimeError(f"DJANGO_CACHE must be 'memory', 'database' or a redis:// address, not {CACHE_KIND!r}.")

# Work that must not hold up a request (confirmation e-mails, large delegate lists, photo thumbnails):
# django-tasks, the backport of Django 6's tasks. By default each task runs at once, in the process
# that asks for it, so nothing else has to be started; DJANGO_TASKS=database queues them in the
# database for `manage.py db_worker` to run, with retries (registrations/services.py, export_jobs.py).
TASKS_KIND = os.environ.get("DJANGO_TASKS", "immediate")
if TASKS_KIND not in {"immediate", "database"}:
    raise RuntimeError(f"DJANGO_TASKS must be 'immediate' or 'database', not {TASKS_KIND!r}.")
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if TASKS_KIND == "database"
        else "django_tasks.backends.immediate.ImmediateBackend"
    }
}
# A staff delegate list of more rows than this is prepared by a task, not built in the request
# (registrations/export_jobs.py).
EXPORT_DIRECT_MAX_ROWS = int(os.environ.get("DJANGO_EXPORT_DIRECT_MAX_ROWS", "2000"))

# Security. Development keeps plain HTTP; with DJANGO_DEBUG=0 everything below is on and
# `manage.py check --deploy` passes with no warning.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
    CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o]
# Every page: scripts, styles, fonts and images from this site only; no framing; no inline style.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
# The admin alone allows inline styles: Django's own templates and its select2 autocomplete write them.
CONTENT_SECURITY_POLICY_ADMIN = CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")

# The address printed in e-mails (confirmation links).
SITE_URL = os.environ.get("DJANGO_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# E-mail: SMTP when DJANGO_EMAIL_HOST is set. Without it, printed to the console in development;
# with DEBUG off never printed (the log would hold check-in codes and password-reset links) but
# written to files in DJANGO_EMAIL_FILE_PATH, and `check --deploy` fails (config/checks.py).
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "ttdn@localhost")
EMAIL_TIMEOUT = 20  # seconds; a mail server that hangs fails the attempt, which is retried
EMAIL_FILE_PATH = Path(os.environ.get("DJANGO_EMAIL_FILE_PATH", BASE_DIR / "sent-mail"))
if os.environ.get("DJANGO_EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["DJANGO_EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", True)
elif DEBUG:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"

# Staff surfaces (admin, /staff/): with DJANGO_STAFF_REQUIRE_TOTP on, registrars and superusers need a
# confirmed authenticator device to use them; a staff login's session ends after DJANGO_STAFF_SESSION_HOURS.
STAFF_REQUIRE_TOTP = env_bool("DJANGO_STAFF_REQUIRE_TOTP", False)
STAFF_SESSION_HOURS = int(os.environ.get("DJANGO_STAFF_SESSION_HOURS", "8"))
LOGIN_URL = "portal:login"
LOGIN_REDIRECT_URL = "portal:dashboard"
# Months after an event's end when `erase_delegate_contacts` blanks delegates' phone and e-mail.
DELEGATE_CONTACT_RETENTION_MONTHS = int(os.environ.get("DJANGO_DELEGATE_CONTACT_RETENTION_MONTHS", "6"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Every handler masks check-in codes, password-reset links and e-mail addresses (config/logging.py);
    # gunicorn's own loggers go through the same filter (gunicorn.conf.py).
    "filters": {"redact_secrets": {"()": "config.logging.RedactSecrets"}},
    "formatters": {
        "server": {"()": "django.utils.log.ServerFormatter", "format": "[{server_time}] {message}", "style": "{"}
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_secrets"]},
        "server": {"class": "logging.StreamHandler", "filters": ["redact_secrets"], "formatter": "server"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own defaults for these print request paths; route them through the filter.
        "django.server": {"handlers": ["server"], "level": "INFO", "propagate": False},
        "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
