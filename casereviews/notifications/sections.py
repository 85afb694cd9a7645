"""The case page's sections, registered by the app that owns each.

The case page is the lowest app's page, and most of what it shows belongs to apps above
it (the next steps, the review, the agencies, the decision…). So the page loads no tag
library of theirs: each app registers its section here from its `AppConfig.ready()`,
and the page renders the sections of each place in it, in order
(`{% case_sections notification "main" %}`, `notifications/templatetags/case_page.py`).

    register_section(
        "review", template="reviews/includes/case_review.html", order=20, context=case_review
    )

`context(context, case)` gives the section's template its values (the page's context is
there for the request and the person). A section whose records most cases lack also
names them with `holdings.register_holding`, so the page asks nothing when there are
none (docs/adr/0006-layers-and-registries.md)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from casereviews.notifications.models import Notification

SectionContext = Callable[[Any, Notification], dict[str, Any]]
# The places on the case page: above the heading, the status line, after the summary
# list, and the sections of the case below it.
PLACES = ("top", "status", "summary", "main")


@dataclass(frozen=True)
class Section:
    name: str
    place: str
    order: int
    template: str
    context: SectionContext


_SECTIONS: dict[str, Section] = {}


def register_section(
    name: str, *, template: str, order: int, context: SectionContext, place: str = "main"
) -> None:
    if name in _SECTIONS:
        raise ValueError(f"Case section {name!r} is already registered")
    if place not in PLACES:
        raise ValueError(f"Case section {name!r}: no place {place!r} on the case page")
    _SECTIONS[name] = Section(name, place, order, template, context)


def sections_in(place: str) -> list[Section]:
    return sorted(
        (s for s in _SECTIONS.values() if s.place == place), key=lambda s: (s.order, s.name)
    )
