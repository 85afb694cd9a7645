"""Backing up, losing the machine and restoring, for the tests of casereviews.backup."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection

from casereviews.backup.tables import LEFT_OUT


def backup(folder: Path) -> Path:
    out = StringIO()
    call_command("backup", str(folder), stdout=out)
    written = [line for line in out.getvalue().splitlines() if line.startswith("Backup written")]
    return Path(written[0].split(" to ", 1)[1].split(" (", 1)[0])


def restore(archive: Path) -> str:
    out = StringIO()
    call_command("restore", str(archive), stdout=out)
    return out.getvalue()


def refused(archive: Path) -> str:
    with pytest.raises(CommandError) as error:
        restore(archive)
    assert error.value.returncode == 1
    return str(error.value)


def empty_the_database() -> None:
    """As a new database is: every table empty (the project's flush lifts the audit
    trail's triggers to do it), content types and permissions made again."""
    if connection.vendor == "postgresql":
        # The test's own transaction holds deferred foreign key checks, which PostgreSQL
        # must run before it empties a table.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)


def new_machine(settings: Any, tmp_path: Path) -> None:
    """Another machine: its own empty documents' folder and checkpoints folder."""
    settings.MEDIA_ROOT = tmp_path / "new-machine" / "uploads"
    settings.AUDIT_ANCHOR_DIR = tmp_path / "new-machine" / "audit-anchors"


def rows_everywhere() -> dict[str, int]:
    """Rows of every table a backup holds."""
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.label not in LEFT_OUT and not model._meta.proxy
    }
