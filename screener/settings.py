"""Settings for the trial screener: one file, read from the environment, safe by default.

DEBUG is off unless asked for; SECRET_KEY is required whenever DEBUG is off. SQLite is the embedded
default (WAL and a busy timeout so concurrent requests wait instead of failing); DATABASE_URL selects
PostgreSQL in production.
"""

import os
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=1 for local development).")
    SECRET_KEY = "development-only-key-never-used-in-production"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])

INSTALLED_APPS = [
    # Before admin: per-language fields for what admins write (see docs/decisions/0024-texts-admins-write-are-per-language-fields-django-modeltrans.md).
    "modeltranslation",
    "screener.apps.OTPAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "simple_history",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "screener",
    "trials",
    "trials.registry",
    "screener.questionnaire",
    "screener.referrals",
    "screener.staff",
    "screener.preferences",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "screener.client.ClientAddressMiddleware",
    "screener.middleware.PatientPostLimitsMiddleware",
    "screener.middleware.RefuseNullCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "screener.preferences.middleware.UserLanguageMiddleware",
    "screener.middleware.StaffSessionLimitsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Inside CSP and X-Frame-Options, so the page it draws for an empty 405 gets their headers on the way out.
    "screener.middleware.MethodNotAllowedPageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "screener.urls"

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
                "screener.context_processors.staff_session",
            ],
        },
    },
]

WSGI_APPLICATION = "screener.wsgi.application"


SQLITE_OPTIONS = {
    # Writers queue behind each other (IMMEDIATE + timeout) and readers never block (WAL).
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}


def _database():
    # Connections are kept between requests: opening one (and, for SQLite, setting its pragmas) would
    # otherwise cost more than the whole of a question step's work.
    reuse = {"CONN_MAX_AGE": env.int("CONN_MAX_AGE", default=60), "CONN_HEALTH_CHECKS": True}
    if url := env.str("DATABASE_URL", default=""):
        database = {**env.db_url_config(url), **reuse}
    else:
        database = {
            **reuse,
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env.str("SQLITE_PATH", default=str(BASE_DIR / "db.sqlite3")),
        }
    if database["ENGINE"] == "django.db.backends.sqlite3":
        # Every SQLite database, however it is named (a sqlite:// DATABASE_URL too), gets the same options.
        database["OPTIONS"] = {**SQLITE_OPTIONS, **database.get("OPTIONS", {})}
    return database


DATABASES = {"default": _database()}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The language switch sets this cookie for a year, so the choice survives closing the browser (Django's default is a
# browser-session cookie); staff and admins also keep a preference.
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = env.bool("HTTPS", default=False)
LANGUAGE_COOKIE_HTTPONLY = True
# Text that admins write exists per language; a patient sees English where a translation is missing
# (admin marks every gap), except consent, which never falls back silently (ConsentText.wording_for).
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str("STATICFILES_BACKEND", default="whitenoise.storage.CompressedManifestStaticFilesStorage")
    },
}
# Tests and `runserver` serve files straight from the finders, so no collectstatic is needed there.
WHITENOISE_USE_FINDERS = DEBUG or env.bool("WHITENOISE_USE_FINDERS", default=False)

# A shared cache (Redis) for rate limits and lockouts in production; memory in development and tests.
if redis_url := env.str("REDIS_URL", default=""):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The engine's catalogue: a thread in each server worker keeps it current (trials.catalogue); the
# snapshot folder lets one process build each version for all the others on this machine.
CATALOGUE_KEEPER = env.bool("CATALOGUE_KEEPER", default=True)
CATALOGUE_POLL_SECONDS = env.float("CATALOGUE_POLL_SECONDS", default=1.0)
# Private to the app's user (0700, refused if anyone else owns it or can write to it), never a shared /tmp:
# snapshots are signed with SECRET_KEY and refused unsigned (trials.catalogue).
CATALOGUE_SNAPSHOT_DIR = env.str(
    "CATALOGUE_SNAPSHOT_DIR",
    default=str(Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "screener-catalogue"),
)

# HTTPS=1 behind TLS (production): secure cookies, redirects to https, HSTS.
HTTPS = env.bool("HTTPS", default=False)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
# Preloading is a promise to browsers that is slow to take back: only when the site's owner asks for it.
SECURE_HSTS_PRELOAD = HTTPS and env.bool("HSTS_PRELOAD", default=False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
# How many reverse proxies stand in front of the app; each appends to X-Forwarded-For.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Their addresses (or networks): X-Forwarded-For counts only when it comes from one of them (screener.client).
TRUSTED_PROXY_ADDRESSES = env.list("TRUSTED_PROXY_ADDRESSES", default=["127.0.0.1", "::1"])
if TRUSTED_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True  # the token travels in hx-headers, rendered into the page
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # The sync's HTTP client logs every request at INFO; its summary counts them instead.
    "loggers": {"httpx": {"level": "WARNING"}, "httpcore": {"level": "WARNING"}},
}

