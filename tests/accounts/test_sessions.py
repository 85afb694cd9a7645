"""Sessions end after 30 minutes idle or 12 hours in all, and on signing out or being
disabled, everywhere at once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.test import Client

from casereviews.accounts.models import User, UserSession
from casereviews.audit.models import AuditEvent
from tests.accounts.conftest import actions, sign_in_fully
from tests.helpers import SignIn, enrolled

pytestmark = pytest.mark.django_db
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_thirty_minutes_idle_signs_the_person_out(client: Client, notifier: User) -> None:
    """29 minutes between clicks is fine; 30 signs them out with a clear message."""
    device = enrolled(notifier)
    with time_machine.travel(START, tick=False) as traveller:
        sign_in_fully(client, notifier, device)
        traveller.shift(timedelta(minutes=29))
        assert client.get("/").status_code == 200
        traveller.shift(timedelta(minutes=30))
        response = client.get("/")
        assert response["Location"] == "/account/signed-out?reason=idle"
        page = client.get(response["Location"])
        assert "You have been signed out" in page.text
        assert "you have not used the service for 30 minutes" in page.text
        assert client.get("/")["Location"].startswith("/account/sign-in")
    expired = AuditEvent.objects.get(action="auth.session_expired")
    assert (expired.actor, expired.detail) == (notifier, {"reason": "idle"})
    assert not UserSession.objects.filter(user=notifier).exists()


def test_the_session_is_written_at_most_once_a_minute(client: Client, notifier: User) -> None:
    """Every write of the session is a commit: clicks within a minute of the last one
    recorded leave it as it is; the next click after a minute records the time again."""
    device = enrolled(notifier)
    with time_machine.travel(START, tick=False) as traveller:
        sign_in_fully(client, notifier, device)
        saved = Session.objects.get().session_data
        for _ in range(3):
            traveller.shift(timedelta(seconds=15))
            assert client.get("/").status_code == 200
            assert Session.objects.get().session_data == saved
        traveller.shift(timedelta(seconds=20))
        assert client.get("/").status_code == 200
        assert Session.objects.get().session_data != saved


def test_idle_time_is_never_counted_short(client: Client, notifier: User) -> None:
    """A click within the minute is not recorded, so the idle limit counts from the last
    recorded click: a person may be signed out up to a minute early, never late."""
    device = enrolled(notifier)
    with time_machine.travel(START, tick=False) as traveller:
        sign_in_fully(client, notifier, device)
        traveller.shift(timedelta(seconds=50))
        assert client.get("/").status_code == 200
        traveller.shift(timedelta(minutes=29, seconds=10))
        assert client.get("/")["Location"] == "/account/signed-out?reason=idle"


def test_twelve_hours_signs_the_person_out_however_busy(client: Client, notifier: User) -> None:
    """Clicking every 20 minutes keeps the session alive until 12 hours from sign-in."""
    device = enrolled(notifier)
    with time_machine.travel(START, tick=False) as traveller:
        sign_in_fully(client, notifier, device)
        for _ in range(35):  # 11 hours 40 minutes
            traveller.shift(timedelta(minutes=20))
            assert client.get("/").status_code == 200
        traveller.shift(timedelta(minutes=20))
        response = client.get("/")
        assert response["Location"] == "/account/signed-out?reason=limit"
        assert "signed in for 12 hours" in client.get(response["Location"]).text
    assert AuditEvent.objects.get(action="auth.session_expired").detail == {"reason": "limit"}


def test_signing_out_ends_every_session_of_that_person(notifier: User, board: object) -> None:
    """Signed in on two computers, signing out on one signs out both; the trail says so."""
    device = enrolled(notifier)
    with time_machine.travel(START, tick=False) as traveller:
        first, second = Client(), Client()
        sign_in_fully(first, notifier, device)
        traveller.shift(timedelta(seconds=31))
        sign_in_fully(second, notifier, device)
        assert UserSession.objects.filter(user=notifier).count() == 2
        response = first.post("/account/sign-out")
        assert response["Location"] == "/account/signed-out"
        assert "You have signed out" in first.get("/account/signed-out").text
        assert first.get("/")["Location"].startswith("/account/sign-in")
        assert second.get("/")["Location"].startswith("/account/sign-in")
    assert not UserSession.objects.filter(user=notifier).exists()
    assert Session.objects.count() == 0
    assert actions(action="auth.sign_out", actor=notifier) == ["auth.sign_out"]


def test_signing_out_is_a_post(client: Client, notifier: User) -> None:
    """A link or image cannot sign someone out: GET is not allowed."""
    device = enrolled(notifier)
    sign_in_fully(client, notifier, device)
    assert client.get("/account/sign-out").status_code == 405
    assert client.get("/").status_code == 200


def test_disabling_a_person_ends_their_sessions(
    notifier: User, administrator: User, signed_in: SignIn
) -> None:
    """An administrator unticks "Can sign in": the person's open session ends at once."""
    device = enrolled(notifier)
    with time_machine.travel(START, tick=False):
        theirs = Client()
        sign_in_fully(theirs, notifier, device)
        admin = signed_in(administrator)
        response = admin.post(
            f"/administration/people/{notifier.pk}/edit",
            {
                "email": notifier.email,
                "full_name": notifier.full_name,
                "organisation": notifier.organisation_id,
                "job_title": "",
            },
        )
        assert response.status_code == 302, response.content
        notifier.refresh_from_db()
        assert not notifier.is_active
        assert not UserSession.objects.filter(user=notifier).exists()
        assert not Session.objects.filter(session_key__in=[theirs.session.session_key]).exists()
        assert theirs.get("/")["Location"].startswith("/account/sign-in")


def test_a_closed_account_is_signed_out_even_where_its_session_was_kept(
    client: Client, notifier: User
) -> None:
    """Each page reads the person afresh (with their organisation, which the header
    names): an account closed by any route, its sessions not ended, signs in no more."""
    device = enrolled(notifier)
    with time_machine.travel(START, tick=False):
        sign_in_fully(client, notifier, device)
        page = client.get("/")
        assert f"{notifier.full_name}, {notifier.organisation.name}" in page.text
        User.objects.filter(pk=notifier.pk).update(is_active=False)
        assert client.get("/")["Location"].startswith("/account/sign-in")
