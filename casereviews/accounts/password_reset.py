"""Setting a password from a link sent by e-mail: "Forgotten your password?", and the
set-up e-mail an administrator sends a new person.

The link only sets a password. It never signs anyone in: the person must then sign in
with the new password and their second factor.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from casereviews.accounts.models import User
from casereviews.accounts.services import user_sessions_end
from casereviews.audit.services import audit_record


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


def _send(*, user: User, template: str, subject: str) -> None:
    context = {
        "user": user,
        "link": password_link(user),
        "service_name": settings.SERVICE_NAME,
        "service_url": settings.SERVICE_URL,
    }
    send_mail(
        subject=subject,
        message=render_to_string(template, context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[user.email],
    )


@transaction.atomic
def password_reset_request(*, request: HttpRequest, email: str) -> None:
    """Send a reset link if the address belongs to someone who may sign in.

    The person asking is told the same thing either way, so the page cannot be used to
    find out who has an account.
    """
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    audit_record(
        request=request,
        action="auth.password_reset_requested",
        actor=user,
        detail={"email": user.email} if user else {},
    )
    if user is not None:
        _send(
            user=user,
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
