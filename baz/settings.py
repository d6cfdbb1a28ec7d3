"""Settings for the BAZ platform.

One module for every environment. Everything that differs between a laptop and production
comes from environment variables (see `.env.example`); with nothing set, the site runs on
SQLite in development mode. `BAZ_ENV=production` switches on the production overrides at the
bottom of this file, which `manage.py check --deploy` verifies in CI.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    """A whole number from the environment; a wrong value names the variable."""
    value = os.environ.get(name, "").strip()
    if value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} must be a whole number, not {value!r} (default: {default})."
        ) from None


def env_float(name: str, default: float) -> float:
    """A number from the environment; a wrong value names the variable."""
    value = os.environ.get(name, "").strip()
    if value == "":
        return default
    try:
        return float(value)
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} must be a number, not {value!r} (default: {default})."
        ) from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


BAZ_ENV = env("BAZ_ENV", "development")
if BAZ_ENV not in {"development", "production"}:
    raise ImproperlyConfigured("BAZ_ENV must be 'development' or 'production'.")
PRODUCTION = BAZ_ENV == "production"

DEBUG = env_bool("DEBUG", default=not PRODUCTION)
SECRET_KEY = env("SECRET_KEY", "" if PRODUCTION else "dev-only-insecure-key-change-me")
if PRODUCTION and len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("Set SECRET_KEY (at least 50 characters) in production.")

# How many reverse proxies in front of the app append to X-Forwarded-For (nginx: 1).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if PRODUCTION else 0)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "baz.core",
    "baz.mail",
    "baz.atlas",
    # Before wagtail.users and two_factor, so that its Dutch templates take precedence.
    "baz.accounts",
    "baz.learning",
    "baz.contact",
    "baz.stories",
    "baz.coaching",
    "baz.search",
    # Wagtail
    "wagtailautocomplete",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # django-ninja: only for the static files and template of the API docs (/api/v1/docs).
    "ninja",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    # Third party
    "django_htmx",
    "leaflet",
    "django_otp",
    "django_otp.plugins.otp_static",
    "django_otp.plugins.otp_totp",
    "two_factor",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "baz.core.headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # The content generation is read once per request, however many cache keys name it.
    "baz.core.generation.ContentGenerationMiddleware",
    # Anonymous public pages from the shared cache (baz/core/page_cache.py); a hit skips
    # everything below, its headers were stored with the page.
    "baz.core.page_cache.AnonymousPageCacheMiddleware",
    # Wagtail's Site for this host from the shared cache (same invalidation).
    "baz.core.fragments.WagtailSiteCacheMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "baz.accounts.middleware.AdminTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "baz.core.middleware.ContentSecurityPolicyMiddleware",
    # PostgreSQL cannot hold a NUL character: such requests get a 400, never a 500.
    "baz.core.middleware.RejectNulBytesMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# bench/pages.py: the ceiling view and per-request query/CPU headers (baz/core/bench.py).
# Only for the throwaway `make prodcheck` stack, never on a real site.
BENCH_CEILING = env_bool("BAZ_BENCH_CEILING")
if BENCH_CEILING:
    MIDDLEWARE.insert(0, "baz.core.bench.QueryCountMiddleware")

ROOT_URLCONF = "baz.urls"
WSGI_APPLICATION = "baz.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "baz" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "baz.core.context_processors.site_context",
            ],
        },
    },
]

FORM_RENDERER = "baz.core.forms.FormRenderer"

# Database: SQLite unless DATABASE_URL says otherwise (postgres://user:pass@host:port/name).
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60 if PRODUCTION else 0),
    )
}
# Check a kept connection before each request, so a restarted PostgreSQL costs no errors.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASE_IS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
if DATABASE_IS_POSTGRES:
    # `.iterator()` (every form's list of choices, for one) would open a server-side cursor:
    # DECLARE, FETCH and CLOSE are three round trips where a plain SELECT is one, and such a
    # cursor does not survive a connection pooler in transaction mode. The loops that use
    # `.iterator()` (the search rebuild, data migrations) then hold their rows in memory: a few
    # tens of MB for 20,000 entries.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dev server read while a management command writes.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Accounts: people log in with their e-mail address (see docs/decisions.md).
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out login before a password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "two_factor:login"
LOGIN_REDIRECT_URL = "accounts:workspace"
LOGOUT_REDIRECT_URL = "/"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # a reset link works for one day
# How long an invitation link stays valid.
ACCOUNTS_INVITATION_MAX_AGE_DAYS = env_int("ACCOUNTS_INVITATION_MAX_AGE_DAYS", 7)

# Two-factor authentication for staff (django-otp + django-two-factor-auth): TOTP apps and
# backup codes. baz.accounts.middleware refuses /beheer/ to anyone not verified this way.
OTP_TOTP_ISSUER = "BurgersAanZet"
TWO_FACTOR_LOGIN_TIMEOUT = 600
TWO_FACTOR_REMEMBER_COOKIE_AGE = None
TWO_FACTOR_PATCH_ADMIN = False

# Login throttling (django-axes): 5 failed attempts for one e-mail address from one IP address
# lock that combination out for 15 minutes.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "baz.accounts.axes.username_from_request"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_VERBOSE = False
# Behind nginx every request comes from 127.0.0.1: axes and the rate limits take the client's
# address from X-Forwarded-For through one helper that trusts exactly TRUSTED_PROXY_COUNT
# proxies (0 in development, 1 for nginx in production; see docs/deployment.md).
AXES_CLIENT_IP_CALLABLE = "baz.core.ratelimit.axes_client_ip"
# Failed logins are counted in the database, not in the shared cache: login throttling keeps
# working (and keeps refusing) while Redis is down.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
# Password spraying (baz.accounts.throttle): this many failed logins from one client address,
# over any accounts, block logins from that address for the rest of the window.
LOGIN_FAILURE_LIMIT_PER_CLIENT = env_int("LOGIN_FAILURE_LIMIT_PER_CLIENT", 30)
LOGIN_FAILURE_WINDOW_SECONDS = env_int("LOGIN_FAILURE_WINDOW_SECONDS", 3600)
# Password-reset forms (the site's and Wagtail's): requests per client address, and mails per
# e-mail address (over that, the answer stays the same but no mail goes out), per window.
PASSWORD_RESET_LIMIT_PER_CLIENT = env_int("PASSWORD_RESET_LIMIT_PER_CLIENT", 10)
PASSWORD_RESET_LIMIT_PER_EMAIL = env_int("PASSWORD_RESET_LIMIT_PER_EMAIL", 3)
PASSWORD_RESET_LIMIT_WINDOW_SECONDS = env_int("PASSWORD_RESET_LIMIT_WINDOW_SECONDS", 3600)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Language: the public site speaks Flemish Dutch; French can follow through the same i18n.
LANGUAGE_CODE = "nl-be"
LANGUAGES = [("nl-be", "Nederlands")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
# Staff all work in Belgium: the admin's account page offers no list of 600 time zones.
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE]
USE_I18N = True
USE_TZ = True

# Static files and media. Every front-end asset comes from an installed package and is served
# by whitenoise; nothing is loaded from a CDN.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
# Uploaded files whose access depends on state (unpublished screencasts, documents in private
# collections, original images) are checked by a view; in production the view answers with
# `X-Accel-Redirect: <prefix><file>` and nginx sends the bytes from an `internal` location over
# MEDIA_ROOT (deploy/nginx). Empty: the view streams the file itself (development, tests).
MEDIA_ACCEL_REDIRECT_PREFIX = env(
    "MEDIA_ACCEL_REDIRECT_PREFIX", "/_protected/" if PRODUCTION else ""
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The largest request body on the public site: one image at the upload limit plus the rest of
# the form. nginx's client_max_body_size is rendered from it (deploy/, `manage.py
# nginx_config`); the staff admin under ADMIN_URL_PREFIX allows ADMIN_REQUEST_BODY_MAX_BYTES
# (screencast videos).
REQUEST_BODY_MAX_BYTES = env_int("REQUEST_BODY_MAX_BYTES", 6 * 1024 * 1024)
ADMIN_REQUEST_BODY_MAX_BYTES = env_int("ADMIN_REQUEST_BODY_MAX_BYTES", 512 * 1024 * 1024)
# Where `manage.py render_error_pages` writes the Dutch 413/502/503/504 pages for nginx; the
# app's own 503 (database away) is read from there too.
ERROR_PAGES_DIR = env("ERROR_PAGES_DIR", "")
# Where `manage.py backup` writes (a folder per backup); relative to the working directory.
BACKUP_DIR = env("BACKUP_DIR", "backups")

# Wagtail
WAGTAIL_SITE_NAME = "BurgersAanZet · Inspireer elkaar"
WAGTAILADMIN_BASE_URL = env("SITE_URL", "http://127.0.0.1:8000")
# Wagtail's Site follows SITE_URL after every migrate; in production only when it is set, so a
# forgotten variable never turns the public hostname into 127.0.0.1 (core.services).
SITE_URL_IS_SET = bool(env("SITE_URL"))
# No avatar from an outside service (Gravatar) in the admin: Wagtail shows its own placeholder.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Staff log in through the two-factor-aware login of the site, never Wagtail's own form.
WAGTAILADMIN_LOGIN_URL = "two_factor:login"
# Documents are always served by Wagtail's view (collection privacy checked first), which hands
# the file to baz.core.media.sendfile: nginx sends it in production, Python in development.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
SENDFILE_BACKEND = "baz.core.media"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "ods", "pptx", "odp", "csv", "txt"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
# Stories are published by approving the review workflow, not by editors directly; this
# publishes the approved revision (see baz.stories.workflow_actions).
WAGTAIL_FINISH_WORKFLOW_ACTION = "baz.stories.workflow_actions.finish_workflow"
# A small file can unpack into a huge picture (a decompression bomb): refuse more pixels.
UPLOAD_IMAGE_MAX_PIXELS = env_int("UPLOAD_IMAGE_MAX_PIXELS", 40_000_000)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = UPLOAD_IMAGE_MAX_PIXELS
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        # PostgreSQL's own default configuration is English; the site is Dutch.
        **({"SEARCH_CONFIG": "dutch"} if DATABASE_IS_POSTGRES else {}),
    }
}

# Maps: tiles are decoration. Markers, clusters and lists work without them.
MAP_TILE_URL = env("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env(
    "MAP_TILE_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>-bijdragers',
)

# Learning: a reflection's private link stops working after this many days without use, and
# one address may start this many reflections per hour.
REFLECTION_TOKEN_IDLE_DAYS = env_int("REFLECTION_TOKEN_IDLE_DAYS", 90)
REFLECTION_START_LIMIT = env_int("REFLECTION_START_LIMIT", 20)

# Content-Security-Policy (django-csp 4). No inline scripts on the public site, so no nonces
# are needed and anonymous pages stay cacheable. The Wagtail admin gets its own policy in
# baz.core.middleware because it still relies on inline scripts.
_tile_origin = "https://" + MAP_TILE_URL.split("/")[2] if "://" in MAP_TILE_URL else ""
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *([_tile_origin] if _tile_origin else [])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "frame-src": ["'self'", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", *([_tile_origin] if _tile_origin else [])],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
    "frame-ancestors": ["'self'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}
ADMIN_URL_PREFIX = "/beheer/"

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views override this to SAMEORIGIN
# Browser features no page of the site uses (baz.core.headers); "self" where a page needs one.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    "accelerometer": [],
    "camera": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
    "fullscreen": ["self"],
}
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# E-mail: every message is stored in the outbox (baz.mail) by EMAIL_BACKEND, also Wagtail's and
# Django's own. The worker `manage.py send_outbox` delivers it through OUTBOX_DELIVERY_BACKEND,
# by default SMTP to EMAIL_HOST:EMAIL_PORT (a local debugging server in development), through
# baz.mail.smtp.SMTPBackend, which also records the recipients the server refused.
EMAIL_BACKEND = "baz.mail.backends.OutboxBackend"
OUTBOX_DELIVERY_BACKEND = env("OUTBOX_DELIVERY_BACKEND", "baz.mail.smtp.SMTPBackend")
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 10)
OUTBOX_BACKOFF_SECONDS = env_int("OUTBOX_BACKOFF_SECONDS", 60)
OUTBOX_BACKOFF_MAX_SECONDS = env_int("OUTBOX_BACKOFF_MAX_SECONDS", 6 * 3600)
# How long a worker may take to send one batch before another worker may pick it up again.
OUTBOX_LEASE_SECONDS = env_int("OUTBOX_LEASE_SECONDS", 900)
# Bounces that arrive later by mail: the envelope sender of every outgoing message (empty: the
# From address), and the Maildir that address is delivered to, read by `manage.py read_bounces`.
OUTBOX_BOUNCE_ADDRESS = env("OUTBOX_BOUNCE_ADDRESS", "")
OUTBOX_BOUNCE_MAILDIR = env("OUTBOX_BOUNCE_MAILDIR", "")
# Days a delivered (or failed) message keeps its text in the outbox; `manage.py
# outbox_retention` clears it daily. Messages with a secret link are cleared at delivery.
OUTBOX_BODY_RETENTION_DAYS = env_int("OUTBOX_BODY_RETENTION_DAYS", 30)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
EMAIL_HOST = env("EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = env_int("EMAIL_PORT", 1025)
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "BurgersAanZet <noreply@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Contact form (baz.contact): spam guards and how long personal data of handled messages stays.
CONTACT_RETENTION_MONTHS = env_int("CONTACT_RETENTION_MONTHS", 12)
CONTACT_MIN_FILL_SECONDS = env_int("CONTACT_MIN_FILL_SECONDS", 3)
CONTACT_RATE_LIMIT = env_int("CONTACT_RATE_LIMIT", 10)  # messages per IP address ...
CONTACT_RATE_LIMIT_WINDOW_SECONDS = env_int("CONTACT_RATE_LIMIT_WINDOW_SECONDS", 3600)  # per window
# Who gets a message when no contact person (not even a default one) is set up.
CONTACT_FALLBACK_EMAIL = env("CONTACT_FALLBACK_EMAIL", "contact@example.org")
# Atlas: months before visitors' messages to an entry's owner (ContactRelay) and handled
# correction requests lose name, addresses and text (`manage.py atlas_retention`, daily).
ATLAS_MESSAGE_RETENTION_MONTHS = env_int("ATLAS_MESSAGE_RETENTION_MONTHS", 6)
# Atlas proposals: days a confirmation link works, and proposals per client address per window.
ATLAS_CONFIRMATION_MAX_AGE_DAYS = env_int("ATLAS_CONFIRMATION_MAX_AGE_DAYS", 7)
ATLAS_PROPOSE_RATE_LIMIT = env_int("ATLAS_PROPOSE_RATE_LIMIT", 5)
ATLAS_PROPOSE_RATE_WINDOW_SECONDS = env_int("ATLAS_PROPOSE_RATE_WINDOW_SECONDS", 3600)
# Atlas freshness: an entry unchanged this many months asks its owner to confirm it (a reminder
# at most every N days; the link in it works this many days).
ATLAS_FRESHNESS_MONTHS = env_int("ATLAS_FRESHNESS_MONTHS", 12)
ATLAS_FRESHNESS_REMINDER_INTERVAL_DAYS = env_int("ATLAS_FRESHNESS_REMINDER_INTERVAL_DAYS", 30)
ATLAS_FRESHNESS_LINK_MAX_AGE_DAYS = env_int("ATLAS_FRESHNESS_LINK_MAX_AGE_DAYS", 60)
# Atlas bulk import (/mijn/fiches/importeren/, `manage.py atlas_import`): the largest file and
# the most rows accepted, and the hours an uploaded file waits for its confirmation.
ATLAS_IMPORT_MAX_BYTES = env_int("ATLAS_IMPORT_MAX_BYTES", 5 * 1024 * 1024)
ATLAS_IMPORT_MAX_ROWS = env_int("ATLAS_IMPORT_MAX_ROWS", 5000)
ATLAS_IMPORT_KEEP_HOURS = env_int("ATLAS_IMPORT_KEEP_HOURS", 24)
# Public forms with a human check (baz.core.forms.HumanCheckMixin) that name no setting of their
# own: seconds a person needs at least to fill them in.
PUBLIC_FORM_MIN_FILL_SECONDS = env_int("PUBLIC_FORM_MIN_FILL_SECONDS", 3)
# The atlas's own forms: proposing an entry, and a visitor's message or correction to an entry.
ATLAS_PROPOSE_MIN_SECONDS = env_int("ATLAS_PROPOSE_MIN_SECONDS", PUBLIC_FORM_MIN_FILL_SECONDS)
ATLAS_VISITOR_MIN_FILL_SECONDS = env_int(
    "ATLAS_VISITOR_MIN_FILL_SECONDS", PUBLIC_FORM_MIN_FILL_SECONDS
)

# Coaching phases (baz.coaching: sessions, evaluations, materials, agreements, retention).
# Personal data of participants and requesters is removed this long after a trajectory ends.
COACHING_RETENTION_MONTHS = env_int("COACHING_RETENTION_MONTHS", 24)
# Agreement reminders go out this many days before the deadline (and once when overdue).
COACHING_REMINDER_DAYS_BEFORE = env_int("COACHING_REMINDER_DAYS_BEFORE", 7)
COACHING_EVALUATION_DAYS = env_int("COACHING_EVALUATION_DAYS", 30)  # link validity
COACHING_EVALUATION_MIN_FILL_SECONDS = env_int("COACHING_EVALUATION_MIN_FILL_SECONDS", 3)
COACHING_EVALUATION_RATE_LIMIT = env_int("COACHING_EVALUATION_RATE_LIMIT", 20)  # per IP ...
COACHING_EVALUATION_RATE_LIMIT_WINDOW_SECONDS = int(
    env("COACHING_EVALUATION_RATE_LIMIT_WINDOW_SECONDS", "3600")
)  # ... per window
COACHING_MATERIAL_MAX_MB = env_int("COACHING_MATERIAL_MAX_MB", 20)

# The shared cache: Redis when REDIS_URL is set (production: every worker shares the page
# cache, rate limits and the content generation), process memory otherwise. It fails open:
# Redis unreachable is a cache miss, never a 500 (baz.core.cache_backends); the timeouts
# (seconds) bound how long a Redis that hangs can hold up a request.
CACHES = {
    "default": (
        {
            "BACKEND": "baz.core.cache_backends.FailOpenRedisCache",
            "LOCATION": env("REDIS_URL"),
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "baz"),
            "OPTIONS": {
                "socket_connect_timeout": env_float("REDIS_CONNECT_TIMEOUT", 0.5),
                "socket_timeout": env_float("REDIS_TIMEOUT", 1),
            },
        }
        if env("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Anonymous page cache (baz.core.page_cache): invalidated by events; the timeout is a safety net.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
# Shared fragments (menus, related entries) when a page misses that cache: same invalidation.
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 3600)
# Pages that carry <meta name="robots" content="noindex"> (baz.core.context_processors): what
# is private (workspace, login, invitations, secret links) and what search engines should not
# list (site search results, the reflection tool, the thank-you pages after a form). The
# Wagtail admin says noindex itself.
NOINDEX_PATH_PREFIXES = [
    ADMIN_URL_PREFIX,
    "/mijn/",
    "/aanmelden/",
    "/afmelden/",
    "/account/",
    "/wachtwoord/",
    "/uitnodiging/",
    "/zoeken/",
    "/leren/reflectie/",
    "/inspireer-elkaar/bevestig/",
    "/inspireer-elkaar/klopt-nog/",
    "/inspireer-elkaar/voorstellen/verstuurd/",
    "/coaching/evaluatie/",
    "/coaching/aanvragen/bedankt/",
    "/contact/bedankt/",
]
PAGE_CACHE_EXCLUDE_PREFIXES = [
    ADMIN_URL_PREFIX,
    "/mijn/",
    "/aanmelden/",
    "/afmelden/",
    "/account/",
    "/api/",
    "/documenten/",
    "/static/",
    "/media/",
    "/__bench__/",
]
# Changes to any model of these apps make every cached page stale ...
PAGE_CACHE_CONTENT_APPS = [
    "core",
    "atlas",
    "contact",
    "learning",
    "stories",
    "coaching",
    "search",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "wagtailredirects",
    "wagtailsettings",
    "taggit",
]
# ... except these, which visitors write and no public page shows.
PAGE_CACHE_IGNORED_MODELS = [
    "atlas.ContactRelay",
    "atlas.CorrectionRequest",
    "atlas.DigestReceipt",
    "contact.ContactMessage",
    "contact.ContactReply",
    "learning.Reflection",
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
    "loggers": {
        "baz": {"handlers": ["console"], "level": env("BAZ_LOG_LEVEL", "INFO"), "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# Optional error reporting (Sentry): off unless SENTRY_DSN is set; no personal data is sent.
SENTRY_DSN = env("SENTRY_DSN")
if SENTRY_DSN:
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        integrations=[DjangoIntegration()],
        environment=env("SENTRY_ENVIRONMENT", BAZ_ENV),
        traces_sample_rate=env_float("SENTRY_TRACES_SAMPLE_RATE", 0),
        send_default_pii=False,
    )

# Production overrides: explicit, and checked by `manage.py check --deploy` in CI.
if PRODUCTION:
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("Set ALLOWED_HOSTS in production.")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if not SECURE_HSTS_PRELOAD:
        # Preloading is a one-way decision for the domain owner; say so instead of warning.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
