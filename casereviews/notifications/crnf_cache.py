"""The case page keeps the rendered CRNF A of a submitted case by its version, so that
each read does not build and draw it again (the largest part of the page's cost).

What makes this safe: the fragment depends only on the case (`crnf_sections` takes no
reader), it is shown only after the policy has let the reader see the case, and its key
is the case's number, its version and the time its row was last written. Every change to
a submitted case's children, family, answers or documents makes a new version
(`crnf_changed`, called by each of those services), and every transition does too. A
draft is drawn afresh on every read.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db.models import F
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from casereviews.notifications.models import Notification, Status
from casereviews.notifications.summary import crnf_sections

TEMPLATE = "notifications/includes/crnf_sections.html"
# Bump when the fragment's template or `crnf_sections` change what they draw.
LAYOUT = 1


def crnf_changed(notification: Notification) -> None:
    """A submitted case's CRNF A changed: it takes a new version (in the caller's
    transaction). A draft's version is left alone (it is submitted with the version its
    notifier last saw)."""
    if notification.status == Status.DRAFT:
        return
    Notification.objects.filter(pk=notification.pk).update(version=F("version") + 1)
    notification.refresh_from_db(fields=["version"])


def crnf_key(notification: Notification) -> str:
    stamp = notification.updated_at.timestamp() if notification.updated_at else 0
    return f"crnf:{LAYOUT}:{notification.pk}:{notification.version}:{stamp}"


def crnf_fragment(notification: Notification) -> SafeString:
    """The CRNF A's sections drawn, from the cache when the case is submitted. Only for a
    reader the policy has already let see the case."""
    if notification.status == Status.DRAFT:
        return mark_safe(render_to_string(TEMPLATE, {"sections": crnf_sections(notification)}))  # noqa: S308
    key = crnf_key(notification)
    kept = cache.get(key)
    if isinstance(kept, str):
        return mark_safe(kept)  # noqa: S308  (drawn by our own template, escaped there)
    drawn = str(render_to_string(TEMPLATE, {"sections": crnf_sections(notification)}))
    cache.set(key, drawn, settings.CRNF_CACHE_SECONDS)
    return mark_safe(drawn)  # noqa: S308  (drawn by our own template, escaped there)