# How long answers that never became a referral are kept (shown to patients on the start page).
SCREENING_RETENTION_DAYS = env.int("SCREENING_RETENTION_DAYS", default=30)

# Absolute links in emails to staff.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

# Email: the console by default; EMAIL_URL (e.g. smtp+tls://user:password@host:587) for real delivery.
if email_url := env.str("EMAIL_URL", default=""):
    vars().update(env.email_url_config(email_url))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Lung disease study finder <no-reply@localhost>")

# Background tasks (django-tasks, Django 6's tasks framework): a queue in the database, run by
# `python manage.py db_worker`. The tests run each task at once (TASKS_BACKEND in pyproject.toml).
TASKS = {"default": {"BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}}

# ClinicalTrials.gov sync (`manage.py sync_ctgov`, run daily by a timer: docs/sync.md). Nothing outside
# CTGOV_API_URL is ever requested; without the network the command fails politely and nothing else waits on it.
CTGOV_API_URL = env.str("CTGOV_API_URL", default="https://clinicaltrials.gov/api/v2")
# The conditions synced when the command names none: the lung conditions the questionnaire asks about.
CTGOV_SYNC_CONDITIONS = env.list(
    "CTGOV_SYNC_CONDITIONS",
    default=[
        "COPD",
        "Interstitial Lung Disease",
        "Pulmonary Fibrosis",
        "Asthma",
        "Bronchiectasis",
        "Cystic Fibrosis",
        "Pulmonary Hypertension",
        "Sarcoidosis",
        "Lung Cancer",
    ],
)
CTGOV_PAGE_SIZE = env.int("CTGOV_PAGE_SIZE", default=1000)  # the API's largest page
CTGOV_TIMEOUT_SECONDS = env.float("CTGOV_TIMEOUT_SECONDS", default=30.0)  # per request: connect, read, each
CTGOV_RETRIES = env.int("CTGOV_RETRIES", default=5)  # after a 429, a 5xx, a timeout or a broken connection
CTGOV_BACKOFF_SECONDS = env.float("CTGOV_BACKOFF_SECONDS", default=2.0)  # doubled at each retry
CTGOV_MAX_WAIT_SECONDS = env.float("CTGOV_MAX_WAIT_SECONDS", default=120.0)  # cap on one wait, Retry-After included

LOGIN_URL = "staff:login"
LOGIN_REDIRECT_URL = "staff:list"

# Content-Security-Policy: nothing inline, nothing eval'd, nothing from another origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

# Staff login: lock after repeated failures for a username from an address, even with the right password.
# Management commands and workers stay quiet: no version banner on every start.
AXES_VERBOSE = False
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "screener.client.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "staff/locked_out.html"
AXES_SENSITIVE_PARAMETERS = ["username", "password", "otp_token"]

# Staff sessions: 15 minutes idle, 12 hours at most (patients' screenings are not affected).
STAFF_IDLE_SECONDS = env.int("STAFF_IDLE_SECONDS", default=15 * 60)
STAFF_MAX_SESSION_SECONDS = env.int("STAFF_MAX_SESSION_SECONDS", default=12 * 60 * 60)
STAFF_IDLE_WARNING_SECONDS = 2 * 60

# Public POST endpoints: requests per address (django-ratelimit syntax).
RATELIMIT_ENABLE = env.bool("RATELIMIT_ENABLE", default=True)
RATELIMIT_VIEW = "screener.ratelimits.rate_limited"
RATE_ANSWERS = env.str("RATE_ANSWERS", default="120/m")
RATE_REFERRALS = env.str("RATE_REFERRALS", default="10/h")
RATE_REFERENCE_LOOKUPS = env.str("RATE_REFERENCE_LOOKUPS", default="10/h")
# Patient-facing POSTs: form-encoded and small (screener.middleware.PatientPostLimitsMiddleware).
PATIENT_POST_MAX_BYTES = env.int("PATIENT_POST_MAX_BYTES", default=64 * 1024)

# Retention (manage.py purge_expired): personal data of closed referrals, and of open ones nobody touches.
RETENTION_CLOSED_REFERRAL_DAYS = env.int("RETENTION_CLOSED_REFERRAL_DAYS", default=90)
RETENTION_OPEN_REFERRAL_DAYS = env.int("RETENTION_OPEN_REFERRAL_DAYS", default=365)


def OTP_TOTP_ISSUER(device):  # noqa: N802 (django-otp calls a callable setting with the device)
    """The name the authenticator app shows, in the language of the page that sets it up."""
    from django.utils.translation import gettext

    return gettext("Lung disease study finder")
