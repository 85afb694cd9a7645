"""Configuration comes from the environment; a bad value stops start-up with a one-line
message naming the variable, never a traceback."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

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


def test_start_up_without_a_secret_key_in_production_stops_with_one_line(tmp_path: Path) -> None:
    env = production_env(tmp_path)
    del env["SECRET_KEY"]
    result = manage("check", env=env)
    assert result.returncode == 2
    assert result.stderr.strip() == "Configuration error: SECRET_KEY must be set in production"


def test_start_up_with_an_unparsable_database_url_stops_with_one_line(tmp_path: Path) -> None:
    result = manage("check", env={"DATABASE_URL": "nonsense://"})
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("Configuration error: DATABASE_URL")


def test_production_settings_pass_the_deployment_checklist(tmp_path: Path) -> None:
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
