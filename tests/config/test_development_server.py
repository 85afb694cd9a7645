"""After `make test` (nothing collected), `manage.py runserver` serves the sign-in page
with its styles, as the README promises."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.config.test_configuration import ROOT, manage
from tests.helpers import free_port

pytestmark = pytest.mark.slow


def _get(url: str) -> tuple[int, str, str]:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - our own server
        return response.status, response.headers["Content-Type"], response.read().decode()


@pytest.fixture
def development_server(tmp_path: Path) -> Iterator[str]:
    env = {"DJANGO_ENV": "development", "DATA_DIR": str(tmp_path)}
    assert manage("migrate", "--no-input", env=env).returncode == 0
    port = free_port()
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DJANGO_ENV", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env={**clean, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        # The server says when it listens; wait for that line, not for a length of time.
        assert server.stdout is not None
        for line in server.stdout:
            if "Quit the server with" in line:
                break
        else:
            pytest.fail("runserver stopped before it listened")
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_runserver_serves_the_sign_in_page_and_its_styles(development_server: str) -> None:
    status, _, page = _get(f"{development_server}/account/sign-in")
    assert status == 200
    assert "Sign in to Case review notifications" in page
    stylesheet = re.search(r'<link rel="stylesheet" href="([^"]+)"', page)
    assert stylesheet is not None
    status, content_type, css = _get(development_server + stylesheet.group(1))
    assert status == 200
    assert content_type.startswith("text/css")
    assert "govuk" in css
