"""Prints the current second-factor code of a demo person, for `make run` only."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from casereviews.demo.boards import DEMO_DEVICE_NAME, DEMO_TOTP_KEY


class Command(BaseCommand):
    help = "Print the current authenticator code of a demo person (never in production)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demo codes are never available in production.")
        # Only the demo device with the published demo key: never a real person's app.
        device = TOTPDevice.objects.filter(
            user__email__iexact=options["email"],
            name=DEMO_DEVICE_NAME,
            key=DEMO_TOTP_KEY,
            confirmed=True,
        ).first()
        if device is None:
            raise CommandError(f"{options['email']} is not a demo person. Run load_demo_data.")
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{totp.token():0{device.digits}d}")
