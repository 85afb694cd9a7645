"""The case page is the lowest app's page: it loads no tag library of an app above it;
each app registers its section (`casereviews.notifications.sections`)."""

from __future__ import annotations

import re
from pathlib import Path

from django.template import Engine

from casereviews.notifications.sections import sections_in

CASE_PAGE = (
    Path(__file__).resolve().parents[2]
    / "casereviews/notifications/templates/notifications/detail.html"
)
# The libraries of the case's own app and of the apps below it.
OWN_OR_LOWER = {"case_page": "casereviews.notifications", "frameworks": "casereviews.frameworks"}


def test_the_case_page_loads_no_tag_library_of_a_higher_app() -> None:
    loaded = {
        name
        for line in re.findall(r"{%\s*load ([^%]+)%}", CASE_PAGE.read_text())
        for name in line.split()
    }
    libraries = Engine.get_default().libraries  # name: the module it is in
    assert {name: libraries[name].rsplit(".templatetags.", 1)[0] for name in loaded} == (
        OWN_OR_LOWER
    )


def test_each_app_registers_its_section_in_the_order_of_the_procedure() -> None:
    assert [s.name for s in sections_in("main")] == [
        "actions",
        "review",
        "agencies",
        "deadlines",
        "decision",
        "panel_response",
        "single_agency",
        "escalation",
        "communications",
    ]
    assert [s.name for s in sections_in("top")] == ["verification_return"]
    assert [s.name for s in sections_in("status")] == ["status"]
    assert [s.name for s in sections_in("summary")] == ["verify_link"]
