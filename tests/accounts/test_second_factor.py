"""Signing in takes a password and then a second factor, for everyone."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from casereviews.accounts.models import User, UserSession
from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Board
from tests.accounts.conftest import CODE, actions, give_password
from tests.factories import NotificationFactory
from tests.helpers import current_code, enrolled

pytestmark = pytest.mark.django_db
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_a_password_alone_reaches_only_the_second_factor_pages(
    client: Client, business_manager: User, board: Board, administrator: User
) -> None:
    """After the password, the home page, a case page and administration all redirect to
    the code page; only the second-factor, sign-out and public pages answer."""
    enrolled(business_manager)
    case = NotificationFactory.create(board=board)
    give_password(client, business_manager.email)
    for path in (
        "/",
        f"/notifications/{case.reference}",
        "/administration/",
        "/administration/people/",
    ):
        response = client.get(path)
        assert (response.status_code, response["Location"]) == (302, CODE), path
    assert client.get(CODE).status_code == 200
    assert client.get("/account/sign-in/recovery-code").status_code == 200
    assert client.get("/account/signed-out").status_code == 200
    assert client.get("/accessibility").status_code == 200
    # A POST that would change something is refused the same way.
    response = client.post("/board/switch", {"board": board.pk})
    assert (response.status_code, response["Location"]) == (302, CODE)


def test_an_administrator_with_a_password_alone_cannot_reach_administration(
    client: Client, administrator: User
) -> None:
    """Administration needs the second factor too."""
    enrolled(administrator)
    give_password(client, administrator.email)
    response = client.get("/administration/people/")
    assert (response.status_code, response["Location"]) == (302, CODE)


def test_the_right_code_signs_the_person_in_and_is_audited(client: Client, notifier: User) -> None:
    """With the current code the person reaches the home page; the trail shows the
    password step and the sign-in with the method used."""
    device = enrolled(notifier)
    give_password(client, notifier.email)
    response = client.post(CODE, {"code": current_code(device)})
    assert (response.status_code, response["Location"]) == (302, "/")
    assert client.get("/").status_code == 200
    assert actions(actor=notifier) == ["auth.password_accepted", "auth.sign_in"]
    event = AuditEvent.objects.get(action="auth.sign_in")
    assert event.detail == {"method": "totp"}
    assert event.outcome == "success"


def test_sign_in_gives_a_new_session_key(client: Client, notifier: User) -> None:
    """The key a browser had before signing in is not the one it has after (fixation)."""
    enrolled(notifier)
    client.get("/account/sign-in")
    client.session.save()
    before = client.session.session_key
    give_password(client, notifier.email)
    after = client.session.session_key
    assert before
    assert after
    assert before != after
    assert UserSession.objects.filter(user=notifier, session_key=after).exists()


@pytest.mark.parametrize("method", ["code", "recovery code", "enrolment"])
def test_the_second_factor_gives_a_new_session_key_and_the_old_cookie_signs_no_one_in(
    client: Client, notifier: User, method: str
) -> None:
    """A cookie captured after the password step is worth nothing once the person has
    given their second factor (with a code, a recovery code or at enrolment)."""
    from casereviews.accounts.services import recovery_codes_replace, totp_enrolment_device

    device = enrolled(notifier) if method != "enrolment" else None
    codes = recovery_codes_replace(user=notifier)
    give_password(client, notifier.email)
    captured = client.cookies["sessionid"].value
    if method == "code":
        assert device is not None
        response = client.post(CODE, {"code": current_code(device)})
    elif method == "recovery code":
        response = client.post("/account/sign-in/recovery-code", {"code": codes[0]})
    else:
        client.get("/account/sign-in/set-up-app")
        pending = totp_enrolment_device(user=notifier)
        response = client.post("/account/sign-in/set-up-app", {"code": current_code(pending)})
    assert response.status_code == 302
    renewed = client.cookies["sessionid"].value
    assert renewed != captured
    assert client.get("/").status_code in {200, 302}
    assert client.get("/account/sign-in/code").status_code == 302  # verified: sent home

    thief = Client()
    thief.cookies["sessionid"] = captured
    response = thief.get("/")
    assert (response.status_code, response["Location"]) == (302, "/account/sign-in?next=/")
    # The new session is the one "sign out everywhere" knows about; the old one is gone.
    sessions = UserSession.objects.filter(user=notifier)
    assert list(sessions.values_list("session_key", flat=True)) == [renewed]


def test_a_wrong_code_is_refused_at_the_field_and_audited(client: Client, notifier: User) -> None:
    """A wrong code shows the GOV.UK error and leaves the person unverified."""
    enrolled(notifier)
    give_password(client, notifier.email)
    response = client.post(CODE, {"code": "000000"})
    assert response.status_code == 200
    assert "The code is not correct or has already been used" in response.text
    assert client.get("/")["Location"] == CODE
    failed = AuditEvent.objects.get(action="auth.second_factor_failed")
    assert (failed.actor, failed.outcome, failed.detail) == (
        notifier,
        "failed",
        {"method": "totp"},
    )


def test_a_code_that_is_not_six_digits_is_refused_without_counting(
    client: Client, notifier: User
) -> None:
    """ "12ab" is a typing mistake, answered at the field; no attempt is used up."""
    enrolled(notifier)
    give_password(client, notifier.email)
    response = client.post(CODE, {"code": "12ab"})
    assert "Enter the code as 6 numbers, like 123456" in response.text
    assert actions(action="auth.second_factor_failed") == []


def test_a_code_already_used_cannot_be_used_again(client: Client, notifier: User) -> None:
    """Replay: the same code, in the same 30 seconds, after signing out, is refused."""
    with time_machine.travel(START, tick=False):
        device = enrolled(notifier)
        code = current_code(device)
        give_password(client, notifier.email)
        assert client.post(CODE, {"code": code})["Location"] == "/"
        client.post("/account/sign-out")
        give_password(client, notifier.email)
        response = client.post(CODE, {"code": code})
        assert response.status_code == 200
        assert "already been used" in response.text
    device.refresh_from_db()
    assert device.last_t == int(START.timestamp()) // 30
    # The next code, half a minute later, works.
    with time_machine.travel(START + timedelta(seconds=35), tick=False):
        assert client.post(CODE, {"code": current_code(device)})["Location"] == "/"


def test_enrolment_on_first_sign_in_shows_the_key_and_gives_recovery_codes(
    client: Client, notifier: User
) -> None:
    """Someone with no app is sent to set one up: a QR code drawn inline (no other site, no
    inline style) and the key as text. A code from the app confirms it; ten recovery codes
    are shown once."""
    response = give_password(client, notifier.email)
    assert response["Location"] == "/account/sign-in/set-up-app"
    assert client.get("/")["Location"] == "/account/sign-in/set-up-app"
    page = client.get("/account/sign-in/set-up-app")
    svg = re.search(r"<svg .*?</svg>", page.text, re.S)
    assert svg is not None
    assert "style=" not in svg.group(0)
    assert "http" not in svg.group(0).replace("http://www.w3.org/2000/svg", "")
    device = TOTPDevice.objects.get(user=notifier, confirmed=False)
    secret = re.search(r'<code class="app-secret">([A-Z2-7 ]+)</code>', page.text)
    assert secret is not None
    import base64

    assert base64.b32decode(secret.group(1).replace(" ", "")) == device.bin_key

    response = client.post("/account/sign-in/set-up-app", {"code": current_code(device)})
    assert response["Location"] == "/account/recovery-codes"
    codes_page = client.get("/account/recovery-codes")
    codes = re.findall(r"<li><code>(\w+)</code></li>", codes_page.text)
    assert len(codes) == 10
    assert sorted(codes) == sorted(
        StaticToken.objects.filter(device__user=notifier).values_list("token", flat=True)
    )
    # Shown once only.
    assert client.get("/account/recovery-codes")["Location"] == "/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/").status_code == 200
    assert actions(actor=notifier) == [
        "auth.password_accepted",
        "auth.second_factor_enrolled",
        "auth.sign_in",
    ]


def test_enrolment_cannot_replace_an_app_already_set_up(client: Client, notifier: User) -> None:
    """Someone who knows only the password cannot enrol a new app of their own."""
    enrolled(notifier)
    give_password(client, notifier.email)
    response = client.get("/account/sign-in/set-up-app")
    assert response["Location"] == CODE
    response = client.post("/account/sign-in/set-up-app", {"code": "123456"})
    assert response["Location"] == CODE
    assert TOTPDevice.objects.filter(user=notifier).count() == 1


def test_a_wrong_enrolment_code_is_refused(client: Client, notifier: User) -> None:
    """The app is not confirmed by a wrong code."""
    give_password(client, notifier.email)
    client.get("/account/sign-in/set-up-app")
    response = client.post("/account/sign-in/set-up-app", {"code": "000000"})
    assert "The code is not correct" in response.text
    assert not TOTPDevice.objects.filter(user=notifier, confirmed=True).exists()
    assert actions(action="auth.second_factor_failed") == ["auth.second_factor_failed"]


def test_a_recovery_code_works_once(client: Client, notifier: User) -> None:
    """A recovery code signs the person in and is then used up."""
    from casereviews.accounts.services import recovery_codes_replace

    enrolled(notifier)
    codes = recovery_codes_replace(user=notifier)
    give_password(client, notifier.email)
    response = client.post("/account/sign-in/recovery-code", {"code": codes[0].upper()})
    assert response["Location"] == "/"
    assert StaticToken.objects.filter(device__user=notifier).count() == 9
    used = AuditEvent.objects.get(action="auth.recovery_code_used")
    assert used.detail == {"remaining": 9}
    assert AuditEvent.objects.get(action="auth.sign_in").detail == {"method": "recovery_code"}

    client.post("/account/sign-out")
    give_password(client, notifier.email)
    response = client.post("/account/sign-in/recovery-code", {"code": codes[0]})
    assert "The recovery code is not correct or has already been used" in response.text
    assert client.get("/")["Location"] == CODE


def test_a_password_alone_shows_no_navigation_or_board(
    client: Client, business_manager: User
) -> None:
    """The code page shows none of the service's menu or the person's boards, only a way
    to sign out."""
    enrolled(business_manager)
    give_password(client, business_manager.email)
    page = client.get(CODE)
    assert "Enter the 6-digit code from your authenticator app" in page.text
    assert "Use a recovery code instead" in page.text
    assert "Board cases" not in page.text
    assert business_manager.full_name not in page.text
    assert 'action="/account/sign-out"' in page.text
