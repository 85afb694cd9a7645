"""Setting a password from a link sent by e-mail: "Forgotten your password?", and the
set-up e-mail an administrator sends a new person.

The link only sets a password. It never signs anyone in: the person must then sign in
with the new password and their second factor. Both e-mails go through the outbox, so the
page answers the same whatever the mail server is doing; reset requests are throttled per
address typed and per client.

A reset request does the same work whether or not the address is known, so that its
answer cannot tell them apart, not even by its time: the page records the request (with
whether the throttle let it through) and nothing else; the worker looks the address up,
writes the audit event and, for someone who may sign in, queues the e-mail
(`password_resets_answer`).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from casereviews.accounts.addresses import client_address
from casereviews.accounts.models import PasswordResetRequest, User
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
    """Record the request for the worker to answer (`password_resets_answer`).

    The person asking is told the same thing in every case, after the same work, so the
    page cannot be used to find out who has an account or whether they were throttled.
    """
    password_reset_allowed(email=email.strip().lower(), ip_address=client_address(request))


# How many requests one turn of the worker answers.
RESET_BATCH = 50
# The PostgreSQL channel the requests table's trigger notifies (migration 0007).
REQUESTED_CHANNEL = "password_reset_requested"


def password_resets_waiting() -> bool:
    """Whether a request waits to be answered (the worker asks it on SQLite)."""
    return PasswordResetRequest.objects.filter(handled_at__isnull=True).exists()


def password_resets_answer() -> int:
    """Answer the reset requests not yet answered, oldest first: the audit event of each
    (by the person whose address was typed, if anyone's), and a link to reset their
    password for someone who may sign in, unless too many were asked for. Each request
    is answered in one transaction, and a request answered is never answered again."""
    answered = 0
    waiting = PasswordResetRequest.objects.filter(handled_at__isnull=True).order_by("id")
    for pk in waiting.values_list("pk", flat=True)[:RESET_BATCH]:
        with transaction.atomic():
            claimed = (
                PasswordResetRequest.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, handled_at__isnull=True)
                .first()
            )
            if claimed is None:  # another worker answered it
                continue
            _answer(claimed)
            claimed.handled_at = timezone.now()
            claimed.save(update_fields=["handled_at"])
            answered += 1
    return answered


def _answer(asked: PasswordResetRequest) -> None:
    user = User.objects.filter(email__iexact=asked.email, is_active=True).first()
    audit_record(
        action="auth.password_reset_requested"
        if asked.allowed
        else "auth.password_reset_throttled",
        actor=user,
        outcome=Outcome.SUCCESS if asked.allowed else Outcome.DENIED,
        detail={"email": user.email} if user else {},
        ip_address=asked.ip_address,
    )
    if user is not None and asked.allowed:
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
