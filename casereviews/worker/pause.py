"""Named points of the worker's cycle where a test can stop it dead.

With the setting `WORKER_PAUSE_AT` (environment variable of the same name) set to one of
`POINTS`, the worker writes `worker paused at <point>` to standard error on reaching it and
then sleeps until it is killed, so a test can SIGKILL it at exactly that moment. Unset (as
everywhere but those tests), `pause_point` does nothing.
"""

from __future__ import annotations

import sys
import time

from django.conf import settings

POINTS = frozenset(
    {
        "reminder_recorded",  # a reminder step and its e-mail committed, nothing sent yet
        "before_send",  # e-mails claimed with a lease, none sent
        "after_send",  # one e-mail accepted by the SMTP server, not yet marked sent
        "after_record",  # one e-mail marked sent
    }
)


def pause_point(name: str) -> None:
    assert name in POINTS, name
    if getattr(settings, "WORKER_PAUSE_AT", "") != name:
        return
    sys.stderr.write(f"worker paused at {name}\n")
    sys.stderr.flush()
    while True:
        time.sleep(60)
