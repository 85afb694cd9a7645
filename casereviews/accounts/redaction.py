"""Keeps secrets and a child's identity out of the logs.

`RedactingFilter` is installed on every handler in `settings.LOGGING`. It rewrites each
record's message (and any traceback) before it is formatted, replacing:

- the value of any sensitive key, in a query string (`password=…`), a dict or JSON
  (`'nhs_number': '…'`) or a keyword (`token=…`): passwords, codes, tokens, secrets,
  session ids, and the fields that name a child;
- anything that looks like an NHS number (ten digits, optionally spaced 3-3-4);
- anything that looks like a date (a date of birth cannot be told from any other date);
- the token in a password link.

It is imported by `logging.config` before Django is set up, so it imports no Django.
"""

from __future__ import annotations

import logging
import re

REDACTED = "[redacted]"

SENSITIVE_KEYS = (
    "password",
    "passwd",
    "secret",
    "token",
    "otp_token",
    "code",
    "csrfmiddlewaretoken",
    "sessionid",
    "session_key",
    "child_name",
    "first_name",
    "last_name",
    "date_of_birth",
    "nhs_number",
    # The names the notification's own fields use (Child, FamilyMember, Notification).
    "full_name",
    "other_names",
    "address",
    "date_of_death",
    "incident_place",
    "incident_with_whom",
    "what_happened",
)
# Any key that contains one of the words above (new_password1, recovery_code, reset_token…).
_KEY = r"[\w-]*(?:" + "|".join(re.escape(key) for key in SENSITIVE_KEYS) + r")[\w-]*"

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # The token in a password link (a logged request path).
    (re.compile(r"(?P<path>/password-reset/)(?!sent\b)[^\s\"'?]+"), rf"\g<path>{REDACTED}"),
    # 'key': 'value' and "key": "value" (dict reprs and JSON).
    (
        re.compile(
            r"""(?P<key>(['"])""" + _KEY + r"""\2\s*:\s*)(?:'[^']*'|"[^"]*"|[^,}\s]+)""", re.I
        ),
        rf"\g<key>'{REDACTED}'",
    ),
    # key=value in query strings, form bodies and keyword arguments.
    (
        re.compile(r"(?P<key>\b" + _KEY + r"\s*=\s*)(?:'[^']*'|\"[^\"]*\"|[^&\s,;)]+)", re.I),
        rf"\g<key>{REDACTED}",
    ),
    # NHS number: 10 digits, optionally spaced or hyphenated 3-3-4.
    (re.compile(r"(?<![\w-])\d{3}([ -]?)\d{3}\1\d{4}(?![\w-])"), REDACTED),
    # Dates: 2015-03-07, 07/03/2015, 7.3.2015, 7-3-15, 7 March 2015, 7 Mar 2015.
    (re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b"), REDACTED),
    (re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b"), REDACTED),
    (
        re.compile(
            r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)"
            r"[a-z]*\.?,?\s+\d{4}\b",
            re.I,
        ),
        REDACTED,
    ),
)


def redact(text: str) -> str:
    """The text with every sensitive value replaced by `[redacted]`."""
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFilter(logging.Filter):
    """Rewrites a record so no handler can write a secret or a child's identity."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = f"{record.msg} {record.args}"
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
            # The formatter would otherwise format the original exception again.
            record.exc_info = None
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
