"""Helpers the tests share."""

from __future__ import annotations

from django.test import Client

from casereviews.accounts.models import User


def sign_in(client: Client, user: User) -> Client:
    """Sign a person in on this client with every factor the service asks for."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app")
    client.force_login(user)
    # What django_otp.login does after a correct code: the session is verified.
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client
