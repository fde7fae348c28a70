"""Settings for policycomms.

Everything is read from the environment (django-environ). With nothing set the portal runs on SQLite with
Celery in eager mode; ``DATABASE_URL`` switches to PostgreSQL and ``REDIS_URL`` to a real broker and cache.
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# Production is the mode where a secret key is provided; without one the portal runs as a development server.
_SECRET = env("DJANGO_SECRET_KEY", default="")
PRODUCTION = bool(_SECRET)
DEBUG = env.bool("DJANGO_DEBUG", default=not PRODUCTION)
SECRET_KEY = _SECRET or "dev-insecure-policycomms-key-only-for-local-development"
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "auditlog",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "core",
    "accounts",
    "organizations",
    "drafts",
    "campaigns",
    "directives",
    "counting",
    "consultation",
    "reports",
    "dashboards",
    "notifications",
    "exchange",
    "public",
    "api",
    "testbed",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "accounts.middleware.SessionRenewalMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "core.middleware.PrivateNoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.middleware.MethodNotAllowedPageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "policycomms.urls"
WSGI_APPLICATION = "policycomms.wsgi.application"

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
                "core.context_processors.portal",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions end after this many idle seconds. A request renews its session (row and cookie) when the
# last renewal is SESSION_RENEW_SECONDS old, not on every request (a write per page): see
# accounts.middleware.SessionRenewalMiddleware. A session thus ends between AGE - RENEW and AGE seconds idle.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=2 * 60 * 60)
SESSION_RENEW_SECONDS = min(env.int("SESSION_RENEW_SECONDS", default=60), SESSION_COOKIE_AGE // 10)
# Sessions live in the database (Django's `db` store), one primary-key read per request: see docs/performance.md,
# "One house". Django's `cached_db` fails the request when Redis is unreachable (its load() writes the copy back
# unguarded), and pages and logouts must keep working with Redis down (tests/faults/test_faults.py).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# django-axes: lock a username+address after repeated failures.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_USERNAME_CALLABLE = "accounts.lockout.axes_username"  # bounded to its column (docs/security.md #21)

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["policycomms.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
# Evidence is private: it lives outside any served directory and leaves only through permission-checked views.
MEDIA_ROOT = env("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media"))
MEDIA_URL = "/media-not-served/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env(
            "STATICFILES_BACKEND", default="whitenoise.storage.CompressedStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = True

# The years a typed date or year may lie in (forms, API, import, commands and the API schema): a draft starting in
# 0006 or adopted in 9999 is a typing mistake, refused with this range in the message (core.typed).
PLAUSIBLE_YEARS = (env.int("PLAUSIBLE_YEAR_MIN", default=2000), env.int("PLAUSIBLE_YEAR_MAX", default=2100))

# Uploads: anything over 2.5 MB streams to a temporary file; the evidence cap is checked on the stream.
EVIDENCE_MAX_BYTES = env.int("EVIDENCE_MAX_BYTES", default=25 * 1024 * 1024)
EVIDENCE_MAX_FILES = env.int("EVIDENCE_MAX_FILES", default=10)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Django's hard stop (a 400 before any view runs) sits above the evidence limit, so a few files too many are
# dropped by core.uploads.CappedUploadHandler and reported as a form error with everything else kept.
DATA_UPLOAD_MAX_NUMBER_FILES = EVIDENCE_MAX_FILES * 5
FILE_UPLOAD_HANDLERS = [
    "core.uploads.CappedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Redis: broker and cache when configured; otherwise Celery runs tasks in-process and the cache is local.
REDIS_URL = env("REDIS_URL", default="")
# Seconds to wait for Redis before giving up; a save or a page never waits longer than this on a Redis that is gone.
REDIS_CONNECT_TIMEOUT = env.float("REDIS_CONNECT_TIMEOUT", default=0.5)
REDIS_SOCKET_TIMEOUT = env.float("REDIS_SOCKET_TIMEOUT", default=2.0)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # Fail fast when Redis is unreachable: every caller treats the cache as optional (docs/operations.md).
            "OPTIONS": {"socket_connect_timeout": REDIS_CONNECT_TIMEOUT, "socket_timeout": REDIS_SOCKET_TIMEOUT},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
# No result backend: tasks report through model rows (ExportJob, RecomputeRequest), nothing reads a task's result,
# and the Redis result backend retried for 19 s on every enqueue while Redis was unreachable.
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
# Publishing fails fast when the broker is unreachable; the callers fall back (coverage: the beat sweep).
CELERY_BROKER_CONNECTION_TIMEOUT = REDIS_CONNECT_TIMEOUT
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=25 * 60)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=30 * 60)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 2 * 60 * 60,
    "socket_connect_timeout": REDIS_CONNECT_TIMEOUT,
    # Longer than the worker's 1 s BRPOP poll, so an idle worker's wait is never cut short.
    "socket_timeout": max(REDIS_SOCKET_TIMEOUT, 5.0),
}
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
from celery.schedules import crontab  # noqa: E402

CELERY_BEAT_SCHEDULE: dict = {
    # Changed drafts are recomputed right after commit; this sweep catches any whose enqueue failed (broker down).
    "coverage-sweep-dirty": {"task": "coverage.recompute_dirty", "schedule": 60.0},
    # In-progress statuses age with the calendar (waiting → at risk): judge this year's policies again nightly.
    "coverage-nightly": {"task": "coverage.recompute_year", "schedule": crontab(hour=1, minute=30)},
    # Notifications: reminders after the nightly recompute has judged at-risk policies; the heads' digest on Monday.
    "notifications-daily-reminders": {"task": "notifications.daily_reminders", "schedule": crontab(hour=7, minute=0)},
    "notifications-weekly-digest": {
        "task": "notifications.weekly_digest",
        "schedule": crontab(hour=7, minute=30, day_of_week="mon"),
    },
    # Public comments: a commenter's personal data is erased once its retention ended (docs/consultation.md).
    "consultation-erase-personal-data": {
        "task": "consultation.erase_personal_data",
        "schedule": crontab(hour=2, minute=30),
    },
    # Evidence bytes whose saving transaction rolled back have no row; reclaim their space weekly.
    "campaigns-remove-orphan-files": {
        "task": "campaigns.remove_orphan_files",
        "schedule": crontab(hour=3, minute=0, day_of_week="sun"),
    },
}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="policycomms <no-reply@policycomms.local>")
# Where links in e-mails point (reminders and digests are sent by Celery, outside any request).
PORTAL_BASE_URL = env("PORTAL_BASE_URL", default="http://localhost:8000")

# The counting rule's only setting: an in-progress phase with no counting activity is at risk after this many days.
AT_RISK_AFTER_DAYS = env.int("AT_RISK_AFTER_DAYS", default=14)

# A dashboard's counted part (figures, trend, children, activities, at-risk list) is kept in the cache under a key
# holding the organization's snapshot stamp, so a change elsewhere never empties it: docs/performance.md, "The
# dashboard's data in the cache". This many seconds bounds how long an unused entry stays.
DASHBOARD_CACHE_SECONDS = env.int("DASHBOARD_CACHE_SECONDS", default=15 * 60)

# Public comments (docs/consultation.md): unanswered comments are overdue this many days after their phase closed;
# personal data of a commenter is kept until the phase's report is approved plus this many days; the public form's
# rate limits (attempts per window, in the cache) per client IP and per e-mail address; the e-mail confirmation link
# expires after this many days.
CONSULTATION_GRACE_DAYS = env.int("CONSULTATION_GRACE_DAYS", default=10)
CONSULTATION_PERSONAL_DATA_DAYS = env.int("CONSULTATION_PERSONAL_DATA_DAYS", default=365)
CONSULTATION_RATE_IP = env.int("CONSULTATION_RATE_IP", default=5)
CONSULTATION_RATE_IP_SECONDS = env.int("CONSULTATION_RATE_IP_SECONDS", default=10 * 60)
CONSULTATION_RATE_EMAIL = env.int("CONSULTATION_RATE_EMAIL", default=3)
CONSULTATION_RATE_EMAIL_SECONDS = env.int("CONSULTATION_RATE_EMAIL_SECONDS", default=60 * 60)
CONSULTATION_CONFIRM_DAYS = env.int("CONSULTATION_CONFIRM_DAYS", default=7)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PageSizePagination",  # page_size 1–200, else 400
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DATE_INPUT_FORMATS": ["iso-8601"],
}
# The API's largest request body (JSON bodies bypass DATA_UPLOAD_MAX_MEMORY_SIZE in DRF); 413 above.
API_MAX_BODY_BYTES = env.int("API_MAX_BODY_BYTES", default=2_621_440)
# Public comments: the score
# (rapidfuzz ratio, 0-100) from which two comments are suggested as near-duplicates (docs/consultation.md).
CONSULTATION_SIMILARITY_THRESHOLD = env.int("CONSULTATION_SIMILARITY_THRESHOLD", default=85)
SPECTACULAR_SETTINGS = {
    "TITLE": "policycomms API",
    "DESCRIPTION": "Communication of high-impact draft policies (Decision 407/QĐ-TTg).",
    "VERSION": "1.0.0",
    # The docs UI's JS/CSS come from our own static files (no CDN: offline, and CSP is script-src 'self').
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "COMPONENT_SPLIT_REQUEST": True,
    # Every operation's error answers and the limits, in one place (api/schema.py).
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "api.schema.add_error_responses"],
    "ENUM_NAME_OVERRIDES": {
        "ChannelEnum": "campaigns.models.Channel",
        "ActivityStatusEnum": "campaigns.models.ActivityStatus",
        "OrganizationKindEnum": "organizations.models.OrganizationKind",
        "DraftStatusEnum": "drafts.models.DraftStatus",
        "DocumentTypeEnum": "drafts.models.DocumentType",
        "CommentSourceEnum": "consultation.models.Source",
        "CommentStatusEnum": "consultation.models.Status",
        "HiddenReasonEnum": "consultation.models.HiddenReason",
        "DecisionEnum": "consultation.models.Decision",
        "PhaseEnum": "consultation.models.Phase",
    },
}

# Security. The production switches follow PRODUCTION so `check --deploy` is clean there.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=PRODUCTION)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=PRODUCTION)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=PRODUCTION)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_TLS_PROXY", default=False) else None
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

# django-filter: an unset filter's choice reads "All", not Django's "---------".
FILTERS_EMPTY_CHOICE_LABEL = _("All")
