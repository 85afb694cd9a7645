"""Settings for the case review notifications service.

Everything environment-specific comes through `casereviews.config.Env`; nothing else in
the code reads `os.environ`. `DJANGO_ENV` is development (the default, used by `make run`),
test (set by the test suite) or production.
"""

from datetime import timedelta
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import django_stubs_ext
from django.utils.csp import CSP

from casereviews.config import Env, documents_storage
from casereviews.monitoring.logs import logging_config

# Lets the typed generic classes (ModelForm[Board]…) be subscripted at run time.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent
env = Env()
ENVIRONMENT = env.name
PRODUCTION = env.is_production
DATA_DIR = Path(env.string("DATA_DIR", str(BASE_DIR / "data")))

SECRET_KEY = env.string(
    "SECRET_KEY", "development-only-key-not-for-production-use-0123456789abcdef", secret=True
)
# Keys the chain of audit events; kept out of the database so that whoever can edit the
# database cannot re-forge the chain (docs/adr/0003-audit-trail.md).
AUDIT_HMAC_KEY = env.string("AUDIT_HMAC_KEY", "development-only-audit-key", secret=True)
# Signed checkpoints of the chain's head, outside the database, so that events cut from
# the end of the trail are detected (casereviews/audit/anchor.py). In production put it on
# storage the database's administrators cannot write.
AUDIT_ANCHOR_DIR = Path(env.string("AUDIT_ANCHOR_DIR", str(DATA_DIR / "audit-anchors")))
AUDIT_ANCHOR_INTERVAL_SECONDS = env.integer("AUDIT_ANCHOR_INTERVAL_SECONDS", 300)
DEBUG = env.boolean("DJANGO_DEBUG", default=False) and not PRODUCTION
ALLOWED_HOSTS = env.strings(
    "ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"] if not PRODUCTION else []
)
if PRODUCTION and not ALLOWED_HOSTS:
    from casereviews.config import ConfigError

    raise ConfigError("ALLOWED_HOSTS must be set in production (comma-separated host names)")
CSRF_TRUSTED_ORIGINS = env.strings("CSRF_TRUSTED_ORIGINS", [])
# How many reverse proxies stand in front of the service, each appending to
# X-Forwarded-For; 0 ignores the header (casereviews/accounts/addresses.py).
TRUSTED_PROXY_COUNT = env.integer("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT < 0:
    from casereviews.config import ConfigError

    raise ConfigError("TRUSTED_PROXY_COUNT must be 0 or more")
# The address people use to reach the service, for links in e-mails.
SERVICE_URL = env.string("SERVICE_URL", "http://127.0.0.1:8000").rstrip("/")
SERVICE_NAME = "Case review notifications"

INSTALLED_APPS = [
    # Before django.contrib.auth, so its `createsuperuser` is replaced by one that points
    # to `create_administrator` (a person needs an organisation, and sets their own password).
    "casereviews.accounts",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "casereviews.frameworks",
    "casereviews.boards",
    "casereviews.audit",
    "casereviews.frontend",
    "casereviews.administration",
    "casereviews.notifications",
    "casereviews.worker",
    "casereviews.prepared",
    "casereviews.workflow",
    # The step kit: its pages sit just above the workflow (docs/adr/0028-the-step-kit.md).
    "casereviews.kit",
    "casereviews.decisions",
    "casereviews.involvement",
    "casereviews.communications",
    "casereviews.single_agency",
    "casereviews.reviews",
    "casereviews.imports",
    # Before the outbox, so a worker cycle sweeps deadlines and then delivers their e-mails.
    "casereviews.deadlines",
    "casereviews.outbox",
    "rest_framework",
    "drf_spectacular",
    "casereviews.api",
    "casereviews.assessments",
    "casereviews.learning",
    "casereviews.retention",
    "casereviews.subject_access",
    # Backup and restore read every app's tables (docs/adr/0024-backup-and-restore.md).
    "casereviews.backup",
    # Health, metrics and logs for the hosting team (docs/adr/0025-health-metrics-and-logs.md).
    "casereviews.monitoring",
    # Last: demonstration data sits above every app it fills.
    "casereviews.demo",
]
# In development and tests only (requirements-dev.lock): each app's migrations stay in one
# line, its newest named in `migrations/max_migration.txt`, so two branches that each add
# a migration conflict in git instead of in `migrate` (docs/adr/0037).
if find_spec("django_linear_migrations") is not None:
    INSTALLED_APPS.append("django_linear_migrations")

MIDDLEWARE = [
    # First: every line logged while a request is served carries its id.
    "casereviews.monitoring.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "casereviews.policy.middleware.PolicyAnswersMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "casereviews.accounts.middleware.SessionExpiryMiddleware",
    "casereviews.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "casereviews.frontend.middleware.CurrentBoardMiddleware",
    "casereviews.frontend.middleware.NoStoreMiddleware",
]

ROOT_URLCONF = "casereviews.urls"
WSGI_APPLICATION = "casereviews.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "casereviews.frontend.context_processors.service",
            ],
            "builtins": ["casereviews.frontend.templatetags.govuk"],
        },
    },
]

DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {"default": env.database(DATA_DIR / "casereviews.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Some indexes carry the columns a count reads (`include=`), so that PostgreSQL answers
# from the index alone. SQLite, the embedded default, builds the same indexes without
# them; nothing is lost there but the speed-up, so its warning says nothing to act on.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["casereviews.accounts.backends.SignedInBackend"]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "frontend:home"
LOGOUT_REDIRECT_URL = "accounts:signed-out"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# At least 12 characters and not a common password; no composition rules (NCSC guidance).
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
]

SESSION_COOKIE_AGE = int(timedelta(hours=12).total_seconds())
SESSION_IDLE_TIMEOUT = timedelta(minutes=30)
# How finely the idle time is kept: the session's "last seen" is written at most this
# often, since every write is a commit on every page (a local standard).
SESSION_ACTIVITY_RESOLUTION = timedelta(minutes=1)
# The issuer shown in authenticator apps beside the person's e-mail address.
OTP_TOTP_ISSUER = SERVICE_NAME
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
if PRODUCTION:
    SESSION_COOKIE_NAME = "__Host-session"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_SSL_REDIRECT = env.boolean("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 63072000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# The API (docs/adr/0005-api-tokens.md): bearer tokens only, the one permission policy,
# JSON in and out, and every error as problem details.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["casereviews.api.authentication.ApiTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["casereviews.api.permissions.PolicyPermission"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["casereviews.api.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "casereviews.api.exceptions.problem_details_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Case review notifications API",
    "DESCRIPTION": (
        "Version 1. Authenticate with a personal API token: Authorization: Bearer <token>."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Two facts share the vocabulary yes / no / unclear.
    "ENUM_NAME_OVERRIDES": {
        "YesNoUnclearEnum": ["yes", "no", "unclear", "unknown"],
        "YesNoUnclearAnswerEnum": "casereviews.notifications.crnf.choices.YES_NO_UNCLEAR",
        # The LISG's recommendation and the Chair's decision choose from the same types.
        "ReviewTypeEnum": "casereviews.decisions.models.ReviewType",
        "PartnersDecisionEnum": (
            "casereviews.api.notification_serializers.PARTNERS_DECISION_CHOICES"
        ),
    },
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.string("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "frontend-build"]
# Production serves collected, compressed files named by their content (collectstatic is
# a production step). Development and the tests need no collecting: WhiteNoise serves the
# files from where they are built, so `manage.py runserver` works straight after
# `make test` as after `make run`.
STORAGES = {
    "default": documents_storage(env),
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION

# How many children, family members and agencies one notification may name: local
# standards (the procedure gives no figure), defaults in
# casereviews/notifications/crnf/description.py; override any here, e.g. {"children": 30}.
CRNF_LIMITS: dict[str, int] = {}

# The board's own figures for the deadlines the procedure gives no time for (national
# guidance and local standards, casereviews/deadlines/rules.py), by rule code, e.g.
# {"panel_told_within_14_days": 10, "ofsted_told_of_no_scr": 7}. The procedure's own
# figures (24 hours, one month) cannot be changed.
DEADLINE_FIGURES: dict[str, int] = {}
# A review's completion target in months, by type of review ("scr", "cpir",
# "other_review"), where the board's standard differs from `DEADLINE_FIGURES` (six months
# unless it says): a local standard (docs/deadlines.md).
REVIEW_COMPLETION_MONTHS: dict[str, int] = {}

# Uploaded documents live outside the web root and are only served through a
# permission-checked, audited view: in this folder, or in S3-compatible object storage
# when DOCUMENTS_S3_BUCKET is set (several machines; docs/adr/0026-documents-in-object-storage.md).
MEDIA_ROOT = DATA_DIR / "uploads"
# Children's information: readable by the service's own account only.
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750
# Documents a notification may carry: how many, and their total size. A local standard
# (the procedure sets no limit), to keep one notification from filling the disk.
ATTACHMENTS_PER_NOTIFICATION = env.integer("ATTACHMENTS_PER_NOTIFICATION", 20)
ATTACHMENTS_TOTAL_MB = env.integer("ATTACHMENTS_TOTAL_MB", 50)

# The bounds of a spreadsheet upload (a chronology), and of the child process every
# uploaded file is read in: a local standard (the procedure sets none), each far above a
# real chronology and said on the upload page (docs/adr/0020).
UPLOAD_SPREADSHEET_MB = env.integer("UPLOAD_SPREADSHEET_MB", 5)
UPLOAD_SPREADSHEET_UNPACKED_MB = env.integer("UPLOAD_SPREADSHEET_UNPACKED_MB", 10)
UPLOAD_SPREADSHEET_ROWS = env.integer("UPLOAD_SPREADSHEET_ROWS", 2000)
UPLOAD_SPREADSHEET_COLUMNS = env.integer("UPLOAD_SPREADSHEET_COLUMNS", 20)
UPLOAD_SPREADSHEET_CELL_CHARACTERS = env.integer("UPLOAD_SPREADSHEET_CELL_CHARACTERS", 2000)
# A board's existing cases moving in (casereviews/imports, docs/adr/0033): rows of one
# sheet, a local standard, far above a board's history of cases and their actions.
IMPORT_ROWS = env.integer("IMPORT_ROWS", 10000)
UPLOAD_PARSE_MEMORY_MB = env.integer("UPLOAD_PARSE_MEMORY_MB", 512)
UPLOAD_PARSE_SECONDS = env.integer("UPLOAD_PARSE_SECONDS", 20)

# How often the dashboards count a board's year again; between two counts every load
# reads the figures last counted (casereviews/learning/snapshots.py). A local standard
# (the procedure sets none): fresh enough for a board's oversight, and the page says it.
FIGURES_REFRESH_MINUTES = env.integer("FIGURES_REFRESH_MINUTES", 10)
if FIGURES_REFRESH_MINUTES < 1:
    from casereviews.config import ConfigError

    raise ConfigError("FIGURES_REFRESH_MINUTES must be 1 or more")
FIGURES_REFRESH = timedelta(minutes=FIGURES_REFRESH_MINUTES)

# E-mail goes over SMTP. On a laptop (development) without EMAIL_HOST, e-mails are
# printed instead, so `make run` needs no mail server.
MAILERS: dict[str, dict[str, Any]]
if ENVIRONMENT == "development" and "EMAIL_HOST" not in env.environ:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env.string("EMAIL_HOST", "127.0.0.1"),
                "port": env.integer("EMAIL_PORT", 25),
                "username": env.string("EMAIL_HOST_USER", ""),
                "password": env.string("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env.boolean("EMAIL_USE_TLS", default=False),
                "timeout": 10,
            },
        }
    }
DEFAULT_FROM_EMAIL = env.string("DEFAULT_FROM_EMAIL", "case-reviews@localhost")
# How long a worker may hold a claimed e-mail before another worker may send it.
OUTBOX_LEASE_SECONDS = env.integer("OUTBOX_LEASE_SECONDS", 300)
# How e-mail leaves the service: "smtp" (MAILERS above) or "notify" (GOV.UK Notify, with
# a key `name-serviceid-secretkey` and a template whose subject is ((subject)) and body
# ((body)); casereviews/outbox/notify.py).
OUTBOX_CHANNEL = env.choice("OUTBOX_CHANNEL", ("smtp", "notify"), "smtp")
NOTIFY_API_KEY = env.notify_api_key("NOTIFY_API_KEY", required=OUTBOX_CHANNEL == "notify")
NOTIFY_TEMPLATE_ID = env.string("NOTIFY_TEMPLATE_ID", "" if OUTBOX_CHANNEL != "notify" else None)
NOTIFY_BASE_URL = env.string("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
# SQLite has no notifications: an idle worker looks for queued e-mail this often (a local
# standard; on PostgreSQL it is woken at once instead).
WORKER_POLL_SECONDS = env.integer("WORKER_POLL_MILLISECONDS", 500) / 1000
# How long the case page keeps a submitted case's drawn CRNF A (by its version) in the
# cache of each web process: a local standard (casereviews/notifications/crnf_cache.py).
CRNF_CACHE_SECONDS = env.integer("CRNF_CACHE_SECONDS", 3600)
# Files prepared by the worker (docs/adr/0036-documents-built-by-the-worker.md), local
# standards: how long a prepared file is kept for its reader, how long one worker may take
# to build one before another may take it over, and how often a build is tried before it
# is given up.
PREPARED_KEEP_HOURS = env.integer("PREPARED_KEEP_HOURS", 4)
PREPARED_LEASE_SECONDS = env.integer("PREPARED_LEASE_SECONDS", 600)
PREPARED_ATTEMPTS = env.integer("PREPARED_ATTEMPTS", 3)
# Test-only: the worker stops dead at this named point (casereviews/worker/pause.py).
WORKER_PAUSE_AT = env.string("WORKER_PAUSE_AT", "")

# Plain lines, or JSON lines with each request's id (LOG_FORMAT=json); passwords, codes,
# tokens and a child's identity never reach either (casereviews/monitoring/logs.py).
try:
    LOGGING = logging_config(
        log_format=env.string("LOG_FORMAT", "plain").lower(), level=env.string("LOG_LEVEL", "INFO")
    )
except ValueError as error:
    from casereviews.config import ConfigError

    raise ConfigError(str(error)) from None

# The metrics endpoint (/metrics) answers only `Authorization: Bearer <METRICS_TOKEN>`, and
# is off while it is unset. With several gunicorn workers, PROMETHEUS_MULTIPROC_DIR names
# the folder where each keeps its request counts (docs/adr/0025-health-metrics-and-logs.md).
METRICS_TOKEN = env.string("METRICS_TOKEN", "")
if METRICS_TOKEN and len(METRICS_TOKEN) < 32:
    from casereviews.config import ConfigError

    raise ConfigError("METRICS_TOKEN must be at least 32 characters long")
PROMETHEUS_MULTIPROC_DIR = env.string("PROMETHEUS_MULTIPROC_DIR", "")
# How stale the readiness endpoint lets things grow before it answers 503 (local
# standards): the newest worker heartbeat, the oldest e-mail not yet sent, and the
# oldest audit event no checkpoint covers.
HEALTH_WORKER_MAX_AGE_SECONDS = env.integer("HEALTH_WORKER_MAX_AGE_SECONDS", 300)
HEALTH_OUTBOX_MAX_AGE_SECONDS = env.integer("HEALTH_OUTBOX_MAX_AGE_SECONDS", 3600)
HEALTH_CHECKPOINT_MAX_AGE_SECONDS = env.integer(
    "HEALTH_CHECKPOINT_MAX_AGE_SECONDS", 3 * AUDIT_ANCHOR_INTERVAL_SECONDS
)
