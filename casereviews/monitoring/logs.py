"""Log lines as JSON, each with the id of the request it was written in
(docs/adr/0025-health-metrics-and-logs.md).

`LOG_FORMAT=json` writes one JSON object a line (time, level, logger, message,
request_id, and for a request's own line its page, method, status and duration), for a
hosting team's log shipper. Every handler keeps the `RedactingFilter`
(casereviews/accounts/redaction.py), which rewrites the message and any traceback before
this formatter sees them, so no password, code or child's identity reaches a line.

Like the redaction, this module is loaded by `logging.config` before Django is set up,
so it imports no Django.
"""

from __future__ import annotations

import datetime
import json
import logging
import re
from contextvars import ContextVar
from typing import Any

# The id of the request being served in this thread or task, for every line written
# while it is served (set by `casereviews.monitoring.middleware.RequestIdMiddleware`).
current_request_id: ContextVar[str] = ContextVar("current_request_id", default="")

# 8 to 32 letters, digits, '-', '_' or '.': a proxy's id (nginx's $request_id is 32 hex
# digits) kept whole in the audit trail's 32 characters; a hyphenated UUID is taken as
# its 32 hex digits. Anything else is replaced: a header is never trusted to be short.
_WELL_FORMED = re.compile(r"[A-Za-z0-9._-]{8,32}")
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")

# Extra fields a request's own line carries (`logger.info(..., extra={...})`).
_EXTRAS = ("view", "method", "status", "duration_ms")


def well_formed_request_id(value: str) -> str | None:
    """The incoming id to use, or None to make a new one."""
    if _UUID.fullmatch(value):
        return value.replace("-", "").lower()
    if _WELL_FORMED.fullmatch(value):
        return value
    return None


class JsonFormatter(logging.Formatter):
    """One JSON object a line."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": current_request_id.get() or None,
        }
        for name in _EXTRAS:
            if hasattr(record, name):
                line[name] = getattr(record, name)
        # The redaction filter has already formatted and redacted any traceback.
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            line["exception"] = record.exc_text
        return json.dumps(line, ensure_ascii=False, default=str)


def logging_config(*, log_format: str, level: str) -> dict[str, Any]:
    """`settings.LOGGING` for this format ("plain" or "json")."""
    if log_format not in {"plain", "json"}:
        raise ValueError(f"LOG_FORMAT must be plain or json, not {log_format!r}")
    return {
        "version": 1,
        "disable_existing_loggers": False,
        # Passwords, codes, tokens and a child's identity never reach a log line.
        "filters": {"redact": {"()": "casereviews.accounts.redaction.RedactingFilter"}},
        "formatters": {
            "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
            "json": {"()": "casereviews.monitoring.logs.JsonFormatter"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": log_format,
                "filters": ["redact"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Request bodies and SQL parameters may carry a child's identity: never log them.
            "django.db.backends": {"level": "WARNING"},
        },
    }
