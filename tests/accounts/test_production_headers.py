"""In production the sign-in pages go out with HSTS and `__Host-` secure cookies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.config.test_configuration import manage, production_env

# Static files are not collected here, so the probe names them without the manifest;
# nothing else differs from production.
PLAIN_STATIC = """
from django.conf import settings
from django.test import Client, override_settings
storages = {**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
override_settings(STORAGES=storages).enable()
"""
PROBE = (
    PLAIN_STATIC
    + """
import json
response = Client().get(
    "/account/sign-in", secure=True, headers={"host": "case-reviews.example.org"}
)
cookies = {
    name: {"secure": bool(c["secure"]), "httponly": bool(c["httponly"]), "path": c["path"]}
    for name, c in response.cookies.items()
}
session_cookie = [settings.SESSION_COOKIE_NAME, settings.SESSION_COOKIE_SECURE,
                  settings.SESSION_COOKIE_HTTPONLY, settings.SESSION_COOKIE_PATH]
print(json.dumps({"status": response.status_code, "headers": dict(response.headers),
                  "cookies": cookies, "session_cookie": session_cookie}))
"""
)


@pytest.mark.slow
def test_production_passes_djangos_deployment_checks(tmp_path: Path) -> None:
    """`check --deploy` finds nothing to warn about in production settings."""
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.slow
def test_the_sign_in_page_in_production_sends_hsts_and_host_prefixed_cookies(
    tmp_path: Path,
) -> None:
    """HSTS for two years with subdomains; the CSRF and session cookies are `__Host-`,
    secure, HTTP-only and for the whole site; a plain-HTTP request is redirected to HTTPS."""
    env = production_env(tmp_path)
    assert manage("migrate", "--no-input", env=env).returncode == 0
    result = manage("shell", "--no-imports", "-c", PROBE, env=env)
    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    assert probe["status"] == 200
    headers = probe["headers"]
    assert headers["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in headers["Cache-Control"]
    assert probe["session_cookie"] == ["__Host-session", True, True, "/"]
    assert probe["cookies"]["__Host-csrftoken"] == {"secure": True, "httponly": True, "path": "/"}
    insecure = manage(
        "shell",
        "--no-imports",
        "-c",
        PLAIN_STATIC
        + "r = Client().get('/account/sign-in', headers={'host': 'case-reviews.example.org'})\n"
        + "print(r.status_code, r['Location'])",
        env=env,
    )
    assert insecure.stdout.split() == ["301", "https://case-reviews.example.org/account/sign-in"]
