"""For `make bench` only: the service with the audit chain bypassed, to measure what the
chain costs. Every event is still written, numbered from a PostgreSQL sequence instead
of the chain's head under its lock, and carries no link to the event before it, so the
chain of a database served this way no longer verifies: use it on bench data only.
Nothing in the service imports this; gunicorn is pointed at it by scripts/bench.py.
"""

from __future__ import annotations

import os
from typing import Any

from django.core.wsgi import get_wsgi_application
from django.db import connection

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casereviews.settings")
application: Any = get_wsgi_application()

from casereviews.audit import chain, services  # noqa: E402  (needs the apps loaded)

_SEQUENCE = "bench_audit_bypass_blocks"
# Far beyond any chained event's number, so the two never meet, and beyond the numbers
# of the one-at-a-time sequence this replaced (from 10**12), which bench databases hold.
_FIRST = 2 * 10**12
# One request may append several events at once, numbered on from the head: each takes a
# block of numbers, so that two requests' events never share one.
_BLOCK = 1000


def _no_lock() -> None:
    return None


def _numbered_head() -> tuple[int, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE SEQUENCE IF NOT EXISTS {_SEQUENCE} START {_FIRST} INCREMENT {_BLOCK}"
        )
        cursor.execute("SELECT nextval(%s)", [_SEQUENCE])
        (number,) = cursor.fetchone()
    return int(number) - 1, chain.GENESIS


# `audit_record` finds these two by name in its module when it runs.
setattr(services, "lock_for_append", _no_lock)  # noqa: B010
setattr(services, "chain_head", _numbered_head)  # noqa: B010
