"""No log line carries a password, a code, a token or a child's identity."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest
from django.test import Client

from casereviews.accounts.redaction import RedactingFilter


@pytest.fixture
def log_output() -> Iterator[io.StringIO]:
    """What the configured handlers write, captured from the handlers themselves."""
    handlers = [
        handler
        for handler in logging.getLogger().handlers
        if isinstance(handler, logging.StreamHandler)
        and any(isinstance(f, RedactingFilter) for f in handler.filters)
    ]
    assert handlers, "settings.LOGGING installs the redacting filter on the root handler"
    stream = io.StringIO()
    previous = [handler.setStream(stream) for handler in handlers]
    try:
        yield stream
    finally:
        for handler, old in zip(handlers, previous, strict=True):
            handler.setStream(old)


@pytest.mark.parametrize(
    ("message", "args", "secret"),
    [
        ("POST body %s", ("username=a%40b.org&password=hunter2hunter2",), "hunter2hunter2"),
        ("form %r", ({"code": "123456", "email": "a@b.org"},), "123456"),
        ("json %s", ('{"otp_token": "654321"}',), "654321"),
        ("reset token=%s", ("dinkdm-4fa463a7e7dface7",), "dinkdm-4fa463a7e7dface7"),
        ("child %s", ("{'child_name': 'Daisy Example'}",), "Daisy"),
        ("child %r", ({"first_name": "Daisy", "last_name": "Example"},), "Example"),
        ("query %s", ("?nhs_number=9434765919&x=1",), "9434765919"),
        ("NHS number %s given", ("943 476 5919",), "943 476 5919"),
        ("NHS number %s given", ("9434765919",), "9434765919"),
        ("born %s", ("07/03/2015",), "07/03/2015"),
        ("born %s", ("2015-03-07",), "2015-03-07"),
        ("born %s", ("7 March 2015",), "7 March 2015"),
        ("dob %r", ({"date_of_birth": "2015-03-07"},), "2015"),
        ("child %r", ({"full_name": "Kacey Hollins", "sex": "female"},), "Kacey"),
        ("child %r", ({"other_names": "Kacey Smith"},), "Smith"),
        ("child %s", ("address=12+Example+Road&sex=female",), "Example+Road"),
        ("answers %r", ({"incident_with_whom": "Her uncle Ted"},), "Ted"),
        ("answers %r", ({"what_happened": "Found by Ted"},), "Found by Ted"),
        ("GET %s", ("/account/password-reset/Mg/dinkdm-4fa463a7",), "dinkdm-4fa463a7"),
    ],
)
def test_sensitive_values_are_redacted(
    log_output: io.StringIO, message: str, args: tuple[object, ...], secret: str
) -> None:
    """The value is replaced by [redacted]; the rest of the line is kept."""
    logging.getLogger("casereviews.test").warning(message, *args)
    written = log_output.getvalue()
    assert secret not in written
    assert "[redacted]" in written
    assert message.split(" ")[0] in written


def test_an_exception_traceback_is_redacted(log_output: io.StringIO) -> None:
    """A traceback quoting a value is redacted too."""
    try:
        raise ValueError("bad nhs_number=9434765919")
    except ValueError:
        logging.getLogger("casereviews.test").exception("failed")
    written = log_output.getvalue()
    assert "9434765919" not in written
    assert "ValueError" in written


def test_ordinary_lines_are_left_alone(log_output: io.StringIO) -> None:
    """References, counts and request ids are not mistaken for secrets."""
    logging.getLogger("casereviews.test").info(
        "Notification BF-2026-0001 submitted, 3 agencies asked, request 4f1c9a0b2e"
    )
    assert (
        "Notification BF-2026-0001 submitted, 3 agencies asked, request 4f1c9a0b2e"
        in log_output.getvalue()
    )


@pytest.mark.django_db
def test_a_failed_request_logs_no_token(log_output: io.StringIO) -> None:
    """Django's own request log: a reset link's token never appears."""
    logging.getLogger("django.request").setLevel(logging.WARNING)
    Client().get("/account/password-reset/Mg/dinkdm-4fa463a7/unknown")
    written = log_output.getvalue()
    assert "Not Found" in written
    assert "dinkdm-4fa463a7" not in written
