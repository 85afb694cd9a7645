"""Every step page is built on the kit (docs/how-to/add-a-procedure-step.md): the URL
list is read, and a page that takes a post about a case or a record of the procedure
must be a `casereviews.kit.pages.StepPage`, so it fetches through the policy, puts a
refusal at its field and says why a step is gone the one way.

`NOT_YET` names the step pages still built by hand; it only shrinks: a page converted
and left in it fails too."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import URLPattern, URLResolver, get_resolver

from casereviews.kit.pages import StepPage
from casereviews.prepared.views import PrepareView

# Where the procedure's records live: the case, an agency's request, a LISG meeting,
# a lesson of a past review.
STEP_ROUTES = ("<str:reference>", "agency-requests/", "lisg-meetings/", "lessons/")

# Built before the kit; each to move onto it.
NOT_YET = {
    "assessments:verify",
    "assessments:themes",
    "involvement:lisg-agenda",
    "involvement:lisg-agenda-remove",
    "learning:lesson-findings",
}


def _patterns(
    patterns: list[URLPattern | URLResolver], route: str = "", namespace: str = ""
) -> Iterator[tuple[str, str, type]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            named = f"{namespace}:{inner}" if namespace and inner else namespace or inner
            yield from _patterns(pattern.url_patterns, route + str(pattern.pattern), named)
            continue
        view = getattr(pattern.callback, "view_class", None)
        if view is not None:
            name = f"{namespace}:{pattern.name}" if namespace else str(pattern.name)
            yield name, route + str(pattern.pattern), view


def step_pages() -> dict[str, type]:
    """The pages that take a post about a case or a record of the procedure (not the
    API, which answers with the services' refusals itself, nor the pages that ask the
    worker to prepare a document, which record no step: `casereviews.prepared`)."""
    return {
        name: view
        for name, route, view in _patterns(get_resolver().url_patterns)
        if hasattr(view, "post")
        and not issubclass(view, PrepareView)
        and not route.startswith("api/")
        and any(part in route for part in STEP_ROUTES)
    }


def test_the_url_list_has_step_pages_on_the_kit() -> None:
    pages = step_pages()
    assert len([v for v in pages.values() if issubclass(v, StepPage)]) >= 40
    assert set(pages) >= NOT_YET, "a page in NOT_YET is no longer in the URL list"


def test_every_step_page_is_built_on_the_kit() -> None:
    by_hand = {name for name, view in step_pages().items() if not issubclass(view, StepPage)}
    assert by_hand - NOT_YET == set(), "build these on casereviews.kit.pages.StepPage"


def test_the_not_yet_converted_list_only_shrinks() -> None:
    converted = {name for name, view in step_pages().items() if issubclass(view, StepPage)}
    assert converted & NOT_YET == set(), "converted: take these out of NOT_YET"
