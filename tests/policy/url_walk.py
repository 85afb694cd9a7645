"""The machinery of the URL walk (tests/policy/test_url_walk.py): every URL pattern the
project defines, a concrete URL for each, and the answer the policy expects."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db.models import Model
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.views import APIView

from casereviews.accounts.models import User
from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Board
from casereviews.learning.models import FiguresSnapshot
from casereviews.policy import PUBLIC, boards_for, may


@dataclass(frozen=True)
class Example:
    """How to request one URL pattern in the walk.

    - `kwargs`: the values of the pattern's parameters.
    - `obj`: for a scoped view, the object those values name (the policy is asked
      whether each person may see it).
    - `signed_in_status`: what a permitted, signed-in person gets when it is not 200,
      e.g. 302 from the sign-in page, which sends a signed-in person on.
    - `anonymous_status`: what someone not signed in gets when it is not the redirect to
      sign-in (an API answers 401 or 403 rather than redirecting).
    """

    kwargs: dict[str, Any] = field(default_factory=dict)
    obj: Model | None = None
    signed_in_status: int | Callable[[User], int] | None = None
    anonymous_status: int | None = None


@dataclass(frozen=True)
class Route:
    name: str
    route: str
    callback: Callable[..., Any]
    parameters: tuple[str, ...]


def _parameters(pattern: URLPattern | URLResolver) -> tuple[str, ...]:
    converters = getattr(pattern.pattern, "converters", None)
    if converters is not None:
        return tuple(converters)
    return tuple(re.compile(str(pattern.pattern)).groupindex)


def routes(patterns: list[Any] | None = None, namespace: str = "") -> Iterator[Route]:
    """Every URL pattern, recursively through includes, with its namespaced name."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from routes(pattern.url_patterns, inner)
        else:
            name = f"{namespace}{pattern.name}" if pattern.name else ""
            yield Route(name, str(pattern.pattern), pattern.callback, _parameters(pattern))


def answers_get(callback: Callable[..., Any]) -> bool:
    view_class = getattr(callback, "view_class", None)
    if view_class is None:
        return True
    return "get" in view_class.http_method_names and hasattr(view_class, "get")


def current_board(user: User) -> Board | None:
    # As CurrentBoardMiddleware chooses it for someone who has not switched.
    return boards_for(user).order_by("pk").first()


def token_only(route: Route) -> bool:
    """An API view signs people in by token alone: to it, a browser session is nobody."""
    view_class = getattr(route.callback, "cls", None)
    return view_class is not None and issubclass(view_class, APIView)


def expected_status(route: Route, example: Example, user: User | None) -> int:
    """What the policy says this person gets for GET on this URL."""
    if token_only(route):
        user = None
    permission = getattr(route.callback, "permission", None)  # set by PolicyMixin.as_view
    assert permission is not None, route
    scoped = getattr(route.callback, "scoped", False)
    get_allowed = answers_get(route.callback)
    if user is None:
        if permission == PUBLIC:
            return example.anonymous_status or (200 if get_allowed else 405)
        return example.anonymous_status or 302
    if permission == PUBLIC:
        allowed = True
    elif scoped:
        allowed = may(user, permission, example.obj)
    else:
        allowed = may(user, permission, board=current_board(user))
    if scoped and not get_allowed:
        # A POST-only page answers GET before looking anything up, the same for all.
        return 405
    if not allowed:
        return 404 if scoped else 403
    if not get_allowed:
        return 405
    status = example.signed_in_status
    return (status(user) if callable(status) else status) or 200


def declaration_problem(route: Route, example: Example | None) -> str | None:
    """Why this pattern cannot be walked, if it cannot: the test reports it."""
    where = f"URL pattern {route.route!r}"
    if not route.name:
        return f"{where} has no name: name it so the walk can give it an example"
    if not hasattr(route.callback, "permission"):
        return (
            f"{route.name} ({where}) declares no permission: its view must inherit "
            "casereviews.policy.views.PolicyMixin and name who may use it"
        )
    if route.parameters and example is None:
        return (
            f"{route.name} ({where}) has parameters {', '.join(route.parameters)} but no "
            "example: add one line to EXAMPLES in tests/policy/test_url_walk.py"
        )
    if getattr(route.callback, "scoped", False) and (example is None or example.obj is None):
        return (
            f"{route.name} is scoped: its line in EXAMPLES must name the object its URL "
            "names (Example({...}, obj))"
        )
    return None


def url_for(route: Route, example: Example) -> str:
    return reverse(route.name, kwargs=example.kwargs)


# A GET may write audit events (reads, refusals, exports) and may count the
# dashboards' figures afresh into their kept row when the last count is older
# than FIGURES_REFRESH (ADR 0019): a copy of figures, not a record anyone made.
UNCOUNTED = {AuditEvent, FiguresSnapshot}


def row_counts() -> dict[str, int]:
    """Rows of every model that a GET must not change."""
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        if model in UNCOUNTED or model._meta.label == "sessions.Session":
            continue
        counts[model._meta.label] = model._base_manager.count()
    return counts


def header_problems(response: Any, signed_in: bool) -> list[str]:
    """The security headers every response must carry (issue 3, headers and cookies)."""
    problems = []
    policy = response.headers.get("Content-Security-Policy", "")
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    for directive in ("object-src", "base-uri", "frame-ancestors"):
        if directives.get(directive) != ["'none'"]:
            problems.append(f"CSP {directive} is {directives.get(directive)}, not 'none'")
    script_src = directives.get("script-src", [])
    if not script_src or "'unsafe-inline'" in script_src:
        problems.append(f"CSP script-src is {script_src}")
    body = response.content.decode(errors="replace") if not response.streaming else ""
    page_nonces = set(re.findall(r"<script[^>]*\snonce=\"([^\"]+)\"", body))
    if "<script" in body:
        if not page_nonces:
            problems.append("a script in the page has no nonce")
        for nonce in page_nonces:
            if f"'nonce-{nonce}'" not in script_src:
                problems.append("the page's script nonce is not the one in the CSP header")
        inline = re.findall(r"<script(?![^>]*\ssrc=)(?![^>]*\snonce=)[^>]*>", body)
        if inline:
            problems.append(f"inline scripts without a nonce: {inline}")
    if response.headers.get("X-Content-Type-Options") != "nosniff":
        problems.append("no X-Content-Type-Options: nosniff")
    if not response.headers.get("Referrer-Policy"):
        problems.append("no Referrer-Policy")
    if signed_in and "no-store" not in response.headers.get("Cache-Control", ""):
        problems.append("a signed-in page without Cache-Control: no-store")
    return problems


def sign_in_url() -> str:
    return reverse(settings.LOGIN_URL)
