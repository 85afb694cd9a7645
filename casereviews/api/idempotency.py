"""Idempotency keys: a retried request gets the answer of the first; the same key with a
different request is refused, rather than answered with the first one's result while the
new content is silently dropped."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from casereviews.accounts.models import User
from casereviews.api.models import IdempotencyKey

KEY_REUSED = (
    "This Idempotency-Key (or client_reference) was already used for a different request. "
    "Send the same request again to get what it made, or use a new key"
)


class IdempotencyKeyReused(Exception):
    """The key came before with a different request."""


def request_hash(data: Any) -> str:
    """SHA-256 of the request's JSON, the same whatever the order of its keys or spacing."""
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


@contextmanager
def idempotency_key_held(*, user: User, key: str, data: Any) -> Iterator[None]:
    """Hold `key` for this request while the body runs.

    The first request with a key records the hash of its body; a later one with the same
    key and another body raises `IdempotencyKeyReused`. If the first request fails (its
    answers refused, or an error), its key is let go, so the corrected request may use it.
    """
    if not key:
        yield
        return
    fingerprint = request_hash(data)
    held, created = IdempotencyKey.objects.get_or_create(
        user=user, key=key, defaults={"request_hash": fingerprint}
    )
    if not created and not hmac.compare_digest(held.request_hash, fingerprint):
        raise IdempotencyKeyReused(KEY_REUSED)
    try:
        yield
    except BaseException:
        if created:
            held.delete()
        raise
