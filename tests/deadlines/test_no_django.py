"""The calendar and the rules are plain Python: importing them must not import Django."""

import subprocess
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]


def test_importing_the_calendar_and_rules_does_not_import_django():
    """Both modules load, in a fresh interpreter, without Django ever being imported."""
    code = (
        "import sys\n"
        "import casereviews.deadlines.calendar\n"
        "import casereviews.deadlines.rules\n"
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "assert not loaded, loaded\n"
        "print('ok')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPOSITORY,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
