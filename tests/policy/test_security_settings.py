"""In production the service sends HSTS and uses secure `__Host-` cookies; everywhere a
state-changing request without its CSRF token is refused and changes nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from casereviews.boards.models import Organisation
from tests.config.test_configuration import manage, production_env

READ_SETTINGS = (
    "import json; from django.conf import settings as s; print(json.dumps({name: "
    "getattr(s, name, None) for name in ("
    "'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_SSL_REDIRECT', "
    "'SESSION_COOKIE_NAME', 'SESSION_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', "
    "'SESSION_COOKIE_DOMAIN', 'SESSION_COOKIE_PATH', 'CSRF_COOKIE_NAME', "
    "'CSRF_COOKIE_SECURE', 'CSRF_COOKIE_DOMAIN', 'CSRF_COOKIE_PATH', "
    "'SECURE_CONTENT_TYPE_NOSNIFF', 'SECURE_REFERRER_POLICY')}))"
)


def production_settings(tmp_path: Path) -> dict[str, Any]:
    result = manage("shell", "--no-imports", "-c", READ_SETTINGS, env=production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


@pytest.mark.slow
def test_production_sends_hsts_and_uses_secure_host_only_cookies(tmp_path: Path) -> None:
    found = production_settings(tmp_path)
    assert found["SECURE_HSTS_SECONDS"] >= 31536000
    assert found["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert found["SECURE_SSL_REDIRECT"] is True
    for cookie in ("SESSION", "CSRF"):
        # A __Host- cookie must be Secure, have Path=/ and no Domain, or browsers drop it.
        assert str(found[f"{cookie}_COOKIE_NAME"]).startswith("__Host-")
        assert found[f"{cookie}_COOKIE_SECURE"] is True
        assert found[f"{cookie}_COOKIE_PATH"] == "/"
        assert found[f"{cookie}_COOKIE_DOMAIN"] is None
    assert found["SESSION_COOKIE_HTTPONLY"] is True
    assert found["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert found["SECURE_REFERRER_POLICY"] == "same-origin"


@pytest.mark.django_db
def test_a_post_without_its_csrf_token_is_refused_and_changes_nothing(
    administrator, signed_in
) -> None:
    client = signed_in(administrator)
    # As Client(enforce_csrf_checks=True), on the client that holds the signed-in session.
    client.handler.enforce_csrf_checks = True
    form = {"name": "Bracknell Forest Council", "type": "childrens_social_care"}
    response = client.post(reverse("administration:organisation-create"), form)
    assert response.status_code == 403
    assert not Organisation.objects.filter(name="Bracknell Forest Council").exists()
    # The same request with the token from the form goes through.
    page = client.get(reverse("administration:organisation-create"))
    token = page.context["csrf_token"]
    response = client.post(
        reverse("administration:organisation-create"), {**form, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert Organisation.objects.filter(name="Bracknell Forest Council").exists()
