from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from casereviews.demo.boards import DEMO_PASSWORD, DEMO_TOTP_SECRET, PEOPLE, load_demo_data


class Command(BaseCommand):
    help = "Load the demonstration boards, agencies and people (idempotent; not in production)."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demo data is never loaded in production.")
        load_demo_data()
        self.stdout.write(f"Demo data loaded. Demo people (password: {DEMO_PASSWORD}):")
        for person in PEOPLE:
            roles = ", ".join(f"{role.label} ({code})" for code, role in person.roles)
            if person.is_administrator:
                roles = "Administrator"
            self.stdout.write(f"  {person.email:<36} {roles}")
        self.stdout.write(
            f"Second factor for every demo person: add the key {DEMO_TOTP_SECRET} to an "
            "authenticator app, or run `manage.py demo_code <email>` for the current code."
        )
