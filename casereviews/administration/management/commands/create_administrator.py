"""The first way in on a new installation: an administrator and their organisation."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from casereviews.accounts.password_reset import password_link
from casereviews.administration.services import AdministratorRefused, administrator_create


class Command(BaseCommand):
    help = (
        "Create an administrator and their organisation, and print a one-time link where "
        "they set their password and then their second factor."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", required=True, help="the administrator's email address")
        parser.add_argument(
            "--organisation",
            required=True,
            help="their organisation's name (created if it does not exist)",
        )
        parser.add_argument("--name", default="", help="their full name (default: the address)")
        parser.add_argument(
            "--organisation-type",
            default="board_business_unit",
            help="the type of a new organisation (default: board_business_unit)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["email"].strip()
        try:
            person = administrator_create(
                email=email,
                full_name=options["name"] or email,
                organisation_name=options["organisation"],
                organisation_type=options["organisation_type"],
            )
        except AdministratorRefused as refusal:
            raise CommandError(refusal.message) from None
        # The password and the second factor are never set here: the person sets their
        # password through this link, then sets up an authenticator app at first sign-in.
        self.stdout.write(
            f"{person.email} is an administrator of the service, in {person.organisation}.\n"
            "Give them this link, which works once, to set their password; at their first "
            "sign-in they set up an authenticator app:\n"
            f"{password_link(person)}"
        )
