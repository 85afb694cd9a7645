"""Setting a password from a link sent by e-mail: "Forgotten your password?", and the
set-up e-mail an administrator sends a new person.

The link only sets a password. It never signs anyone in: the person must then sign in
with the new password and their second factor. Both e-mails go through the outbox, so the
page answers the same, as fast, whether or not the address is known and whatever the
mail server is doing; reset requests are throttled per address typed and per client.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.crypto import get_random_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from casereviews.accounts.addresses import client_address
from casereviews.accounts.models import User
from casereviews.accounts.services import user_sessions_end
from casereviews.accounts.throttling import password_reset_allowed
from casereviews.audit.models import Outcome
from casereviews.audit.services import audit_record
from casereviews.outbox.services import outbox_enqueue


def password_link(user: User) -> str:
    """A single-use link to set a password, built from the service's public address."""
    path = reverse(
        "accounts:password-reset-confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return f"{settings.SERVICE_URL}{path}"


def _send(*, user: User, kind: str, template: str, subject: str) -> None:
    """Queue the e-mail in the caller's transaction; the worker sends it."""
    context = {
        "user": user,
        "link": password_link(user),
        "service_name": settings.SERVICE_NAME,
        "service_url": settings.SERVICE_URL,
    }
    outbox_enqueue(
        # Each request is its own e-mail: a random part keeps the key unique.
        key=f"{kind}:{user.pk}:{get_random_string(16)}",
        to=[user.email],
        subject=subject,
        body=render_to_string(template, context),
    )


@transaction.atomic
def password_reset_request(*, request: HttpRequest, email: str) -> None:
    """Queue a reset link if the address belongs to someone who may sign in, unless
    too many have been asked for.

    The person asking is told the same thing in every case, so the page cannot be used
    to find out who has an account or whether they were throttled.
    """
    typed = email.strip().lower()
    allowed = password_reset_allowed(email=typed, ip_address=client_address(request))
    user = User.objects.filter(email__iexact=typed, is_active=True).first()
    audit_record(
        request=request,
        action="auth.password_reset_requested" if allowed else "auth.password_reset_throttled",
        actor=user,
        outcome=Outcome.SUCCESS if allowed else Outcome.DENIED,
        detail={"email": user.email} if user else {},
    )
    if user is not None and allowed:
        _send(
            user=user,
            kind="password-reset",
            template="accounts/email/password_reset.txt",
            subject=f"Reset your password for {settings.SERVICE_NAME}",
        )


@transaction.atomic
def password_setup_send(*, request: HttpRequest, user: User) -> None:
    """An administrator sends a new person the link to set their first password."""
    audit_record(
        request=request,
        action="auth.password_setup_sent",
        obj=user,
        detail={"email": user.email},
    )
    _send(
        user=user,
        kind="password-setup",
        template="accounts/email/password_setup.txt",
        subject=f"Set up your account for {settings.SERVICE_NAME}",
    )


@transaction.atomic
def password_reset_complete(*, request: HttpRequest, user: User, password: str) -> None:
    """Set the new password and end every session the person had."""
    user.set_password(password)
    user.save(update_fields=["password"])
    user_sessions_end(user=user)
    audit_record(request=request, action="auth.password_reset_completed", actor=user)
