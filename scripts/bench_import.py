"""How long a board's cases take to move in: `python scripts/bench_import.py [--database URL]
[--rows N]`.

On a fresh database (SQLite in a temporary folder, or, with `--database`, a PostgreSQL
database of that name, dropped and made again), with one board, its two partner agencies
and its Business Manager, it builds a sheet of N rows (10,000 by default: cases at every
stage, a quarter of them SCRs with two actions each) and times, as the import page does:
reading the file in the parsing child, the dry run, and the import; then importing the same
file again (the dry run finds every case unchanged). It prints one line per step.
docs/adr/0033-a-boards-cases-moving-in.md; the figures go in docs/performance.md.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
import tempfile
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def fresh_postgres(url: str) -> None:
    server, name = url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')


def drop_postgres(url: str) -> None:
    server, name = url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def sheet(rows: int) -> bytes:
    """`rows` rows below the headings, as a board would fill the template."""
    from casereviews.imports.columns import HEADERS

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    written = n = 0
    blank = [""] * 10
    while written < rows:
        day = f"{n % 28 + 1:02d}/{n % 12 + 1:02d}/{2015 + n % 8}"
        case = [f"OLD-{n:06d}", day, "", f"Child {n}", "03/05/2012", "Thames Valley Police"]
        kind = n % 4
        if kind == 0:
            writer.writerow([*case, "Under consideration", "", "", "", *[""] * 4])
        elif kind == 1:
            writer.writerow([*case[:2], day, *case[3:], "Closed", "No review", "", "", *[""] * 4])
        elif kind == 2:
            writer.writerow(
                [*case[:2], day, *case[3:], "Review in progress", "CPIR", "SILP", "", *[""] * 4]
            )
        else:
            action = ["Audit early help", "Thames Valley Police", "31/03/2024", "Complete"]
            writer.writerow(
                [*case[:2], day, *case[3:], "Actions monitored", "SCR", "SILP", "", *action]
            )
            written += 1
            if written < rows:
                other = ["Train staff", "Frimley Health NHS Foundation Trust", "30/06/2030"]
                writer.writerow([case[0], *blank[1:], *other, "On track"])
        written += 1
        n += 1
    return out.getvalue().encode()


def run(rows: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from casereviews.accounts.models import User
    from casereviews.boards.models import Board, Organisation, Role, RoleGrant
    from casereviews.imports import sheet as sheets
    from casereviews.imports.services import cases_import
    from casereviews.notifications.models import Notification

    call_command("migrate", verbosity=0)
    board = Board.objects.create(name="Bench Local Safeguarding Children Board", code="BN")
    police = Organisation.objects.create(name="Thames Valley Police", type="police")
    health = Organisation.objects.create(name="Frimley Health NHS Foundation Trust", type="health")
    board.partners.add(police, health)
    manager = User.objects.create(
        email="manager@bench.example.org", full_name="Bench Manager", organisation=police
    )
    RoleGrant.objects.create(user=manager, board=board, role=Role.BUSINESS_MANAGER)
    content = sheet(rows)
    print(f"sheet: {rows:,} rows, {len(content) / 1024:,.0f} KB (CSV)")

    def once(label: str) -> None:
        started = time.perf_counter()
        read = sheets.read_sheet("cases.csv", io.BytesIO(content), size=len(content))
        parsed = time.perf_counter()
        checked = sheets.dry_run(board, read, today=timezone.localdate())
        assert not checked.problems, checked.problems[:5]
        dry = time.perf_counter()
        done = cases_import(board=board, run=checked, by=manager, file_name="cases.csv", sha256="0")
        finished = time.perf_counter()
        print(
            f"{label}: read in the child {parsed - started:.1f} s, dry run {dry - parsed:.1f} s, "
            f"import {finished - dry:.1f} s, total {finished - started:.1f} s "
            f"({done.created:,} cases made, {done.unchanged:,} unchanged)"
        )

    once("first import")
    once("same file again")
    print(f"cases in the database: {Notification.objects.count():,}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="postgres://… URL of a database to drop and make")
    parser.add_argument("--rows", type=int, default=10_000)
    arguments = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casereviews.settings")
    os.environ["DJANGO_ENV"] = "test"
    with tempfile.TemporaryDirectory() as folder:
        if arguments.database:
            fresh_postgres(arguments.database)
            os.environ["DATABASE_URL"] = arguments.database
        else:
            os.environ.pop("DATABASE_URL", None)
        os.environ["DATA_DIR"] = folder
        try:
            run(arguments.rows)
        finally:
            if arguments.database:
                drop_postgres(arguments.database)
    return 0


if __name__ == "__main__":
    sys.exit(main())
