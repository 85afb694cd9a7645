"""The criteria engine is plain Python: importing it does not import Django."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_importing_the_engine_does_not_import_django() -> None:
    """A fresh interpreter that imports casereviews.criteria has no django module loaded."""
    script = (
        "import sys, casereviews.criteria, casereviews.criteria.cli; "
        "sys.exit(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr or "django was imported"
