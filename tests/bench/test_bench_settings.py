"""The bench's code stays out of the service: the service's settings install none of it,
and only the bench's own settings add its commands."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
BENCH_COMMANDS = ["bench_chronology", "bench_uploads", "generate_load_data", "measure_audit_chain"]


def test_the_service_installs_nothing_of_the_bench() -> None:
    assert not [app for app in settings.INSTALLED_APPS if app.split(".")[0] == "bench"]
    assert not [app for app in settings.INSTALLED_APPS if "loadtest" in app]


@pytest.mark.slow
def test_only_the_bench_settings_offer_the_load_data_commands() -> None:
    def commands(module: str) -> str:
        done = subprocess.run(
            [sys.executable, "manage.py", "help", "--commands"],
            cwd=ROOT,
            env={"DJANGO_SETTINGS_MODULE": module, "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout

    service, bench = commands("casereviews.settings").split(), commands("bench.settings").split()
    for name in BENCH_COMMANDS:
        assert name not in service
        assert name in bench
