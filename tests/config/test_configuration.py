"""Configuration comes from the environment; a bad value stops start-up with a one-line
message naming the variable, never a traceback."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from casereviews.config import ConfigError, Env

ROOT = Path(__file__).resolve().parents[2]


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # The command runs as it would on a server: none of the test run's own variables.
    test_only = {"DATABASE_URL", "DJANGO_ENV", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in test_only}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_env(tmp_path: Path) -> dict[str, str]:
    return {
        "DJANGO_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "AUDIT_HMAC_KEY": secrets.token_urlsafe(32),
        "ALLOWED_HOSTS": "case-reviews.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
        "DATA_DIR": str(tmp_path),
    }


def test_unset_database_url_means_the_embedded_sqlite_database(tmp_path: Path) -> None:
    config = Env({}).database(tmp_path / "db.sqlite3")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(tmp_path / "db.sqlite3")


def test_sqlite_writers_wait_for_each_other_instead_of_failing(tmp_path: Path) -> None:
    """Each transaction takes the write lock at its start and waits up to 20 seconds for
    another writer; the tests' database is a file whatever the environment, never the
    shared in-memory one that answers "database table is locked" at once."""
    for environ in ({}, {"DJANGO_ENV": "test"}, {"DJANGO_ENV": "development"}):
        config = Env(environ).database(tmp_path / "db.sqlite3")
        assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
        assert config["OPTIONS"]["timeout"] == 20
        pragmas = [p.strip() for p in config["OPTIONS"]["init_command"].split(";") if p.strip()]
        assert pragmas[0] == "PRAGMA busy_timeout=20000"
        assert config["TEST"]["NAME"] == str(tmp_path / "test-db.sqlite3")


@pytest.mark.django_db
def test_the_running_suite_uses_the_settings_it_is_given() -> None:
    """The database the suite runs on is configured as above (SQLite), or is PostgreSQL."""
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] == 20000
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
        assert "memory" not in database["NAME"]
    else:
        assert connection.vendor == "postgresql"


def test_a_postgresql_url_is_read() -> None:
    config = Env({"DATABASE_URL": "postgres://app:pw@db.internal:5433/reviews"}).database(Path())
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.internal", 5433, "reviews")


@pytest.mark.parametrize("url", ["not a url", "mysql://root@localhost/x", "postgres://host"])
def test_an_unreadable_database_url_is_refused_naming_the_variable(url: str) -> None:
    with pytest.raises(ConfigError, match="DATABASE_URL"):
        Env({"DATABASE_URL": url}).database(Path())


def test_production_requires_a_secret_key() -> None:
    with pytest.raises(ConfigError, match="SECRET_KEY must be set in production"):
        Env({"DJANGO_ENV": "production"}).string("SECRET_KEY", "dev-default", secret=True)


def test_a_boolean_that_is_not_true_or_false_is_refused() -> None:
    with pytest.raises(ConfigError, match="EMAIL_USE_TLS must be true or false"):
        Env({"EMAIL_USE_TLS": "perhaps"}).boolean("EMAIL_USE_TLS", default=False)


@pytest.mark.slow
def test_start_up_without_a_secret_key_in_production_stops_with_one_line(tmp_path: Path) -> None:
    env = production_env(tmp_path)
    del env["SECRET_KEY"]
    result = manage("check", env=env)
    assert result.returncode == 2
    assert result.stderr.strip() == "Configuration error: SECRET_KEY must be set in production"


@pytest.mark.slow
def test_start_up_with_an_unparsable_database_url_stops_with_one_line(tmp_path: Path) -> None:
    result = manage("check", env={"DATABASE_URL": "nonsense://"})
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("Configuration error: DATABASE_URL")


@pytest.mark.slow
@pytest.mark.parametrize("minutes", ["0", "ten"])
def test_the_figures_interval_must_be_whole_minutes_of_one_or_more(minutes: str) -> None:
    result = manage("check", env={"FIGURES_REFRESH_MINUTES": minutes})
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("Configuration error: FIGURES_REFRESH_MINUTES must be")


@pytest.mark.slow
def test_production_settings_pass_the_deployment_checklist(tmp_path: Path) -> None:
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
