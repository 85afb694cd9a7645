"""Signing in with a password and a second factor, and ending sessions.

A person is signed in in two steps. After the password, Django's `login` makes them
authenticated but not verified: `SecondFactorMiddleware` lets them reach only the
second-factor pages. After a code from their authenticator app (or a recovery code),
`django_otp.login` marks the session verified and the session key is renewed again.
Every step writes the audit trail in the same transaction.
"""

from __future__ import annotations

from importlib import import_module

from django.conf import settings
from django.contrib.auth import login, logout
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from casereviews.accounts.addresses import client_address
from casereviews.accounts.models import SignInAttempt, User, UserSession
from casereviews.accounts.throttling import sign_in_attempt_record
from casereviews.audit.models import Outcome
from casereviews.audit.services import audit_record

SIGNED_IN_AT = "signed_in_at"
LAST_SEEN_AT = "last_seen_at"
RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_CODES_NAME = "Recovery codes"
Stage = SignInAttempt.Stage


def is_verified(user: object) -> bool:
    """Whether the person has given their second factor in this session (set on the
    request's user by django-otp's middleware)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def _second_factor_failed(request: HttpRequest, user: User, method: str) -> None:
    """A wrong code counts towards throttling and is audited, whichever page it came from."""
    sign_in_attempt_record(
        email=user.email,
        ip_address=client_address(request),
        stage=Stage.SECOND_FACTOR,
        succeeded=False,
    )
    audit_record(
        request=request,
        action="auth.second_factor_failed",
        actor=user,
        outcome=Outcome.FAILED,
        detail={"method": method},
    )


def _user_for(email: str) -> User | None:
    return User.objects.filter(email__iexact=email).first()


@transaction.atomic
def sign_in_password_failed(*, request: HttpRequest, email: str) -> None:
    """A wrong e-mail address or password. The address is kept only if it is a user's."""
    user = _user_for(email)
    sign_in_attempt_record(
        email=email, ip_address=client_address(request), stage=Stage.PASSWORD, succeeded=False
    )
    audit_record(
        request=request,
        action="auth.sign_in_failed",
        actor=user,
        outcome=Outcome.FAILED,
        detail={"stage": Stage.PASSWORD, **({"email": user.email} if user else {})},
    )


@transaction.atomic
def sign_in_throttled(*, request: HttpRequest, email: str, stage: str) -> None:
    """An attempt refused without checking anything, because of earlier failures."""
    user = _user_for(email)
    audit_record(
        request=request,
        action="auth.sign_in_throttled",
        actor=user,
        outcome=Outcome.DENIED,
        detail={"stage": stage, **({"email": user.email} if user else {})},
    )


@transaction.atomic
def sign_in_password_accepted(*, request: HttpRequest, user: User) -> None:
    """The first step: authenticated, not yet verified. Django gives a new session key."""
    login(request, user, backend="casereviews.accounts.backends.SignedInBackend")
    now = timezone.now().timestamp()
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN_AT] = now
    request.session.save()
    assert request.session.session_key is not None
    UserSession.objects.update_or_create(
        session_key=request.session.session_key, defaults={"user": user}
    )
    audit_record(request=request, action="auth.password_accepted", actor=user)


def totp_device(user: User) -> TOTPDevice | None:
    """The person's confirmed authenticator app, if they have enrolled one."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


@transaction.atomic
def sign_in_second_factor_verify(
    *, request: HttpRequest, user: User, code: str, recovery: bool = False
) -> bool:
    """Check a code from the authenticator app (or a recovery code) and finish signing in.

    Each code works once: django-otp keeps the last time step used (`last_t`) and deletes
    a recovery code when it is used.
    """
    device: TOTPDevice | StaticDevice | None
    if recovery:
        device = StaticDevice.objects.filter(user=user, confirmed=True).first()
        code = code.replace(" ", "").replace("-", "").lower()
    else:
        device = totp_device(user)
        code = code.replace(" ", "")
    if device is None or not device.verify_token(code):
        _second_factor_failed(request, user, "recovery_code" if recovery else "totp")
        return False
    if recovery:
        audit_record(
            request=request,
            action="auth.recovery_code_used",
            actor=user,
            detail={"remaining": StaticToken.objects.filter(device=device).count()},
        )
    _verified(
        request=request, user=user, device=device, method="recovery_code" if recovery else "totp"
    )
    return True


def _verified(
    *, request: HttpRequest, user: User, device: TOTPDevice | StaticDevice, method: str
) -> None:
    otp_login(request, device)
    _session_renew(request=request, user=user)
    sign_in_attempt_record(
        email=user.email,
        ip_address=client_address(request),
        stage=Stage.SECOND_FACTOR,
        succeeded=True,
    )
    audit_record(request=request, action="auth.sign_in", actor=user, detail={"method": method})


def _session_renew(*, request: HttpRequest, user: User) -> None:
    """A new session key once the second factor is given: a cookie captured after the
    password step must not become a signed-in session. The session's contents stay."""
    old_key = request.session.session_key
    request.session.cycle_key()
    new_key = request.session.session_key
    assert new_key is not None
    UserSession.objects.filter(session_key=old_key).delete()
    UserSession.objects.update_or_create(session_key=new_key, defaults={"user": user})


def totp_enrolment_device(*, user: User) -> TOTPDevice:
    """The unconfirmed device whose secret is shown at enrolment (the same on reload)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    return device


@transaction.atomic
def totp_enrolment_confirm(*, request: HttpRequest, user: User, code: str) -> list[str] | None:
    """Confirm the new authenticator app with a code from it.

    Returns the new recovery codes (shown once), or None if the code was wrong.
    Only for a person with no confirmed device: enrolment never replaces a second factor.
    """
    if totp_device(user) is not None:
        return None
    device = totp_enrolment_device(user=user)
    if not device.verify_token(code.replace(" ", "")):
        _second_factor_failed(request, user, "enrolment")
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = recovery_codes_replace(user=user)
    audit_record(request=request, action="auth.second_factor_enrolled", actor=user)
    _verified(request=request, user=user, device=device, method="totp")
    return codes


def recovery_codes_replace(*, user: User) -> list[str]:
    """Ten new single-use recovery codes; any earlier ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_CODES_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def user_sessions_end(*, user: User) -> int:
    """End every session the person is signed in with, on any computer. Returns how many."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    for key in keys:
        store(session_key=key).delete()
    UserSession.objects.filter(user=user).delete()
    return len(keys)


@transaction.atomic
def sign_out(*, request: HttpRequest) -> None:
    """Sign out here and everywhere else the person is signed in."""
    user = request.user
    if isinstance(user, User):
        audit_record(request=request, action="auth.sign_out", actor=user)
        user_sessions_end(user=user)
    logout(request)


@transaction.atomic
def session_expire(*, request: HttpRequest, reason: str) -> None:
    """End a session that was idle too long or has reached its absolute limit."""
    user = request.user
    if isinstance(user, User):
        audit_record(
            request=request, action="auth.session_expired", actor=user, detail={"reason": reason}
        )
        UserSession.objects.filter(session_key=request.session.session_key).delete()
    logout(request)
