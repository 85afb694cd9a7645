"""`manage.py assess_criteria`: facts as JSON on standard input, the answer as JSON out.

A thin wrapper over `casereviews.criteria.cli.run`; bad input exits 2 with one line
naming the fact, never a traceback."""

from __future__ import annotations

import sys
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from casereviews.criteria import cli


class Command(BaseCommand):
    help = (
        "Assess the facts of a case (JSON on standard input) against the review criteria "
        "and print the recommendation as JSON."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--ruleset", help="The ruleset to use, like bf-lscb-2015 (default: in force today)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        code, out, err = cli.run(sys.stdin.read(), options["ruleset"], timezone.localdate())
        self.stdout.write(out, ending="")
        if code != cli.EXIT_OK:
            self.stderr.write(err, ending="")
            sys.exit(code)
