"""Passwords: 12 characters or more, not a common one, no composition rules; reset by an
e-mailed link that never signs anyone in without their second factor."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client

from casereviews.accounts.models import User
from casereviews.accounts.password_reset import password_resets_answer
from casereviews.audit.models import AuditEvent
from casereviews.outbox.jobs import deliver_outbox
from tests.accounts.conftest import CODE, actions, give_password
from tests.factories import UserFactory
from tests.helpers import Mailbox, SignIn, body_of, current_code, enrolled

pytestmark = pytest.mark.django_db


def test_eleven_characters_are_too_few(notifier: User) -> None:
    """11 characters are refused."""
    with pytest.raises(ValidationError, match="at least 12 characters"):
        validate_password("abcdefghijk", notifier)


def test_a_common_password_is_refused(notifier: User) -> None:
    """A password on the list of common passwords is refused, however long."""
    with pytest.raises(ValidationError, match="too common"):
        validate_password("password1234", notifier)


def test_a_lowercase_passphrase_of_twelve_characters_is_accepted(notifier: User) -> None:
    """No rules about capitals, digits or symbols."""
    validate_password("kettle otter", notifier)


def _reset_link(mailbox: Mailbox) -> str:
    body = body_of(mailbox.messages[-1])
    match = re.search(re.escape(settings.SERVICE_URL) + r"(/account/password-reset/\S+)", body)
    assert match is not None, body
    return match.group(1)


def test_resetting_a_password_still_needs_the_second_factor(
    client: Client, notifier: User, mailbox: Mailbox
) -> None:
    """The link sets a password and signs nobody in; signing in with the new password
    leads to the code page, and nowhere else until the code is given."""
    device = enrolled(notifier)
    client.post("/account/password-reset", {"email": notifier.email})
    assert password_resets_answer() == 1
    assert deliver_outbox() == 1
    message = mailbox.messages[0]
    assert message["Subject"] == "Reset your password for Case review notifications"
    link = _reset_link(mailbox)
    # The token leaves the address bar before the form is shown (Referer leaks).
    response = client.get(link)
    assert response["Location"].endswith("/set-password")
    form_page = client.get(response["Location"])
    assert "Set a new password" in form_page.text

    too_short = client.post(
        response["Location"], {"new_password1": "abcdefghijk", "new_password2": "abcdefghijk"}
    )
    assert "at least 12 characters" in too_short.text
    done = client.post(
        response["Location"],
        {"new_password1": "kettle otter lamp", "new_password2": "kettle otter lamp"},
    )
    assert done["Location"] == "/account/sign-in"
    assert "_auth_user_id" not in client.session
    assert client.get("/")["Location"].startswith("/account/sign-in")
    notifier.refresh_from_db()
    assert notifier.check_password("kettle otter lamp")

    assert give_password(client, notifier.email, "kettle otter lamp")["Location"] == CODE
    assert client.get("/")["Location"] == CODE
    assert client.post(CODE, {"code": current_code(device)})["Location"] == "/"
    assert actions(actor=notifier)[:2] == [
        "auth.password_reset_requested",
        "auth.password_reset_completed",
    ]
    # The link works once.
    assert "The link has expired" in Client().get(link).text


def test_the_reset_email_carries_only_a_link(notifier: User, mailbox: Mailbox) -> None:
    """The e-mail has the service's own address and nothing about any case."""
    Client().post("/account/password-reset", {"email": notifier.email})
    assert password_resets_answer() == 1
    assert deliver_outbox() == 1
    body = body_of(mailbox.messages[0])
    assert f"{settings.SERVICE_URL}/account/password-reset/" in body
    assert "authenticator app" in body
    assert AuditEvent.objects.get(action="auth.password_reset_requested").detail == {
        "email": notifier.email
    }


def test_an_administrator_sends_a_new_person_a_set_up_email(
    administrator: User, signed_in: SignIn, mailbox: Mailbox
) -> None:
    """A person added by an administrator has no password until they use the link; they
    then enrol an authenticator app at their first sign-in."""
    admin = signed_in(administrator)
    newcomer = UserFactory.create(email="new.person@agency.example.org", password="")
    newcomer.set_unusable_password()
    newcomer.save()
    page = admin.get(f"/administration/people/{newcomer.pk}")
    assert "Send a set-up email" in page.text
    response = admin.post(f"/administration/people/{newcomer.pk}/set-up-email")
    assert response["Location"] == f"/administration/people/{newcomer.pk}"
    assert deliver_outbox() == 1
    assert mailbox.messages[0]["To"] == newcomer.email
    assert mailbox.messages[0]["Subject"] == "Set up your account for Case review notifications"
    sent = AuditEvent.objects.get(action="auth.password_setup_sent")
    assert (sent.actor, sent.object_id) == (administrator, str(newcomer.pk))

    client = Client()
    form = client.get(_reset_link(mailbox))["Location"]
    client.post(form, {"new_password1": "quiet river stone", "new_password2": "quiet river stone"})
    response = give_password(client, newcomer.email, "quiet river stone")
    assert response["Location"] == "/account/sign-in/set-up-app"


def test_only_an_administrator_may_send_a_set_up_email(
    business_manager: User, signed_in: SignIn, mailbox: Mailbox
) -> None:
    """Anyone else is refused and nothing is sent."""
    client = signed_in(business_manager)
    response = client.post(f"/administration/people/{business_manager.pk}/set-up-email")
    assert response.status_code == 403
    assert deliver_outbox() == 0
    assert mailbox.messages == []
