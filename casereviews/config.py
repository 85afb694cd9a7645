"""Configuration from environment variables, through one helper.

Every setting that differs between a laptop and production is read here, so a newcomer
finds them all in one place (README.md lists them). A missing or malformed variable
raises `ConfigError`, whose message names the variable; `manage.py` and `wsgi.py` turn it
into a one-line message and a non-zero exit instead of a traceback.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

ENVIRONMENTS = ("development", "test", "production")
_UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_NOTIFY_KEY = re.compile(rf".+-{_UUID}-{_UUID}")
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class ConfigError(ImproperlyConfigured):
    """A configuration variable is missing or malformed; the message names it."""


class Env:
    """Typed access to environment variables."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self.environ = os.environ if environ is None else environ

    @property
    def name(self) -> str:
        value = self.environ.get("DJANGO_ENV", "development").strip().lower()
        if value not in ENVIRONMENTS:
            raise ConfigError(f"DJANGO_ENV must be one of {', '.join(ENVIRONMENTS)}, not {value!r}")
        return value

    @property
    def is_production(self) -> bool:
        return self.name == "production"

    def string(self, name: str, default: str | None = None, *, secret: bool = False) -> str:
        """A string; with `secret=True` it has no default in production."""
        value = self.environ.get(name)
        if value:
            return value
        if default is None or (secret and self.is_production):
            raise ConfigError(f"{name} must be set" + (" in production" if secret else ""))
        return default

    def boolean(self, name: str, default: bool) -> bool:
        value = self.environ.get(name)
        if value is None:
            return default
        lowered = value.strip().lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise ConfigError(f"{name} must be true or false, not {value!r}")

    def integer(self, name: str, default: int) -> int:
        value = self.environ.get(name)
        if value is None or value.strip() == "":
            return default
        try:
            return int(value)
        except ValueError:
            raise ConfigError(f"{name} must be a whole number, not {value!r}") from None

    def strings(self, name: str, default: list[str]) -> list[str]:
        value = self.environ.get(name)
        if value is None:
            return default
        return [item.strip() for item in value.split(",") if item.strip()]

    def choice(self, name: str, choices: tuple[str, ...], default: str) -> str:
        value = self.environ.get(name, "").strip().lower() or default
        if value not in choices:
            raise ConfigError(f"{name} must be one of {', '.join(choices)}, not {value!r}")
        return value

    def notify_api_key(self, name: str, *, required: bool) -> str:
        """A GOV.UK Notify API key, `name-serviceid-secretkey` (two UUIDs at its end)."""
        value = self.environ.get(name, "").strip()
        if not value:
            if required:
                raise ConfigError(f"{name} must be set when e-mail goes through GOV.UK Notify")
            return ""
        if not _NOTIFY_KEY.fullmatch(value):
            raise ConfigError(
                f"{name} must be a GOV.UK Notify API key: its name, the service id and the "
                "secret key, joined by hyphens"
            )
        return value

    def database(self, sqlite_path: Path) -> dict[str, Any]:
        """`DATABASE_URL`, or the embedded SQLite database when it is unset."""
        url = self.environ.get("DATABASE_URL", "").strip()
        if not url:
            if self.is_production:
                raise ConfigError("DATABASE_URL must be set in production (a PostgreSQL URL)")
            return {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": str(sqlite_path),
                "OPTIONS": {
                    "transaction_mode": "IMMEDIATE",
                    "timeout": SQLITE_BUSY_SECONDS,
                    "init_command": _SQLITE_PRAGMAS,
                },
                # The tests' database is a file too, whatever DJANGO_ENV says: an in-memory
                # one is shared between threads through SQLite's shared cache, where a
                # writer gets "database table is locked" at once instead of waiting.
                "TEST": {"NAME": str(sqlite_path.with_name(f"test-{sqlite_path.name}"))},
            }
        try:
            config = dict(dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True))
        except (ValueError, KeyError) as error:
            raise ConfigError(f"DATABASE_URL could not be read: {error}") from None
        engine = config.get("ENGINE", "")
        if engine not in {"django.db.backends.postgresql", "django.db.backends.sqlite3"}:
            raise ConfigError("DATABASE_URL must be a postgres:// or sqlite:// URL")
        if engine == "django.db.backends.postgresql" and not config.get("NAME"):
            raise ConfigError("DATABASE_URL must name a database, e.g. postgres://user@host/name")
        return config


# WAL lets the web server and the worker read while the other writes. Every transaction
# takes the write lock at its start (IMMEDIATE), and a writer waits up to the busy timeout
# for another to finish rather than fail: 20 seconds, because on a loaded machine a few
# writers queued behind one another took longer than SQLite's default 5. The timeout is
# set first, so that switching to WAL waits as well.
SQLITE_BUSY_SECONDS = 20
_SQLITE_PRAGMAS = (
    f"PRAGMA busy_timeout={SQLITE_BUSY_SECONDS * 1000}; PRAGMA journal_mode=WAL; "
    "PRAGMA synchronous=NORMAL;"
)


def documents_storage(env: Env) -> dict[str, Any]:
    """Where uploaded documents are kept: the `DATA_DIR` folder by default, or an
    S3-compatible bucket (AWS S3, MinIO, Ceph…) when `DOCUMENTS_S3_BUCKET` is set, so that
    every machine serving the service reads the same files (ADR 0026)."""
    bucket = env.environ.get("DOCUMENTS_S3_BUCKET", "").strip()
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    options: dict[str, Any] = {
        "bucket_name": bucket,
        "location": env.string("DOCUMENTS_S3_PREFIX", "").strip("/"),
        # Objects stay private; no link is ever made to one (downloads are streamed
        # through the audited views), and a file is never written over.
        "default_acl": None,
        "querystring_auth": True,
        "querystring_expire": 60,
        "file_overwrite": False,
        "signature_version": "s3v4",
    }
    endpoint = env.environ.get("DOCUMENTS_S3_ENDPOINT_URL", "").strip()
    if endpoint:
        if not endpoint.startswith(("https://", "http://")):
            raise ConfigError("DOCUMENTS_S3_ENDPOINT_URL must start with https:// or http://")
        options["endpoint_url"] = endpoint
    region = env.environ.get("DOCUMENTS_S3_REGION", "").strip()
    if region:
        options["region_name"] = region
    # Without a key pair, boto3 finds credentials itself (an instance or pod role).
    access_key = env.environ.get("DOCUMENTS_S3_ACCESS_KEY_ID", "").strip()
    if access_key:
        options["access_key"] = access_key
        options["secret_key"] = env.string("DOCUMENTS_S3_SECRET_ACCESS_KEY")
    encryption = env.environ.get("DOCUMENTS_S3_SERVER_SIDE_ENCRYPTION", "").strip()
    if encryption:
        options["object_parameters"] = {"ServerSideEncryption": encryption}
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
