"""Django's `createsuperuser` would ask for a password on the command line and cannot
give the person an organisation; this service uses `create_administrator` instead."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Not used here: run `manage.py create_administrator --email … --organisation …`."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("args", nargs="*")
        parser.add_argument("--noinput", "--no-input", action="store_true")
        parser.add_argument("--email", default="")
        parser.add_argument("--username", default="")
        parser.add_argument("--database", default="default")

    def handle(self, *args: Any, **options: Any) -> None:
        raise CommandError(
            "Use manage.py create_administrator --email <address> --organisation <name>: "
            "it creates the administrator and their organisation and prints a one-time "
            "link where they set their own password and second factor."
        )
