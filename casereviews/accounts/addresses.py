"""The address a request came from, for throttling and the audit trail.

Behind a reverse proxy every connection comes from the proxy, so the client's address
is read from `X-Forwarded-For` — but only the entries our own proxies added:
`TRUSTED_PROXY_COUNT` is how many reverse proxies stand in front of the service (0, the
default, means none: the header is ignored, since anyone can send it). Each proxy
appends the address it was connected from, so the client is the entry that many places
from the right; whatever the client wrote further left is never believed. django-ipware
does the parsing.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest
from ipware import get_client_ip

from casereviews.audit.models import AuditEvent


def client_address(request: HttpRequest) -> str | None:
    """The client's address as the database stores it (IPv6 compressed), or None."""
    proxies = settings.TRUSTED_PROXY_COUNT
    address: str | None = None
    if proxies > 0:
        # ipware counts the proxies listed in the header; the last proxy is the one
        # connected to us (REMOTE_ADDR), which it does not list.
        address, _ = get_client_ip(
            request,
            proxy_order="left-most",
            proxy_count=proxies - 1,
            request_header_order=["HTTP_X_FORWARDED_FOR"],
            strict=False,
        )
    address = address or request.META.get("REMOTE_ADDR") or None
    if address is None:
        return None
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return None  # e.g. a Unix socket: no address to count or record
    # Stored as the database will give it back (IPv6 compressed), so the hash verifies.
    return str(AuditEvent._meta.get_field("ip_address").get_prep_value(address))
